/// A text split into words, numbers and symbols, each with where it stands: what the
/// generic reader matches labels and values against.
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
        /// Scalar offsets in the text.
        var start: Int
        var end: Int
    }

    let scalars: [Unicode.Scalar]
    private(set) var tokens: [Token] = []

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if Self.isSpace(scalar) {
                index += 1
            } else if Self.isDigit(scalar) {
                let start = index
                index += 1
                while index < scalars.count {
                    if Self.isDigit(scalars[index]) {
                        index += 1
                    } else if Self.isNumberSeparator(scalars[index]), index + 1 < scalars.count, Self.isDigit(scalars[index + 1]) {
                        index += 2
                    } else {
                        break
                    }
                }
                tokens.append(Token(kind: .number, folded: Self.string(scalars[start..<index]), start: start, end: index))
            } else if Self.isLetter(scalar) {
                let start = index
                index += 1
                while index < scalars.count {
                    if Self.isLetter(scalars[index]) {
                        index += 1
                    } else if Self.isJoiner(scalars[index]), index + 1 < scalars.count, Self.isLetter(scalars[index + 1]) {
                        index += 2
                    } else {
                        break
                    }
                }
                let word = Self.string(scalars[start..<index]).lowercased().replacingApostrophes
                tokens.append(Token(kind: .word, folded: word, start: start, end: index))
            } else {
                tokens.append(Token(kind: .symbol, folded: String(Character(scalar)), start: index, end: index + 1))
                index += 1
            }
        }
    }

    /// The text of tokens `range`, as written.
    func text(_ range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        return Self.string(scalars[tokens[range.lowerBound].start..<tokens[range.upperBound - 1].end])
    }

    /// Whether tokens `a` and `b` (`a` before `b`) touch, with no space between.
    func touching(_ a: Int, _ b: Int) -> Bool {
        tokens[a].end == tokens[b].start
    }

    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return String(result)
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value &- 0x30 < 10 }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar.value == 0xA0 || scalar.value == 0x202F
            || (scalar.value >= 0x2000 && scalar.value <= 0x200A)
    }

    /// `.`, `,`, `'` and `’` inside a number.
    static func isNumberSeparator(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "." || scalar == "," || scalar == "'" || scalar.value == 0x2019
    }

    static func isJoiner(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "-" || scalar == "'" || scalar.value == 0x2019
    }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return (scalar.value | 0x20) &- 0x61 < 26 }
        return scalar.properties.isAlphabetic || scalar.properties.generalCategory == .nonspacingMark
    }
}

extension String {
    /// `’` as `'`.
    var replacingApostrophes: String {
        guard unicodeScalars.contains(where: { $0.value == 0x2019 }) else { return self }
        return String(String.UnicodeScalarView(unicodeScalars.map { $0.value == 0x2019 ? "'" : $0 }))
    }
}
