// The name (the leftover words that open the text) and the Plan built from what was read,
// with the text nothing understood.
extension PlanTextReader {
    static let fillers: Set<String> = [
        "and", "with", "w", "plus", "then", "of", "for", "incl", "includes", "included", "include", "including", "in", "at",
        "to", "up", "per", "a", "an", "the", "plan", "data", "only", "your", "on", "all", "get", "also", "is", "are", "from",
        "just", "you", "after", "thereafter", "speeds", "speed", "reduced", "throttled", "slowed", "slows", "valid",
        "validity", "max", "maximum", "access", "network", "nationwide", "coverage", "roaming", "international", "travel",
        "abroad", "while", "countries", "mobile", "use", "usage", "or", "by", "each", "every", "no", "without", "not",
        "first", "high", "premium", "priority", "full", "fast", "via", "usa", "traveling", "travelling", "within", "across",
        "lasts", "lasting", "days", "day", "until", "throughout",
    ]

    /// Words that are filler in a sentence but part of a name (`Unlimited Plus`).
    static let nameWords: Set<String> = [
        "plus", "premium", "priority", "max", "maximum", "mobile", "travel", "international", "access", "first", "full", "fast",
    ]

    func isFiller(_ index: Int, inName: Bool = false) -> Bool {
        let token = tokens[index]
        switch token.kind {
        case .symbol: return token.text != "$" && token.text != "€" && token.text != "£"
        case .word: return Self.fillers.contains(token.lower) && !(inName && Self.nameWords.contains(token.lower))
        case .number: return false
        }
    }

    /// The first clause is the plan's name when it holds words nothing else claimed
    /// (`Unlimited Premium`, `AT&T Value Plus 15GB`); the price at its end is not.
    mutating func resolveName() {
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

    mutating func assemble() -> Plan {
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
    func unparsedSpans() -> [PlanSpan] {
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

    func source(_ start: Int, _ end: Int) -> String {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[start..<end])
        return text
    }
}
