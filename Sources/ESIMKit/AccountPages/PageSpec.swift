import Synchronization

/// Where the fields of a carrier's saved account pages live: the `recognize` and `pages`
/// sections of a carrier spec (`Specs/<id>.yaml`; format in `Specs/README.md`).
package struct AccountPageSpec: Hashable, Sendable {
    package var carrierID: String
    package var carrierName: String
    /// The file the spec came from, for messages.
    package var file: String
    package var recognition: PageRecognition
    private var pageList: PageList

    /// The page kinds the carrier has, in spec order.
    package var pages: [PageSpec] {
        get { pageList.pages }
        set { pageList = .read(newValue) }
    }

    /// Whether the pages are still unread (a built-in spec's, read on first use).
    package var pagesAreDeferred: Bool {
        if case .deferred(let pages) = pageList { return !pages.isRead }
        return false
    }

    /// Whether the pages are read on first use (read yet or not): a built-in spec's, whose
    /// rules a test compiles, so compiling them can wait until a page needs them.
    package var pagesAreReadOnDemand: Bool {
        if case .deferred = pageList { return true }
        return false
    }

    package init(carrierID: String, carrierName: String, file: String, recognition: PageRecognition, pages: [PageSpec]) {
        self.init(carrierID: carrierID, carrierName: carrierName, file: file, recognition: recognition, pageList: .read(pages))
    }

    /// A spec whose pages `read` produces when they are first asked for: for the built-in
    /// specs, which a test reads whole (so `read` cannot fail), and which most runs need
    /// one of at most — recognising a page needs only ``recognition``.
    init(carrierID: String, carrierName: String, file: String, recognition: PageRecognition,
         deferredPages read: @escaping @Sendable () -> [PageSpec]) {
        self.init(carrierID: carrierID, carrierName: carrierName, file: file, recognition: recognition,
                  pageList: .deferred(DeferredPages(read)))
    }

    private init(carrierID: String, carrierName: String, file: String, recognition: PageRecognition, pageList: PageList) {
        self.carrierID = carrierID
        self.carrierName = carrierName
        self.file = file
        self.recognition = recognition
        self.pageList = pageList
    }

    package static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.carrierID == rhs.carrierID && lhs.carrierName == rhs.carrierName && lhs.file == rhs.file
            && lhs.recognition == rhs.recognition && lhs.pages == rhs.pages
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(carrierID)
        hasher.combine(file)
        hasher.combine(recognition)
        hasher.combine(pages)
    }

    /// Pages in hand, or a reading of them put off until they are needed.
    private enum PageList: Sendable {
        case read([PageSpec])
        case deferred(DeferredPages)

        var pages: [PageSpec] {
            switch self {
            case .read(let pages): pages
            case .deferred(let pages): pages.value
            }
        }
    }

    package func page(_ kind: PageKind) -> PageSpec? {
        pages.first { $0.kind == kind }
    }
}

/// Pages read once, on first use, by whichever thread asks first; copies of the spec
/// share the reading.
private final class DeferredPages: Sendable {
    private let read: @Sendable () -> [PageSpec]
    private let cache = Mutex<[PageSpec]?>(nil)

    init(_ read: @escaping @Sendable () -> [PageSpec]) { self.read = read }

    var isRead: Bool { cache.withLock { $0 != nil } }

    var value: [PageSpec] {
        cache.withLock { cached in
            if let cached { return cached }
            let pages = read()
            cached = pages
            return pages
        }
    }
}

/// How a saved page is told to be this carrier's: the address it was saved from (the
/// browser's `saved from url` comment, `<link rel=canonical>`, `og:url`) and its title.
package struct PageRecognition: Hashable, Sendable {
    /// Host names; a page address on one of them, or a subdomain, is the carrier's.
    package var domains: [String]
    /// Substrings of a page address (`att.com/acctmgmt`).
    package var urls: [String]
    /// Substrings of the page title, compared without case (`myAT&T`).
    package var titles: [String]

    package init(domains: [String] = [], urls: [String] = [], titles: [String] = []) {
        self.domains = domains
        self.urls = urls
        self.titles = titles
    }
}

/// The kinds of account page a spec describes.
package enum PageKind: String, Hashable, Sendable, CaseIterable, Codable {
    /// The signed-in landing page: amount due, due date, each line's data at a glance.
    case overview
    /// Usage details per line for the current bill cycle.
    case usage
    /// The bill: amount due, due date, billing period, charges per line.
    case bill
    /// A prepaid account: balance, plan, expiry, data left.
    case prepaid
}

/// What a spec says about a field on a page.
package enum FieldStatus: String, Hashable, Sendable, CaseIterable, Codable {
    /// The page always shows it; not finding it is a failure.
    case required
    /// Some accounts show it.
    case optional
    /// The carrier does not show it on this page; finding a value is suspicious.
    case notExposed
}

/// The type a field's text is read as.
package enum ValueKind: String, Hashable, Sendable, CaseIterable, Codable {
    case money, data, date, dateRange, text, percent, count, usage, flag
}

/// One page kind of a carrier: how to tell it from the carrier's other pages, its
/// account-level fields and its repeated per-line group.
package struct PageSpec: Hashable, Sendable {
    package var kind: PageKind
    /// Substrings of the page address that mark this kind (`/usage`).
    package var urls: [String]
    /// Substrings of the title that mark this kind.
    package var titles: [String]
    package var fields: [FieldSpec]
    package var lines: LineGroupSpec?

    package init(kind: PageKind, urls: [String] = [], titles: [String] = [], fields: [FieldSpec] = [], lines: LineGroupSpec? = nil) {
        self.kind = kind
        self.urls = urls
        self.titles = titles
        self.fields = fields
        self.lines = lines
    }

    /// Every rule of the page, lines included (for counting and compiling).
    package var allRules: [ExtractionRule] {
        fields.flatMap(\.rules) + (lines.map { [$0.each] + $0.fields.flatMap(\.rules) } ?? [])
    }
}

/// A repeated block, one per line of service: `each` selects the blocks, and the fields'
/// rules run inside each block.
package struct LineGroupSpec: Hashable, Sendable {
    package var each: ExtractionRule
    package var fields: [FieldSpec]

    package init(each: ExtractionRule, fields: [FieldSpec]) {
        self.each = each
        self.fields = fields
    }
}

/// A field: its name (from ``SnapshotField``), how its text is read, whether the page
/// must show it, and the candidate rules, tried in order.
package struct FieldSpec: Hashable, Sendable {
    package var field: SnapshotField
    package var kind: ValueKind
    package var status: FieldStatus
    package var rules: [ExtractionRule]
    /// The spec line, for messages.
    package var line: Int

    package init(field: SnapshotField, kind: ValueKind? = nil, status: FieldStatus, rules: [ExtractionRule], line: Int = 0) {
        self.field = field
        self.kind = kind ?? field.defaultKind
        self.status = status
        self.rules = rules
        self.line = line
    }
}

/// One way to find a field: an XPath, a CSS selector or a JSON path (into data the page
/// embeds, or into a JSON document), optionally an attribute to read instead of the
/// text, and a regular expression whose first capture (or whole match) is the value.
package struct ExtractionRule: Hashable, Sendable {
    package enum Locator: Hashable, Sendable {
        case xpath(String)
        case css(String)
        case json(String)
    }

    package var locator: Locator
    package var attribute: String?
    package var regex: String?
    /// For a bare number read as data (`7657` → `7657 MB`).
    package var unit: String?
    /// For a bare number read as money (`142.37` → `USD 142.37`).
    package var currency: String?
    /// The page's language (a vocabulary's code, `it`): numbers, dates and units read as
    /// it writes them (`67,18GB`, `19/11/2026` day-first); `nil` reads them the US way.
    package var language: String?

    package init(_ locator: Locator, attribute: String? = nil, regex: String? = nil, unit: String? = nil, currency: String? = nil) {
        self.locator = locator
        self.attribute = attribute
        self.regex = regex
        self.unit = unit
        self.currency = currency
    }

    /// `css: .amount-due`, as a spec writes it.
    package var summary: String {
        var text: String
        switch locator {
        case .xpath(let path): text = "xpath: \(path)"
        case .css(let selector): text = "css: \(selector)"
        case .json(let path): text = "json: \(path)"
        }
        if let attribute { text += " @\(attribute)" }
        if let regex { text += " regex: \(regex)" }
        return text
    }

    var isJSON: Bool {
        if case .json = locator { return true }
        return false
    }
}

/// The fields a snapshot knows. Account fields describe the whole page; line fields one
/// line of service.
package enum SnapshotField: String, Hashable, Sendable, CaseIterable, Codable {
    // Account
    case accountNumber
    case balance
    case amountDue
    case dueDate
    case autopay
    case billingCycle
    case cycleStart
    case cycleEnd
    case daysLeft
    case planName
    case expires
    /// The day the page says its figures are for ("Usage as of Nov 20"); `track` takes it
    /// as the capture day when no time is given.
    case asOf
    case sharedDataUsed
    case sharedDataAllowance
    case sharedDataRemaining
    // Per line
    case number
    case nickname
    case plan
    case dataUsed
    case dataAllowance
    case dataRemaining
    case premiumData
    case hotspotUsed
    case hotspotAllowance
    case internationalUsed
    case percentUsed
    case lineCharges

    package static let accountFields: [SnapshotField] = [
        .accountNumber, .balance, .amountDue, .dueDate, .autopay, .billingCycle, .cycleStart, .cycleEnd,
        .daysLeft, .planName, .expires, .asOf, .sharedDataUsed, .sharedDataAllowance, .sharedDataRemaining,
    ]
    package static let lineFields: [SnapshotField] = [
        .number, .nickname, .plan, .dataUsed, .dataAllowance, .dataRemaining, .premiumData, .hotspotUsed,
        .hotspotAllowance, .internationalUsed, .percentUsed, .lineCharges,
    ]

    package var isLineField: Bool { Self.lineFields.contains(self) }

    /// The type the snapshot stores.
    package var valueKind: ValueKind {
        switch self {
        case .accountNumber, .planName, .number, .nickname, .plan: .text
        case .balance, .amountDue, .lineCharges: .money
        case .dueDate, .cycleStart, .cycleEnd, .expires, .asOf: .date
        case .autopay: .flag
        case .billingCycle: .dateRange
        case .daysLeft: .count
        case .percentUsed: .percent
        case .sharedDataUsed, .sharedDataAllowance, .sharedDataRemaining, .dataUsed, .dataAllowance,
             .dataRemaining, .premiumData, .hotspotUsed, .hotspotAllowance, .internationalUsed: .data
        }
    }

    /// How the text is read unless the spec says otherwise.
    package var defaultKind: ValueKind { valueKind }

    /// The kinds a spec may read this field's text as: its own, and for data amounts a
    /// usage statement (`12.4 GB of 15 GB used`) the amount is taken from.
    package var readableKinds: [ValueKind] {
        switch valueKind {
        case .data: [.data, .usage]
        case .percent: [.percent, .usage]
        default: [valueKind]
        }
    }

    /// Account and phone numbers are masked to their last four digits.
    package var isMasked: Bool { self == .accountNumber || self == .number }

    /// How the field reads in text output.
    package var label: String {
        switch self {
        case .accountNumber: "Account"
        case .balance: "Balance"
        case .amountDue: "Amount due"
        case .dueDate: "Due date"
        case .autopay: "Autopay"
        case .billingCycle: "Bill cycle"
        case .cycleStart: "Cycle start"
        case .cycleEnd: "Cycle end"
        case .daysLeft: "Days left"
        case .planName: "Plan"
        case .expires: "Expires"
        case .asOf: "As of"
        case .sharedDataUsed: "Shared data used"
        case .sharedDataAllowance: "Shared allowance"
        case .sharedDataRemaining: "Shared data left"
        case .number: "Number"
        case .nickname: "Nickname"
        case .plan: "Plan"
        case .dataUsed: "Data used"
        case .dataAllowance: "Allowance"
        case .dataRemaining: "Data left"
        case .premiumData: "Premium data"
        case .hotspotUsed: "Hotspot used"
        case .hotspotAllowance: "Hotspot allowance"
        case .internationalUsed: "International"
        case .percentUsed: "Percent used"
        case .lineCharges: "Charges"
        }
    }
}

extension SnapshotField {
    // Fields key the dictionaries of every check, coverage count and expected file. The
    // standard library's `RawRepresentable` defaults would hash and compare the case's
    // name; these use the case itself (a payload-free enum is stored as its index).
    package static func == (lhs: SnapshotField, rhs: SnapshotField) -> Bool { lhs.caseIndex == rhs.caseIndex }

    package func hash(into hasher: inout Hasher) { hasher.combine(caseIndex) }

    /// The case's position in the declaration.
    var caseIndex: UInt8 { withUnsafeBytes(of: self) { $0[0] } }
}
