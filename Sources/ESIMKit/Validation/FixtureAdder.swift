/// Turns a saved page into a fixture: redacted, checked, stored beside the expected
/// reading of the current spec, with where it came from.
package struct FixtureAdder {
    package struct Request: Sendable {
        package var page: PageInput
        package var carrierID: String
        package var kind: PageKind
        /// The samples directory (`Samples/Pages`); the fixture goes in `<carrier id>/`.
        package var samples: String
        /// The file name without extension (default: the page kind).
        package var name: String?
        /// The capture day, also the reference for dates without a year.
        package var today: CalendarDate
        /// Replace an existing fixture of the same name.
        package var overwrite: Bool

        package init(page: PageInput, carrierID: String, kind: PageKind, samples: String, name: String? = nil,
                    today: CalendarDate, overwrite: Bool = false) {
            self.page = page
            self.carrierID = carrierID
            self.kind = kind
            self.samples = samples
            self.name = name
            self.today = today
            self.overwrite = overwrite
        }
    }

    package struct Outcome: Sendable {
        package var pagePath: String
        package var expectedPath: String
        package var replaced: [RedactionFinding]
        package var snapshot: AccountSnapshot
        package var expected: ExpectedSnapshot
    }

    let redactor: Redactor
    let extractor: PageExtractor

    /// The file extension for a page whose name has none (one read from standard input):
    /// `.json` for JSON, `.xml` for an XML document that is not XHTML, else `.html`.
    package static func `extension`(of bytes: [UInt8]) -> String {
        let start = FileText.contentStart(bytes)
        guard start < bytes.count else { return ".html" }
        if bytes[start] == UInt8(ascii: "{") || bytes[start] == UInt8(ascii: "[") { return ".json" }
        let head = String(decoding: bytes[start..<min(bytes.count, start + 512)], as: UTF8.self).lowercased()
        return head.hasPrefix("<?xml") && !head.contains("<html") && !head.contains("xhtml") ? ".xml" : ".html"
    }

    package init(redactor: Redactor, extractor: PageExtractor) {
        self.redactor = redactor
        self.extractor = extractor
    }

    package func add(_ request: Request) throws(FixtureError) -> Outcome {
        guard !FileText.isBinary(request.page.bytes) else {
            throw FixtureError(.notAPage, "binary data, not a saved page", file: request.page.name)
        }
        let (text, encoding) = FileText.decode(request.page.bytes)
        let (redacted, replaced) = redactor.redact(text)
        // Belt and braces: whatever the detectors still see, nothing is written.
        let remaining = redactor.findings(in: redacted)
        guard remaining.isEmpty else {
            throw FixtureError(.stillPersonal, "refusing to write: \(remaining.count) personal value\(remaining.count == 1 ? "" : "s") remain after redaction ("
                + remaining.prefix(5).map { "line \($0.line): \($0.kind.label)" }.joined(separator: "; ") + ")")
        }
        let bytes = FileText.encode(redacted, as: encoding)

        let snapshot: AccountSnapshot
        do {
            snapshot = try extractor.inspect(PageInput(name: request.page.name, bytes: bytes),
                                             options: .init(carrierID: request.carrierID, pageKind: request.kind,
                                                            reference: request.today, allowHeuristic: false))
        } catch {
            throw FixtureError(.notAPage, error.message, at: error.location)
        }

        // A fixture validate fails on the day it is added proves nothing: nothing is written.
        let missing = snapshot.diagnostics.filter { $0.code == .missingRequired }
        guard missing.isEmpty else {
            let fields = missing.map { diagnostic in
                diagnostic.field.map { field in diagnostic.lineIndex.map { "lines[\($0)].\(field.rawValue)" } ?? field.rawValue } ?? diagnostic.message
            }
            throw FixtureError(.missingRequired, "not written: the page lacks what \(snapshot.carrierName ?? request.carrierID)'s spec requires on its \(request.kind.rawValue) page ("
                + fields.joined(separator: ", ") + "); is --kind right, or did the page change? Fix the spec first (Specs/README.md)",
                file: request.page.name)
        }

        let lowered = request.page.name.lowercased()
        let ext = [".json", ".xml", ".htm", ".xhtml", ".html"].first { lowered.hasSuffix($0) } ?? Self.extension(of: bytes)
        let directory = request.samples + "/" + request.carrierID
        let base = directory + "/" + (request.name ?? request.kind.rawValue)
        let pagePath = base + ext
        let expectedPath = base + ".expected.json"
        if !request.overwrite && (FileStatus.exists(pagePath) || FileStatus.exists(expectedPath)) {
            throw FixtureError(.fixtureExists, "\(pagePath) exists; give --name for another fixture of this kind, or --force to replace it")
        }

        var expected = ExpectedSnapshot(snapshot)
        expected.capture = .init(date: request.today, source: Self.source(of: redacted),
                                 encoding: encoding == .utf8 ? "UTF-8" : Self.declaredCharset(redacted) ?? encoding.rawValue)
        do {
            try FileWriter.makeDirectory(directory)
            try FileWriter.write(bytes, to: pagePath)
            try FileWriter.write(Array(expected.jsonText.utf8), to: expectedPath)
        } catch {
            throw FixtureError(.cannotWrite, error.summary, at: error.location)
        }
        return Outcome(pagePath: pagePath, expectedPath: expectedPath, replaced: replaced, snapshot: snapshot, expected: expected)
    }

    /// The saved-from address, without query or fragment (they carry session state).
    static func source(of text: String) -> String? {
        guard let address = LoadedPage.savedFromURL(Array(text.utf8.prefix(1024))[...]) else { return nil }
        return String(address.prefix { $0 != "?" && $0 != "#" })
    }

    /// `<meta charset=…>` of a page that is not UTF-8.
    static func declaredCharset(_ text: String) -> String? {
        let head = text.prefix(2048).lowercased()
        guard let range = head.firstRange(of: "charset=") else { return nil }
        let name = head[range.upperBound...].drop { $0 == "\"" || $0 == "'" }
            .prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return name.isEmpty ? nil : name.uppercased()
    }
}
