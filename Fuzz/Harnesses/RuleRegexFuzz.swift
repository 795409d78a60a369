@testable import ESIMKit

extension FuzzTarget {
    /// Spec rules' `regex` and `query --regex`: the pattern is the input up to its first
    /// NUL or line feed, the text it runs on the rest. Every pattern compiles or is
    /// refused, and every match ends in bounded time (the bit-state engine's promise).
    static let ruleRegex = FuzzTarget("rule-regex", "RuleRegex: pattern and subject split at the first NUL or newline",
                                     seeds: { RuleRegexSeeds.all }) { input in
        let (pattern, subject) = Fuzz.split(input)
        guard let regex = try? RuleRegex(pattern) else { return }
        _ = try? regex.capture(in: subject)
        _ = try? regex.capture(in: pattern)
    }
}

/// The built-in specs' patterns and one of each construct, each before a text of the
/// kind rules run on.
enum RuleRegexSeeds {
    static let subject = "Amount due: $187.42 · Bill cycle: Nov 4 – Dec 3, 2026 · 12.4 GB of 15 GB used (83%) · Line (555) 010-0001"

    static var all: [[UInt8]] {
        let fromSpecs = Seeds.builtInRules.compactMap(\.regex)
        let constructs = [
            #"(\d+(?:\.\d+)?)\s*GB"#, #"^Due\s+(.+)$"#, #"(?i)bill cycle:\s*(.+?)\s*·"#, #"[$€£]\s?[\d,]+\.\d{2}"#,
            #"\b(\w+)\b"#, #"(a|b|c)*?x"#, #"(?:x{2,5}|y{,3})+"#, #"\(\d{3}\)\s\d{3}-\d{4}"#, #"(?<amount>\d+)%"#,
            #"[^\s·]+\z"#, #"\A\S"#, #"\u{1F600}|\x41|\x{42}|\u0043"#, #"(?i:gb)|(?#comment)mb"#, #"[a-z&&[^e]]"#,
        ]
        return (fromSpecs + constructs).map { Array(($0 + "\n" + subject).utf8) }
    }
}
