/// The digits of an identifier written with optional spaces and hyphens; the input
/// offset of each digit is found again when an error message needs it.
struct DigitRun {
    static let maximumInputLength = 256

    var digits: [UInt8] = []
    /// Offset just past the last non-separator character.
    var end = 0
    /// The input, for ``offset(of:)``.
    private let source: String
    private let keepsHex: Bool
    /// Offsets set by a caller that reordered ``digits`` (the swapped-nibble form).
    var remappedOffsets: [Int]?

    /// Reads `text`, skipping spaces, hyphens and surrounding white space.
    /// - Parameter keepingHex: also keep hex letters (lower-cased), for the card form.
    init(_ text: String, keepingHex: Bool = false) throws(IdentifierError) {
        source = text
        keepsHex = keepingHex
        let utf8 = text.utf8
        guard utf8.count <= Self.maximumInputLength else {
            throw IdentifierError(.inputTooLong,
                                  "input is \(utf8.count) bytes; at most \(Self.maximumInputLength) are read",
                                  offset: Self.maximumInputLength)
        }
        // One scan over the bytes in place (a copy only for a string without contiguous UTF-8).
        let scan = { (bytes: UnsafeBufferPointer<UInt8>) -> Result<([UInt8], Int), IdentifierError> in
            var end = 0
            var failure: IdentifierError?
            let digits = [UInt8](unsafeUninitializedCapacity: bytes.count) { buffer, initialized in
                var count = 0
                for offset in 0..<bytes.count {
                    let byte = bytes[offset]
                    if let kept = Self.kept(byte, hex: keepingHex) {
                        buffer[count] = kept
                        count += 1
                        end = offset + 1
                    } else if !(byte == 0x20 || byte == ASCII.hyphen || ASCII.isWhitespace(byte)) {
                        failure = Self.unexpected(byte, at: offset)
                        break
                    }
                }
                initialized = count
            }
            if let failure { return .failure(failure) }
            return .success((digits, end))
        }
        let read = utf8.withContiguousStorageIfAvailable(scan) ?? Array(utf8).withUnsafeBufferPointer(scan)
        (digits, end) = try read.get()
        guard !digits.isEmpty else {
            throw IdentifierError(.empty, "input holds no digits", offset: 0)
        }
    }

    /// A digit as it is, or with `hex` a hex letter lower-cased; `nil` for anything else.
    @inline(__always)
    private static func kept(_ byte: UInt8, hex: Bool) -> UInt8? {
        if ASCII.isDigit(byte) { return byte }
        if hex, (byte | 0x20) >= 0x61, (byte | 0x20) <= 0x66 { return byte | 0x20 }
        return nil
    }

    private static func unexpected(_ byte: UInt8, at offset: Int) -> IdentifierError {
        let what = byte >= 0x80 ? "a non-ASCII character" : ASCII.describe(byte)
        return IdentifierError(.invalidCharacter, "unexpected \(what); only digits, spaces and hyphens are allowed", offset: offset)
    }

    var string: String { String(decoding: digits, as: UTF8.self) }

    /// The input offset of the digit at `index` (of ``digits``), or ``end`` past the last.
    func offset(of index: Int) -> Int {
        if let remappedOffsets { return index < remappedOffsets.count ? remappedOffsets[index] : end }
        let find = { (bytes: UnsafeBufferPointer<UInt8>) -> Int in
            var seen = 0
            for offset in 0..<bytes.count where Self.kept(bytes[offset], hex: self.keepsHex) != nil {
                if seen == index { return offset }
                seen += 1
            }
            return self.end
        }
        return source.utf8.withContiguousStorageIfAvailable(find) ?? Array(source.utf8).withUnsafeBufferPointer(find)
    }
}
