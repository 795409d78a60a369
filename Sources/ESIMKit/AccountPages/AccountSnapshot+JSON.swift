/// The JSON of `esimtool inspect --json` (schema in the README): values as their
/// canonical text with type and provenance, derived figures apart, then diagnostics.
extension AccountSnapshot: Encodable {
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(carrierID, forKey: "carrier")
        try container.encode(carrierName, forKey: "carrierName")
        try container.encode(pageKind?.rawValue, forKey: "page")
        try container.encode(isHeuristic, forKey: "heuristic")
        try container.encode(reference?.description, forKey: "reference")
        try container.encode(ValueMap(values: values), forKey: "account")
        try container.encode(lines.map { ValueMap(values: $0.values) }, forKey: "lines")
        var derived: [(String, String)] = []
        if self[.daysLeft] == nil, let days = daysLeft { derived.append(("daysLeft", String(days))) }
        if self[.billingCycle] == nil, let cycle = billingCycle { derived.append(("billingCycle", "\(cycle.start) – \(cycle.end)")) }
        try container.encode(StringMap(pairs: derived), forKey: "derived")
        try container.encode(diagnostics, forKey: "diagnostics")
    }

    struct ValueMap: Encodable {
        var values: [ExtractedValue]

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: AnyKey.self)
            for value in values { try container.encode(value, forKey: AnyKey(value.field.rawValue)) }
        }
    }
}

extension ExtractedValue: Encodable {
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(value.canonicalText, forKey: "value")
        try container.encode(value.kind.rawValue, forKey: "type")
        try container.encode(raw, forKey: "raw")
        try container.encode(rule, forKey: "rule")
        try container.encode(line, forKey: "line")
    }
}

extension SnapshotDiagnostic: Encodable {
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(code.rawValue, forKey: "code")
        try container.encode(field?.rawValue, forKey: "field")
        try container.encode(lineIndex, forKey: "lineIndex")
        try container.encode(message, forKey: "message")
    }
}

extension SnapshotValue {
    /// The kind of value held.
    package var kind: ValueKind {
        switch self {
        case .money: .money
        case .data: .data
        case .date: .date
        case .dateRange: .dateRange
        case .text: .text
        case .percent: .percent
        case .count: .count
        case .usage: .usage
        case .flag: .flag
        }
    }
}

/// An object whose keys are known only at run time, in the order given.
struct StringMap: Encodable {
    var pairs: [(String, String)]

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        for (key, value) in pairs { try container.encode(value, forKey: AnyKey(key)) }
    }
}

/// A coding key made from any string.
struct AnyKey: CodingKey, ExpressibleByStringLiteral {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
    init(stringLiteral value: String) { stringValue = value }
}

extension SnapshotValue {
    /// Reads a value back from its ``canonicalText`` (as expected files and the usage
    /// store keep it).
    package init(canonical text: String, for field: SnapshotField) throws(ValueError) {
        self = try FieldValueReader.read(text, kind: field.valueKind, field: field, reference: nil)
    }
}

extension AccountSnapshot {
    /// A snapshot rebuilt from canonical texts (account fields, then each line's);
    /// values that no longer read are left out.
    package init(carrierID: String, carrierName: String?, pageKind: PageKind?, account: [(SnapshotField, String)],
                lines: [[(SnapshotField, String)]]) {
        func values(_ pairs: [(SnapshotField, String)]) -> [ExtractedValue] {
            pairs.compactMap { field, text in
                (try? SnapshotValue(canonical: text, for: field)).map {
                    ExtractedValue(field: field, value: $0, raw: text, ruleIndex: 0, rule: "stored", line: 0)
                }
            }
        }
        self.init(carrierID: carrierID, carrierName: carrierName, pageKind: pageKind, values: values(account),
                  lines: lines.map { LineSnapshot(values: values($0)) })
    }
}
