/// One piece of plan text: a word, a number or a symbol, with where it was.
struct PlanToken {
    enum Kind { case word, number, symbol }
    var kind: Kind
    /// The text as written.
    var text: String
    /// Lower-cased (words); the same as ``text`` otherwise.
    var lower: String
    var number: ExactDecimal?
    var start: Int
    var end: Int
    /// No space between this token and the one before.
    var glued: Bool
}

struct PlanTokenizer {
    let scalars: [Unicode.Scalar]

    /// The text with every space-like character a space and line breaks `\n`, one scalar
    /// for each input scalar so offsets stay those of the input.
    static func scalars(_ text: String) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x0D, 0x2028, 0x2029: result.append("\n")
            case 0x09, 0x0B, 0x0C, 0xA0, 0x2000...0x200D, 0x202F, 0x205F, 0x2060, 0x3000, 0xFEFF, 0xAD: result.append(" ")
            case 0x2212: result.append("-")
            default: result.append(scalar)
            }
        }
        return result
    }

    func tokens() -> [PlanToken] {
        var tokens: [PlanToken] = []
        var index = 0
        var glued = false
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == " " {
                glued = false
                index += 1
                continue
            }
            let start = index
            let scanned = NumberScanner.isDigit(scalar) || (scalar == "." && index + 1 < scalars.count && NumberScanner.isDigit(scalars[index + 1]))
                ? try? NumberScanner(scalars: scalars).scan(at: index) : nil
            // A number the scanner refuses (".03.0") falls back to its leading digits; a lone
            // "." before digits is a symbol, so every token moves the index forward.
            if scanned != nil || NumberScanner.isDigit(scalar) {
                var value: ExactDecimal
                if let (scanned, end) = scanned {
                    value = scanned
                    index = end
                } else {
                    var units: Int64 = 0
                    while index < scalars.count, NumberScanner.isDigit(scalars[index]), units < Int64.max / 100 {
                        units = units * 10 + Int64(scalars[index].value - 0x30)
                        index += 1
                    }
                    value = ExactDecimal(units)
                }
                let text = string(start, index)
                tokens.append(PlanToken(kind: .number, text: text, lower: text, number: value, start: start, end: index, glued: glued))
            } else if ValueText.isLetter(scalar) {
                while index < scalars.count {
                    let next = scalars[index]
                    if ValueText.isLetter(next) || NumberScanner.isDigit(next) {
                        index += 1
                    } else if (next == "'" || next == "\u{2019}"), index + 1 < scalars.count, ValueText.isLetter(scalars[index + 1]) {
                        index += 2
                    } else {
                        break
                    }
                }
                let text = string(start, index)
                tokens.append(PlanToken(kind: .word, text: text, lower: text.lowercased(), start: start, end: index, glued: glued))
            } else {
                index += 1
                let text = string(start, index)
                tokens.append(PlanToken(kind: .symbol, text: text, lower: text, start: start, end: index, glued: glued))
            }
            glued = true
        }
        return tokens
    }

    private func string(_ start: Int, _ end: Int) -> String {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[start..<end])
        return text
    }
}
