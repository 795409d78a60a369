#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Values made once per thread and kept for that thread (compiled XPath expressions, CSS
/// selectors, regular expressions): threads never share one, so values that are not safe
/// to share need no lock. Each thread's entries are released when the thread ends.
///
/// Bounded: a thread holds at most ``capacity`` entries, and when one more is added the
/// thread's entries are dropped and the cache starts again (a program trying ever new keys,
/// such as rule probes, does not grow it without end).
package final class ThreadCache<Key: Hashable, Value>: @unchecked Sendable {
    /// The most entries a thread keeps.
    package let capacity: Int
    private let key: pthread_key_t

    package init(capacity: Int = 4_096) {
        self.capacity = capacity
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            if let pointer { Unmanaged<AnyObject>.fromOpaque(pointer).release() }
        }
        self.key = key
    }

    /// This thread's value for `key`, made by `make` (and kept) on first use.
    package func value<Failure: Error>(for key: Key, make: () throws(Failure) -> Value) throws(Failure) -> Value {
        let entries = entriesForThisThread
        if let value = entries.values[key] { return value }
        let value = try make()
        if entries.values.count >= capacity { entries.values.removeAll(keepingCapacity: true) }
        entries.values[key] = value
        return value
    }

    private final class Entries {
        var values: [Key: Value] = [:]
    }

    private var entriesForThisThread: Entries {
        if let pointer = pthread_getspecific(key) {
            return Unmanaged<Entries>.fromOpaque(pointer).takeUnretainedValue()
        }
        let entries = Entries()
        pthread_setspecific(key, Unmanaged.passRetained(entries).toOpaque())
        return entries
    }
}
