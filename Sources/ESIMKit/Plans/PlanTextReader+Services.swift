// Unlimited data, talk and text, services-only plans, and the conditions of a price.
extension PlanTextReader {
    enum Service { case talk, text, data, hotspot, everything }

    static let serviceNouns: [String: Service] = [
        "talk": .talk, "calls": .talk, "calling": .talk, "voice": .talk, "minutes": .talk, "talktime": .talk,
        "text": .text, "texts": .text, "texting": .text, "sms": .text, "messaging": .text, "messages": .text, "mms": .text,
        "data": .data, "internet": .data, "browsing": .data, "hotspot": .hotspot, "tethering": .hotspot,
        "everything": .everything,
    ]

    static let serviceQualifiers: Set<String> = [
        "5g", "4g", "lte", "high", "speed", "premium", "domestic", "nationwide", "national", "local", "mobile", "us",
        "and", "nationwide",
    ]

    /// `Unlimited`, `unlimited talk & text`, `unlimited 5G data`, `Data: Unlimited`.
    mutating func matchUnlimited(_ index: Int) -> Int? {
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
    mutating func matchServiceWords(_ index: Int) -> Int? {
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
    mutating func matchConditions(_ index: Int) -> Int? {
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

    mutating func appendCondition(_ condition: String) {
        if !conditions.contains(condition) { conditions.append(condition) }
    }
}
