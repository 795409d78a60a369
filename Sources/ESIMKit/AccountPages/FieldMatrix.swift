/// What each carrier's account pages show, field by field: from its spec, which fields a
/// page kind has (`required` or `optional`: exposed) or says it lacks (`notExposed`), and
/// from the saved pages' expected readings (`Samples/Pages/<carrier>/<kind>.expected.json`),
/// which of them a real reading proves.
package struct FieldMatrix: Hashable, Sendable {
    /// A column of the matrix: one thing a user asks, read from one or more fields.
    package enum Column: String, CaseIterable, Hashable, Sendable, Codable {
        case balance, amountDue, dueDate, cycle, plan, expires, dataUsed, dataLeft, dataAllowance, hotspot, roaming

        /// The fields that answer it (account-wide or per line).
        package var fields: [SnapshotField] {
            switch self {
            case .balance: [.balance]
            case .amountDue: [.amountDue]
            case .dueDate: [.dueDate]
            case .cycle: [.billingCycle, .cycleStart, .cycleEnd, .daysLeft]
            case .plan: [.planName, .plan]
            case .expires: [.expires]
            case .dataUsed: [.dataUsed, .sharedDataUsed, .percentUsed]
            case .dataLeft: [.dataRemaining, .sharedDataRemaining]
            case .dataAllowance: [.dataAllowance, .sharedDataAllowance]
            case .hotspot: [.hotspotUsed, .hotspotAllowance]
            case .roaming: [.internationalUsed]
            }
        }

        /// The column's heading.
        package var title: String {
            switch self {
            case .balance: "balance"
            case .amountDue: "amount due"
            case .dueDate: "due date"
            case .cycle: "cycle"
            case .plan: "plan"
            case .expires: "expires"
            case .dataUsed: "data used"
            case .dataLeft: "data left"
            case .dataAllowance: "allowance"
            case .hotspot: "hotspot"
            case .roaming: "roaming"
            }
        }
    }

    /// A cell: the strongest thing known of a column's fields on any of the carrier's pages.
    package enum Cell: String, Hashable, Sendable, Codable, Comparable {
        /// No spec says (no page spec, or no page mentions the fields).
        case unknown
        /// A page spec says the page does not show it.
        case notExposed
        /// A page spec reads it, but no saved page's expected reading has it.
        case exposed
        /// A page spec reads it and a saved page's expected reading has a value for it.
        case proven

        private var rank: Int {
            switch self {
            case .unknown: 0
            case .notExposed: 1
            case .exposed: 2
            case .proven: 3
            }
        }

        package static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
    }

    /// One page kind's field: what the spec says, and whether a saved page proves it.
    package struct PageField: Hashable, Sendable, Codable {
        package var page: PageKind
        package var field: SnapshotField
        package var status: FieldStatus
        package var proven: Bool
    }

    /// One carrier's row.
    package struct Row: Hashable, Sendable {
        package var carrierID: String
        package var carrierName: String
        package var country: String
        /// A cell per ``Column``, in its order.
        package var cells: [Cell]
        /// Every field each page kind's spec names, in spec order.
        package var fields: [PageField]
        /// The page kinds saved pages exist for.
        package var fixturePages: [PageKind]

        package func cell(_ column: Column) -> Cell { cells[Column.allCases.firstIndex(of: column)!] }
    }

    package var rows: [Row]
    /// How many expected readings were looked at (0: none given, so nothing is proven).
    package var fixtureCount: Int

    /// - Parameters:
    ///   - carriers: the curated carriers, in the order to list them.
    ///   - pageSpecs: their page specs.
    ///   - fixtures: expected readings of saved pages; each counts for the carrier and page
    ///     kind it names.
    package init(carriers: [Carrier], pageSpecs: [AccountPageSpec], fixtures: [ExpectedSnapshot]) {
        fixtureCount = fixtures.count
        rows = carriers.map { carrier in
            let spec = pageSpecs.first { $0.carrierID == carrier.id }
            let readings = fixtures.filter { $0.carrierID == carrier.id }
            func proves(_ field: SnapshotField, on page: PageKind) -> Bool {
                readings.contains { reading in
                    reading.pageKind == page
                        && (reading.account[field] != nil || reading.lines.contains { $0[field] != nil })
                }
            }
            var fields: [PageField] = []
            for page in spec?.pages ?? [] {
                for field in page.fields + (page.lines?.fields ?? []) {
                    fields.append(PageField(page: page.kind, field: field.field, status: field.status,
                                            proven: field.status != .notExposed && proves(field.field, on: page.kind)))
                }
            }
            let cells = Column.allCases.map { column -> Cell in
                fields.filter { column.fields.contains($0.field) }.map { field -> Cell in
                    field.status == .notExposed ? .notExposed : field.proven ? .proven : .exposed
                }.max() ?? .unknown
            }
            var fixturePages: [PageKind] = []
            for reading in readings {
                if let kind = reading.pageKind, !fixturePages.contains(kind) { fixturePages.append(kind) }
            }
            return Row(carrierID: carrier.id, carrierName: carrier.name, country: carrier.country, cells: cells,
                       fields: fields, fixturePages: fixturePages)
        }
    }

    /// The expected readings of the saved pages under `directory` (as `validate` finds
    /// them); a page without one is skipped, an expected file that does not parse is an
    /// error naming it.
    package static func fixtures(in directory: String) throws(FixtureError) -> [ExpectedSnapshot] {
        var result: [ExpectedSnapshot] = []
        for fixture in try Validator.fixtures(in: directory) {
            guard FileStatus.exists(fixture.expectedPath) else { continue }
            var reading = try ExpectedSnapshot(json: try Validator.readText(fixture.expectedPath), file: fixture.expectedPath)
            if reading.carrierID == nil { reading.carrierID = fixture.directoryName }
            result.append(reading)
        }
        return result
    }
}
