#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The time now, and the local time zone's offset from UTC.
package enum Clock {
    /// Whole seconds since 1970-01-01 UTC.
    package static var secondsSince1970: Int64 { Int64(time(nil)) }

    /// The local offset from UTC in seconds at about `seconds` since 1970 (0 when the
    /// system cannot tell).
    package static func utcOffset(near seconds: Int64) -> Int {
        var value = time_t(seconds)
        var parts = tm()
        guard localtime_r(&value, &parts) != nil else { return 0 }
        return Int(parts.tm_gmtoff)
    }

    /// The local calendar day now, as year, month (1–12) and day (1–31).
    package static var localDay: (year: Int, month: Int, day: Int)? {
        var now = time(nil)
        var parts = tm()
        guard localtime_r(&now, &parts) != nil else { return nil }
        return (Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
    }
}
