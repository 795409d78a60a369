/// The digits of an identifier written with optional spaces and hyphens, with the
/// input offset of each digit kept for error messages.
struct DigitRun {
    static let maximumInputLength = 256

    var digits: [UInt8] = []
    var offsets: [Int] = []
    /// Offset just past the last non-separator character.
    var end = 0

    /// Reads `text`, skipping spaces and hyphens and surrounding white space.
    /// - Parameter extra: further characters to keep (lower-cased), e.g. hex digits.
    init(_ text: String, keeping extra: (UInt8) -> Bool = { _ in false }) throws(IdentifierError) {
        let utf8 = text.utf8
        guard utf8.count <= Self.maximumInputLength else {
            throw IdentifierError(.inputTooLong,
                                  "input is \(utf8.count) bytes; at most \(Self.maximumInputLength) are read",
                                  offset: Self.maximumInputLength)
        }
        digits.reserveCapacity(utf8.count)
        offsets.reserveCapacity(utf8.count)
        var offset = 0
        for byte in utf8 {
            defer { offset += 1 }
            if ASCII.isDigit(byte) || extra(byte | 0x20) {
                digits.append(ASCII.isDigit(byte) ? byte : byte | 0x20)
                offsets.append(offset)
                end = offset + 1
            } else if byte == 0x20 || byte == ASCII.hyphen || ASCII.isWhitespace(byte) {
                continue
            } else {
                let what = byte >= 0x80 ? "a non-ASCII character" : ASCII.describe(byte)
                throw IdentifierError(.invalidCharacter,
                                      "unexpected \(what); only digits, spaces and hyphens are allowed",
                                      offset: offset)
            }
        }
        guard !digits.isEmpty else {
            throw IdentifierError(.empty, "input holds no digits", offset: 0)
        }
    }

    var string: String { String(decoding: digits, as: UTF8.self) }

    func offset(of index: Int) -> Int { index < offsets.count ? offsets[index] : end }
}
