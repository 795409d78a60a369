import ESIMKit

/// `esimtool fixture add` output.
enum FixtureRenderer {
    /// The files written, what was redacted and what the spec read.
    static func written(_ outcome: FixtureAdder.Outcome) -> [String] {
        var tally = RedactionTally()
        tally.count(outcome.replaced)
        let breakdown = tally.breakdown
        let values = outcome.snapshot.values.count + outcome.snapshot.lines.reduce(0) { $0 + $1.values.count }
        let lines = outcome.snapshot.lines.count
        return [
            "wrote \(outcome.pagePath)",
            "  redacted: " + (breakdown.isEmpty ? "nothing found" : breakdown.joined(separator: ", ")),
            "wrote \(outcome.expectedPath)",
            "  \(values) value\(values == 1 ? "" : "s") read, \(lines) line\(lines == 1 ? "" : "s")",
        ]
    }
}
