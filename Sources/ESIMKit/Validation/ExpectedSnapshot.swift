import ESIMMarkup

/// What a fixture should read as: `<fixture>.expected.json` beside the page.
///
/// ```json
/// {"carrier":"att","page":"overview","reference":"2026-11-20",
///  "account":{"amountDue":"$142.37","dueDate":"2026-12-03"},
///  "lines":[{"number":"(***) ***-0142","dataUsed":"12.4 GB"}]}
/// ```
/// Values are canonical texts (what `inspect --json` prints as `value`); a field left
/// out is expected to be absent.
package struct ExpectedSnapshot: Hashable, Sendable {
    /// Where a fixture came from (`esimtool fixture add` records it).
    package struct Capture: Hashable, Sendable {
        /// The day the page was saved or added.
        package var date: CalendarDate?
        /// The address it was saved from, without its query string.
        package var source: String?
        /// How its bytes were read (`UTF-8`, or the declared charset).
        package var encoding: String?

        package init(date: CalendarDate? = nil, source: String? = nil, encoding: String? = nil) {
            self.date = date
            self.source = source
            self.encoding = encoding
        }
    }

    package var carrierID: String?
    package var pageKind: PageKind?
    package var reference: CalendarDate?
    package var capture: Capture?
    package var account: [SnapshotField: String]
    package var lines: [[SnapshotField: String]]

    package init(carrierID: String? = nil, pageKind: PageKind? = nil, reference: CalendarDate? = nil,
                account: [SnapshotField: String] = [:], lines: [[SnapshotField: String]] = []) {
        self.carrierID = carrierID
        self.pageKind = pageKind
        self.reference = reference
        self.account = account
        self.lines = lines
    }

    /// What a snapshot would record.
    package init(_ snapshot: AccountSnapshot) {
        carrierID = snapshot.carrierID
        pageKind = snapshot.pageKind
        reference = snapshot.reference
        account = Dictionary(snapshot.values.map { ($0.field, $0.value.canonicalText) }, uniquingKeysWith: { first, _ in first })
        lines = snapshot.lines.map { line in
            Dictionary(line.values.map { ($0.field, $0.value.canonicalText) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// Reads an expected file's text; `file` names it in errors.
    package init(json text: String, file: String) throws(FixtureError) {
        let root: JSONValue
        do {
            root = try JSONValue(parsing: text)
        } catch {
            throw FixtureError(.badExpectedFile, "not valid JSON: \(error.message)", file: file)
        }
        guard case .object(let members) = root else {
            throw FixtureError(.badExpectedFile, "expected a JSON object", file: file)
        }
        self.init()
        for member in members {
            switch member.key {
            case "carrier": carrierID = member.value.scalarText
            case "page":
                guard let text = member.value.scalarText, let kind = PageKind(rawValue: text) else {
                    throw FixtureError(.badExpectedFile, "'page' is not one of \(PageKind.allCases.map(\.rawValue).joined(separator: ", "))", file: file)
                }
                pageKind = kind
            case "reference":
                guard let text = member.value.scalarText, let date = try? CalendarDate(text) else {
                    throw FixtureError(.badExpectedFile, "'reference' is not a date like 2026-11-20", file: file)
                }
                reference = date
            case "capture":
                guard case .object(let parts) = member.value else {
                    throw FixtureError(.badExpectedFile, "'capture' is not an object", file: file)
                }
                var capture = Capture()
                for part in parts {
                    switch part.key {
                    case "date": capture.date = part.value.scalarText.flatMap { try? CalendarDate($0) }
                    case "source": capture.source = part.value.scalarText
                    case "encoding": capture.encoding = part.value.scalarText
                    default: throw FixtureError(.badExpectedFile, "capture: unknown key '\(part.key)'", file: file)
                    }
                }
                self.capture = capture
            case "account":
                account = try Self.fields(member.value, allowed: SnapshotField.accountFields, place: "account", file: file)
            case "lines":
                guard case .array(let items) = member.value else {
                    throw FixtureError(.badExpectedFile, "'lines' is not a list", file: file)
                }
                for (index, item) in items.enumerated() {
                    lines.append(try Self.fields(item, allowed: SnapshotField.lineFields, place: "lines[\(index)]", file: file))
                }
            default:
                throw FixtureError(.badExpectedFile, "unknown key '\(member.key)'", file: file)
            }
        }
    }

    static func fields(_ value: JSONValue, allowed: [SnapshotField], place: String, file: String) throws(FixtureError) -> [SnapshotField: String] {
        guard case .object(let members) = value else {
            throw FixtureError(.badExpectedFile, "'\(place)' is not an object", file: file)
        }
        var result: [SnapshotField: String] = [:]
        for member in members {
            guard let field = SnapshotField(rawValue: member.key), allowed.contains(field) else {
                throw FixtureError(.badExpectedFile, "\(place): '\(member.key)' is not a field here", file: file)
            }
            if case .null = member.value { continue }
            guard let text = member.value.scalarText else {
                throw FixtureError(.badExpectedFile, "\(place).\(member.key): expected a string", file: file)
            }
            result[field] = text
        }
        return result
    }

    /// The file's text: keys in a fixed order, one field per line, so diffs read well.
    package var jsonText: String {
        func object(_ fields: [SnapshotField: String], order: [SnapshotField]) -> JSONValue {
            .object(order.compactMap { field in fields[field].map { JSONMember(key: field.rawValue, value: .string($0)) } })
        }
        var members: [JSONMember] = []
        if let carrierID { members.append(JSONMember(key: "carrier", value: .string(carrierID))) }
        if let pageKind { members.append(JSONMember(key: "page", value: .string(pageKind.rawValue))) }
        if let reference { members.append(JSONMember(key: "reference", value: .string(reference.description))) }
        if let capture {
            let entries = [("date", capture.date?.description), ("source", capture.source), ("encoding", capture.encoding)]
            members.append(JSONMember(key: "capture", value: .object(entries.compactMap { key, value in
                value.map { JSONMember(key: key, value: .string($0)) }
            })))
        }
        members.append(JSONMember(key: "account", value: object(account, order: SnapshotField.accountFields)))
        members.append(JSONMember(key: "lines", value: .array(lines.map { object($0, order: SnapshotField.lineFields) })))
        var writer = JSONWriter(prettyPrinted: true)
        writer.write(.object(members))
        return writer.output + "\n"
    }
}

/// Why validation could not check a fixture or could not start, or why a fixture could
/// not be added.
package enum FixtureErrorCode: String, ErrorCode, Codable {
    case noSamples
    case unreadableDirectory
    case badExpectedFile
    case cannotWrite
    // Adding a fixture
    /// The redactor still finds personal data after redacting: nothing is written.
    case stillPersonal
    /// The file is not a saved page (``PageError`` says why).
    case notAPage
    /// The fixture exists and replacing it was not asked for.
    case fixtureExists
    /// The page lacks fields its spec requires there: `validate` would fail on it.
    case missingRequired
}

/// A fixture problem; ``CodedError/file`` names the file or directory when there is one.
package typealias FixtureError = CodedError<FixtureErrorCode>
