import Foundation
import Testing
@testable import ESIMKit
import ESIMSupport

/// The repository's saved pages, beside this file's folders.
enum PageSamples {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let directory = root.appendingPathComponent("Samples/Pages").path

    static func input(_ relative: String) throws -> PageInput {
        try PageInput(contentsOfFile: directory + "/" + relative)
    }

    static let reference = CalendarDate(year: 2026, month: 11, day: 20)
}

@Suite("PageExtractor")
struct PageExtractorTests {
    static let specs = try! CuratedSpecs.load().pageSpecs

    static func extractor() throws -> PageExtractor { try PageExtractor(specs: specs) }

    static func page(_ html: String, name: String = "page.html") -> PageInput {
        PageInput(name: name, bytes: Array(html.utf8))
    }

    /// A small spec for hand-made pages.
    static let testSpec = try! CarrierSpec.parseDocument("""
    id: example
    name: Example Wireless
    country: us
    domains: [example.com]
    pages:
      overview:
        fields:
          amountDue: {status: required, css: ".due"}
          dueDate: {status: required, css: ".date"}
          autopay: {status: optional, css: ".autopay"}
          balance: {status: notExposed, css: ".balance"}
          daysLeft: {status: optional, xpath: "string(//p[@id='days']) + $undefined"}
        lines:
          each: {css: "li"}
          fields:
            number: {status: required, css: ".ctn"}
            dataUsed: {status: required, type: usage, css: ".meter"}
            dataAllowance: {status: optional, type: usage, css: ".meter"}
    """, file: "example.yaml").pages!

    static func exampleExtractor() throws -> PageExtractor { try PageExtractor(specs: [testSpec]) }

    @Test("AT&T overview: recognised by its address, every field typed, numbers masked")
    func attOverview() throws {
        let snapshot = try Self.extractor().inspect(try PageSamples.input("att/overview.html"),
                                                    options: .init(reference: PageSamples.reference))
        #expect(snapshot.carrierID == "att")
        #expect(snapshot.pageKind == .overview)
        #expect(snapshot.amountDue == (try Money("$187.42")))
        #expect(snapshot.dueDate == CalendarDate(year: 2026, month: 12, day: 3))
        #expect(snapshot.autopay == true)
        #expect(snapshot.billingCycle?.dayCount == 30)
        #expect(snapshot.daysLeft == 13)
        #expect(snapshot.lines.count == 2)
        #expect(snapshot.lines[0].number == "(***) ***-0142")
        #expect(snapshot.lines[0].dataAllowance == .unlimited)
        #expect(snapshot.lines[0].premiumData == (try DataAmount("75 GB")))
        #expect(snapshot.lines[1].dataRemaining == (try DataAmount("7.8 GB")))
        // Provenance: the rule and the page line.
        let due = try #require(snapshot.values.first { $0.field == .amountDue })
        #expect(due.rule == "css: [data-testid=total-due-amount]")
        #expect(due.line == 24)
        #expect(!snapshot.diagnostics.contains { $0.code != .recognition })
    }

    @Test("a page's embedded JSON state is read with JSON rules, numbers with their unit")
    func embeddedState() throws {
        let snapshot = try Self.extractor().inspect(try PageSamples.input("att/usage.html"), options: .init(reference: PageSamples.reference))
        #expect(snapshot.pageKind == .usage)
        #expect(snapshot.lines.count == 2)
        #expect(snapshot.lines[0].dataUsed == (try DataAmount("12698 MB")))
        #expect(snapshot.lines[1].internationalUsed == (try DataAmount("412 MB")))
        #expect(snapshot.lines[1].hotspotUsed == nil)  // null in the state
    }

    @Test("a JSON API response is matched to the spec whose rules read it")
    func jsonDocument() throws {
        let snapshot = try Self.extractor().inspect(try PageSamples.input("mint/usage.json"), options: .init(reference: PageSamples.reference))
        #expect(snapshot.carrierID == "mint")
        #expect(snapshot.pageKind == .usage)
        #expect(snapshot.lines.first?.dataUsed == (try DataAmount("1947.45 MB")))
        #expect(snapshot.lines.first?.dataAllowance == (try DataAmount("5120 MB")))
        let redPocket = try Self.extractor().inspect(try PageSamples.input("redpocket/prepaid.json"), options: .init(reference: PageSamples.reference))
        #expect(redPocket.carrierID == "redpocket")
        #expect(redPocket.lines.first?.number == "******0127")
        #expect(redPocket.lines.first?.dataRemaining == (try DataAmount("4382 MB")))
    }

    @Test("responsive copies of a line are kept once")
    func duplicateLines() throws {
        let snapshot = try Self.extractor().inspect(try PageSamples.input("tmobile/overview.html"), options: .init(reference: PageSamples.reference))
        #expect(snapshot.lines.count == 2)
    }

    @Test("each sample page is recognised by carrier and kind without help",
          arguments: ["att/overview", "att/usage", "att/bill", "att/prepaid", "verizon/overview", "verizon/usage",
                      "verizon/bill", "verizon/prepaid", "tmobile/overview", "tmobile/usage", "tmobile/bill", "tmobile/prepaid"])
    func recognition(_ name: String) throws {
        let snapshot = try Self.extractor().inspect(try PageSamples.input(name + ".html"), options: .init(reference: PageSamples.reference))
        let parts = name.split(separator: "/")
        #expect(snapshot.carrierID == String(parts[0]))
        #expect(snapshot.pageKind?.rawValue == String(parts[1]))
        #expect(snapshot.recognizedCarrierID == String(parts[0]))
        #expect(!snapshot.diagnostics.contains { $0.code == .missingRequired || $0.code == .unparseable })
    }

    @Test("recognition uses the canonical link, og:url or title when the saved-from comment is missing")
    func otherSignals() throws {
        let extractor = try Self.extractor()
        for head in [#"<link rel="canonical" href="https://www.verizon.com/digital/secure/my-verizon/bill">"#,
                     #"<meta property="og:url" content="https://www.verizon.com/digital/secure/my-verizon/bill">"#,
                     "<title>My Verizon | Bill</title>"] {
            let page = Self.page("<html><head>\(head)</head><body><p class='bill-total'>$1.00</p></body></html>")
            let snapshot = try extractor.inspect(page, options: .init(reference: PageSamples.reference))
            #expect(snapshot.carrierID == "verizon", "\(head)")
            #expect(snapshot.pageKind == .bill, "\(head)")
        }
    }

    @Test("--carrier reads a page as asked and notes whose page it looks like")
    func carrierOverride() throws {
        let snapshot = try Self.extractor().inspect(try PageSamples.input("verizon/bill.html"),
                                                    options: .init(carrierID: "att", reference: PageSamples.reference))
        #expect(snapshot.carrierID == "att")
        #expect(snapshot.recognizedCarrierID == "verizon")
        #expect(snapshot.diagnostics.contains { $0.code == .recognition && $0.message.contains("looks like Verizon") })
        #expect(snapshot.diagnostics.contains { $0.code == .missingRequired })
    }

    @Test("unknown --carrier or --page is an error naming what exists")
    func unknownOptions() throws {
        let extractor = try Self.extractor()
        #expect(throws: PageError.self) {
            try extractor.inspect(try PageSamples.input("att/bill.html"), options: .init(carrierID: "nosuch"))
        }
        let mint = try PageSamples.input("mint/usage.json")
        let error = #expect(throws: PageError.self) { try extractor.inspect(mint, options: .init(carrierID: "mint", pageKind: .bill)) }
        #expect(error?.code == .unknownSpec && (error as? PageError)?.message.contains("it has usage") == true)
    }

    @Test("copies of a field that disagree are reported, the first is kept")
    func conflicts() throws {
        let snapshot = try Self.exampleExtractor().inspect(Self.page("""
        <html><head><title>x</title><link rel=canonical href="https://example.com/a"></head><body>
        <p class=due>$10.00</p><p class=due>$12.00</p><p class=date>2026-12-01</p>
        <ul><li><span class=ctn>555 0100</span><span class=meter>1 GB of 2 GB used</span></li></ul></body></html>
        """))
        #expect(snapshot.amountDue == (try Money("$10.00")))
        #expect(snapshot.diagnostics.contains { $0.code == .conflictingValues && $0.field == .amountDue })
    }

    @Test("statuses: unparseable text, a notExposed value, a rule failing at run time, a missing required field")
    func problems() throws {
        let snapshot = try Self.exampleExtractor().inspect(Self.page("""
        <html><head><link rel=canonical href="https://example.com/a"></head><body>
        <p class=due>call us</p><p class=balance>$3.00</p><p id=days>4</p>
        <ul><li><span class=ctn>555 0100</span></li></ul></body></html>
        """))
        let codes = snapshot.diagnostics.map { ($0.code, $0.field) }
        #expect(codes.contains { $0 == (.unparseable, .amountDue) })
        #expect(codes.contains { $0 == (.unexpectedValue, .balance) })
        #expect(codes.contains { $0 == (.ruleFailed, .daysLeft) })
        #expect(codes.contains { $0 == (.missingRequired, .dueDate) })
        #expect(snapshot.diagnostics.contains { $0.code == .missingRequired && $0.field == .dataUsed && $0.lineIndex == 0 })
        #expect(snapshot.amountDue == nil)
    }

    @Test("a page no spec matches gets a heuristic reading, marked as such")
    func heuristic() throws {
        let snapshot = try Self.extractor().inspect(Self.page("""
        <html><head><title>Account | Some Mobile</title></head><body>
        <div><span>Amount due</span><span>$45.10</span></div>
        <div>Payment due date: <b>Dec 9, 2026</b></div>
        <div><h3>Data</h3><p>6.5 GB of 20 GB used</p></div>
        <script>var balance = "$999.99";</script>
        </body></html>
        """), options: .init(reference: PageSamples.reference))
        #expect(snapshot.isHeuristic)
        #expect(snapshot.carrierID == nil)
        #expect(snapshot.amountDue == (try Money("$45.10")))
        #expect(snapshot.dueDate == CalendarDate(year: 2026, month: 12, day: 9))
        #expect(snapshot.balance == nil)  // script text is not read
        #expect(snapshot.lines.first?.dataUsed == (try DataAmount("6.5 GB")))
        #expect(snapshot.lines.first?.dataAllowance == (try DataAmount("20 GB")))
        #expect(snapshot.values.allSatisfy { $0.rule.hasPrefix("generic") })
        #expect(snapshot.diagnostics.contains { $0.code == .recognition && $0.message.contains("heuristic") })
        // Without the fallback nothing is made up.
        let strict = try Self.extractor().inspect(Self.page("<p>Amount due $45.10</p>"), options: .init(allowHeuristic: false))
        #expect(strict.values.isEmpty && !strict.isHeuristic)
    }

    @Test("a value in the same text as its label, with more words after it, is read from the first words")
    func heuristicLeadingWords() throws {
        let page = "<html><body><p>Amount due: $42.00 by Dec 3, 2026 with autopay</p>"
            + "<p>Billing cycle Nov 4 - Dec 3 (next bill soon)</p><p>Days left 12 of 30</p>"
            + "<p>Plan renews monthly</p><p>Late fee $5.00</p></body></html>"
        let snapshot = try Self.extractor().inspect(Self.page(page), options: .init(reference: PageSamples.reference))
        #expect(snapshot.isHeuristic)
        #expect(snapshot.amountDue == (try Money("$42.00")))  // not the later `$5.00`
        #expect(snapshot.values.first { $0.field == .amountDue }?.raw == "$42.00")
        #expect(snapshot.billingCycle?.start == CalendarDate(year: 2026, month: 11, day: 4))
        #expect(snapshot.billingCycle?.end == CalendarDate(year: 2026, month: 12, day: 3))
        #expect(snapshot.values.first { $0.field == .daysLeft }?.value == .count(12))
        // Strict value readers keep bare words and numbers out: nothing is made of `3 lines`.
        let lines = try Self.extractor().inspect(Self.page("<p>Amount due 3 lines</p><p>$45.00</p>"),
                                                 options: .init(reference: PageSamples.reference))
        #expect(lines.amountDue == (try Money("$45.00")))
    }

    @Test("a usage statement inside a longer text is read from its 'X of Y' part; hotspot statements fill the hotspot fields, roaming and premium ones nothing")
    func heuristicUsageWindow() throws {
        func read(_ text: String) throws -> LineSnapshot? {
            try Self.extractor().inspect(Self.page("<html><body><p>\(text)</p></body></html>"),
                                         options: .init(reference: PageSamples.reference)).lines.first
        }
        let left = try #require(try read("Data: 3 GB of 10 GB left, renews Dec 3"))
        #expect(try left.dataRemaining == DataAmount("3 GB") && left.dataAllowance == DataAmount("10 GB"))
        #expect(left.dataUsed == (try DataAmount("7 GB")))
        #expect(left.values.first?.raw == "3 GB of 10 GB left")
        let used = try #require(try read("Shared data 12.5GB of 40GB used · 3 lines"))
        #expect(try used.dataUsed == DataAmount("12.5 GB") && used.dataAllowance == DataAmount("40 GB"))
        // The statement's raw text keeps the word that says what it counts.
        #expect(try read("You have used 5.2 GB of 15 GB this cycle")?.values.first?.raw == "used 5.2 GB of 15 GB")
        for other in ["Hotspot: 1 GB of 5 GB used, resets monthly", "International roaming 200 MB of 1 GB used so far",
                      "Premium data: 20 GB of 50 GB used, then 3 Mbps", "Premium data 20 GB of 50 GB used this cycle",
                      "Hotspot 1 GB of 5 GB used"] {
            #expect(try read(other)?.dataUsed == nil, "\(other)")
        }
        for hotspot in ["Hotspot 1 GB of 5 GB used", "Hotspot: 1 GB of 5 GB used, resets monthly"] {
            let line = try #require(try read(hotspot), "\(hotspot)")
            #expect(try line.values.first { $0.field == .hotspotUsed }?.value == .data(DataAmount("1 GB")), "\(hotspot)")
            #expect(try line.values.first { $0.field == .hotspotAllowance }?.value == .data(DataAmount("5 GB")), "\(hotspot)")
        }
        // Both on one page: each to its own fields.
        let both = try #require(try read("Data 3 GB of 10 GB used</p><p>Hotspot 1 GB of 5 GB used"))
        #expect(try both.dataUsed == DataAmount("3 GB") && both.values.first { $0.field == .hotspotUsed }?.value == .data(DataAmount("1 GB")))
    }

    @Test("a label read for one field is not read again for the words inside it")
    func heuristicLabelsClaimed() throws {
        let page = "<html><body><div><span>Balance due</span><strong>$42.17</strong></div>"
            + "<div><span>Next bill</span><strong>Dec 1, 2026</strong></div>"
            + "<div><span>Due date</span><strong>Dec 9, 2026</strong></div></body></html>"
        let snapshot = try Self.extractor().inspect(Self.page(page), options: .init(reference: PageSamples.reference))
        #expect(snapshot.amountDue == (try Money("$42.17")))
        #expect(snapshot.balance == nil)  // `balance` inside `Balance due` is the amount due's label
        #expect(snapshot.dueDate == CalendarDate(year: 2026, month: 12, day: 9))  // not `due` inside `Balance due`
        // A balance label of its own still reads.
        let prepaid = try Self.extractor().inspect(Self.page("<div><span>Balance</span><b>$5.00</b></div>"),
                                                   options: .init(reference: PageSamples.reference))
        #expect(prepaid.balance == (try Money("$5.00")))
    }

    /// (bytes, error code)
    static let badInputs: [([UInt8], PageError.Code)] = [
        ([], .empty),
        (Array(" \n\t\r\n".utf8), .empty),
        ([0xEF, 0xBB, 0xBF], .empty),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00], .binary),
        (Array("%PDF-1.7\n".utf8) + [0x00, 0x01, 0x02], .binary),
        (Array("%PDF-1.7\n<html>".utf8), .binary),  // by its magic number alone
        ([0x1F, 0x8B, 0x08, 0x00] + Array("<html>".utf8), .binary),
        (Array("<html>".utf8) + [UInt8](repeating: 0, count: 40), .binary),  // many controls
        (Array("<p>a</p>".utf8) + [0x00, 0x01], .binary),  // more than one in a hundred bytes
        ([0x00, 0x00, 0x0A], .binary),
        (Array("Just a note about my bill, no markup.\n".utf8), .notMarkup),
        (Array("{\"balance\": ".utf8), .invalidJSON),
        (Array("[1, 2,, 3]".utf8), .invalidJSON),
    ]

    @Test("what is not a page is refused with a reason", arguments: badInputs)
    func badInput(_ bytes: [UInt8], _ code: PageError.Code) throws {
        let error = #expect(throws: PageError.self) { try Self.extractor().inspect(PageInput(name: "bad", bytes: bytes)) }
        #expect(error?.code == code)
    }

    @Test("a page with a stray NUL is read as a browser shows it, with a note; its values intact")
    func strayNUL() throws {
        var bytes = try PageSamples.input("att/overview.html").bytes
        let plain = try Self.extractor().inspect(PageInput(name: "page", bytes: bytes), options: .init(reference: PageSamples.reference))
        // A NUL inside the amount due's text and one deep in the page.
        let amount = try #require(bytes.indices.first { bytes[$0...].starts(with: Array("$187.42".utf8)) })
        bytes.insert(0x00, at: amount + 4)
        bytes.insert(0x00, at: bytes.count - 10)
        let snapshot = try Self.extractor().inspect(PageInput(name: "page", bytes: bytes), options: .init(reference: PageSamples.reference))
        #expect(snapshot.values == plain.values)
        #expect(snapshot.amountDue == (try Money("$187.42")))
        let note = try #require(snapshot.diagnostics.first { $0.code == .page && $0.message.contains("control byte") })
        #expect(note.message == "the page holds 2 control bytes (0x00 at offset \(amount + 4) first); read without them, as a browser shows it")
        #expect(plain.diagnostics.allSatisfy { !$0.message.contains("control byte") })
    }

    @Test("sniffing: magic numbers, many controls and strays")
    func sniff() {
        #expect(FileText.sniff(Array("<p>hi</p>\r\n\t\u{1B}".utf8)[...]) == .text)
        #expect(FileText.sniff(([0x89] + Array("PNG".utf8))[...]) == .binary(offset: 0, byte: 0x89, format: "a PNG image"))
        let page = Array("<html><head><title>Account</title></head><body><p>Balance $5.00</p><p>Data 2.5 GB left</p></body></html>".utf8)
        #expect(FileText.sniff((page + [0x00])[...]) == .strayControls(count: 1, firstOffset: page.count, firstByte: 0))
        // More than one control byte in a hundred: binary.
        #expect(FileText.sniff((page + [0x00, 0x07])[...]) == .binary(offset: page.count, byte: 0, format: nil))
        #expect(FileText.sniff((Array("<p>a</p>".utf8) + [0x00])[...]) == .binary(offset: 8, byte: 0, format: nil))
        // The offset is counted from the slice's start.
        let slice = (Array("xx".utf8) + page + [0x00])[2...]
        #expect(FileText.sniff(slice) == .strayControls(count: 1, firstOffset: page.count, firstByte: 0))
        #expect(FileText.removingControls(page + [0x00, 0x0A, 0x1F]) == page + [0x0A])
        // The word-at-a-time NUL search finds what a byte-by-byte one finds.
        var generator = SplitMix64(seed: 3)
        for _ in 0..<2_000 {
            var bytes = (0..<Int(generator.next() % 40)).map { _ in UInt8(1 + generator.next() % 255) }
            if !bytes.isEmpty, generator.next() % 2 == 0 { bytes[Int(generator.next() % UInt64(bytes.count))] = 0 }
            let start = bytes.count > 3 ? Int(generator.next() % 3) : 0
            #expect(FileText.firstNUL(in: bytes[start...]) == bytes[start...].firstIndex(of: 0), "\(bytes) from \(start)")
        }
    }

    @Test("the word-at-a-time binary check finds the first control byte a byte-by-byte scan finds")
    func binaryScan() {
        var generator = SplitMix64(seed: 7)
        let controls: [UInt8] = [0x00, 0x01, 0x08, 0x0E, 0x1A, 0x1F]
        let allowed: [UInt8] = [0x09, 0x0A, 0x0D, 0x1B, 0x20, 0x3C, 0x61, 0x7F, 0x80, 0xC3, 0xFF]
        for _ in 0..<5_000 {
            let count = Int(generator.next() % 40)
            var bytes = (0..<count).map { _ in allowed[Int(generator.next() % UInt64(allowed.count))] }
            if count > 0, generator.next() % 3 != 0 {
                bytes[Int(generator.next() % UInt64(count))] = controls[Int(generator.next() % UInt64(controls.count))]
            }
            let start = count > 2 ? Int(generator.next() % 3) : 0
            let slice = bytes[start...]
            let expected = slice.firstIndex { $0 < 0x20 && ($0 < 0x09 || ($0 > 0x0D && $0 != 0x1B)) }
            #expect(FileText.firstControlByte(slice) == expected, "\(bytes) from \(start)")
        }
    }

    @Test("every prefix of a saved page reads without a crash (drip-feed)")
    func dripFeed() throws {
        let extractor = try Self.extractor()
        let bytes = try PageSamples.input("att/overview.html").bytes
        var snapshots = 0
        for length in stride(from: 0, through: bytes.count, by: 7) {
            if let snapshot = try? extractor.inspect(PageInput(name: "prefix", bytes: Array(bytes.prefix(length))),
                                                     options: .init(reference: PageSamples.reference)) {
                snapshots += 1
                // A cut page yields at most a cut-off copy of what the whole page says.
                if let due = snapshot.values.first(where: { $0.field == .amountDue }) { #expect("$187.42".hasPrefix(due.raw)) }
            }
        }
        #expect(snapshots > bytes.count / 7 / 2)
        // And the whole page reads whole.
        let whole = try extractor.inspect(PageInput(name: "whole", bytes: bytes), options: .init(reference: PageSamples.reference))
        #expect(whole.lines.count == 2)
    }

    @Test("a snapshot survives the trip through its expected file")
    func roundTrip() throws {
        let extractor = try Self.extractor()
        for name in ["att/overview.html", "verizon/overview.html", "tmobile/usage.html", "mint/usage.json", "redpocket/prepaid.json"] {
            let snapshot = try extractor.inspect(try PageSamples.input(name), options: .init(reference: PageSamples.reference))
            let expected = ExpectedSnapshot(snapshot)
            let reread = try ExpectedSnapshot(json: expected.jsonText, file: name)
            #expect(reread == expected, "\(name)")
            // Every canonical value reads back as the same value.
            for value in snapshot.values + snapshot.lines.flatMap(\.values) {
                let again = try FieldValueReader.read(value.value.canonicalText, kind: value.field.valueKind, field: value.field,
                                                      reference: nil)
                #expect(again == value.value, "\(name) \(value.field)")
            }
        }
    }

    @Test("on/off texts read as the word-splitting reader did, on hand-picked and random texts")
    func flags() throws {
        // The reader before it worked on bytes: Unicode words, lower-cased, an off word wins.
        func reference(_ text: String) -> Bool? {
            let words = text.lowercased().split { !$0.isLetter }.map(String.init)
            if words.contains(where: ["off", "no", "false", "disabled", "inactive", "not", "unenrolled", "none"].contains) { return false }
            if words.contains(where: ["on", "yes", "true", "enrolled", "enabled", "active", "scheduled"].contains) { return true }
            return nil
        }
        #expect(try FieldValueReader.flag("AutoPay is ON") == true)
        #expect(try FieldValueReader.flag("Not enrolled") == false)
        #expect(try FieldValueReader.flag("Enrolled—scheduled 12/3") == true)
        #expect(try FieldValueReader.flag("2on") == true)
        #expect(throws: ValueError.self) { try FieldValueReader.flag("Ön Onion o\u{301}n") }
        let pieces = ["on", "ON", "Off", "yes", "not", "Enrolled", "active", "inactive", " ", "-", "—", "\u{A0}", "é", "o\u{301}",
                      "\u{301}", "n", "1", "Ön", "AutoPay", "is", "none", "·", "İ", "ſ", "\u{212A}", "\u{200D}", "\u{FE0F}", "\u{200C}", "ो"]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for _ in 0..<5_000 {
            var text = ""
            for _ in 0..<(Int(state % 6) + 1) {
                state ^= state << 13; state ^= state >> 7; state ^= state << 17
                text += pieces[Int(state % UInt64(pieces.count))]
            }
            #expect((try? FieldValueReader.flag(text)) == reference(text), "\(text.debugDescription)")
        }
    }

    @Test("account and phone numbers keep only their last four digits")
    func masking() {
        #expect(NumberMasking.mask("(214) 555-0142") == "(***) ***-0142")
        #expect(NumberMasking.mask("+1 323 555 0163") == "+1 *** *** 0163")
        #expect(NumberMasking.mask("582104736-00001") == "*********-*0001")
        #expect(NumberMasking.mask("0142") == "0142")
    }
}

/// Damaged pages and specs: random edits to every sample must give a reading or a named
/// refusal — never a crash, a hang or a reading that cannot be written out.
@Suite("Account pages, mutated")
struct PageMutationTests {
    static let samples = RuleProbeTests.pages

    @Test("mutated sample pages read or are refused by code", arguments: samples)
    func pages(_ relative: String) throws {
        let original = try PageSamples.input(relative).bytes
        let extractor = try PageExtractor(specs: PageExtractorTests.specs)
        var generator = SplitMix64(seed: UInt64(relative.utf8.count) &* 7919)
        var read = 0
        for _ in 0..<150 {
            let bytes = generator.mutated(original, alphabet: Array("<>/=\"' {}[]:,$.0123456789aZ\n\u{0}".utf8))
            let snapshot: AccountSnapshot
            do throws(PageError) {
                snapshot = try extractor.inspect(PageInput(name: relative, bytes: bytes), options: .init(reference: PageSamples.reference))
            } catch {
                // A mutated page is refused for what it holds, never as a file or spec problem.
                #expect([.empty, .binary, .notMarkup, .invalidJSON, .unparseable].contains(error.code), "\(error)")
                #expect(!error.message.isEmpty)
                continue
            }
            #expect(try !OrderedJSONEncoder().encode(snapshot).isEmpty)
            read += 1
        }
        #expect(read > 25, "\(relative): only \(read) of 150 mutated pages read")
    }

    @Test("mutated specs load or are refused with a file and line")
    func specs() throws {
        let text = try String(contentsOfFile: PageSamples.root.appendingPathComponent("Specs/att.yaml").path, encoding: .utf8)
        var generator = SplitMix64(seed: 42)
        var loaded = 0
        for _ in 0..<300 {
            let bytes = generator.mutated(Array(text.utf8), alphabet: Array(":{}[]-\"' \n#,*$.&|>".utf8))
            do {
                _ = try CarrierSpec.parseDocument(String(decoding: bytes, as: UTF8.self), file: "att.yaml")
                loaded += 1
            } catch {
                // Refused as a spec, with where: never as a file problem.
                #expect(error.code != .unreadableFile, "\(error)")
                #expect(error.file == "att.yaml")
                #expect(error.line != nil)
                #expect(!error.message.isEmpty)
            }
        }
        #expect(loaded > 0 && loaded < 300)
    }
}
