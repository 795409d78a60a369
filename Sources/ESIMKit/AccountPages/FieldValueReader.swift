/// Turns the text a rule found into a field's typed value.
enum FieldValueReader {
    static func read(_ text: String, kind: ValueKind, field: SnapshotField, unit: String? = nil, currency: String? = nil,
                     language: String? = nil, reference: CalendarDate?) throws(ValueError) -> SnapshotValue {
        if let language, let vocabulary = Vocabulary.language(language),
           let value = localized(text, kind: kind, field: field, unit: unit, currency: currency, vocabulary: vocabulary, reference: reference) {
            return value
        }
        var text = text
        if unit != nil || currency != nil {
            let number = plainNumber(text)
            if ExactDecimal(number) != nil {
                if let unit { text = number + " " + unit } else if let currency { text = currency + " " + number }
            }
        }
        let value: SnapshotValue
        switch kind {
        case .money: value = .money(try Money(text))
        case .data: value = .data(try DataAmount(text))
        case .date: value = .date(try CalendarDate(text, reference: reference))
        case .dateRange: value = .dateRange(try DateRange(text, reference: reference))
        case .percent: value = .percent(try Percentage(text))
        case .count: value = .count(try count(text))
        case .flag: value = .flag(try flag(text))
        case .text:
            let trimmed = text.trimmed(of: " \t\n")
            guard !trimmed.isEmpty else { throw ValueError(.empty, "no text", offset: 0) }
            value = .text(field.isMasked ? NumberMasking.mask(trimmed) : trimmed)
        case .usage:
            value = try component(of: UsageStatement(text), for: field)
        }
        return try converted(value, to: field.valueKind)
    }

    /// A text read as a page in `vocabulary`'s language writes it: the one value of the
    /// field's kind it holds (two amounts of data for a usage statement); `nil` to fall
    /// back on the US readers.
    static func localized(_ text: String, kind: ValueKind, field: SnapshotField, unit: String?, currency: String?,
                          vocabulary: Vocabulary, reference: CalendarDate?) -> SnapshotValue? {
        var text = text.trimmed(of: " \t\n")
        let locale = ReadingLocale(vocabulary, country: nil)
        let finder = ValueFinder(scan: TextScan(text), locale: locale, reference: reference)
        // A bare number with the rule's unit or currency.
        if finder.scan.tokens.count == 1, finder.scan.tokens[0].kind == .number, let (number, _) = finder.number(text) {
            if let unit, let dataUnit = DataAmount.DataUnit(rawValue: unit), kind == .data || kind == .usage {
                return try? converted(.data(.amount(number, dataUnit)), to: field.valueKind)
            }
            if let currency, kind == .money { return .money(Money(number, currency: currency)) }
        }
        if kind == .text { return nil }
        text = ""
        let mentions = finder.mentions()
        switch kind {
        case .money:
            guard let money = mentions.first(where: { $0.kind == .money }) else { return nil }
            return money.value
        case .data:
            guard let data = mentions.first(where: { $0.kind == .data }) else { return nil }
            return data.value
        case .date:
            guard let date = mentions.first(where: { $0.kind == .date }) else { return nil }
            return date.value
        case .dateRange:
            return mentions.first(where: { $0.kind == .dateRange })?.value
        case .usage:
            let amounts = mentions.compactMap { mention -> DataAmount? in
                if case .data(let amount) = mention.value { return amount }
                return nil
            }
            guard amounts.count == 2 else { return nil }
            return try? component(of: UsageStatement(used: amounts[0], allowance: amounts[1]), for: field)
        default:
            return nil
        }
    }

    /// What pages and APIs put where they have no value.
    static let placeholders: Set<String> = ["n/a", "na", "n.a.", "none", "null", "nil", "-", "--", "---", "—", "–", "unknown",
                                            "0000-00-00", "00/00/0000", "tbd", "undefined", "nan", "n/d", "k.a."]

    /// Whether a text stands for no value (`N/A`, `--`, `0000-00-00`, `0000-00-00 00:00:00`).
    static func isPlaceholder(_ text: String) -> Bool {
        let trimmed = text.trimmed(of: " \t\n").lowercased()
        return placeholders.contains(trimmed) || trimmed.hasPrefix("0000-00-00")
    }

    /// `142.37` and `-5` as they are; grouping commas dropped (`7,657` → `7657`).
    static func plainNumber(_ text: String) -> String {
        let trimmed = text.trimmed(of: " \t\n")
        // A comma is one ASCII byte, never part of another scalar's UTF-8.
        guard trimmed.utf8.contains(UInt8(ascii: ",")) else { return trimmed }
        return String(decoding: trimmed.utf8.filter { $0 != UInt8(ascii: ",") }, as: UTF8.self)
    }

    /// The part of a usage statement a field stands for.
    static func component(of usage: UsageStatement, for field: SnapshotField) throws(ValueError) -> SnapshotValue {
        let amount: DataAmount?
        switch field {
        case .dataUsed, .hotspotUsed, .sharedDataUsed, .internationalUsed:
            amount = usage.used ?? usage.allowance.flatMap { allowance in
                usage.remaining.flatMap { DataAmount.difference(allowance, $0) }
            }
        case .dataAllowance, .hotspotAllowance, .sharedDataAllowance, .premiumData:
            amount = usage.allowance
        case .dataRemaining, .sharedDataRemaining:
            amount = usage.remaining ?? usage.allowance.flatMap { allowance in
                usage.used.flatMap { DataAmount.difference(allowance, $0) }
            }
        case .percentUsed:
            guard let percent = usage.percentUsed else {
                throw ValueError(.noNumber, "the usage statement gives no percentage used", offset: 0)
            }
            return .percent(percent)
        default:
            throw ValueError(.unexpectedText, "\(field.rawValue) is not read from a usage statement", offset: 0)
        }
        guard let amount else {
            throw ValueError(.noNumber, "the usage statement does not say the \(field.label.lowercased())", offset: 0)
        }
        return .data(amount)
    }

    static func converted(_ value: SnapshotValue, to kind: ValueKind) throws(ValueError) -> SnapshotValue {
        switch (value, kind) {
        case (.data, .data), (.percent, .percent), (.money, .money), (.date, .date), (.dateRange, .dateRange),
             (.text, .text), (.count, .count), (.flag, .flag), (.usage, .usage):
            return value
        default:
            throw ValueError(.unexpectedText, "a \(kind.rawValue) field cannot hold this value", offset: 0)
        }
    }

    /// The first whole number in the text: `12 days left` → 12, `1,024` → 1024.
    static func count(_ text: String) throws(ValueError) -> Int {
        var digits = ""
        var offset = 0
        var started = false
        for (index, character) in text.enumerated() {
            if character.isASCII, character.isNumber {
                if !started { offset = index }
                started = true
                digits.append(character)
                guard digits.count <= 12 else { throw ValueError(.tooManyDigits, "the count is too large", offset: offset) }
            } else if started && character == "," {
                continue
            } else if started {
                break
            }
        }
        guard let value = Int(digits) else { throw ValueError(.noNumber, "no number", offset: 0) }
        return value
    }

    static let onWords: [[UInt8]] = ["on", "yes", "true", "enrolled", "enabled", "active", "scheduled"].map { Array($0.utf8) }
    static let offWords: [[UInt8]] = ["off", "no", "false", "disabled", "inactive", "not", "unenrolled", "none"].map { Array($0.utf8) }

    /// `On`, `Enrolled`, `AutoPay is on` → true; `Off`, `Not enrolled` → false. Words are
    /// runs of letters compared without case; an off word anywhere wins.
    static func flag(_ text: String) throws(ValueError) -> Bool {
        var copy = text
        let answer: Bool?? = copy.withUTF8 { bytes in
            // ASCII text (nearly all) word by word on bytes; other text by Characters.
            var sawOn = false
            var start = 0
            for index in 0...bytes.count {
                let byte = index < bytes.count ? bytes[index] : 0x20
                if byte >= 0x80 { return .none }
                if ASCII.isLetter(byte) { continue }
                if index > start {
                    let word = UnsafeBufferPointer(rebasing: bytes[start..<index])
                    if offWords.contains(where: { matches(word, $0) }) { return .some(false) }
                    if onWords.contains(where: { matches(word, $0) }) { sawOn = true }
                }
                start = index + 1
            }
            return .some(sawOn ? true : nil)
        }
        let result: Bool?
        if let answer {
            result = answer
        } else {
            let words = text.lowercased().split { !$0.isLetter }.map { Array($0.utf8) }
            result = words.contains(where: offWords.contains) ? false : words.contains(where: onWords.contains) ? true : nil
        }
        guard let result else { throw ValueError(.unexpectedText, "'\(text)' says neither on nor off", offset: 0) }
        return result
    }

    /// Whether ASCII `word` is `lowercase` without case.
    private static func matches(_ word: UnsafeBufferPointer<UInt8>, _ lowercase: [UInt8]) -> Bool {
        word.count == lowercase.count && zip(word, lowercase).allSatisfy { $0 | 0x20 == $1 }
    }
}
