extension Plan {
    /// The most text one plan description may have (Unicode scalars).
    public static let maximumTextLength = 4_096

    /// Reads a plan as carriers and eSIM shops describe it:
    /// `Unlimited Premium, $85.99/mo, 50GB premium data then 3 Mbps, 30GB hotspot,
    /// Mexico & Canada included`, `USA 5GB 30 days $11`, `1 GB/day for 7 days, then 512 kbps`.
    ///
    /// Lenient: what is not understood is kept in ``unparsed``; only empty or oversized
    /// text throws.
    public init(text: String) throws(PlanError) {
        let scalars = PlanTokenizer.scalars(text)
        guard scalars.count <= Self.maximumTextLength else {
            throw PlanError(.tooLong, "plan text has \(scalars.count) characters; at most \(Self.maximumTextLength) are read",
                            offset: Self.maximumTextLength)
        }
        let tokens = PlanTokenizer(scalars: scalars).tokens()
        guard tokens.contains(where: { $0.text != "\n" }) else { throw PlanError(.empty, "the plan text is empty", offset: 0) }
        var reader = PlanTextReader(scalars: scalars, tokens: tokens)
        let plan = reader.read()
        // A name alone is a plan ("Magenta MAX"); text with neither a name nor a fact is not.
        guard plan.name != nil || plan.hasFacts else {
            throw PlanError(.nothingRecognised, "no plan name, price, data or other plan fact was recognised",
                            offset: plan.unparsed.first?.offset ?? 0)
        }
        self = plan
    }

    /// Whether anything beyond the name was read: price, data, speeds, hotspot, validity,
    /// coverage, roaming, 5G, talk, text, video or lines.
    public var hasFacts: Bool {
        price != nil || data != nil || premiumData != nil || speedAfterAllowance != nil || maximumSpeed != nil
            || hotspot != nil || validityDays != nil || !coverage.isEmpty || !roaming.isEmpty || fiveG != nil
            || talk != nil || text != nil || video != nil || lines != nil
    }
}

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

/// The matching behind ``Plan/init(text:)``: each known phrase consumes its tokens; the
/// tokens left over become the name (when they open the text) or ``Plan/unparsed``.
struct PlanTextReader {
    let scalars: [Unicode.Scalar]
    let tokens: [PlanToken]
    /// Which matcher took each token (`nil`: none yet).
    private var owner: [Owner?]
    /// The clause each token is in (clauses break at `,`, `;`, `|`, `•`, parentheses,
    /// line breaks and spaced dashes).
    private let clause: [Int]
    private var labels: [Int: Label] = [:]

    private enum Owner: Equatable { case price, fact, name, extra }

    /// What a `Label:` before a value says the value is.
    private enum Label { case data, premium, hotspot, talk, text, talkAndText, validity, price, coverage, roaming, speed, name }

    private enum AmountKind { case plain, premium, hotspot, roaming }

    private var price: PlanPrice?
    /// `$90 upfront`.
    private var upfront: Money?
    /// `$10 per GB`.
    private var dataPrice: Money?
    private var amounts: [(kind: AmountKind, allowance: DataAllowance, range: Range<Int>)] = []
    private var unlimitedData = false
    private var bareUnlimited = false
    private var hotspotFlag: DataAllowance?
    private var speedAfter: DataRate?
    private var maximumSpeed: DataRate?
    private var validity: Int?
    private var coverage: [Place] = []
    private var roaming: [Place] = []
    private var fiveG: Bool?
    private var talk: Allowance?
    private var text: Allowance?
    private var video: String?
    private var lines: Int?
    private var conditions: [String] = []
    private var taxesIncluded: Bool?
    private var perLine = false
    private var name: String?
    /// `talk & text only`: no data.
    private var servicesOnly = false
    /// `no data`.
    private var noData = false

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
    private mutating func match(at index: Int) -> Int? {
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

    private func word(_ index: Int) -> String? {
        guard index < tokens.count, tokens[index].kind == .word else { return nil }
        return tokens[index].lower
    }

    private func symbol(_ index: Int, _ text: String) -> Bool {
        index < tokens.count && tokens[index].kind == .symbol && tokens[index].text == text
    }

    private func free(_ index: Int) -> Bool { index < tokens.count && owner[index] == nil }

    /// `5G` (a number and a glued `G`) or the word `5g`: the generation and the index after.
    private func generationToken(_ index: Int) -> (Int64, Int)? {
        guard free(index) else { return nil }
        if tokens[index].kind == .number, let value = tokens[index].number, value.scale == 0, (2...6).contains(value.units),
           index + 1 < tokens.count, tokens[index + 1].glued, tokens[index + 1].lower == "g" {
            return (value.units, index + 2)
        }
        if let word = word(index), ["5g", "4g", "3g"].contains(word) { return (Int64(String(word.prefix(1)))!, index + 1) }
        return nil
    }

    private mutating func take(_ range: Range<Int>, as kind: Owner = .fact) {
        for index in range where owner[index] == nil { owner[index] = kind }
    }

    private func label(at index: Int) -> Label? { labels[clause[index]] }

    /// Skips `of`, `-`, `in` and the like after a value; returns the next index.
    private func skip(_ index: Int, over words: Set<String>, symbols: Set<String> = []) -> Int {
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
    private func wordsBefore(_ index: Int, limit: Int = 4) -> [String] {
        var result: [String] = []
        var position = index - 1
        while position >= 0, clause[position] == clause[index], result.count < limit {
            if let word = word(position) { result.append(word) }
            position -= 1
        }
        return result
    }

    // MARK: Labels

    private static let labelWords: [([String], Label)] = [
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

    private mutating func matchLabel(_ index: Int) -> Int? {
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

    // MARK: Money

    private static let codePrefixes: [String: String] = ["us": "USD", "c": "CAD", "ca": "CAD", "a": "AUD", "au": "AUD", "mx": "MXN"]
    private static let symbolCurrencies: [String: String] = ["$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW"]

    /// `$85.99/mo`, `US$11`, `€5`, `12 USD`, `USD 12`, then the period: `/mo`, `per line`,
    /// `a month`, `monthly`.
    private mutating func matchMoney(_ index: Int) -> Int? {
        var position = index
        var currency: String?
        if let word = word(position), let code = Self.codePrefixes[word], position + 1 < tokens.count,
           tokens[position + 1].glued, let symbolCode = Self.symbolCurrencies[tokens[position + 1].text], symbolCode == "USD" {
            currency = code
            position += 2
        } else if tokens[position].kind == .symbol, let code = Self.symbolCurrencies[tokens[position].text] {
            currency = code
            position += 1
        } else if let word = word(position), word.count == 3, Money.codes.contains(word.uppercased()),
                  tokens[position].text == tokens[position].text.uppercased(),
                  position + 1 < tokens.count, tokens[position + 1].kind == .number {
            currency = word.uppercased()
            position += 1
        }
        guard position < tokens.count, tokens[position].kind == .number, let value = tokens[position].number else { return nil }
        position += 1
        if currency == nil {
            if position < tokens.count, tokens[position].kind == .symbol, let code = Self.symbolCurrencies[tokens[position].text] {
                // `67 €`, `17,50 €`: the symbol after the amount, as much of Europe writes it.
                currency = code
                position += 1
            } else {
                guard let word = word(position), word.count == 3, Money.codes.contains(word.uppercased()) else { return nil }
                currency = word.uppercased()
                position += 1
            }
        } else if let word = word(position), word.count == 3, word.uppercased() == currency {
            position += 1
        }
        guard let currency else { return nil }
        let money = Money(value, currency: currency)
        // `$10 per GB`, `$10/GB`, `$10 a gig`: a price for each gigabyte used.
        if let first = symbol(position, "/") ? "/" : word(position), ["/", "per", "a", "each", "every"].contains(first),
           let unit = word(position + 1), ["gb", "gig", "gigabyte"].contains(unit) {
            return keep(money, in: \.dataPrice, index..<(position + 2))
        }
        if let end = upfrontPhraseEnd(at: position) {
            return keep(money, in: \.upfront, index..<end)
        }
        var period: BillingPeriod?
        var linePrice = false
        // Up to three period phrases: `/mo`, `/line`, `per line per month`, `a month`.
        for _ in 0..<3 {
            if symbol(position, "/"), let word = word(position + 1) {
                if let found = Self.period(word) {
                    period = found
                    position += 2
                    continue
                }
                if word == "line" || word == "ln" {
                    linePrice = true
                    position += 2
                    continue
                }
                break
            }
            if let word = word(position), ["per", "a", "an", "each", "every"].contains(word), let next = self.word(position + 1) {
                if let found = Self.period(next) {
                    period = found
                    position += 2
                    continue
                }
                if next == "line" {
                    linePrice = true
                    position += 2
                    continue
                }
                break
            }
            if let word = word(position), let found = Self.adverbPeriod[word] {
                period = found
                position += 1
                continue
            }
            break
        }
        if price == nil {
            price = PlanPrice(amount: money, period: period ?? .once, perLine: linePrice)
            take(index..<position, as: .price)
            if let label = label(at: index), label != .price, label != .name {
                // `Data: $5` is not a price; keep it as text.
            }
        } else {
            take(index..<position, as: .extra)
        }
        return position
    }

    /// Past `upfront`, `up front`, `up-front`, each optionally after `paid`; `nil` when
    /// none starts at `position`.
    private func upfrontPhraseEnd(at position: Int) -> Int? {
        let start = word(position) == "paid" ? position + 1 : position
        if word(start) == "upfront" { return start + 1 }
        guard word(start) == "up" else { return nil }
        if word(start + 1) == "front" { return start + 2 }
        if symbol(start + 1, "-"), word(start + 2) == "front" { return start + 3 }
        return nil
    }

    /// The first amount of its kind goes in `slot`; a second is a phrase stated twice.
    private mutating func keep(_ money: Money, in slot: WritableKeyPath<PlanTextReader, Money?>, _ range: Range<Int>) -> Int {
        if self[keyPath: slot] == nil {
            self[keyPath: slot] = money
            take(range, as: .price)
        } else {
            take(range, as: .extra)
        }
        return range.upperBound
    }

    private static func period(_ word: String) -> BillingPeriod? {
        switch word {
        case "mo", "mon", "month", "mth", "m": .month
        case "wk", "week", "w": .week
        case "day", "d", "dy": .day
        case "yr", "year", "y", "annum": .year
        default: nil
        }
    }

    private static let adverbPeriod: [String: BillingPeriod] = [
        "monthly": .month, "daily": .day, "weekly": .week, "yearly": .year, "annually": .year,
    ]

    // MARK: Data rates and amounts

    private static let rateUnits: [String: DataRate.Unit] = [
        "kbps": .kbps, "kbit": .kbps, "kbits": .kbps, "kb/s": .kbps, "kbit/s": .kbps, "k": .kbps,
        "mbps": .Mbps, "mbit": .Mbps, "mbits": .Mbps, "mb/s": .Mbps, "mbit/s": .Mbps,
        "gbps": .Gbps, "gbit": .Gbps, "gbits": .Gbps, "gb/s": .Gbps, "gbit/s": .Gbps,
    ]

    private static let afterWords: Set<String> = [
        "then", "after", "thereafter", "reduced", "throttled", "slowed", "slows", "slow", "drops", "limited", "afterwards", "beyond",
    ]

    /// `3 Mbps`, `512kbps`, `128 kb/s`.
    private mutating func matchSpeed(_ index: Int) -> Int? {
        guard tokens[index].kind == .number, let value = tokens[index].number, let unitWord = word(index + 1) else { return nil }
        var position = index + 2
        var unitText = unitWord
        if symbol(position, "/"), let next = word(position + 1), next == "s" || next == "sec" {
            unitText += "/s"
            position += 2
        }
        guard unitText != "k", let unit = Self.rateUnits[unitText] else { return nil }
        let rate = DataRate(value, unit)
        let before = Set(wordsBefore(index, limit: 6))
        if !before.isDisjoint(with: Self.afterWords) || (label(at: index) == nil && hasAmountBefore(index) && !before.contains("up")) {
            if speedAfter == nil { speedAfter = rate } else { take(index..<position, as: .extra); return position }
        } else {
            if maximumSpeed == nil { maximumSpeed = rate } else { take(index..<position, as: .extra); return position }
        }
        take(index..<position)
        return skip(position, over: ["speed", "speeds", "max", "maximum"])
    }

    private func hasAmountBefore(_ index: Int) -> Bool {
        amounts.contains { $0.range.upperBound <= index } || unlimitedData || bareUnlimited
    }

    private static let dataUnits: [String: DataAmount.DataUnit] = [
        "gb": .gigabytes, "gig": .gigabytes, "gigs": .gigabytes, "gigabyte": .gigabytes, "gigabytes": .gigabytes,
        "mb": .megabytes, "megabyte": .megabytes, "megabytes": .megabytes, "kb": .kilobytes, "kilobytes": .kilobytes,
        "tb": .terabytes, "terabyte": .terabytes, "terabytes": .terabytes,
        "gib": .gibibytes, "mib": .mebibytes, "kib": .kibibytes, "tib": .tebibytes,
    ]

    private static let premiumWords: Set<String> = ["premium", "priority", "high", "highspeed", "fast", "full", "lte", "4g", "5g"]
    private static let hotspotWords: Set<String> = ["hotspot", "tethering", "hot"]

    /// `5GB`, `50GB premium data`, `1 GB/day`, `30GB hotspot`, `512 MB per day`.
    private mutating func matchDataAmount(_ index: Int) -> Int? {
        guard tokens[index].kind == .number, let value = tokens[index].number, let unitWord = word(index + 1),
              let unit = Self.dataUnits[unitWord] else { return nil }
        var position = index + 2
        if symbol(position, "+"), tokens[position].glued { position += 1 }
        var perDay = false
        if symbol(position, "/"), let next = word(position + 1), ["day", "d", "24h"].contains(next) {
            perDay = true
            position += 2
        } else if let first = word(position), ["per", "a", "each", "every"].contains(first), word(position + 1) == "day" {
            perDay = true
            position += 2
        } else if word(position) == "daily" {
            perDay = true
            position += 1
        } else if symbol(position, "/"), let next = word(position + 1), Self.period(next) == .month {
            position += 2
        } else if let first = word(position), ["per", "a", "each", "every"].contains(first), word(position + 1) == "month" {
            position += 2
        } else if word(position) == "monthly" {
            position += 1
        }
        // What kind of data: the words after (`premium data`, `hotspot`), then before.
        var kind: AmountKind?
        var scan = position
        while scan < tokens.count, free(scan), scan - position < 6 {
            guard let word = word(scan) ?? (symbol(scan, "-") ? "-" : nil) else { break }
            if Self.hotspotWords.contains(word) {
                kind = .hotspot
                scan += 1
                if word == "hot", self.word(scan) == "spot" { scan += 1 }
                break
            }
            if Self.premiumWords.contains(word) || word == "speed" {
                if kind == nil { kind = .premium }
                scan += 1
                continue
            }
            if let (generation, next) = generationToken(scan) {
                if generation == 5 { fiveG = true }
                scan = next
                continue
            }
            if ["of", "-", "data", "mobile", "smartphone", "5g", "4g", "lte"].contains(word) {
                scan += 1
                if word == "data" { break }
                continue
            }
            break
        }
        if let found = kind {
            position = scan
            kind = found
        } else if word(position) == "of", word(position + 1) == "data" {
            position += 2
        } else if word(position) == "data" {
            position += 1
        }
        if kind == nil {
            let before = wordsBefore(index, limit: 3)
            if before.contains(where: Self.hotspotWords.contains) {
                kind = .hotspot
            } else if before.contains("premium") || before.contains("priority") || before.contains("first") {
                kind = .premium
            }
        }
        if kind == nil, word(position) == "roaming" || wordsBefore(index, limit: 2).contains("roaming") {
            kind = .roaming
            if word(position) == "roaming" {
                position += 1
                if word(position) == "data" { position += 1 }
            }
        }
        if kind == nil {
            switch label(at: index) {
            case .hotspot: kind = .hotspot
            case .premium: kind = .premium
            case .roaming: kind = .roaming
            default: kind = .plain
            }
        }
        let amount = DataAmount.amount(value, unit)
        amounts.append((kind ?? .plain, perDay ? .perDay(amount) : .total(amount), index..<position))
        take(index..<position)
        return position
    }

    // MARK: Places, validity, counts

    /// `140+ countries`, `30 destinations`.
    private mutating func matchCountryCount(_ index: Int) -> Int? {
        guard let (place, position) = countryCount(at: index) else { return nil }
        add(place, at: index, end: position)
        take(index..<position)
        return position
    }

    /// `140+ countries`, `35 European countries` at `index`, and the index past it.
    private func countryCount(at index: Int) -> (Place, Int)? {
        guard tokens[index].kind == .number, let value = tokens[index].number, value.scale == 0, value.units > 0, value.units < 1_000
        else { return nil }
        var position = index + 1
        if symbol(position, "+") { position += 1 }
        if let word = word(position), ["european", "asian", "african", "american"].contains(word) { position += 1 }
        guard let word = word(position), ["countries", "country", "destinations", "regions"].contains(word) else { return nil }
        return (.countries(Int(value.units)), position + 1)
    }

    /// `30 days`, `30-day`, `7d`, `1 month`, `2 weeks`, `24 hours`.
    private mutating func matchValidity(_ index: Int) -> Int? {
        guard tokens[index].kind == .number, let value = tokens[index].number, value.scale == 0, value.units > 0,
              value.units <= 3_650 else { return nil }
        var position = index + 1
        if symbol(position, "-"), tokens[position].glued { position += 1 }
        guard let unitWord = word(position) else { return nil }
        let count = Int(value.units)
        let days: Int
        switch unitWord {
        case "day", "days", "dys", "dias": days = count
        case "d" where tokens[position].glued: days = count
        case "week", "weeks", "wk", "wks": days = count * 7
        case "month", "months", "mo", "mos", "mth", "mths": days = count * 30
        case "year", "years", "yr", "yrs": days = count * 365
        case "hour", "hours", "hr", "hrs", "h":
            guard count % 24 == 0 else { return nil }
            days = count / 24
        default: return nil
        }
        position += 1
        position = skip(position, over: ["validity", "valid", "pass", "plan", "package"])
        if validity == nil {
            validity = days
            take(index..<position)
        } else {
            take(index..<position, as: .extra)
        }
        return position
    }

    /// `500 minutes`, `100 SMS`, `100 texts`.
    private mutating func matchTalkOrTextCount(_ index: Int) -> Int? {
        guard tokens[index].kind == .number, let value = tokens[index].number, value.scale == 0, value.units >= 0,
              value.units < 1_000_000, let unitWord = word(index + 1) else { return nil }
        var position = index + 2
        let count = Int(value.units)
        switch unitWord {
        case "min", "mins", "minute", "minutes":
            talk = .limited(count)
            position = skip(position, over: ["of", "talk", "talktime", "calls", "calling", "voice", "local", "domestic"])
        case "sms", "text", "texts", "messages", "msgs", "msg":
            text = .limited(count)
            position = skip(position, over: ["messages", "sms"])
        default:
            return nil
        }
        take(index..<position)
        return position
    }

    /// `4 lines`, `1 line`.
    private mutating func matchLines(_ index: Int) -> Int? {
        guard tokens[index].kind == .number, let value = tokens[index].number, value.scale == 0, value.units > 0,
              value.units < 100, let unitWord = word(index + 1), unitWord == "lines" || unitWord == "line" else { return nil }
        lines = Int(value.units)
        take(index..<(index + 2))
        return index + 2
    }

    /// `5G`, `5G UC`, `4G LTE`, `LTE`.
    private mutating func matchNetwork(_ index: Int) -> Int? {
        var position = index
        var generation: Int64?
        if tokens[index].kind == .number, let value = tokens[index].number, value.scale == 0, (2...6).contains(value.units),
           let next = word(index + 1), tokens[index + 1].glued, next == "g" {
            generation = value.units
            position = index + 2
        } else if let word = word(index), ["5g", "4g", "3g", "lte"].contains(word) {
            generation = word == "lte" ? 4 : Int64(String(word.prefix(1)))
            position = index + 1
        } else {
            return nil
        }
        if symbol(position, "+") { position += 1 }
        if symbol(position, "/") {
            // `4G/5G`.
            if let next = word(position + 1), next == "5g" || next == "lte" || next == "4g" {
                if next == "5g" { generation = 5 }
                position += 2
            } else if position + 2 < tokens.count, tokens[position + 1].kind == .number, word(position + 2) == "g" {
                if tokens[position + 1].number == ExactDecimal(5) { generation = 5 }
                position += 3
            }
        }
        position = skip(position, over: ["lte", "uc", "uw", "ultra", "wideband", "capacity", "plus", "nationwide", "access", "speeds",
                                         "network", "ready", "compatible", "included", "coverage", "data"])
        let negated = wordsBefore(index, limit: 1).first.map { ["no", "without", "not"].contains($0) } ?? false
        if generation == 5 {
            fiveG = !negated
        } else if negated == false, wordsBefore(index, limit: 1).first == "only" || word(position) == "only" {
            if fiveG == nil { fiveG = false }
            if word(position) == "only" { position += 1 }
        }
        take(index..<position)
        if negated, index > 0 { take((index - 1)..<index) }
        return position
    }

    /// `480p`, `1080p video`, `SD video`, `HD streaming`.
    private mutating func matchVideo(_ index: Int) -> Int? {
        if tokens[index].kind == .number, let next = word(index + 1), next == "p", tokens[index + 1].glued {
            video = tokens[index].text + "p"
            let end = skip(index + 2, over: ["video", "streaming", "streams", "hd", "sd"])
            take(index..<end)
            return end
        }
        // `4K`, `4K UHD streaming`: the tokenizer splits it into 4 and K.
        if tokens[index].kind == .number, tokens[index].text == "4", let next = word(index + 1), next == "k", tokens[index + 1].glued {
            video = "4K"
            let end = skip(index + 2, over: ["uhd", "hd", "video", "streaming", "streams"])
            take(index..<end)
            return end
        }
        if let word = word(index), ["sd", "hd", "uhd", "4k"].contains(word),
           let next = self.word(index + 1), ["video", "streaming", "streams"].contains(next) {
            video = tokens[index].text.uppercased()
            take(index..<(index + 2))
            return index + 2
        }
        return nil
    }

    // MARK: Unlimited, talk and text

    private enum Service { case talk, text, data, hotspot, everything }

    private static let serviceNouns: [String: Service] = [
        "talk": .talk, "calls": .talk, "calling": .talk, "voice": .talk, "minutes": .talk, "talktime": .talk,
        "text": .text, "texts": .text, "texting": .text, "sms": .text, "messaging": .text, "messages": .text, "mms": .text,
        "data": .data, "internet": .data, "browsing": .data, "hotspot": .hotspot, "tethering": .hotspot,
        "everything": .everything,
    ]

    private static let serviceQualifiers: Set<String> = [
        "5g", "4g", "lte", "high", "speed", "premium", "domestic", "nationwide", "national", "local", "mobile", "us",
        "and", "nationwide",
    ]

    /// `Unlimited`, `unlimited talk & text`, `unlimited 5G data`, `Data: Unlimited`.
    private mutating func matchUnlimited(_ index: Int) -> Int? {
        guard let word = word(index), ["unlimited", "unl", "unltd"].contains(word) else { return nil }
        var services: [Service] = []
        var position = index + 1
        var end = position
        var runClause = clause[index]
        while position < tokens.count, free(position), clause[position] == runClause
                || (!services.isEmpty && (symbol(position, ",") || (position > 0 && symbol(position - 1, ",")))) {
            runClause = clause[position]
            if symbol(position + 1, ":") { break }
            if let noun = self.word(position), let service = Self.serviceNouns[noun] {
                services.append(service)
                position += 1
                end = position
                if noun == "talk" || noun == "text", self.word(position) == "messages" { position += 1; end = position }
                continue
            }
            if let qualifier = self.word(position), Self.serviceQualifiers.contains(qualifier) {
                if qualifier == "5g" { fiveG = true }
                position += 1
                continue
            }
            if let (generation, next) = generationToken(position) {
                if generation == 5 { fiveG = true }
                position = next
                continue
            }
            if tokens[position].kind == .symbol, ["&", "+", "/", "-", ","].contains(tokens[position].text) {
                position += 1
                continue
            }
            break
        }
        if services.isEmpty {
            switch label(at: index) {
            case .talk: services = [.talk]
            case .text: services = [.text]
            case .talkAndText: services = [.talk, .text]
            case .hotspot: services = [.hotspot]
            case .data, .premium: services = [.data]
            default:
                bareUnlimited = true
                take(index..<(index + 1))
                return index + 1
            }
        }
        for service in services {
            switch service {
            case .talk: talk = .unlimited
            case .text: text = .unlimited
            case .data: unlimitedData = true
            case .hotspot: hotspotFlag = .unlimited
            case .everything:
                talk = .unlimited
                text = .unlimited
                unlimitedData = true
            }
        }
        take(index..<end)
        return end
    }

    /// `talk & text`, `includes hotspot`, `no hotspot`, `data only`, `talk & text only`.
    private mutating func matchServiceWords(_ index: Int) -> Int? {
        guard let first = word(index) else { return nil }
        let previous = wordsBefore(index, limit: 1).first
        let negated = previous == "no" || previous == "without"
        if first == "data", negated {
            noData = true
            take((index - 1)..<(index + 1))
            return index + 1
        }
        if first == "data", symbol(index + 1, "-") || word(index + 1) == "only" {
            let end = symbol(index + 1, "-") ? index + 3 : index + 2
            guard end <= tokens.count, word(end - 1) == "only" else { return nil }
            if talk == nil { talk = Allowance.none }
            if text == nil { text = Allowance.none }
            take(index..<end)
            return end
        }
        if Self.hotspotWords.contains(first) {
            var end = index + 1
            if first == "hot" {
                guard word(end) == "spot" else { return nil }
                end += 1
            }
            if negated {
                hotspotFlag = DataAllowance.none
                take((index - 1)..<end)
            } else if word(end) == "not", word(end + 1) == "included" {
                hotspotFlag = DataAllowance.none
                end += 2
                take(index..<end)
            } else {
                if hotspotFlag == nil { hotspotFlag = .included }
                take(index..<end)
            }
            return end
        }
        guard let service = Self.serviceNouns[first], service == .talk || service == .text else { return nil }
        // A run of talk/text nouns: `talk & text`, `calls, texts`.
        var found: [Service] = [service]
        var position = index + 1
        var end = position
        while position < tokens.count, free(position) {
            if let noun = word(position), let next = Self.serviceNouns[noun], next == .talk || next == .text {
                found.append(next)
                position += 1
                end = position
            } else if tokens[position].kind == .symbol, ["&", "+", "/", ","].contains(tokens[position].text) || word(position) == "and" {
                position += 1
            } else {
                break
            }
        }
        let only = word(end) == "only"
        for service in found {
            let value: Allowance = negated ? .none : .included
            if service == .talk, talk == nil || negated { talk = value }
            if service == .text, text == nil || negated { text = value }
        }
        if only {
            end += 1
            servicesOnly = true
        }
        take((negated ? index - 1 : index)..<end)
        return end
    }

    /// `w/ AutoPay`, `with auto pay`, `paperless billing`, `+ taxes & fees`, `taxes included`, `per line`.
    private mutating func matchConditions(_ index: Int) -> Int? {
        guard let first = word(index) else { return nil }
        var end = index + 1
        switch first {
        case "autopay":
            appendCondition("autopay")
        case "auto" where word(index + 1) == "pay" || (symbol(index + 1, "-") && word(index + 2) == "pay"):
            end = symbol(index + 1, "-") ? index + 3 : index + 2
            appendCondition("autopay")
        case "paperless":
            if word(end) == "billing" { end += 1 }
            appendCondition("paperless billing")
        case "tax", "taxes", "fees", "fee":
            let before = wordsBefore(index, limit: 3)
            let after = [word(index + 1), word(index + 2), word(index + 3)].compactMap { $0 }
            let plusBefore = index > 0 && (symbol(index - 1, "+") || before.first == "plus")
            if before.contains("incl") || before.contains("including") || before.contains("includes") || after.contains("included")
                || after.contains("incl") || after.contains("inclusive") {
                taxesIncluded = true
            } else if plusBefore || before.contains("excl") || before.contains("excluding") || after.contains("extra")
                        || after.contains("additional") || after.contains("excluded") || after.contains("apply") {
                taxesIncluded = false
            }
            // `taxes & fees extra`, `tax and fees included`: the words of the phrase, `&` between them.
            let phraseWords: Set<String> = ["and", "fees", "fee", "taxes", "tax", "extra", "additional", "included", "incl",
                                            "inclusive", "excluded", "apply"]
            while true {
                if let next = word(end), phraseWords.contains(next) {
                    end += 1
                } else if symbol(end, "&"), let next = word(end + 1), ["fees", "taxes", "fee", "tax"].contains(next) {
                    end += 2
                } else {
                    break
                }
            }
            if plusBefore, index > 0 { take((index - 1)..<index) }
        case "per" where word(index + 1) == "line":
            end = index + 2
            perLine = true
        default:
            return nil
        }
        take(index..<end)
        return end
    }

    private mutating func appendCondition(_ condition: String) {
        if !conditions.contains(condition) { conditions.append(condition) }
    }

    // MARK: Places

    private static let roamingWords: Set<String> = [
        "roaming", "roam", "travel", "traveling", "travelling", "abroad", "overseas", "international", "internationally",
    ]

    /// A country or region name (`Mexico`, `United States`, `USA`, `Europe`).
    private mutating func matchPlaces(_ index: Int) -> Int? {
        guard let (place, end) = PlaceMatcher.shared.match(tokens, scalars, at: index) else { return nil }
        add(place, at: index, end: end)
        take(index..<end)
        return end
    }

    private mutating func add(_ place: Place, at index: Int, end: Int) {
        if isRoaming(index, end: end) {
            if !roaming.contains(place) { roaming.append(place) }
        } else if !coverage.contains(place) {
            coverage.append(place)
        }
    }

    /// The places after `in` that follow a data amount (`15GB high-speed data in Mexico &
    /// Canada`): empty when the amount is not followed so.
    private func placesIntroduced(after start: Int) -> [Place] {
        var position = start
        while let word = word(position), ["of", "high", "highspeed", "speed", "data", "premium", "4g", "5g", "lte"].contains(word)
                || symbol(position, "-") {
            position += 1
        }
        guard word(position) == "in" else { return [] }
        position += 1
        var places: [Place] = []
        while position < tokens.count {
            if let (place, next) = PlaceMatcher.shared.match(tokens, scalars, at: position) {
                places.append(place)
                position = next
            } else if tokens[position].kind == .number, let (place, next) = countryCount(at: position) {
                places.append(place)
                position = next
            } else if symbol(position, "&") || symbol(position, ",") || word(position) == "and" {
                position += 1
            } else {
                break
            }
        }
        return places
    }

    /// Roaming when the clause says so (`roaming`, `travel`, a `Roaming:` label), the
    /// places are followed by `included`, or by the services used there (`Mexico & Canada
    /// talk/text/data`).
    private func isRoaming(_ index: Int, end: Int) -> Bool {
        switch label(at: index) {
        case .roaming: return true
        case .coverage: return false
        default: break
        }
        var position = index
        while position > 0, clause[position - 1] == clause[index] { position -= 1 }
        var clauseEnd = end
        while clauseEnd < tokens.count, clause[clauseEnd] == clause[index] { clauseEnd += 1 }
        for position in position..<clauseEnd {
            if let word = word(position), Self.roamingWords.contains(word) { return true }
        }
        // `Mexico & Canada included`, `Mexico, Canada included`: look past the run of places.
        var after = end
        while after < tokens.count {
            if let word = word(after), ["included", "incl", "inclusive"].contains(word) { return true }
            if let word = word(after), ["talk", "text", "texting", "calls", "calling", "minutes", "sms"].contains(word) {
                return true
            }
            if tokens[after].kind == .symbol, ["&", ",", "+", "/"].contains(tokens[after].text) || word(after) == "and" {
                after += 1
                continue
            }
            if let (_, next) = PlaceMatcher.shared.match(tokens, scalars, at: after) {
                after = next
                continue
            }
            break
        }
        return false
    }

    /// A bare number after a label: `Validity: 30`, `Talk: 100`.
    private mutating func matchLabelledNumber(_ index: Int) -> Int? {
        guard tokens[index].kind == .number, let value = tokens[index].number, value.scale == 0, value.units >= 0,
              value.units < 100_000, let label = label(at: index) else { return nil }
        switch label {
        case .validity:
            guard validity == nil else { return nil }
            validity = Int(value.units)
        case .talk: talk = .limited(Int(value.units))
        case .text: text = .limited(Int(value.units))
        default: return nil
        }
        take(index..<(index + 1))
        return index + 1
    }

    // MARK: Name and result

    private static let fillers: Set<String> = [
        "and", "with", "w", "plus", "then", "of", "for", "incl", "includes", "included", "include", "including", "in", "at",
        "to", "up", "per", "a", "an", "the", "plan", "data", "only", "your", "on", "all", "get", "also", "is", "are", "from",
        "just", "you", "after", "thereafter", "speeds", "speed", "reduced", "throttled", "slowed", "slows", "valid",
        "validity", "max", "maximum", "access", "network", "nationwide", "coverage", "roaming", "international", "travel",
        "abroad", "while", "countries", "mobile", "use", "usage", "or", "by", "each", "every", "no", "without", "not",
        "first", "high", "premium", "priority", "full", "fast", "via", "usa", "traveling", "travelling", "within", "across",
        "lasts", "lasting", "days", "day", "until", "throughout",
    ]

    /// Words that are filler in a sentence but part of a name (`Unlimited Plus`).
    private static let nameWords: Set<String> = [
        "plus", "premium", "priority", "max", "maximum", "mobile", "travel", "international", "access", "first", "full", "fast",
    ]

    private func isFiller(_ index: Int, inName: Bool = false) -> Bool {
        let token = tokens[index]
        switch token.kind {
        case .symbol: return token.text != "$" && token.text != "€" && token.text != "£"
        case .word: return Self.fillers.contains(token.lower) && !(inName && Self.nameWords.contains(token.lower))
        case .number: return false
        }
    }

    /// The first clause is the plan's name when it holds words nothing else claimed
    /// (`Unlimited Premium`, `AT&T Value Plus 15GB`); the price at its end is not.
    private mutating func resolveName() {
        guard name == nil else { return }
        var end = 0
        while end < tokens.count, !Self.breaksClause(tokens, end), !symbol(end, ":") { end += 1 }
        guard end > 0 else { return }
        let hasOwnWords = (0..<end).contains { owner[$0] == nil && tokens[$0].kind == .word && !isFiller($0, inName: true) }
        guard hasOwnWords else { return }
        var last = end - 1
        while last > 0, owner[last] == .price || owner[last] == .extra { last -= 1 }
        while last > 0, owner[last] == nil, tokens[last].kind == .symbol,
              [",", ".", ":", ";", "-", "–", "—", "(", "/", "&"].contains(tokens[last].text) { last -= 1 }
        name = source(tokens[0].start, tokens[last].end)
        for index in 0...last where owner[index] == nil { owner[index] = .name }
    }

    private mutating func assemble() -> Plan {
        var plan = Plan()
        plan.name = name
        if var price {
            if perLine { price.perLine = true }
            price.conditions = conditions
            price.taxesIncluded = taxesIncluded
            if let upfront, upfront != price.amount || price.period != .once { price.upfront = upfront }
            plan.price = price
        } else if let upfront {
            // Only an amount paid up front: that is the price, once.
            plan.price = PlanPrice(amount: upfront, period: .once, perLine: perLine, conditions: conditions, taxesIncluded: taxesIncluded)
        }
        plan.dataPrice = dataPrice
        // A plan billed by the month (or week, year) that gives `15GB high-speed data in
        // Mexico & Canada` or `5GB in 215+ countries` is saying what it allows abroad: those
        // places are roaming, and the amount is roaming data, not the plan's own. So is an
        // amount called roaming data (`Roaming data: 5 GB in Europe`). A package sold once
        // (`5GB in Japan, 30 days, $15`) covers its places.
        var amounts = self.amounts
        let recurring = plan.price.map { $0.period != .once } ?? false
        var abroad: [Range<Int>] = []
        for amount in amounts where amount.kind == .roaming || recurring {
            let places = placesIntroduced(after: amount.range.upperBound)
            guard amount.kind == .roaming || !places.isEmpty else { continue }
            abroad.append(amount.range)
            plan.roamingData.append(RoamingData(allowance: amount.allowance, places: places))
            for place in places {
                coverage.removeAll { $0 == place }
                if !roaming.contains(place) { roaming.append(place) }
            }
        }
        amounts.removeAll { abroad.contains($0.range) }
        // Data: the explicit amounts by kind; `unlimited` makes the first amount premium data.
        let plain = amounts.filter { $0.kind == .plain }
        let premium = amounts.filter { $0.kind == .premium }
        let hotspot = amounts.filter { $0.kind == .hotspot }
        var used: [Range<Int>] = []
        if unlimitedData || (bareUnlimited && plain.isEmpty && premium.isEmpty) || (bareUnlimited && plain.isEmpty) {
            plan.data = .unlimited
            if let first = premium.first ?? plain.first, case .total(let amount) = first.allowance {
                plan.premiumData = amount
                used.append(first.range)
            }
        } else if let first = plain.first ?? premium.first {
            plan.data = first.allowance
            used.append(first.range)
            if !plain.isEmpty, let threshold = premium.first, case .total(let amount) = threshold.allowance {
                plan.premiumData = amount
                used.append(threshold.range)
            }
        } else if bareUnlimited {
            plan.data = .unlimited
        }
        if let first = hotspot.first {
            plan.hotspot = first.allowance
            used.append(first.range)
        } else if let hotspotFlag {
            plan.hotspot = hotspotFlag
        }
        if hotspot.isEmpty, let flag = hotspotFlag, flag == .unlimited { plan.hotspot = .unlimited }
        // Amounts stated beyond the ones kept are not dropped silently.
        for amount in amounts where !used.contains(amount.range) {
            for index in amount.range where owner[index] == .fact { owner[index] = .extra }
        }
        if servicesOnly || noData, plan.data == nil { plan.data = DataAllowance.none }
        plan.speedAfterAllowance = speedAfter
        plan.maximumSpeed = maximumSpeed
        plan.validityDays = validity
        plan.coverage = coverage
        plan.roaming = roaming
        plan.fiveG = fiveG
        plan.talk = talk
        plan.text = text
        plan.video = video
        plan.lines = lines
        plan.unparsed = unparsedSpans()
        return plan
    }

    /// Runs of tokens nothing claimed (fillers inside a run are kept with it), and the
    /// phrases stated twice (`extra`).
    private func unparsedSpans() -> [PlanSpan] {
        var spans: [PlanSpan] = []
        var runStart: Int?
        var runEnd = 0
        var runIsExtra = false
        func close() {
            if let start = runStart {
                let text = source(tokens[start].start, tokens[runEnd].end)
                spans.append(PlanSpan(text: text, offset: tokens[start].start, length: tokens[runEnd].end - tokens[start].start))
            }
            runStart = nil
        }
        for index in tokens.indices {
            let extra = owner[index] == .extra
            let candidate = extra || (owner[index] == nil && !isFiller(index))
            if candidate {
                if runStart != nil, extra != runIsExtra { close() }
                if runStart == nil {
                    runStart = index
                    runIsExtra = extra
                }
                runEnd = index
            } else if owner[index] != nil || Self.breaksClause(tokens, index) {
                close()
            }
        }
        close()
        return spans
    }

    private func source(_ start: Int, _ end: Int) -> String {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[start..<end])
        return text
    }
}

/// Finds country and region names in plan tokens, longest name first.
final class PlaceMatcher: Sendable {
    static let shared = PlaceMatcher()

    /// Lower-case word sequences → place.
    private let names: [String: Place]
    private let longestName: Int
    /// Case-sensitive abbreviations (`US`, `UK`, `EU`), as scalars.
    private let upperCase: [([Unicode.Scalar], Place)]

    private init() {
        var names: [String: Place] = [:]
        var longest = 1
        func add(_ name: String, _ place: Place) {
            let words = Self.words(name)
            guard !words.isEmpty else { return }
            longest = max(longest, words.count)
            let key = words.joined(separator: " ")
            if names[key] == nil { names[key] = place }
        }
        for (code, name) in Places.countries {
            add(name, .country(code))
            if let open = name.firstIndex(of: "(") { add(String(name[..<open]), .country(code)) }
            if name.hasPrefix("St. ") { add("Saint " + name.dropFirst(4), .country(code)) }
        }
        for (name, code) in Places.aliases { add(name, .country(code)) }
        for (name, region) in Places.regions { add(name, .region(region)) }
        self.names = names
        longestName = longest
        upperCase = (Places.upperCaseAliases.map { (Array($0.0.unicodeScalars), Place.country($0.1)) }
            + Places.upperCaseRegions.map { (Array($0.0.unicodeScalars), Place.region($0.1)) })
            .sorted { $0.0.count > $1.0.count }
    }

    /// Lower-case words of a name: `&` reads as `and`, parenthesised parts and dots dropped.
    static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var depth = 0
        for character in name.lowercased() {
            if character == "(" { depth += 1; continue }
            if character == ")" { depth = max(0, depth - 1); continue }
            guard depth == 0 else { continue }
            if character == "&" {
                if !current.isEmpty { words.append(current); current = "" }
                words.append("and")
            } else if character.isLetter {
                current.append(character)
            } else if character == "'" || character == "\u{2019}" || character == "." {
                continue
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    func match(_ tokens: [PlanToken], _ scalars: [Unicode.Scalar], at index: Int) -> (Place, Int)? {
        let token = tokens[index]
        // `US`, `U.S.`, `UK`, `EU` in capitals only.
        if token.kind == .word, token.text.first?.isUppercase == true {
            for (pattern, place) in upperCase where token.start + pattern.count <= scalars.count {
                guard scalars[token.start..<(token.start + pattern.count)].elementsEqual(pattern) else { continue }
                let end = token.start + pattern.count
                if end < scalars.count, ValueText.isLetter(scalars[end]) || NumberScanner.isDigit(scalars[end]) { continue }
                var next = index
                while next < tokens.count, tokens[next].start < end { next += 1 }
                return (place, next)
            }
        }
        guard token.kind == .word else { return nil }
        // Longest run of words (with `&` as `and`, dots and hyphens skipped) that is a name.
        var words: [String] = []
        var ends: [Int] = []
        var position = index
        while position < tokens.count, words.count < longestName {
            let current = tokens[position]
            if current.kind == .word {
                words.append(current.lower.filter { $0 != "'" && $0 != "\u{2019}" })
                ends.append(position + 1)
            } else if current.kind == .symbol, current.text == "&" {
                words.append("and")
                ends.append(-1)
            } else if current.kind == .symbol, current.text == "." || current.text == "-" {
                position += 1
                continue
            } else {
                break
            }
            position += 1
        }
        for count in stride(from: words.count, through: 1, by: -1) where ends[count - 1] > 0 {
            let key = words[0..<count].joined(separator: " ")
            // "World 5GB" is a package; "hello world" is not.
            if key == "world", token.text.first?.isUppercase != true { continue }
            if let place = names[key] {
                return (place, ends[count - 1])
            }
        }
        return nil
    }
}
