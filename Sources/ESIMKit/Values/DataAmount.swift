/// An amount of mobile data as a carrier states it: a number with the unit as written,
/// or unlimited.
///
/// **Convention for arithmetic:** carriers' usage meters count 1 GB as 1,024 MB and
/// 1 MB as 1,024 KB, so `KB`, `MB`, `GB` and `TB` here are binary multiples, the same
/// as `KiB`, `MiB`, `GiB` and `TiB`. ``bytes`` applies that; ``value`` and ``unit`` keep
/// what the page said.
public enum DataAmount: Hashable, Sendable {
    case amount(ExactDecimal, DataUnit)
    case unlimited

    public enum DataUnit: String, Hashable, Sendable, CaseIterable, Codable {
        case bytes = "B", kilobytes = "KB", megabytes = "MB", gigabytes = "GB", terabytes = "TB"
        case kibibytes = "KiB", mebibytes = "MiB", gibibytes = "GiB", tebibytes = "TiB"

        /// Bytes in one unit (binary, see ``DataAmount``).
        public var multiplier: Int64 {
            switch self {
            case .bytes: return 1
            case .kilobytes, .kibibytes: return 1 << 10
            case .megabytes, .mebibytes: return 1 << 20
            case .gigabytes, .gibibytes: return 1 << 30
            case .terabytes, .tebibytes: return 1 << 40
            }
        }
    }

    /// The number of bytes, exactly; `nil` for unlimited (or beyond Int64).
    public var bytes: ExactDecimal? {
        guard case .amount(let value, let unit) = self else { return nil }
        return value.multiplied(by: unit.multiplier)
    }

    public var isUnlimited: Bool { self == .unlimited }

    /// Reads `3.2 GB`, `512MB`, `1.5 GiB`, `7,657 MB`, `0 KB`, `Unlimited`.
    public init(_ text: String) throws(ValueError) {
        let scalars = ValueText.scalars(text)
        var index = 0
        ValueText.skipSpaces(scalars, &index)
        guard index < scalars.count else { throw ValueError(.empty, "no data amount", offset: 0) }
        if ValueText.isLetter(scalars[index]) {
            let (word, end) = ValueText.word(scalars, at: index)
            guard word == "unlimited" else { throw ValueError(.noNumber, "expected an amount of data or 'Unlimited'", offset: index) }
            var rest = end
            ValueText.skipSpaces(scalars, &rest)
            // "Unlimited", "Unlimited data".
            if rest < scalars.count {
                let (next, nextEnd) = ValueText.word(scalars, at: rest)
                var after = nextEnd
                ValueText.skipSpaces(scalars, &after)
                guard next == "data", after == scalars.count else {
                    throw ValueError(.unexpectedText, "unexpected text after 'Unlimited'", offset: rest)
                }
            }
            self = .unlimited
            return
        }
        if scalars[index] == "-" { throw ValueError(.negativeAmount, "an amount of data cannot be negative", offset: index) }
        guard NumberScanner.isDigit(scalars[index]) || scalars[index] == "." else {
            throw ValueError(.noNumber, "expected an amount of data", offset: index)
        }
        let (number, numberEnd) = try NumberScanner(scalars: scalars).scan(at: index)
        index = numberEnd
        ValueText.skipSpaces(scalars, &index)
        guard index < scalars.count else { throw ValueError(.missingUnit, "the amount has no unit (GB, MB, …)", offset: index) }
        let unitStart = index
        var unitText = ""
        while index < scalars.count, ValueText.isLetter(scalars[index]) {
            unitText.unicodeScalars.append(scalars[index])
            index += 1
        }
        guard let unit = Self.unit(unitText) else {
            throw ValueError(.unknownUnit, "'\(unitText)' is not a data unit", offset: unitStart)
        }
        ValueText.skipSpaces(scalars, &index)
        guard index == scalars.count else {
            throw ValueError(.unexpectedText, "unexpected text after the amount", offset: index)
        }
        self = .amount(number, unit)
    }

    static func unit(_ text: String) -> DataUnit? {
        switch text {
        case "KiB", "kiB": return .kibibytes
        case "MiB": return .mebibytes
        case "GiB": return .gibibytes
        case "TiB": return .tebibytes
        default: break
        }
        switch text.lowercased() {
        case "b", "byte", "bytes": return .bytes
        case "k", "kb", "kilobyte", "kilobytes": return .kilobytes
        case "m", "mb", "megabyte", "megabytes", "meg", "megs": return .megabytes
        case "g", "gb", "gig", "gigs", "gigabyte", "gigabytes": return .gigabytes
        case "t", "tb", "terabyte", "terabytes": return .terabytes
        default: return nil
        }
    }
}

extension DataAmount: CustomStringConvertible {
    /// `3.2 GB`, `Unlimited`: reads back as an equal value.
    public var description: String {
        switch self {
        case .unlimited: return "Unlimited"
        case .amount(let value, let unit): return "\(value) \(unit.rawValue)"
        }
    }
}
