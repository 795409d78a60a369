import ESIMMarkup

/// What a careful person reads from real captures of carrier data (a `truth.json` list),
/// and how a reading scores against it, field by field: right, wrong (another value),
/// missed, or invented (a value where the person reads none).
///
/// Money compares exactly with its currency; data in MB with 1 GB = 1000 MB (bytes as
/// 2^30 a GB, as carriers' meters label them) within 0.5% or 1 MB, so that a page's
/// rounded `1,45 GB` and the exact bytes behind it both count; dates exactly; texts
/// ignoring case and surrounding space; a line's number by its last four digits.
package struct CaptureTruth: Sendable {
    package enum Value: Hashable, Sendable, CustomStringConvertible {
        case money(ExactDecimal, currency: String)
        case megabytes(Double)
        case unlimited
        case date(CalendarDate)
        case text(String)

        package var description: String {
            switch self {
            case .money(let amount, let currency): return "\(amount) \(currency)"
            case .megabytes(let megabytes): return "\(megabytes) MB"
            case .unlimited: return "unlimited"
            case .date(let date): return date.description
            case .text(let text): return text
            }
        }
    }

    package struct Entry: Sendable {
        package var file: String
        /// The country the capture is from (ISO code, upper case), as its user would give
        /// it (`inspect --country`); `nil` when the truth file does not say.
        package var country: String?
        package var account: [SnapshotField: Value]
        package var lines: [[SnapshotField: Value]]
    }

    /// The fields a truth file speaks of; readings of other fields are not scored.
    package static let accountFields: [SnapshotField] = [.balance, .amountDue, .dueDate, .expires, .cycleStart, .cycleEnd, .planName,
                                                        .sharedDataUsed, .sharedDataAllowance, .sharedDataRemaining]
    package static let lineFields: [SnapshotField] = [.number, .plan, .dataUsed, .dataAllowance, .dataRemaining, .hotspotUsed,
                                                     .hotspotAllowance]

    package var entries: [Entry]

    package struct FormatError: Error, CustomStringConvertible {
        package var description: String
    }

    package init(json: String) throws(FormatError) {
        let root: JSONValue
        do { root = try JSONValue(parsing: json) } catch { throw FormatError(description: "truth: not JSON: \(error.detail)") }
        guard case .array(let items) = root else { throw FormatError(description: "truth: not a list") }
        var entries: [Entry] = []
        for (index, item) in items.enumerated() {
            guard case .string(let file)? = item["file"] else { throw FormatError(description: "truth: entry \(index + 1) has no file") }
            let account = try Self.fields(item["account"], allowed: Self.accountFields, where: file)
            var lines: [[SnapshotField: Value]] = []
            if case .array(let list)? = item["lines"] {
                for line in list { lines.append(try Self.fields(line, allowed: Self.lineFields, where: file)) }
            }
            var country: String?
            if case .string(let code)? = item["country"] {
                guard code.utf8.count == 2, code.utf8.allSatisfy({ ($0 | 0x20) &- 0x61 < 26 }) else {
                    throw FormatError(description: "truth: \(file): country '\(code)' is not a two-letter ISO code")
                }
                country = code.uppercased()
            }
            entries.append(Entry(file: file, country: country, account: account, lines: lines))
        }
        self.entries = entries
    }

    private static func fields(_ value: JSONValue?, allowed: [SnapshotField], where file: String) throws(FormatError) -> [SnapshotField: Value] {
        guard case .object(let members)? = value else { return [:] }
        var result: [SnapshotField: Value] = [:]
        for member in members {
            guard let field = SnapshotField(rawValue: member.key), allowed.contains(field) else {
                throw FormatError(description: "truth: \(file): '\(member.key)' is not a field truth files use")
            }
            switch member.value {
            case .object:
                if case .string(let amount)? = member.value["amount"], case .string(let currency)? = member.value["currency"],
                   let decimal = ExactDecimal(amount) {
                    result[field] = .money(decimal, currency: currency)
                } else if case .number(let megabytes)? = member.value["mb"], let value = Double(megabytes) {
                    result[field] = .megabytes(value)
                } else if case .bool(true)? = member.value["unlimited"] {
                    result[field] = .unlimited
                } else {
                    throw FormatError(description: "truth: \(file): '\(member.key)' is neither money, data nor unlimited")
                }
            case .string(let text):
                if field.valueKind == .date {
                    guard let date = try? CalendarDate(text) else { throw FormatError(description: "truth: \(file): '\(text)' is not a date") }
                    result[field] = .date(date)
                } else {
                    result[field] = .text(text)
                }
            default:
                throw FormatError(description: "truth: \(file): '\(member.key)' has a value of no known form")
            }
        }
        return result
    }

    // MARK: Scoring

    package enum Outcome: String, Sendable {
        case right, wrong, missed, invented
    }

    package struct FieldScore: Sendable {
        package var field: SnapshotField
        package var line: Int?
        package var outcome: Outcome
        package var expected: Value?
        package var read: Value?
    }

    package struct Score: Sendable {
        package var fields: [FieldScore] = []

        package func count(_ outcome: Outcome) -> Int { fields.filter { $0.outcome == outcome }.count }
        package var right: Int { count(.right) }
        package var wrong: Int { count(.wrong) }
        package var missed: Int { count(.missed) }
        package var invented: Int { count(.invented) }
        /// Right over every value the truth holds.
        package var recall: Double { right + wrong + missed == 0 ? 1 : Double(right) / Double(right + wrong + missed) }
        /// Right over every value read.
        package var precision: Double { right + wrong + invented == 0 ? 1 : Double(right) / Double(right + wrong + invented) }

        package static func + (lhs: Score, rhs: Score) -> Score { Score(fields: lhs.fields + rhs.fields) }
    }

    /// How a snapshot's readings (not what it derives) compare with an entry.
    package static func score(_ snapshot: AccountSnapshot, against entry: Entry) -> Score {
        var score = Score()
        func read(_ values: [ExtractedValue], _ field: SnapshotField) -> Value? {
            if (field == .cycleStart || field == .cycleEnd), let range = values.first(where: { $0.field == .billingCycle })?.value.dateRange {
                if values.contains(where: { $0.field == field }) == false { return .date(field == .cycleStart ? range.start : range.end) }
            }
            guard let value = values.first(where: { $0.field == field })?.value else { return nil }
            return truthValue(value)
        }
        func compare(_ fields: [SnapshotField], expected: [SnapshotField: Value], values: [ExtractedValue], line: Int?) {
            for field in fields {
                let want = expected[field]
                let got = read(values, field)
                let outcome: Outcome?
                switch (want, got) {
                case (nil, nil): outcome = nil
                case (nil, _?): outcome = .invented
                case (_?, nil): outcome = .missed
                case (let want?, let got?): outcome = matches(want, got, field: field) ? .right : .wrong
                }
                if let outcome { score.fields.append(FieldScore(field: field, line: line, outcome: outcome, expected: want, read: got)) }
            }
        }
        compare(accountFields, expected: entry.account, values: snapshot.values, line: nil)
        // Lines pair up by their number's last four digits, else in order.
        var remaining = Array(snapshot.lines.enumerated())
        for (index, expected) in entry.lines.enumerated() {
            var match = remaining.firstIndex { candidate in
                guard case .text(let digits)? = expected[.number], let number = candidate.element.number else { return false }
                return lastFour(number) == digits
            }
            if match == nil, expected[.number] == nil || remaining.first?.element.number == nil
                || (entry.lines.count == 1 && snapshot.lines.count == 1) {
                match = remaining.isEmpty ? nil : 0
            }
            let values = match.map { remaining[$0].element.values } ?? []
            if let match { remaining.remove(at: match) }
            compare(lineFields, expected: expected, values: values, line: index)
        }
        for (index, extra) in remaining {
            compare(lineFields, expected: [:], values: extra.values, line: index)
        }
        return score
    }

    static func lastFour(_ text: String) -> String {
        String(String(decoding: text.utf8.filter { $0 &- 0x30 < 10 }, as: UTF8.self).suffix(4))
    }

    static func truthValue(_ value: SnapshotValue) -> Value? {
        switch value {
        case .money(let money): return .money(money.amount, currency: money.currency)
        case .data(.unlimited): return .unlimited
        case .data(.amount(let amount, let unit)):
            let number = Double(amount.units) / GenericReader.pow10(amount.scale)
            switch unit {
            case .bytes: return .megabytes(number / 1_073_741_824 * 1000)
            case .kilobytes, .kibibytes: return .megabytes(number / 1000)
            case .megabytes, .mebibytes: return .megabytes(number)
            case .gigabytes, .gibibytes: return .megabytes(number * 1000)
            case .terabytes, .tebibytes: return .megabytes(number * 1_000_000)
            }
        case .date(let date): return .date(date)
        case .text(let text): return .text(text)
        default: return nil
        }
    }

    static func matches(_ want: Value, _ got: Value, field: SnapshotField) -> Bool {
        switch (want, got) {
        case (.money(let a, let x), .money(let b, let y)): return a == b && x == y
        case (.megabytes(let a), .megabytes(let b)): return abs(a - b) <= max(1, 0.005 * max(abs(a), abs(b)))
        case (.text(let a), .text(let b)):
            if field == .number { return lastFour(a) == lastFour(b) }
            return a.trimmed(of: " ").lowercased() == b.trimmed(of: " ").lowercased()
        default: return want == got
        }
    }
}
