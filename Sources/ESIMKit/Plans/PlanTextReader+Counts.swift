// Validity, talk and text counts, lines, the network generation and video quality, and
// bare numbers after a label.
extension PlanTextReader {
    /// `30 days`, `30-day`, `7d`, `1 month`, `2 weeks`, `24 hours`.
    mutating func matchValidity(_ index: Int) -> Int? {
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
    mutating func matchTalkOrTextCount(_ index: Int) -> Int? {
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
    mutating func matchLines(_ index: Int) -> Int? {
        guard tokens[index].kind == .number, let value = tokens[index].number, value.scale == 0, value.units > 0,
              value.units < 100, let unitWord = word(index + 1), unitWord == "lines" || unitWord == "line" else { return nil }
        lines = Int(value.units)
        take(index..<(index + 2))
        return index + 2
    }

    /// `5G`, `5G UC`, `4G LTE`, `LTE`.
    mutating func matchNetwork(_ index: Int) -> Int? {
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
    mutating func matchVideo(_ index: Int) -> Int? {
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

    /// A bare number after a label: `Validity: 30`, `Talk: 100`.
    mutating func matchLabelledNumber(_ index: Int) -> Int? {
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
}
