/// The JSON of `esimtool query --json`: rules by their spec summary (`css: .amount`),
/// values by their canonical text; keys without a value are left out.
extension RuleProbe.Match: Encodable {
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(text, forKey: "text")
        try container.encode(line, forKey: "line")
        try container.encodeIfPresent(value?.canonicalText, forKey: "value")
        try container.encodeIfPresent(problem, forKey: "problem")
    }
}

extension RuleProbe.Suggestion: Encodable {
    package func encode(to encoder: any Encoder) throws {
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
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(each.summary, forKey: "each")
        try container.encode(count, forKey: "count")
        try container.encode(distinct, forKey: "distinct")
        try container.encode(inner.summary, forKey: "inner")
    }
}

extension RuleProbe {
    /// `query --json` for a rule: `{"file","rule","matches":[…],"more"}`, keys in this
    /// order; `more`: the page has more matches than the limit let through.
    package struct MatchReport: Encodable, Sendable {
        package var file: String
        package var rule: String
        package var matches: [Match]
        package var more: Bool

        package init(file: String, rule: ExtractionRule, matches: [Match], more: Bool) {
            self.file = file
            self.rule = rule.summary
            self.matches = matches
            self.more = more
        }
    }

    /// `query --json` for `--find`: `{"file","find","rules":[…]}`.
    package struct SuggestionReport: Encodable, Sendable {
        package var file: String
        package var find: String
        package var rules: [Suggestion]

        package init(file: String, find: String, rules: [Suggestion]) {
            self.file = file
            self.find = find
            self.rules = rules
        }
    }
}
