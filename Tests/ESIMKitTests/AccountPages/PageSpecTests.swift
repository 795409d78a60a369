import Testing
@testable import ESIMKit

@Suite("AccountPageSpec")
struct PageSpecTests {
    static let header = "id: x\nname: X\ncountry: us\ndomains: [x.example]\n"

    static func parse(_ pages: String) throws -> AccountPageSpec? {
        try CarrierSpec.parseDocument(header + pages, file: "x.yaml").pages
    }

    @Test("a page with account fields, a line group, shorthand and listed rules loads")
    func loads() throws {
        let spec = try #require(try Self.parse("""
        recognize:
          urls: ["x.example/account"]
          titles: ["My X"]
        pages:
          overview:
            urls: [/overview]
            fields:
              amountDue: {status: required, css: ".due"}
              dueDate:
                status: required
                rules:
                  - {json: "$.account.due"}
                  - {xpath: "//p[@id='due']", regex: "Due (.+)"}
              balance: {status: notExposed}
            lines:
              each: {css: "li.line"}
              fields:
                number: {status: required, css: ".ctn"}
                dataUsed: {type: usage, css: ".meter"}
        """))
        #expect(spec.carrierID == "x")
        #expect(spec.recognition.domains == ["x.example"])
        #expect(spec.recognition.urls == ["x.example/account"])
        let page = try #require(spec.page(.overview))
        #expect(page.fields.map(\.field) == [.amountDue, .dueDate, .balance])
        #expect(page.fields[1].rules.count == 2)
        #expect(page.fields[1].rules[1].regex == "Due (.+)")
        #expect(page.fields[2].status == .notExposed && page.fields[2].rules.isEmpty)
        #expect(page.lines?.fields.last?.kind == .usage)
        #expect(page.lines?.fields.last?.status == .optional)  // the default
    }

    @Test("a spec without pages has none")
    func noPages() throws {
        #expect(try Self.parse("") == nil)
    }

    /// (pages text, error code, line in the whole spec, key path)
    static let rejects: [(String, SpecError.Code, Int, String)] = [
        ("pages:\n  home:\n    fields: {amountDue: {css: a}}\n", .unknownKey, 6, "pages.home"),
        ("pages:\n  overview:\n    fields: {amountOwed: {css: a}}\n", .unknownKey, 7, "pages.overview.fields.amountOwed"),
        ("pages:\n  overview:\n    fields: {number: {css: a}}\n", .unknownKey, 7, "pages.overview.fields.number"),
        ("pages:\n  overview:\n    fields: {amountDue: {status: needed, css: a}}\n", .invalidValue, 7, "pages.overview.fields.amountDue.status"),
        ("pages:\n  overview:\n    fields: {amountDue: {type: data, css: a}}\n", .invalidValue, 7, "pages.overview.fields.amountDue.type"),
        ("pages:\n  overview:\n    fields: {amountDue: {xpath: \"//div[\"}}\n", .invalidRule, 7, "pages.overview.fields.amountDue.xpath"),
        ("pages:\n  overview:\n    fields: {amountDue: {css: \"a:hover\"}}\n", .invalidRule, 7, "pages.overview.fields.amountDue.css"),
        ("pages:\n  overview:\n    fields: {amountDue: {json: \"account.due\"}}\n", .invalidRule, 7, "pages.overview.fields.amountDue.json"),
        ("pages:\n  overview:\n    fields: {amountDue: {css: a, regex: \"(unclosed\"}}\n", .invalidRule, 7, "pages.overview.fields.amountDue.regex"),
        ("pages:\n  overview:\n    fields: {amountDue: {css: a, xpath: b}}\n", .invalidValue, 7, "pages.overview.fields.amountDue"),
        ("pages:\n  overview:\n    fields: {amountDue: {status: required}}\n", .missingKey, 7, "pages.overview.fields.amountDue"),
        ("pages:\n  overview:\n    fields: {amountDue: {css: a, rules: [{css: b}]}}\n", .invalidValue, 7, "pages.overview.fields.amountDue"),
        ("pages:\n  overview:\n    fields: {amountDue: {json: \"$.a\", attribute: href}}\n", .invalidRule, 7, "pages.overview.fields.amountDue"),
        ("pages:\n  overview:\n    fields: {balance: {css: a, currency: XYZ}}\n", .invalidValue, 7, "pages.overview.fields.balance.currency"),
        ("pages:\n  overview:\n    lines:\n      each: {css: li}\n      fields: {number: {xpath: \"//span\"}}\n", .invalidRule, 9, "pages.overview.lines.fields.number.xpath"),
        ("pages:\n  overview:\n    lines:\n      each: {json: \"$.lines[*]\"}\n      fields: {number: {css: span}}\n", .invalidRule, 9, "pages.overview.lines.fields.number.css"),
        ("pages:\n  overview:\n    lines:\n      fields: {number: {css: span}}\n", .missingKey, 8, "pages.overview.lines"),
        ("pages:\n  overview:\n    urls: [/o]\n", .missingKey, 7, "pages.overview"),
        ("recognize:\n  titles: [X]\n", .missingKey, 6, "recognize"),
        ("recognize:\n  hosts: [x]\npages: {}\n", .unknownKey, 6, "recognize.hosts"),
    ]

    @Test("bad page sections name the file, line and key", arguments: rejects)
    func rejected(_ text: String, _ code: SpecError.Code, _ line: Int, _ path: String) {
        let error = #expect(throws: SpecError.self) { try Self.parse(text) }
        #expect(error?.code == code, "\(String(describing: error))")
        #expect(error?.line == line, "\(String(describing: error))")
        #expect((error?.location.keyPath ?? "") == path, "\(String(describing: error))")
        #expect(error?.file == "x.yaml")
    }

    @Test("every built-in spec's pages compile, and AT&T, Verizon and T-Mobile have all four page kinds")
    func builtIns() throws {
        let specs = try CuratedSpecs.load().pageSpecs
        _ = try PageExtractor(specs: specs)
        for id in ["att", "verizon", "tmobile"] {
            let spec = try #require(specs.first { $0.carrierID == id })
            #expect(Set(spec.pages.map(\.kind)) == Set(PageKind.allCases), "\(id)")
        }
        #expect(specs.contains { $0.carrierID == "mint" })
    }

    @Test("every built-in spec with pages says what its fixtures were made from")
    func fixturesOrigin() throws {
        for (name, text) in BuiltInSpecs.files where text.contains("\npages:") {
            let line = text.split(separator: "\n").first { $0.hasPrefix("fixtures: ") }
            #expect(line.map { $0.count > 20 } == true, "\(name) has pages and no 'fixtures' key")
        }
    }

    @Test("a page's unit, currency and language apply to its rules that name none")
    func pageDefaults() throws {
        let spec = try CarrierSpec.parseDocument("""
            id: x
            name: X
            country: it
            pages:
              usage:
                unit: MB
                currency: EUR
                language: it
                fields:
                  balance: {json: "$.credit"}
                  expires: {json: "$.end"}
                lines:
                  each: {json: "$"}
                  fields:
                    dataUsed: {json: "$.used"}
                    dataAllowance: {json: "$.total", unit: GB}
            """, file: "x.yaml").pages
        let page = try #require(spec?.pages.first)
        #expect(page.fields.map { $0.rules[0].currency } == ["EUR", nil])
        #expect(page.lines?.fields.map { $0.rules[0].unit } == ["MB", "GB"])
        #expect(page.fields.allSatisfy { $0.rules[0].language == "it" })
        let extractor = try PageExtractor(specs: [try #require(spec)])
        let snapshot = try extractor.inspect(PageInput(name: "x.json", bytes: Array(#"{"credit": "4,20", "end": "04/12/2026", "used": "1.536", "total": 2}"#.utf8)),
                                             options: .init(carrierID: "x"))
        #expect(snapshot.balance == Money(ExactDecimal(units: 420, scale: 2), currency: "EUR"))
        #expect(snapshot[.expires]?.date == CalendarDate(year: 2026, month: 12, day: 4))
        // `1.536` in Italian is one thousand five hundred and thirty-six.
        #expect(snapshot.lines.first?.dataUsed == .amount(ExactDecimal(1536), .megabytes))
        #expect(snapshot.lines.first?.dataAllowance == .amount(ExactDecimal(2), .gigabytes))
        // A language with no vocabulary is refused.
        let error = #expect(throws: SpecError.self) {
            try CarrierSpec.parseDocument("id: x\nname: X\ncountry: it\npages:\n  usage:\n    language: xx\n    fields:\n      balance: {json: \"$.a\"}\n", file: "x.yaml")
        }
        #expect(error?.code == .invalidValue)
    }
}

@Suite("SnapshotField")
struct SnapshotFieldTests {
    @Test("each case is equal only to itself and hashes by its case, in a one-byte layout")
    func identity() {
        #expect(MemoryLayout<SnapshotField>.size == 1)
        let cases = SnapshotField.allCases
        #expect(Set(cases.map(\.caseIndex)).count == cases.count)
        #expect(cases.map(\.caseIndex) == (0..<cases.count).map(UInt8.init))
        for (index, field) in cases.enumerated() {
            for (other, candidate) in cases.enumerated() {
                #expect((field == candidate) == (index == other))
            }
            #expect(SnapshotField(rawValue: field.rawValue) == field)
        }
        let table = Dictionary(uniqueKeysWithValues: cases.map { ($0, $0.rawValue) })
        #expect(cases.allSatisfy { table[$0] == $0.rawValue })
    }
}
