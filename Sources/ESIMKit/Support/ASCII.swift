/// Byte-level character classes shared by the parsers. Everything here works on
/// UTF-8 code units and never allocates.
enum ASCII {
    static let dollar: UInt8 = 0x24
    static let percent: UInt8 = 0x25
    static let dot: UInt8 = 0x2E
    static let colon: UInt8 = 0x3A
    static let hyphen: UInt8 = 0x2D
    static let slash: UInt8 = 0x2F
    static let zero: UInt8 = 0x30
    static let one: UInt8 = 0x31

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
    @inline(__always) static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || isLetter(byte) }
    @inline(__always) static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20) &- 0x61 < 6
    }
    /// Space, tab, line feed, vertical tab, form feed, carriage return.
    @inline(__always) static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }
    /// C0 controls and DEL.
    @inline(__always) static func isControl(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x7F }
    /// Letters, digits and `-`: the SGP.22 matching-ID alphabet and the LDH host-name alphabet.
    @inline(__always) static func isLDH(_ byte: UInt8) -> Bool { isAlphanumeric(byte) || byte == hyphen }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        if isDigit(byte) { return byte - 0x30 }
        let lower = byte | 0x20
        if lower >= 0x61 && lower <= 0x66 { return lower - 0x61 + 10 }
        return nil
    }

    /// How a character is named in an error message: `'x'`, `space`, `U+0007`.
    static func describe(_ byte: UInt8) -> String {
        switch byte {
        case 0x20: return "a space"
        case 0x5F: return "an underscore ('_')"
        case 0x21...0x7E: return "'\(Character(Unicode.Scalar(byte)))'"
        default: return "U+" + hex4(UInt32(byte))
        }
    }

    static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// The Unicode scalar starting at `index` (which holds a non-ASCII lead byte), or
    /// `nil` for a malformed sequence.
    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Unicode.Scalar? {
        var iterator = bytes[index...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return nil
    }
}

extension String {
    /// Builds a string from bytes already known to be ASCII.
    @inline(__always)
    init(ascii bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        self.init(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}

extension StringProtocol {
    /// Whether `needle` occurs in the text, comparing UTF-8 bytes exactly (no Unicode
    /// equivalence, no locale): the fast check for lower-cased addresses and titles.
    func containsBytes(_ needle: some StringProtocol) -> Bool {
        // Both sides as contiguous UTF-8 where they are (native strings), copied otherwise.
        needle.utf8.withContiguousStorageIfAvailable { pattern in containsBytes(pattern) }
            ?? Array(needle.utf8).withUnsafeBufferPointer { containsBytes($0) }
    }

    private func containsBytes(_ pattern: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = pattern.first else { return true }
        let count = pattern.count
        func search(_ haystack: UnsafeBufferPointer<UInt8>) -> Bool {
            guard haystack.count >= count else { return false }
            var index = 0
            let last = haystack.count - count
            while index <= last {
                if haystack[index] == first {
                    var matched = 1
                    while matched < count && haystack[index + matched] == pattern[matched] { matched += 1 }
                    if matched == count { return true }
                }
                index += 1
            }
            return false
        }
        return utf8.withContiguousStorageIfAvailable(search) ?? Array(utf8).withUnsafeBufferPointer(search)
    }
}
