import ESIMKit

/// `esimtool validate` output: text for people, JSON, JUnit XML and GitHub annotations
/// for CI.
enum ValidationRenderer {
    static func place(_ check: FieldCheck) -> String {
        check.lineIndex.map { "lines[\($0)].\(check.field.rawValue)" } ?? check.field.rawValue
    }

    static func summary(_ report: ValidationReport) -> String {
        let failed = report.results.filter(\.failed).count
        var text = "\(report.results.count) fixture\(report.results.count == 1 ? "" : "s"): \(report.results.count - failed) passed, \(failed) failed"
        let updated = report.results.filter(\.updated).count
        if updated > 0 { text += "; \(updated) expected file\(updated == 1 ? "" : "s") rewritten" }
        if !report.coverageFailures.isEmpty {
            text += "; \(report.coverageFailures.count) field\(report.coverageFailures.count == 1 ? "" : "s") below the coverage floor"
        }
        return text
    }

    static func text(_ report: ValidationReport) -> [String] {
        var lines: [String] = []
        let width = report.results.map(\.fixture.path.count).max() ?? 0
        for result in report.results {
            let name = result.fixture.path.padding(width)
            if let error = result.error {
                lines.append("✗ \(name)  error: \(error)")
                continue
            }
            let failures = result.checks.filter(\.status.isFailure)
            let ok = result.checks.filter { $0.status == .ok }.count
            let absent = result.checks.filter { $0.status == .absent }.count
            let kind = result.pageKind?.rawValue ?? "?"
            if failures.isEmpty {
                lines.append("✓ \(name)  \(kind): \(ok) ok, \(absent) absent" + (result.updated ? " (expected file rewritten)" : ""))
            } else {
                lines.append("✗ \(name)  \(kind): \(failures.count) failed, \(ok) ok, \(absent) absent")
                let rows = failures.map { ("    " + place($0), "\($0.status.rawValue): \($0.message)") }
                lines += DecodeRenderer.table(rows).map { String($0.dropFirst(2)) }
            }
        }
        lines.append("Coverage (readings with a valid value)")
        var byCarrier: [String: [FieldCoverage]] = [:]
        for row in report.coverage { byCarrier[row.carrierID, default: []].append(row) }
        for carrier in byCarrier.keys.sorted() {
            let rows = byCarrier[carrier] ?? []
            let cells = rows.map { row in
                let mark = report.coverageFailures.contains(row) ? "!" : ""
                return "\(row.field.rawValue) \(row.found)/\(row.total)\(mark)"
            }
            // Wrapped to about 100 columns, continuation lines indented under the first.
            var line = "  \(carrier):"
            let indent = String(repeating: " ", count: line.count)
            for cell in cells {
                if line.count + cell.count + 2 > 100 && line != "  \(carrier):" {
                    lines.append(line)
                    line = indent
                }
                line += "  " + cell
            }
            lines.append(line)
        }
        for row in report.coverageFailures {
            lines.append("✗ coverage of \(row.carrierID) \(row.field.rawValue): \(row.found)/\(row.total) is below \(report.minimumCoverage ?? 0)")
        }
        lines.append(summary(report))
        return lines
    }

    // MARK: JUnit

    /// Text for an XML attribute or element (JUnit here, SVG and HTML for `usage`): the five
    /// characters with entities, tabs kept, other control characters (which XML 1.0 has no
    /// place for) as `?`.
    static func xmlEscaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if let entity = xmlEntities[scalar] {
                result += entity
            } else if scalar.value < 0x20 && scalar != "\t" {
                result += "?"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static let xmlEntities: [Unicode.Scalar: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "\n": "&#10;"]

    /// One test suite per carrier, one test case per fixture; a failing fixture's
    /// message lists its failing fields.
    static func junit(_ report: ValidationReport) -> String {
        var byCarrier: [String: [FixtureResult]] = [:]
        for result in report.results { byCarrier[result.carrierID ?? "unknown", default: []].append(result) }
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
        let failures = report.results.filter(\.failed).count
        lines.append("<testsuites name=\"esimtool validate\" tests=\"\(report.results.count)\" failures=\"\(failures)\">")
        for carrier in byCarrier.keys.sorted() {
            let results = byCarrier[carrier] ?? []
            lines.append("  <testsuite name=\"\(xmlEscaped(carrier))\" tests=\"\(results.count)\" failures=\"\(results.filter(\.failed).count)\">")
            for result in results {
                let name = xmlEscaped(result.fixture.path)
                guard result.failed else {
                    lines.append("    <testcase classname=\"\(xmlEscaped(carrier))\" name=\"\(name)\"/>")
                    continue
                }
                let details = result.error.map { ["error: \($0)"] }
                    ?? result.checks.filter(\.status.isFailure).map { "\(place($0)): \($0.status.rawValue): \($0.message)" }
                lines.append("    <testcase classname=\"\(xmlEscaped(carrier))\" name=\"\(name)\">")
                lines.append("      <failure message=\"\(xmlEscaped(details.first ?? "failed"))\">\(xmlEscaped(details.joined(separator: "\n")))</failure>")
                lines.append("    </testcase>")
            }
            lines.append("  </testsuite>")
        }
        if !report.coverageFailures.isEmpty {
            lines.append("  <testsuite name=\"coverage\" tests=\"\(report.coverageFailures.count)\" failures=\"\(report.coverageFailures.count)\">")
            for row in report.coverageFailures {
                lines.append("    <testcase classname=\"coverage\" name=\"\(xmlEscaped(row.carrierID)).\(row.field.rawValue)\">")
                lines.append("      <failure message=\"\(row.found)/\(row.total) is below \(report.minimumCoverage ?? 0)\"/>")
                lines.append("    </testcase>")
            }
            lines.append("  </testsuite>")
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n")
    }

    // MARK: GitHub

    /// `%`, CR and LF are escaped as the workflow-command syntax asks; `,` and `:` too in
    /// properties.
    static func githubEscaped(_ text: String, property: Bool = false) -> String {
        var result = text.replacing("%", with: "%25").replacing("\r", with: "%0D").replacing("\n", with: "%0A")
        if property { result = result.replacing(":", with: "%3A").replacing(",", with: "%2C") }
        return result
    }

    static func github(_ report: ValidationReport) -> [String] {
        var lines: [String] = []
        for result in report.results {
            let file = githubEscaped(result.fixture.path, property: true)
            if let error = result.error {
                lines.append("::error file=\(file),title=\(githubEscaped("esimtool validate", property: true))::\(githubEscaped(error))")
                continue
            }
            for check in result.checks where check.status.isFailure {
                let line = check.pageLine > 0 ? ",line=\(check.pageLine)" : ""
                let title = githubEscaped("\(place(check)) \(check.status.rawValue)", property: true)
                lines.append("::error file=\(file)\(line),title=\(title)::\(githubEscaped(check.message))")
            }
        }
        for row in report.coverageFailures {
            lines.append("::error title=coverage::\(githubEscaped("\(row.carrierID) \(row.field.rawValue): \(row.found)/\(row.total) is below \(report.minimumCoverage ?? 0)"))")
        }
        lines.append("::notice title=esimtool validate::\(githubEscaped(summary(report)))")
        return lines
    }
}

extension String {
    /// Padded with spaces to `width` characters.
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
