import ESIMMarkup

/// Reads a page no spec describes by its labels: "Amount due", "Balance", "Data
/// remaining", "12.4 GB of 15 GB used" and the values beside them. Everything it finds
/// is marked heuristic; data figures go on a single line, since which line of service
/// they belong to cannot be known.
enum HeuristicReader {
    /// Label phrases per field, most specific first. A text holding a phrase is read for
    /// a value after the phrase, then as a whole, then in the next few texts.
    static let labels: [(SnapshotField, [String])] = [
        (.amountDue, ["total amount due", "amount due", "total due", "balance due", "due now", "amount to pay"]),
        (.dueDate, ["payment due date", "due date", "due on", "due by", "pay by", "due"]),
        (.balance, ["available balance", "account balance", "current balance", "balance"]),
        (.billingCycle, ["billing period", "billing cycle", "bill cycle", "service period", "cycle"]),
        (.daysLeft, ["days left", "days remaining", "days until"]),
        (.autopay, ["autopay", "auto pay", "automatic payment"]),
        (.expires, ["expires on", "expires", "expiration date", "valid until", "renews on"]),
        (.dataRemaining, ["data remaining", "remaining data", "data left", "left to use", "remaining", "left"]),
        (.dataUsed, ["data used", "used so far", "usage", "used"]),
        (.dataAllowance, ["data allowance", "plan data", "high-speed data", "allowance"]),
    ]

    /// How many texts after a label are looked at for its value.
    static let lookahead = 3
    /// How many words after a label, at most, are read as its value when the rest of the
    /// text is not one (`Dec 3, 2026 Autopay on` → `Dec 3, 2026`).
    static let prefixWords = 6

    static func read(_ context: PageContext, reference: CalendarDate?) -> AccountSnapshot {
        let texts = collectTexts(context)
        var snapshot = AccountSnapshot(isHeuristic: true, reference: reference)
        var line = LineSnapshot()
        var found = Set<SnapshotField>()

        func record(_ field: SnapshotField, _ value: SnapshotValue, raw: String, label: String, at line: Int) -> ExtractedValue {
            found.insert(field)
            return ExtractedValue(field: field, value: value, raw: raw, ruleIndex: -1, rule: "heuristic: \(label)", line: line)
        }

        // Usage statements first: "12.4 GB of 15 GB used" gives used and allowance at once;
        // "Hotspot 1 GB of 5 GB used" the hotspot's.
        for item in texts where !(found.contains(.dataUsed) && found.contains(.hotspotUsed)) {
            guard hasNumber(item.text), let (usage, raw, fields) = usageStatement(in: item.text), !found.contains(fields[0]),
                  [usage.used, usage.remaining, usage.allowance].compactMap({ $0 }).count >= 2 else { continue }
            for field in fields {
                if let value = try? FieldValueReader.component(of: usage, for: field) {
                    line.values.append(record(field, value, raw: raw, label: "usage statement", at: item.line))
                }
            }
        }

        for (index, item) in texts.enumerated() {
            let lowered = item.text.lowercased()
            // Where this text's labels already matched: `Balance due` is the amount due's
            // label, so neither `balance` nor `due` inside it is read again.
            var claimed: [Range<String.Index>] = []
            for (field, phrases) in labels where !found.contains(field) {
                var match: (phrase: String, range: Range<String.Index>)?
                for phrase in phrases where lowered.containsBytes(phrase) {
                    if let range = lowered.ranges(of: phrase).first(where: { range in !claimed.contains { $0.contains(range.lowerBound) } }) {
                        match = (phrase, range)
                        break
                    }
                }
                guard let (phrase, range) = match else { continue }
                var candidates: [(String, Int)] = []
                let offset = lowered.distance(from: lowered.startIndex, to: range.upperBound)
                let rest = String(item.text.dropFirst(offset)).trimmed(of: " :-–\t")
                if !rest.isEmpty { candidates.append((rest, item.line)) }
                // `Amount due $42.00 by Dec 3`: the value is the rest's first words.
                for prefix in leadingWords(rest, upTo: prefixWords) { candidates.append((prefix, item.line)) }
                candidates.append((item.text, item.line))
                for next in texts[(index + 1)..<min(texts.count, index + 1 + lookahead)] { candidates.append((next.text, next.line)) }
                for (candidate, lineNumber) in candidates {
                    guard let value = try? FieldValueReader.read(candidate, kind: field.valueKind, field: field, reference: reference)
                    else { continue }
                    let extracted = record(field, value, raw: candidate, label: "after '\(phrase)'", at: lineNumber)
                    if field.isLineField { line.values.append(extracted) } else { snapshot.values.append(extracted) }
                    claimed.append(range)
                    break
                }
            }
        }
        if !line.values.isEmpty { snapshot.lines = [line] }
        if snapshot.values.isEmpty && snapshot.lines.isEmpty {
            snapshot.diagnostics.append(SnapshotDiagnostic(.missingRequired, "no label the heuristic reader knows was found beside a value"))
        }
        return snapshot
    }

    /// `3 GB of 10 GB left` inside a longer text (`Data: 3 GB of 10 GB left, renews Dec 3`).
    static let usageWindow = ScalarProgram(
        #"(?i)[0-9][0-9.,]*\s?[KMGT]i?B(?:\s+used)?\s+of\s+[0-9][0-9.,]*\s?[KMGT]i?B(?:\s+(?:used|left|remaining))?"#)
    /// Words that say a statement is about the hotspot allowance.
    static let hotspotWords = ["hotspot", "tether"]
    /// Words that say it is about an allowance the snapshot's line does not hold as data
    /// (roaming, a premium threshold): such statements are left alone.
    static let otherAllowances = ["roaming", "international", "intl", "premium", "priority", "abroad"]

    /// The text as a usage statement, or the `X of Y [used|left]` part of it when the rest
    /// is other words; with the text it was read from and the fields it fills (the
    /// hotspot's when the text says hotspot). `nil` for roaming or premium data.
    static func usageStatement(in text: String) -> (UsageStatement, String, [SnapshotField])? {
        let lowered = text.lowercased()
        guard !otherAllowances.contains(where: { lowered.containsBytes($0) }) else { return nil }
        let fields: [SnapshotField] = hotspotWords.contains(where: { lowered.containsBytes($0) })
            ? [.hotspotUsed, .hotspotAllowance] : [.dataUsed, .dataAllowance, .dataRemaining]
        if let usage = try? UsageStatement(text) { return (usage, text, fields) }
        guard let program = usageWindow, program.fits(length: text.utf8.count), let window = program.capture(in: text),
              window.utf8.count < text.utf8.count, let usage = try? UsageStatement(window) else { return nil }
        return (usage, window, fields)
    }

    /// The text's first `limit` words, then one fewer, down to the first word alone; never
    /// the whole text. Words are separated by single spaces (texts are normalised).
    static func leadingWords(_ text: String, upTo limit: Int) -> [String] {
        var ends: [String.Index] = []
        var index = text.startIndex
        while let space = text[index...].firstIndex(of: " ") {
            ends.append(space)
            index = text.index(after: space)
        }
        return ends.prefix(limit).reversed().map { String(text[..<$0]) }
    }

    /// Whether the text holds a number character: ASCII digits on bytes, anything else
    /// (`½`, `٣`) by Unicode.
    static func hasNumber(_ text: String) -> Bool {
        let utf8 = text.utf8
        if utf8.contains(where: ASCII.isDigit) { return true }
        return utf8.contains(where: { $0 >= 0x80 }) && text.contains(where: \.isNumber)
    }

    /// The page's visible texts in order (scripts and styles left out), or for JSON each
    /// key path with its scalar value, as `key: value` texts.
    static func collectTexts(_ context: PageContext) -> [(text: String, line: Int)] {
        switch context.page {
        case .markup(let document, _):
            return document.node.visibleTextNodes(limit: 20_000).map { (TextNormalization.normalize($0.text), $0.parent?.line ?? 0) }
        case .json(let value):
            var result: [(String, Int)] = []
            flatten(value, key: "", into: &result)
            return result
        }
    }

    /// `{"amountDue": "$12"}` → `amount due: $12`, so the labels above match JSON keys.
    static func flatten(_ value: JSONValue, key: String, into result: inout [(String, Int)]) {
        guard result.count < 20_000 else { return }
        switch value {
        case .object(let members):
            for member in members { flatten(member.value, key: words(member.key), into: &result) }
        case .array(let items):
            for item in items { flatten(item, key: key, into: &result) }
        default:
            if let text = value.scalarText { result.append((key.isEmpty ? text : "\(key): \(text)", 0)) }
        }
    }

    /// `amountDue` / `amount_due` → `amount due`.
    static func words(_ key: String) -> String {
        var result = ""
        for character in key {
            if character == "_" || character == "-" {
                result.append(" ")
            } else if character.isUppercase, !result.isEmpty, result.last != " " {
                result.append(" ")
                result.append(Character(character.lowercased()))
            } else {
                result.append(Character(character.lowercased()))
            }
        }
        return result
    }
}
