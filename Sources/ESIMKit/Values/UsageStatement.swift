/// A percentage as printed (`83%`, `12.5 %`), exact.
public struct Percentage: Hashable, Sendable, CustomStringConvertible {
    public var value: ExactDecimal

    public init(_ value: ExactDecimal) {
        self.value = value
    }

    /// Reads `83%`, `12.5 %`, `100%`.
    public init(_ text: String) throws(ValueError) {
        let scalars = ValueText.scalars(text)
        var index = 0
        ValueText.skipSpaces(scalars, &index)
        guard index < scalars.count else { throw ValueError(.empty, "no percentage", offset: 0) }
        guard NumberScanner.isDigit(scalars[index]) || scalars[index] == "." else {
            throw ValueError(.noNumber, "expected a percentage", offset: index)
        }
        let (number, end) = try NumberScanner(scalars: scalars).scan(at: index)
        index = end
        ValueText.skipSpaces(scalars, &index)
        guard index < scalars.count, scalars[index] == "%" else {
            throw ValueError(.missingUnit, "expected '%'", offset: index)
        }
        index += 1
        ValueText.skipSpaces(scalars, &index)
        guard index == scalars.count else { throw ValueError(.unexpectedText, "unexpected text after '%'", offset: index) }
        self.init(number)
    }

    public var description: String { "\(value)%" }
}

/// What a usage line on a carrier page says about data: any of the amount used, the
/// amount left, the allowance, and the share used or left.
///
/// Reads `12.4 GB of 15 GB used`, `Used 12.4 GB of 15 GB`, `2.6 GB left of 15 GB`,
/// `2.6 GB remaining`, `83% used`, `17% left`, `12.4 GB / 15 GB`, `12.4 GB used`,
/// `Unlimited`. The first amount is what is used unless the line says `left`,
/// `remaining` or `available`; an amount after `of` or `/` is the allowance.
public struct UsageStatement: Hashable, Sendable {
    public var used: DataAmount?
    public var remaining: DataAmount?
    public var allowance: DataAmount?
    public var percentUsed: Percentage?
    public var percentRemaining: Percentage?

    public init(used: DataAmount? = nil, remaining: DataAmount? = nil, allowance: DataAmount? = nil,
                percentUsed: Percentage? = nil, percentRemaining: Percentage? = nil) {
        self.used = used
        self.remaining = remaining
        self.allowance = allowance
        self.percentUsed = percentUsed
        self.percentRemaining = percentRemaining
    }

    /// Words a usage line may hold besides its amounts.
    static let fillerWords: Set<String> = [
        "data", "high", "speed", "highspeed", "premium", "hotspot", "plan", "allowance", "you", "have",
        "ve", "s", "a", "the", "this", "cycle", "month", "period", "billing", "so", "far", "in", "is", "are",
    ]

    public init(_ text: String) throws(ValueError) {
        enum Token { case amount(DataAmount), percent(Percentage), of, word(String) }
        let scalars = ValueText.scalars(text)
        var tokens: [(Token, Int)] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == " " || scalar == "," || scalar == ":" || scalar == "(" || scalar == ")" || scalar == "."
                || scalar == "'" || scalar == "\u{2019}" || scalar == "-" {
                index += 1
            } else if NumberScanner.isDigit(scalar) {
                let start = index
                let (number, end) = try NumberScanner(scalars: scalars).scan(at: index)
                var cursor = end
                ValueText.skipSpaces(scalars, &cursor)
                if cursor < scalars.count, scalars[cursor] == "%" {
                    tokens.append((.percent(Percentage(number)), start))
                    index = cursor + 1
                    continue
                }
                let (unitText, unitEnd) = ValueText.word(scalars, at: cursor)
                guard let unit = DataAmount.unit(unitText) ?? Self.exactUnit(scalars, cursor) else {
                    let isKeyword = ["of", "used", "left", "remaining", "available", "out"].contains(unitText)
                    throw ValueError(unitText.isEmpty || isKeyword ? .missingUnit : .unknownUnit,
                                     unitText.isEmpty || isKeyword ? "the amount has no unit" : "'\(unitText)' is not a data unit",
                                     offset: cursor)
                }
                tokens.append((.amount(.amount(number, unit)), start))
                index = unitEnd
            } else if scalar == "/" {
                tokens.append((.of, index))
                index += 1
            } else if ValueText.isLetter(scalar) {
                let (word, end) = ValueText.word(scalars, at: index)
                switch word {
                case "unlimited": tokens.append((.amount(.unlimited), index))
                case "of", "out": if word == "of" { tokens.append((.of, index)) }
                case "used", "left", "remaining", "available", "total": tokens.append((.word(word), index))
                default:
                    guard Self.fillerWords.contains(word) else {
                        throw ValueError(.unexpectedText, "'\(word)' is not part of a usage statement", offset: index)
                    }
                }
                index = end
            } else {
                throw ValueError(.unexpectedText, "unexpected '\(Character(scalar))'", offset: index)
            }
        }

        var amounts: [(DataAmount, Bool)] = []  // (amount, follows 'of')
        var percent: Percentage?
        var saysLeft = false
        var saysUsed = false
        let saysTotal = tokens.contains { token, _ in
            if case .word(let word) = token { return word == "total" }
            return false
        }
        var afterOf = false
        for (token, position) in tokens {
            switch token {
            case .amount(let amount):
                guard amounts.count < 2 else { throw ValueError(.unexpectedText, "more than two amounts", offset: position) }
                amounts.append((amount, afterOf))
                afterOf = false
            case .percent(let value):
                guard percent == nil else { throw ValueError(.unexpectedText, "two percentages", offset: position) }
                percent = value
            case .of:
                guard amounts.count == 1, !afterOf else {
                    throw ValueError(.unexpectedText, "'of' must sit between two amounts", offset: position)
                }
                afterOf = true
            case .word(let word):
                if word == "used" { saysUsed = true } else if word != "total" { saysLeft = true }
            }
        }
        if afterOf { throw ValueError(.unexpectedText, "'of' needs an amount after it", offset: scalars.count) }
        guard !amounts.isEmpty || percent != nil else {
            throw ValueError(.noNumber, "no amount of data or percentage", offset: 0)
        }
        if amounts.count == 2 && !amounts[1].1 {
            throw ValueError(.unexpectedText, "two amounts need 'of' or '/' between them", offset: 0)
        }

        var statement = UsageStatement()
        if saysLeft { statement.percentRemaining = percent } else { statement.percentUsed = percent }
        if let (first, _) = amounts.first {
            if amounts.count == 1 && (first == .unlimited || (saysTotal && !saysUsed && !saysLeft)) {
                statement.allowance = first
            } else if saysLeft {
                statement.remaining = first
            } else {
                statement.used = first
            }
        }
        if amounts.count == 2 { statement.allowance = amounts[1].0 }
        self = statement
    }

    /// `KiB`-style units are case-sensitive words; `ValueText.word` lower-cases.
    private static func exactUnit(_ scalars: [Unicode.Scalar], _ index: Int) -> DataAmount.DataUnit? {
        var text = ""
        var cursor = index
        while cursor < scalars.count, ValueText.isLetter(scalars[cursor]) {
            text.unicodeScalars.append(scalars[cursor])
            cursor += 1
        }
        return DataAmount.unit(text)
    }
}

extension UsageStatement: CustomStringConvertible {
    /// `12.4 GB of 15 GB used (83%)`, `2.6 GB left of 15 GB`, `15 GB total`: reads back as an
    /// equal statement (one that does not hold both an amount used and an amount left).
    public var description: String {
        var parts: [String] = []
        let left = remaining != nil || (used == nil && percentRemaining != nil)
        if let amount = left ? remaining : used {
            parts.append(amount.description)
            if let allowance { parts.append("of \(allowance)") }
            parts.append(left ? "left" : "used")
        } else if let allowance {
            parts.append(allowance == .unlimited ? allowance.description : "\(allowance) total")
        }
        if let percent = left ? percentRemaining : percentUsed {
            // A share left with no amount left before it says so in words (`Unlimited 17%
            // left`): in brackets it would read back as a share used.
            let directed = (left ? remaining : used) != nil
            parts.append(parts.isEmpty || (left && !directed) ? "\(percent) \(left ? "left" : "used")" : "(\(percent))")
        }
        return parts.joined(separator: " ")
    }
}
