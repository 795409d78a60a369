// Data: amounts (plain, premium, hotspot, roaming), per-day allowances and speeds.
extension PlanTextReader {
    static let rateUnits: [String: DataRate.Unit] = [
        "kbps": .kbps, "kbit": .kbps, "kbits": .kbps, "kb/s": .kbps, "kbit/s": .kbps, "k": .kbps,
        "mbps": .Mbps, "mbit": .Mbps, "mbits": .Mbps, "mb/s": .Mbps, "mbit/s": .Mbps,
        "gbps": .Gbps, "gbit": .Gbps, "gbits": .Gbps, "gb/s": .Gbps, "gbit/s": .Gbps,
    ]

    static let afterWords: Set<String> = [
        "then", "after", "thereafter", "reduced", "throttled", "slowed", "slows", "slow", "drops", "limited", "afterwards", "beyond",
    ]

    /// `3 Mbps`, `512kbps`, `128 kb/s`.
    mutating func matchSpeed(_ index: Int) -> Int? {
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

    func hasAmountBefore(_ index: Int) -> Bool {
        amounts.contains { $0.range.upperBound <= index } || unlimitedData || bareUnlimited
    }

    static let dataUnits: [String: DataAmount.DataUnit] = [
        "gb": .gigabytes, "gig": .gigabytes, "gigs": .gigabytes, "gigabyte": .gigabytes, "gigabytes": .gigabytes,
        "mb": .megabytes, "megabyte": .megabytes, "megabytes": .megabytes, "kb": .kilobytes, "kilobytes": .kilobytes,
        "tb": .terabytes, "terabyte": .terabytes, "terabytes": .terabytes,
        "gib": .gibibytes, "mib": .mebibytes, "kib": .kibibytes, "tib": .tebibytes,
    ]

    static let premiumWords: Set<String> = ["premium", "priority", "high", "highspeed", "fast", "full", "lte", "4g", "5g"]
    static let hotspotWords: Set<String> = ["hotspot", "tethering", "hot"]

    /// `5GB`, `50GB premium data`, `1 GB/day`, `30GB hotspot`, `512 MB per day`.
    mutating func matchDataAmount(_ index: Int) -> Int? {
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
}
