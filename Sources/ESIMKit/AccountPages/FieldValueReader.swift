/// Turns the text a rule found into a field's typed value.
enum FieldValueReader {
    static func read(_ text: String, kind: ValueKind, field: SnapshotField, unit: String? = nil, currency: String? = nil,
                     reference: CalendarDate?) throws(ValueError) -> SnapshotValue {
        var text = text
        if let unit, ExactDecimal(plainNumber(text)) != nil { text = plainNumber(text) + " " + unit }
        if let currency, ExactDecimal(plainNumber(text)) != nil { text = currency + " " + plainNumber(text) }
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

    /// `142.37` and `-5` as they are; grouping commas dropped (`7,657` → `7657`).
    static func plainNumber(_ text: String) -> String {
        text.trimmed(of: " \t\n").filter { $0 != "," }
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

    static let onWords: Set<String> = ["on", "yes", "true", "enrolled", "enabled", "active", "scheduled"]
    static let offWords: Set<String> = ["off", "no", "false", "disabled", "inactive", "not", "unenrolled", "none"]

    /// `On`, `Enrolled`, `AutoPay is on` → true; `Off`, `Not enrolled` → false.
    static func flag(_ text: String) throws(ValueError) -> Bool {
        let words = text.lowercased().split { !$0.isLetter }.map(String.init)
        if words.contains(where: offWords.contains) { return false }
        if words.contains(where: onWords.contains) { return true }
        throw ValueError(.unexpectedText, "'\(text)' says neither on nor off", offset: 0)
    }
}
