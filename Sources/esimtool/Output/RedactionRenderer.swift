import ESIMKit

/// `esimtool redact` output: a line per finding, and the run's summary.
enum RedactionRenderer {
    /// `page.html:9:13: e-mail address: ********.*********@*****.*om`.
    static func line(_ file: String, _ finding: RedactionFinding) -> String {
        "\(file):\(finding.line):\(finding.column): \(finding.kind.label): \(finding.hint)"
    }

    /// `1 file: 8 found (1 token or key, 2 e-mail address, …)`, and for a redaction run
    /// `… replaced (…) in 1 file`.
    static func summary(_ tally: RedactionTally, files: Int, checking: Bool) -> String {
        let breakdown = tally.breakdown
        return "\(files) file\(files == 1 ? "" : "s"): \(tally.total) \(checking ? "found" : "replaced")"
            + (breakdown.isEmpty ? "" : " (" + breakdown.joined(separator: ", ") + ")")
            + (checking ? "" : " in \(tally.files) file\(tally.files == 1 ? "" : "s")")
    }
}
