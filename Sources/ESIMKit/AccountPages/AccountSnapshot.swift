/// A typed value read from a page.
package enum SnapshotValue: Hashable, Sendable {
    case money(Money)
    case data(DataAmount)
    case date(CalendarDate)
    case dateRange(DateRange)
    case text(String)
    case percent(Percentage)
    case count(Int)
    case usage(UsageStatement)
    case flag(Bool)

    /// The canonical text: what expected files hold, and what reads back as an equal value.
    package var canonicalText: String {
        switch self {
        case .money(let money): money.description
        case .data(let amount): amount.description
        case .date(let date): date.description
        case .dateRange(let range): "\(range.start) – \(range.end)"
        case .text(let text): text
        case .percent(let percent): percent.description
        case .count(let count): String(count)
        case .usage(let usage): usage.description
        case .flag(let flag): flag ? "on" : "off"
        }
    }

    package var money: Money? { if case .money(let value) = self { value } else { nil } }
    package var data: DataAmount? { if case .data(let value) = self { value } else { nil } }
    package var date: CalendarDate? { if case .date(let value) = self { value } else { nil } }
    package var dateRange: DateRange? { if case .dateRange(let value) = self { value } else { nil } }
    package var text: String? { if case .text(let value) = self { value } else { nil } }
    package var percent: Percentage? { if case .percent(let value) = self { value } else { nil } }
    package var count: Int? { if case .count(let value) = self { value } else { nil } }
    package var flag: Bool? { if case .flag(let value) = self { value } else { nil } }
}

/// A field's value with its provenance: the rule that found it and the text it was read from.
package struct ExtractedValue: Hashable, Sendable {
    package var field: SnapshotField
    package var value: SnapshotValue
    /// The text the value was read from (after the rule's regular expression), masked for
    /// account and phone numbers.
    package var raw: String
    /// Which rule matched: its index among the field's rules and its summary; for a
    /// heuristic reading, the label it followed.
    package var ruleIndex: Int
    package var rule: String
    /// The line of the page element the text came from (0 for embedded JSON).
    package var line: Int

    package init(field: SnapshotField, value: SnapshotValue, raw: String, ruleIndex: Int, rule: String, line: Int) {
        self.field = field
        self.value = value
        self.raw = raw
        self.ruleIndex = ruleIndex
        self.rule = rule
        self.line = line
    }
}

/// Something worth knowing about a reading: a required field not found, text that did
/// not parse, copies of a number that disagree, a rule that failed.
package struct SnapshotDiagnostic: Hashable, Sendable {
    package enum Code: String, Hashable, Sendable, CaseIterable, Codable {
        /// A required field was not found.
        case missingRequired
        /// Text was found but is not a valid value of the field's type.
        case unparseable
        /// The page shows several copies of the field and they disagree.
        case conflictingValues
        /// The spec says the carrier does not show this field here, yet a value was found.
        case unexpectedValue
        /// A rule could not run (an XPath error at run time, say).
        case ruleFailed
        /// The page itself: not markup, empty, or recovered from errors.
        case page
        /// Which carrier or page kind, and how sure.
        case recognition
        /// A value that reads two ways (a date's day and month): which way it was read.
        case ambiguousValue
    }

    package var code: Code
    package var field: SnapshotField?
    /// The line of service (0-based) for a line field.
    package var lineIndex: Int?
    package var message: String

    package init(_ code: Code, _ message: String, field: SnapshotField? = nil, lineIndex: Int? = nil) {
        self.code = code
        self.field = field
        self.lineIndex = lineIndex
        self.message = message
    }
}

/// One line of service on an account.
package struct LineSnapshot: Hashable, Sendable {
    package var values: [ExtractedValue]

    package init(values: [ExtractedValue] = []) {
        self.values = values
    }

    package subscript(field: SnapshotField) -> SnapshotValue? {
        values.first { $0.field == field }?.value
    }

    /// The number, masked to its last four digits.
    package var number: String? { self[.number]?.text }
    package var nickname: String? { self[.nickname]?.text }
    package var plan: String? { self[.plan]?.text }
    package var dataUsed: DataAmount? { self[.dataUsed]?.data }
    package var dataAllowance: DataAmount? { self[.dataAllowance]?.data }
    /// Shown on the page, or allowance minus used when both are amounts.
    package var dataRemaining: DataAmount? {
        if let shown = self[.dataRemaining]?.data { return shown }
        guard let used = dataUsed, let allowance = dataAllowance else { return nil }
        return DataAmount.difference(allowance, used)
    }
    /// The premium or priority threshold of an unlimited plan.
    package var premiumData: DataAmount? { self[.premiumData]?.data }
    package var hotspotUsed: DataAmount? { self[.hotspotUsed]?.data }
    package var hotspotAllowance: DataAmount? { self[.hotspotAllowance]?.data }
    package var internationalUsed: DataAmount? { self[.internationalUsed]?.data }
}

/// What one saved account page says, typed: the carrier and page kind, account-level
/// values, each line of service, and what went wrong on the way.
package struct AccountSnapshot: Hashable, Sendable {
    package var carrierID: String?
    package var carrierName: String?
    package var pageKind: PageKind?
    /// True when no spec matched and the values come from label-and-value reading.
    package var isHeuristic: Bool
    package var values: [ExtractedValue]
    package var lines: [LineSnapshot]
    package var diagnostics: [SnapshotDiagnostic]
    /// The day year-less dates were read against, and "days left" counted from.
    package var reference: CalendarDate?
    /// The carrier the page's address or title points to, whatever it was read as
    /// (`nil` when nothing points anywhere).
    package var recognizedCarrierID: String?

    package init(carrierID: String? = nil, carrierName: String? = nil, pageKind: PageKind? = nil, isHeuristic: Bool = false,
                values: [ExtractedValue] = [], lines: [LineSnapshot] = [], diagnostics: [SnapshotDiagnostic] = [],
                reference: CalendarDate? = nil) {
        self.carrierID = carrierID
        self.carrierName = carrierName
        self.pageKind = pageKind
        self.isHeuristic = isHeuristic
        self.values = values
        self.lines = lines
        self.diagnostics = diagnostics
        self.reference = reference
    }

    package subscript(field: SnapshotField) -> SnapshotValue? {
        values.first { $0.field == field }?.value
    }

    /// The account number, masked.
    package var accountNumber: String? { self[.accountNumber]?.text }
    /// A prepaid balance.
    package var balance: Money? { self[.balance]?.money }
    package var amountDue: Money? { self[.amountDue]?.money }
    package var dueDate: CalendarDate? { self[.dueDate]?.date }
    package var autopay: Bool? { self[.autopay]?.flag }
    /// Shown as a range, or put together from a start and end date.
    package var billingCycle: DateRange? {
        if let range = self[.billingCycle]?.dateRange { return range }
        guard let start = self[.cycleStart]?.date, let end = self[.cycleEnd]?.date else { return nil }
        return DateRange(start: start, end: end)
    }
    /// Shown on the page, or counted from the reference day to the end of the cycle.
    package var daysLeft: Int? {
        if let shown = self[.daysLeft]?.count { return shown }
        guard let end = billingCycle?.end ?? self[.expires]?.date, let reference else { return nil }
        return max(0, reference.days(until: end))
    }
}

extension DataAmount {
    /// `a − b`, exactly, in the smaller of the two units (`15 GB − 7,657 MB` = `7703 MB`);
    /// `nil` when either is unlimited or the result would be negative.
    static func difference(_ a: DataAmount, _ b: DataAmount) -> DataAmount? {
        guard case .amount(let total, let totalUnit) = a, case .amount(let used, let usedUnit) = b else { return nil }
        let unit = totalUnit.multiplier <= usedUnit.multiplier ? totalUnit : usedUnit
        guard let left = total.multiplied(by: totalUnit.multiplier / unit.multiplier),
              let right = used.multiplied(by: usedUnit.multiplier / unit.multiplier),
              let result = left.subtracting(right), !result.isNegative else { return nil }
        return .amount(result.normalized, unit)
    }
}

/// Account and phone numbers keep their last four digits: `(***) ***-0142`.
enum NumberMasking {
    static func mask(_ text: String) -> String {
        var digitCount = 0
        for byte in text.utf8 where byte &- 0x30 < 10 { digitCount += 1 }
        guard digitCount > 4 else { return text }
        // Digits are ASCII: the masked text is the same UTF-8 with some digit bytes replaced.
        var remaining = digitCount
        // An international prefix (`+1 `) is not part of what identifies the line.
        var inPrefix = text.utf8.first == UInt8(ascii: "+")
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            let isDigit = byte &- 0x30 < 10
            if inPrefix {
                if byte != UInt8(ascii: "+") && !isDigit { inPrefix = false }
                if isDigit { remaining -= 1 }
                bytes.append(byte)
                continue
            }
            if isDigit {
                bytes.append(remaining > 4 ? UInt8(ascii: "*") : byte)
                remaining -= 1
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
