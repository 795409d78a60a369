/// The JSON of `esimtool query --json`: rules by their spec summary (`css: .amount`),
/// values by their canonical text; keys without a value are left out.
extension RuleProbe.Match: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(text, forKey: "text")
        try container.encode(line, forKey: "line")
        try container.encodeIfPresent(value?.canonicalText, forKey: "value")
        try container.encodeIfPresent(problem, forKey: "problem")
    }
}

extension RuleProbe.Suggestion: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(rule.summary, forKey: "rule")
        try container.encode(matches, forKey: "matches")
        try container.encode(sameText, forKey: "sameText")
        try container.encode(text, forKey: "text")
        try container.encode(line, forKey: "line")
        try container.encodeIfPresent(repeatedBlock, forKey: "repeatedBlock")
    }
}

extension RuleProbe.RepeatedBlock: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(each.summary, forKey: "each")
        try container.encode(count, forKey: "count")
        try container.encode(distinct, forKey: "distinct")
        try container.encode(inner.summary, forKey: "inner")
    }
}
