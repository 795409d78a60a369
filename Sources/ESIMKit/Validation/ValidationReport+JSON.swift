/// The JSON `esimtool validate --format json` prints: every fixture with its fields'
/// statuses, the coverage table and a summary, keys in the order written here.
extension ValidationReport: Encodable {
    enum Key: String, CodingKey {
        case fixtures, coverage, summary, failed, minCoverage, coverageFailures
        case failedRun = "runFailed"
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(results, forKey: .fixtures)
        try container.encode(coverage, forKey: .coverage)
        var summary = container.nestedContainer(keyedBy: Key.self, forKey: .summary)
        try summary.encode(results.count, forKey: .fixtures)
        try summary.encode(results.filter(\.failed).count, forKey: .failed)
        try summary.encode(minimumCoverage, forKey: .minCoverage)
        try summary.encode(coverageFailures.count, forKey: .coverageFailures)
        try summary.encode(failed, forKey: .failedRun)
    }
}

extension FixtureResult: Encodable {
    enum Key: String, CodingKey { case file, carrier, page, status, error, updated, fields }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(fixture.path, forKey: .file)
        try container.encode(carrierID, forKey: .carrier)
        try container.encode(pageKind?.rawValue, forKey: .page)
        try container.encode(failed ? "failed" : "passed", forKey: .status)
        try container.encode(error, forKey: .error)
        try container.encode(updated, forKey: .updated)
        try container.encode(checks, forKey: .fields)
    }
}

extension FieldCheck: Encodable {
    enum Key: String, CodingKey { case field, line, status, expected, actual, message }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(field.rawValue, forKey: .field)
        try container.encode(lineIndex, forKey: .line)
        try container.encode(status.rawValue, forKey: .status)
        try container.encode(expected, forKey: .expected)
        try container.encode(actual, forKey: .actual)
        try container.encode(message, forKey: .message)
    }
}

extension FieldCoverage: Encodable {
    enum Key: String, CodingKey { case carrier, field, found, total }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(carrierID, forKey: .carrier)
        try container.encode(field.rawValue, forKey: .field)
        try container.encode(found, forKey: .found)
        try container.encode(total, forKey: .total)
    }
}
