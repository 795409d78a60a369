import Testing
@testable import ESIMKit

@Suite("SpecDraft")
struct SpecDraftTests {
    static let reference = CalendarDate(year: 2026, month: 11, day: 20)

    static func page(due: String, date: String, used: [String]) -> String {
        let lines = used.enumerated().map { index, used in
            "<li class=\"LineTile_tile__x9Q2a\"><span class=\"LineTile_number__a1B2c\">(214) 555-01\(40 + index)</span>"
                + "<p class=\"LineTile_used__Zz9Yy\">\(used)</p><p>of 15 GB</p></li>"
        }.joined()
        return """
            <!-- saved from url=(0048)https://my.acme-wireless.example/account/overview -->
            <html><head><title>Acme Wireless — My account</title></head><body>
            <header><a href="/pay">Pay bill</a></header>
            <section class="summary"><h2>Amount due</h2><div data-testid="amount-due">\(due)</div>
            <p>Due <span id="due-date">\(date)</span></p></section>
            <ul class="lines">\(lines)</ul>
            <footer>Questions about \(due)? Call us.</footer>
            </body></html>
            """
    }

    static func draft(_ html: String, _ values: [(SnapshotField, String)]) throws -> SpecDraft {
        try SpecDraft(page: PageInput(name: "acme.html", bytes: Array(html.utf8)), carrierID: "acme", kind: .overview,
                      values: values.map { SpecDraft.Wanted(field: $0.0, text: $0.1) }, reference: reference)
    }

    static func read(_ html: String, with spec: String) throws -> AccountSnapshot {
        let parsed = try CarrierSpec.parseDocument(spec, file: "acme.yaml")
        let extractor = try PageExtractor(specs: [try #require(parsed.pages)])
        return try extractor.inspect(PageInput(name: "acme.html", bytes: Array(html.utf8)), options: .init(reference: reference))
    }

    @Test("three values a person reads become a spec that reads the page's structure, not its figures")
    func draftsAndReadsOtherFigures() throws {
        let original = Self.page(due: "$42.10", date: "Dec 9, 2026", used: ["3.2 GB", "7.5 GB"])
        let draft = try Self.draft(original, [(.amountDue, "$42.10"), (.dueDate, "Dec 9"), (.dataUsed, "3.2 GB")])
        #expect(draft.unplaced.isEmpty, "\(draft.unplaced)")
        let yaml = try draft.yaml(name: "Acme Wireless", country: "us", source: "acme.html")
        #expect(yaml.contains("[data-testid=amount-due]") && yaml.contains("#due-date") && yaml.contains("each:"))
        #expect(!yaml.contains("42.10") && !yaml.contains("3.2"))
        let snapshot = try Self.read(original, with: yaml)
        #expect(snapshot.carrierID == "acme")
        #expect(snapshot.amountDue == Money(ExactDecimal(units: 4210, scale: 2), currency: "USD"))
        #expect(snapshot.dueDate == CalendarDate(year: 2026, month: 12, day: 9))
        #expect(snapshot.lines.map(\.dataUsed) == [.amount(ExactDecimal(units: 32, scale: 1), .gigabytes), .amount(ExactDecimal(units: 75, scale: 1), .gigabytes)])
        // The same page with other figures reads the other figures.
        let other = Self.page(due: "$17.99", date: "Jan 4, 2027", used: ["0.4 GB", "12 GB", "1 GB"])
        let again = try Self.read(other, with: yaml)
        #expect(again.amountDue == Money(ExactDecimal(units: 1799, scale: 2), currency: "USD"))
        #expect(again.dueDate == CalendarDate(year: 2027, month: 1, day: 4))
        #expect(again.lines.compactMap(\.dataUsed).count == 3)
    }

    @Test("a value the page does not show, or shows in unrelated places, is named with the reason and left out")
    func unplaced() throws {
        let html = "<html><body><p class=a>$5.00</p><p class=b>Data</p><p class=c>$5.00 credit</p><div id=x>$5.00</div></body></html>"
        let draft = try Self.draft(html, [(.balance, "$5.00"), (.dueDate, "Dec 24, 2026")])
        #expect(draft.placements.isEmpty)
        #expect(draft.unplaced.map(\.field) == [.balance, .dueDate])
        #expect(draft.unplaced[0].reason.contains("unrelated places"))
        #expect(draft.unplaced[1].reason.contains("does not show"))
    }

    @Test("a value given twice with different texts, or not of its field's kind, is refused")
    func refused() {
        let html = Self.page(due: "$42.10", date: "Dec 9, 2026", used: ["3.2 GB"])
        #expect(throws: SpecDraft.DraftError.self) { try Self.draft(html, [(.amountDue, "$42.10"), (.amountDue, "$40")]) }
        #expect(throws: SpecDraft.DraftError.self) { try Self.draft(html, [(.dueDate, "soon")]) }
    }

    @Test("a JSON response gets key paths, with the unit of its bare numbers")
    func json() throws {
        let response = #"{"account": {"due": 42.1, "currency": "USD"}, "lines": [{"msisdn": "2145550140", "usedMB": 1536}, {"msisdn": "2145550141", "usedMB": 20}]}"#
        let draft = try SpecDraft(page: PageInput(name: "r.json", bytes: Array(response.utf8)), carrierID: "acme", kind: .usage,
                                  values: [.init(field: .dataUsed, text: "1536 MB")], reference: Self.reference)
        #expect(draft.unplaced.isEmpty, "\(draft.unplaced)")
        let yaml = try draft.yaml(name: "Acme", country: "us", source: "r.json")
        #expect(yaml.contains("json:") && yaml.contains("unit: MB"))
        let snapshot = try Self.read(response, with: yaml)
        #expect(snapshot.lines.compactMap(\.dataUsed) == [.amount(ExactDecimal(1536), .megabytes), .amount(ExactDecimal(20), .megabytes)])
    }

    @Test("an existing spec is extended with a new page kind, and refuses a kind it has")
    func into() throws {
        let html = Self.page(due: "$42.10", date: "Dec 9, 2026", used: ["3.2 GB"])
        let draft = try Self.draft(html, [(.amountDue, "$42.10")])
        let existing = "id: acme\nname: Acme\ncountry: us\n"
        let extended = try draft.yaml(name: "Acme", country: "us", source: "acme.html", into: existing)
        #expect(extended.hasPrefix(existing))
        #expect(try Self.read(html, with: extended).amountDue != nil)
        let bill = try SpecDraft(page: PageInput(name: "acme.html", bytes: Array(html.utf8)), carrierID: "acme", kind: .bill,
                                 values: [.init(field: .dueDate, text: "Dec 9, 2026")], reference: Self.reference)
        let both = try bill.yaml(name: "Acme", country: "us", source: "acme.html", into: extended)
        let parsed = try CarrierSpec.parseDocument(both, file: "acme.yaml")
        #expect(Set(parsed.pages?.pages.map(\.kind) ?? []) == [.overview, .bill])
        #expect(throws: SpecDraft.DraftError.self) { try draft.yaml(name: "Acme", country: "us", source: "acme.html", into: extended) }
    }
}
