import ESIMKit

/// The text output of `query`.
enum QueryRenderer {
    /// - Parameter more: the page has more matches than shown (`--limit`).
    static func matches(_ matches: [RuleProbe.Match], more: Bool = false, rule: ExtractionRule, file: String) -> [String] {
        let count = matches.isEmpty ? "nothing" : more ? "the first \(matches.count) matches" : matches.count == 1 ? "1 match" : "\(matches.count) matches"
        var lines = ["\(file): \(count) for \(rule.summary)\(more ? " (the page has more; --limit shows more)" : "")"]
        let isJSON: Bool
        if case .json = rule.locator { isJSON = true } else { isJSON = false }
        func location(_ line: Int) -> String { isJSON ? "JSON" : line > 0 ? "line \(line)" : "result" }
        let width = matches.map { location($0.line).count }.max() ?? 0
        for match in matches {
            var line = "  \(location(match.line).padding(width))  \(match.text)"
            if let value = match.value { line += "  →  \(value.canonicalText)" }
            if let problem = match.problem { line += "  ✗ \(problem)" }
            lines.append(line)
        }
        return lines
    }

    static func suggestions(_ suggestions: [RuleProbe.Suggestion], find: String, file: String) -> [String] {
        guard !suggestions.isEmpty else { return ["\(file): no element or embedded value holds '\(find)'"] }
        var lines = ["\(file): rules that find '\(find)', best first"]
        for suggestion in suggestions {
            let count = suggestion.matches == 1 ? "1 match"
                : "\(suggestion.matches) matches\(suggestion.sameText ? ", all reading the same" : ", reading differently")"
            lines.append("  \(spec(suggestion.rule))  \(count)")
            var reads = "    \(place(suggestion.line)): reads '\(suggestion.text.prefix(100))'"
            if !suggestion.isExact { reads += " (add a regex to take part of it)" }
            lines.append(reads)
            if let block = suggestion.repeatedBlock {
                let copies = block.distinct < block.count ? " (\(block.distinct) different)" : ""
                lines.append("    repeats in \(block.count) blocks\(copies): as a line field, each: \(spec(block.each)) with \(spec(block.inner))")
            }
        }
        return lines
    }

    /// `line 12`; `JSON` for an embedded value (line 0).
    static func place(_ line: Int) -> String { line > 0 ? "line \(line)" : "JSON" }

    /// `{css: "…"}`, as a spec writes a rule.
    static func spec(_ rule: ExtractionRule) -> String {
        let (key, value): (String, String)
        switch rule.locator {
        case .css(let selector): (key, value) = ("css", selector)
        case .xpath(let path): (key, value) = ("xpath", path)
        case .json(let path): (key, value) = ("json", path)
        }
        return "{\(key): \"\(value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\""))\"}"
    }
}
