/// A text split into words, numbers and symbols, each with where it stands: what the
/// generic reader matches labels and values against. Scans the UTF-8 bytes; only
/// non-ASCII letters are looked at as scalars.
struct TextScan {
    struct Token: Equatable {
        enum Kind: Equatable {
            /// Letters (a hyphen or apostrophe between letters stays inside: `eu-roaming`, `l'estero`).
            case word
            /// Digits, with the separators inside them (`3,950,000`, `67,18`, `2026.06.06`).
            case number
            /// One other scalar: `$`, `€`, `%`, `/`, `:`, `(` …
            case symbol
        }

        var kind: Kind
        /// Lower-cased for words; as written otherwise (curly apostrophes made straight).
        var folded: String
        /// UTF-8 offsets in the text.
        var start: Int
        var end: Int
    }

    let bytes: [UInt8]
    private(set) var tokens: [Token] = []

    init(_ text: String) {
        bytes = Array(text.utf8)
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            let (scalar, length) = Self.scalar(bytes, at: index)
            if Self.isSpace(scalar) {
                index += length
            } else if byte &- 0x30 < 10 {
                let start = index
                index += 1
                while index < count {
                    if bytes[index] &- 0x30 < 10 {
                        index += 1
                    } else if let separator = Self.numberSeparatorLength(bytes, at: index), index + separator < count,
                              bytes[index + separator] &- 0x30 < 10 {
                        index += separator + 1
                    } else {
                        break
                    }
                }
                tokens.append(Token(kind: .number, folded: Self.string(bytes[start..<index]).replacingApostrophes, start: start, end: index))
            } else if Self.isLetter(scalar) {
                let start = index
                var ascii = byte < 0x80
                index += length
                while index < count {
                    let (next, nextLength) = Self.scalar(bytes, at: index)
                    if Self.isLetter(next) {
                        if bytes[index] >= 0x80 { ascii = false }
                        index += nextLength
                    } else if Self.isJoiner(next), index + nextLength < count, Self.isLetter(Self.scalar(bytes, at: index + nextLength).0) {
                        if bytes[index] >= 0x80 { ascii = false }
                        index += nextLength
                    } else {
                        break
                    }
                }
                let folded: String
                if ascii {
                    // Lower-cased in place into the new string (no array between).
                    folded = String(unsafeUninitializedCapacity: index - start) { buffer in
                        for offset in 0..<(index - start) {
                            let byte = bytes[start + offset]
                            buffer[offset] = byte &- 0x41 < 26 ? byte | 0x20 : byte
                        }
                        return index - start
                    }
                } else {
                    folded = Self.string(bytes[start..<index]).lowercased().replacingApostrophes
                }
                tokens.append(Token(kind: .word, folded: folded, start: start, end: index))
            } else {
                tokens.append(Token(kind: .symbol, folded: Self.string(bytes[index..<(index + length)]), start: index, end: index + length))
                index += length
            }
        }
    }

    /// The text of tokens `range`, as written.
    func text(_ range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        return Self.string(bytes[tokens[range.lowerBound].start..<tokens[range.upperBound - 1].end])
    }

    /// A token's text as written (not lower-cased).
    func written(_ index: Int) -> String {
        Self.string(bytes[tokens[index].start..<tokens[index].end])
    }

    /// Whether tokens `a` and `b` (`a` before `b`) touch, with no space between.
    func touching(_ a: Int, _ b: Int) -> Bool {
        tokens[a].end == tokens[b].start
    }

    /// Whether one space (of any kind) alone stands between tokens `a` and `b`.
    func oneSpaceBetween(_ a: Int, _ b: Int) -> Bool {
        let gap = tokens[a].end
        guard gap < tokens[b].start else { return false }
        let (scalar, length) = Self.scalar(bytes, at: gap)
        return Self.isSpace(scalar) && gap + length == tokens[b].start
    }

    static func string(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// The scalar at `index` of valid UTF-8 and its length.
    @inline(__always) static func scalar(_ bytes: [UInt8], at index: Int) -> (Unicode.Scalar, Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        guard index + length <= bytes.count else { return ("\u{FFFD}", 1) }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar.value == 0xA0 || scalar.value == 0x202F
            || (scalar.value >= 0x2000 && scalar.value <= 0x200A)
    }

    /// The length of a `.`, `,`, `'` or `’` at `index` (separators inside a number).
    @inline(__always) static func numberSeparatorLength(_ bytes: [UInt8], at index: Int) -> Int? {
        let byte = bytes[index]
        if byte == 0x2E || byte == 0x2C || byte == 0x27 { return 1 }
        if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x99 { return 3 }
        return nil
    }

    static func isJoiner(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "-" || scalar == "'" || scalar.value == 0x2019
    }

    @inline(__always) static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return (scalar.value | 0x20) &- 0x61 < 26 }
        return scalar.properties.isAlphabetic || scalar.properties.generalCategory == .nonspacingMark
    }
}

extension String {
    /// `’` as `'`.
    var replacingApostrophes: String {
        guard utf8.contains(0xE2), unicodeScalars.contains(where: { $0.value == 0x2019 }) else { return self }
        return String(String.UnicodeScalarView(unicodeScalars.map { $0.value == 0x2019 ? "'" : $0 }))
    }
}
