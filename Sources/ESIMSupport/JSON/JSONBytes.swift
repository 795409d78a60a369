/// JSON text written straight into bytes, for outputs with a fixed shape written many times
/// a second (JSON Lines of a bulk decode). Strings are escaped exactly as ``JSONWriter``
/// escapes them, so a value written here and the same value through ``OrderedJSONEncoder``
/// are the same bytes; the caller writes the punctuation and keys (`raw(",\"key\":")`).
///
/// The type and its hot methods are `public`, not `package`: this toolchain inlines an
/// `@inlinable` function into another module only when it is public, and a call per byte or
/// key is what this type exists to avoid.
public struct JSONBytes: ~Copyable {
    // The buffer is the value's own (the type cannot be copied), so appends are plain
    // pointer writes with no reference counting or exclusivity checks.
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @usableFromInline var used = 0
    @usableFromInline var capacity: Int

    public init(capacity: Int = 0) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written so far, as an array (a copy).
    package var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: used)) }

    package var count: Int { used }

    /// The bytes written so far, in place.
    package func withUnsafeBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: base, count: used))
    }

    /// Forgets what was written, keeping the buffer.
    package mutating func removeAll() {
        used = 0
    }

    @inlinable @inline(__always)
    mutating func reserve(_ extra: Int) {
        if used + extra > capacity { grow(used + extra) }
    }

    @usableFromInline @inline(never)
    mutating func grow(_ needed: Int) {
        let grown = max(capacity * 2, needed)
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        larger.update(from: base, count: used)
        base.deallocate()
        base = larger
        capacity = grown
    }

    @inlinable @inline(__always)
    public mutating func append(_ byte: UInt8) {
        reserve(1)
        base[used] = byte
        used += 1
    }

    @inlinable @inline(__always)
    public mutating func append(_ source: UnsafeBufferPointer<UInt8>) {
        guard let from = source.baseAddress, source.count > 0 else { return }
        reserve(source.count)
        let target = base + used
        let count = source.count
        if count <= 16 {
            // Keys and short fields: two overlapping word moves beat a call to memcpy.
            if count >= 8 {
                let raw = UnsafeMutableRawPointer(target), source = UnsafeRawPointer(from)
                let head = source.loadUnaligned(as: UInt64.self)
                let tail = source.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
                raw.storeBytes(of: head, as: UInt64.self)
                raw.storeBytes(of: tail, toByteOffset: count - 8, as: UInt64.self)
            } else {
                for index in 0..<count { target[index] = from[index] }
            }
        } else {
            target.update(from: from, count: source.count)
        }
        used += source.count
    }

    /// Punctuation and keys, as they are.
    @inlinable @inline(__always)
    public mutating func raw(_ text: StaticString) {
        // A string literal is a pointer to its UTF-8; a one-character literal may be a
        // single scalar instead, written out of line.
        if text.hasPointerRepresentation {
            append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        } else {
            rawScalar(text)
        }
    }

    @usableFromInline @inline(never)
    mutating func rawScalar(_ text: StaticString) {
        text.withUTF8Buffer { append($0) }
    }

    /// Text as it is, unescaped (for plain-text output written the same way).
    package mutating func text(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ append($0) }) == nil {
            var copy = text
            copy.withUTF8 { append($0) }
        }
    }

    package mutating func bool(_ value: Bool) {
        raw(value ? "true" : "false")
    }

    package mutating func null() {
        raw("null")
    }

    /// A decimal integer, its digits written in place from the last, two at a time.
    package mutating func int(_ value: Int) {
        if value < 0 { append(0x2D) }
        var magnitude = value.magnitude
        var length = 1
        var probe = magnitude
        while probe >= 100 {
            probe /= 100
            length += 2
        }
        if probe >= 10 { length += 1 }
        reserve(length)
        var index = used + length
        let pairs = Self.digitPairs.utf8Start
        while magnitude >= 10 {
            let pair = Int(magnitude % 100) * 2
            magnitude /= 100
            index -= 2
            base[index] = pairs[pair]
            base[index + 1] = pairs[pair + 1]
        }
        if index > used {
            // One digit left (an odd count).
            index -= 1
            base[index] = UInt8(truncatingIfNeeded: magnitude) + 0x30
        }
        used += length
    }

    /// `00`, `01`, … `99`: the two digits of each number below 100.
    static let digitPairs: StaticString = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

    /// `text` as a JSON string literal.
    public mutating func string(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ string(utf8: $0) }) == nil {
            var copy = text
            copy.withUTF8 { string(utf8: $0) }
        }
    }

    /// A key (with its punctuation, as it is: `,"name":`) and a string value.
    @inlinable
    public mutating func member(_ key: StaticString, _ value: String) {
        raw(key)
        string(value)
    }

    /// A key and a string value or `null`.
    @inlinable
    public mutating func member(_ key: StaticString, _ value: String?) {
        raw(key)
        string(value)
    }

    /// `null`, or the string.
    public mutating func string(_ text: String?) {
        if let text { string(text) } else { null() }
    }

    /// A JSON array of strings.
    package mutating func strings(_ items: [String]) {
        append(0x5B)
        for (index, item) in items.enumerated() {
            if index > 0 { append(0x2C) }
            string(item)
        }
        append(0x5D)
    }

    /// Text the caller knows needs no escape (a host name, digits) as a JSON string
    /// literal: copied as it is between the quotes.
    @inlinable @inline(__always)
    public mutating func unescapedString(utf8 text: UnsafeBufferPointer<UInt8>) {
        append(0x22)
        append(text)
        append(0x22)
    }

    /// Valid UTF-8 as a JSON string literal: runs that need no escape are copied whole.
    package mutating func string(utf8 text: UnsafeBufferPointer<UInt8>) {
        append(0x22)
        escaped(utf8: text)
        append(0x22)
    }

    /// Valid UTF-8, escaped, without the quotes: a piece of a string literal the caller
    /// opens and closes with `raw("\"")` (pieces each of whole characters).
    package mutating func escaped(utf8 text: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        var index = 0
        let count = text.count
        while index < count {
            // Eight bytes at a time while none of them is special (a control, `"`, `\\`,
            // DEL, or any non-ASCII byte, which the byte loop below looks at).
            if let base = text.baseAddress, count >= 8 {
                if index + 8 <= count {
                    if Self.isPlain(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                        index += 8
                        continue
                    }
                } else if Self.isPlain(UnsafeRawPointer(base + count - 8).loadUnaligned(as: UInt64.self)) {
                    // The last eight bytes (some seen already) are plain: so is the tail.
                    break
                }
            }
            let byte = text[index]
            if byte >= 0x20 && byte != 0x22 && byte != 0x5C && byte != 0x7F && byte != 0xE2 {
                index += 1
                continue
            }
            // U+2028 and U+2029 are E2 80 A8 and E2 80 A9; every other E2 sequence is as it is.
            if byte == 0xE2 {
                guard index + 2 < count, text[index + 1] == 0x80, text[index + 2] == 0xA8 || text[index + 2] == 0xA9 else {
                    index += 1
                    continue
                }
            }
            append(UnsafeBufferPointer(rebasing: text[runStart..<index]))
            switch byte {
            case 0x22: raw("\\\"")
            case 0x5C: raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0xE2:
                raw(text[index + 2] == 0xA8 ? "\\u2028" : "\\u2029")
                index += 2
            default: unicodeEscape(byte)
            }
            index += 1
            runStart = index
        }
        append(UnsafeBufferPointer(rebasing: text[runStart..<count]))
    }

    /// Whether none of the eight bytes of `word` needs a look: none below 0x20, none `"`,
    /// `\\` or DEL, none at or above 0x80 (exact: no false negatives).
    @inline(__always)
    private static func isPlain(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZero(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & highs }
        let below = (word &- ones &* 0x20) & ~word & highs
        let special = hasZero(word ^ (ones &* 0x22)) | hasZero(word ^ (ones &* 0x5C)) | hasZero(word ^ (ones &* 0x7F))
        return (below | special | (word & highs)) == 0
    }

    /// `\u00XX` with upper-case hex digits, for a control character or DEL.
    private mutating func unicodeEscape(_ byte: UInt8) {
        let hex: StaticString = "0123456789ABCDEF"
        raw("\\u00")
        hex.withUTF8Buffer { digits in
            append(digits[Int(byte >> 4)])
            append(digits[Int(byte & 0x0F)])
        }
    }

    /// Whether `text` is written as it is between the quotes (nothing in it needs an escape).
    package static func needsNoEscape(_ text: String) -> Bool {
        for byte in text.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xE2 {
            return false
        }
        return true
    }
}
