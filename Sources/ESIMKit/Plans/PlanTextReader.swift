/// The matching behind ``Plan/init(text:)``: each known phrase consumes its tokens; the
/// tokens left over become the name (when they open the text) or ``Plan/unparsed``.
struct PlanTextReader {
    let scalars: [Unicode.Scalar]
    let tokens: [PlanToken]
    /// Which matcher took each token (`nil`: none yet).
    var owner: [Owner?]
    /// The clause each token is in (clauses break at `,`, `;`, `|`, `•`, parentheses,
    /// line breaks and spaced dashes).
    let clause: [Int]
    /// The clauses that hold a roaming word (`roaming`, `travel`, `abroad`…).
    let roamingClauses: Set<Int>
    var labels: [Int: Label] = [:]

    enum Owner: Equatable { case price, fact, name, extra }

    /// What a `Label:` before a value says the value is.
    enum Label { case data, premium, hotspot, talk, text, talkAndText, validity, price, coverage, roaming, speed, name }

    enum AmountKind { case plain, premium, hotspot, roaming }

    var price: PlanPrice?
    /// `$90 upfront`.
    var upfront: Money?
    /// `$10 per GB`.
    var dataPrice: Money?
    var amounts: [(kind: AmountKind, allowance: DataAllowance, range: Range<Int>)] = []
    var unlimitedData = false
    var bareUnlimited = false
    var hotspotFlag: DataAllowance?
    var speedAfter: DataRate?
    var maximumSpeed: DataRate?
    var validity: Int?
    var coverage: [Place] = []
    var roaming: [Place] = []
    var fiveG: Bool?
    var talk: Allowance?
    var text: Allowance?
    var video: String?
    var lines: Int?
    var conditions: [String] = []
    var taxesIncluded: Bool?
    var perLine = false
    var name: String?
    /// `talk & text only`: no data.
    var servicesOnly = false
    /// `no data`.
    var noData = false

    init(scalars: [Unicode.Scalar], tokens: [PlanToken]) {
        self.scalars = scalars
        self.tokens = tokens
        owner = Array(repeating: nil, count: tokens.count)
        var clause: [Int] = []
        var current = 0
        for index in tokens.indices {
            if Self.breaksClause(tokens, index) {
                current += 1
                clause.append(current)
                current += 1
            } else {
                clause.append(current)
            }
        }
        self.clause = clause
        roamingClauses = Set(tokens.indices.filter { tokens[$0].kind == .word && Self.roamingWords.contains(tokens[$0].lower) }
            .map { clause[$0] })
    }

    static func breaksClause(_ tokens: [PlanToken], _ index: Int) -> Bool {
        let token = tokens[index]
        guard token.kind == .symbol else { return false }
        switch token.text {
        case ",", ";", "|", "•", "·", "(", ")", "[", "]", "\n", "!", "*": return true
        case ".":
            return index + 1 == tokens.count || !tokens[index + 1].glued
        case "-", "–", "—":
            return !token.glued && (index + 1 == tokens.count || !tokens[index + 1].glued)
        default: return false
        }
    }

    // MARK: Reading

    mutating func read() -> Plan {
        var index = 0
        while index < tokens.count {
            if owner[index] != nil {
                index += 1
                continue
            }
            if let end = match(at: index) {
                index = max(end, index + 1)
            } else {
                index += 1
            }
        }
        resolveName()
        return assemble()
    }

    /// Tries every phrase at `index`; returns the index after the one that matched.
    mutating func match(at index: Int) -> Int? {
        if let end = matchLabel(index) { return end }
        if let end = matchMoney(index) { return end }
        if let end = matchSpeed(index) { return end }
        if let end = matchDataAmount(index) { return end }
        if let end = matchCountryCount(index) { return end }
        if let end = matchValidity(index) { return end }
        if let end = matchTalkOrTextCount(index) { return end }
        if let end = matchLines(index) { return end }
        if let end = matchNetwork(index) { return end }
        if let end = matchVideo(index) { return end }
        if let end = matchUnlimited(index) { return end }
        if let end = matchServiceWords(index) { return end }
        if let end = matchConditions(index) { return end }
        if let end = matchPlaces(index) { return end }
        if let end = matchLabelledNumber(index) { return end }
        return nil
    }

    // MARK: Token helpers

    func word(_ index: Int) -> String? {
        guard index < tokens.count, tokens[index].kind == .word else { return nil }
        return tokens[index].lower
    }

    func symbol(_ index: Int, _ text: String) -> Bool {
        index < tokens.count && tokens[index].kind == .symbol && tokens[index].text == text
    }

    func free(_ index: Int) -> Bool { index < tokens.count && owner[index] == nil }

    /// `5G` (a number and a glued `G`) or the word `5g`: the generation and the index after.
    func generationToken(_ index: Int) -> (Int64, Int)? {
        guard free(index) else { return nil }
        if tokens[index].kind == .number, let value = tokens[index].number, value.scale == 0, (2...6).contains(value.units),
           index + 1 < tokens.count, tokens[index + 1].glued, tokens[index + 1].lower == "g" {
            return (value.units, index + 2)
        }
        if let word = word(index), ["5g", "4g", "3g"].contains(word) { return (Int64(String(word.prefix(1)))!, index + 1) }
        return nil
    }

    mutating func take(_ range: Range<Int>, as kind: Owner = .fact) {
        for index in range where owner[index] == nil { owner[index] = kind }
    }

    func label(at index: Int) -> Label? { labels[clause[index]] }

    /// Skips `of`, `-`, `in` and the like after a value; returns the next index.
    func skip(_ index: Int, over words: Set<String>, symbols: Set<String> = []) -> Int {
        var index = index
        while index < tokens.count, free(index) {
            if let word = word(index), words.contains(word) {
                index += 1
            } else if tokens[index].kind == .symbol, symbols.contains(tokens[index].text) {
                index += 1
            } else {
                break
            }
        }
        return index
    }

    /// The words before `index` in its clause, nearest first (at most `limit`).
    func wordsBefore(_ index: Int, limit: Int = 4) -> [String] {
        var result: [String] = []
        var position = index - 1
        while position >= 0, clause[position] == clause[index], result.count < limit {
            if let word = word(position) { result.append(word) }
            position -= 1
        }
        return result
    }

    // MARK: Labels

    static let labelWords: [([String], Label)] = [
        (["talk", "and", "text"], .talkAndText), (["talk", "&", "text"], .talkAndText), (["calls", "and", "texts"], .talkAndText),
        (["calls", "&", "texts"], .talkAndText), (["calls", "&", "sms"], .talkAndText), (["voice", "&", "sms"], .talkAndText),
        (["mobile", "hotspot"], .hotspot), (["hotspot"], .hotspot), (["tethering"], .hotspot),
        (["premium", "data"], .premium), (["high", "-", "speed", "data"], .premium), (["high", "speed", "data"], .premium),
        (["priority", "data"], .premium), (["data"], .data), (["data", "allowance"], .data), (["allowance"], .data),
        (["talk"], .talk), (["calls"], .talk), (["voice"], .talk), (["minutes"], .talk),
        (["text"], .text), (["texts"], .text), (["sms"], .text), (["messages"], .text),
        (["validity"], .validity), (["valid", "for"], .validity), (["duration"], .validity), (["period"], .validity),
        (["price"], .price), (["cost"], .price), (["monthly", "price"], .price),
        (["coverage"], .coverage), (["country"], .coverage), (["countries"], .coverage), (["region"], .coverage),
        (["destination"], .coverage), (["destinations"], .coverage), (["roaming"], .roaming), (["roaming", "data"], .roaming),
        (["speed"], .speed), (["network"], .speed), (["plan"], .name), (["plan", "name"], .name), (["name"], .name),
        (["package"], .name), (["title"], .name),
    ]

    mutating func matchLabel(_ index: Int) -> Int? {
        for (words, label) in Self.labelWords {
            var position = index
            var matched = true
            for part in words {
                guard position < tokens.count, free(position), tokens[position].lower == part else {
                    matched = false
                    break
                }
                position += 1
            }
            guard matched, symbol(position, ":"), free(position) else { continue }
            take(index..<(position + 1))
            labels[clause[index]] = label
            if label == .name {
                // The rest of the clause is the plan's name.
                // Up to `,`, `;`, `|` or a line break: a name may hold dashes and parentheses.
                var end = position + 1
                while end < tokens.count, free(end), ![",", ";", "|", "\n"].contains(tokens[end].text) || tokens[end].kind != .symbol {
                    end += 1
                }
                if end > position + 1 {
                    name = source(tokens[position + 1].start, tokens[end - 1].end)
                    take((position + 1)..<end, as: .name)
                }
                return end
            }
            return position + 1
        }
        return nil
    }
}
