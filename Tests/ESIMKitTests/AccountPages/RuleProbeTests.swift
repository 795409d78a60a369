import Foundation
import Testing
@testable import ESIMKit

@Suite("RuleProbe")
struct RuleProbeTests {
    static let pages = ["att/overview.html", "att/usage.html", "att/bill.html", "att/prepaid.html",
                        "verizon/overview.html", "verizon/usage.html", "verizon/bill.html", "verizon/prepaid.html",
                        "tmobile/overview.html", "tmobile/usage.html", "tmobile/bill.html", "tmobile/prepaid.html",
                        "redpocket/prepaid.json", "mint/usage.json"]

    @Test("a rule finds what inspect would read: every copy, in page order, with its line")
    func run() throws {
        let probe = try RuleProbe(try PageSamples.input("att/overview.html"))
        let numbers = try probe.run(ExtractionRule(.css("[class*=LineCard_ctn]")))
        #expect(numbers.map(\.text) == ["(214) 555-0142", "(214) 555-0199"])
        #expect(numbers.allSatisfy { $0.line > 0 } && numbers[0].line < numbers[1].line)
        #expect(numbers.allSatisfy { $0.value == nil && $0.problem == nil })

        let cycle = try probe.run(ExtractionRule(.css("[data-testid=bill-cycle]"), regex: "Bill cycle:\\s*(.+)"),
                                  field: .billingCycle, reference: PageSamples.reference)
        #expect(cycle.map(\.text) == ["Nov 4 – Dec 3"])
        #expect(cycle.first?.value?.canonicalText == "2026-11-04 – 2026-12-03")

        let used = try probe.run(ExtractionRule(.css("[class*=UsageMeter_used]")), field: .dataUsed)
        #expect(used.first?.value == nil && used.first?.problem != nil)  // "12.4 GB used" is a usage statement
        let usage = try probe.run(ExtractionRule(.css("[class*=UsageMeter_used]")), kind: .usage, field: .dataUsed)
        #expect(usage.map { $0.value?.canonicalText } == ["12.4 GB", "7.2 GB"])

        #expect(try probe.run(ExtractionRule(.css("li")), limit: 1).count == 1)
        #expect(try probe.run(ExtractionRule(.css("[data-line-id]"), attribute: "data-line-id")).map(\.text) == ["L1", "L2"])
        #expect(try probe.run(ExtractionRule(.xpath("count(//li)"))).map(\.text) == ["2"])
        #expect(try probe.run(ExtractionRule(.css("table.none"))).isEmpty)
    }

    @Test("JSON paths run on embedded state and on JSON pages, with units")
    func json() throws {
        let usage = try RuleProbe(try PageSamples.input("att/usage.html"))
        let used = try usage.run(ExtractionRule(.json("$.usage.lines[*].dataUsedMB"), unit: "MB"), field: .dataUsed)
        #expect(used.map { $0.value?.canonicalText } == ["12698 MB", "7373 MB"])
        #expect(used.allSatisfy { $0.line == 0 })
        let mint = try RuleProbe(try PageSamples.input("mint/usage.json"))
        #expect(try mint.run(ExtractionRule(.json("$.totalHighSpeedData"))).map(\.text) == ["5120"])
    }

    @Test("a rule that does not compile is refused by code", arguments: [
        ExtractionRule(.css("div[")), ExtractionRule(.xpath("//div[")), ExtractionRule(.json("usage.lines")),
        ExtractionRule(.css("p"), regex: "(unclosed"),
    ])
    func badRule(_ rule: ExtractionRule) throws {
        let probe = try RuleProbe(try PageSamples.input("att/overview.html"))
        #expect(throws: SpecError.self) { try probe.run(rule) }
        do {
            _ = try probe.run(rule)
        } catch {
            #expect(error.code == .invalidRule)
        }
    }

    @Test("what is not a page is refused as inspect refuses it", arguments: [
        ([UInt8](), PageError.Code.empty), ([0x89, 0x50, 0x4E, 0x47, 0x00], .binary), (Array("plain words".utf8), .notMarkup),
    ])
    func badPage(_ bytes: [UInt8], _ code: PageError.Code) {
        let error = #expect(throws: PageError.self) { try RuleProbe(PageInput(name: "bad", bytes: bytes)) }
        #expect(error?.code == code)
    }

    @Test("finding a value: the stable selector first, responsive copies counted as one")
    func suggestAmount() throws {
        let probe = try RuleProbe(try PageSamples.input("att/overview.html"))
        let suggestions = probe.suggest("$187.42")
        let best = try #require(suggestions.first)
        #expect(best.rule == ExtractionRule(.css("[data-testid=total-due-amount]")))
        #expect(best.matches == 2 && best.sameText && best.isExact && best.repeatedBlock == nil)
        #expect(probe.suggest("  $187.42\n").first?.rule == best.rule)  // white space folded
        #expect(probe.suggest("").isEmpty)
        #expect(probe.suggest("not on this page at all").isEmpty)
    }

    @Test("a value in each line of service names the line block and the selector inside it")
    func suggestLineField() throws {
        let overview = try RuleProbe(try PageSamples.input("att/overview.html"))
        let number = try #require(overview.suggest("(214) 555-0142").first)
        #expect(number.rule == ExtractionRule(.css("[class*=LineCard_ctn]")))
        #expect(number.matches == 2 && !number.sameText)
        #expect(number.repeatedBlock == RuleProbe.RepeatedBlock(each: ExtractionRule(.css("[class*=LineCard_card]")), count: 2,
                                                                distinct: 2, inner: ExtractionRule(.css("[class*=LineCard_ctn]"))))
        let usage = try RuleProbe(try PageSamples.input("att/usage.html"))
        let used = try #require(usage.suggest("12698").first)
        #expect(used.rule == ExtractionRule(.json("$.usage.lines[0].dataUsedMB")))
        #expect(used.repeatedBlock == RuleProbe.RepeatedBlock(each: ExtractionRule(.json("$.usage.lines[*]")), count: 2,
                                                              distinct: 2, inner: ExtractionRule(.json("$.dataUsedMB"))))
    }

    /// Round trip: every text `inspect` reads from the samples (numbers are masked there,
    /// so those are left out) is found by `suggest`, a rule it suggests reads a text
    /// holding it, and on a page of several lines, a line field's suggestion names a
    /// repeating block with at least one per line (a bill table also has an account row).
    @Test("every value inspect reads from a sample is found again, and the suggested rule reads it", arguments: pages)
    func roundTrip(_ relative: String) throws {
        let input = try PageSamples.input(relative)
        let snapshot = try PageExtractor(specs: PageExtractorTests.specs).inspect(input, options: .init(reference: PageSamples.reference))
        let probe = try RuleProbe(input)
        let lineValues = Set(snapshot.lines.flatMap(\.values))
        let values = (snapshot.values + snapshot.lines.flatMap(\.values)).filter { !$0.field.isMasked && !$0.raw.contains("*") }
        #expect(!values.isEmpty)
        for value in values {
            let number = RuleProbe.firstNumber(in: value.raw)
            var reading: [RuleProbe.Suggestion] = []
            for suggestion in probe.suggest(value.raw, limit: 20) {
                let read = try probe.run(suggestion.rule, limit: 50)
                if read.contains(where: { $0.text.contains(value.raw) || (number.map($0.text.contains) ?? false) }) {
                    reading.append(suggestion)
                }
            }
            #expect(!reading.isEmpty, "\(relative): no suggested rule reads '\(value.raw)' (\(value.field.rawValue))")
            if lineValues.contains(value), snapshot.lines.count >= 2 {
                #expect(reading.contains { ($0.repeatedBlock?.distinct ?? 0) >= snapshot.lines.count },
                        "\(relative): no block per line for '\(value.raw)': \(reading.map { $0.repeatedBlock.map { "\($0.each.summary) \($0.distinct)" } ?? "none" })")
            }
        }
    }

    @Test("JSON keys a dotted step cannot spell are quoted, and the path reads the value back")
    func oddKeys() throws {
        let page = PageInput(name: "odd.json", bytes: Array(#"{"plan data": {"it's": "5 GB"}, "lines": [{"x-y": "1"}, {"x-y": "2"}]}"#.utf8))
        let probe = try RuleProbe(page)
        let found = try #require(probe.suggest("5 GB").first)
        #expect(found.rule == ExtractionRule(.json(#"$['plan data']['it\'s']"#)))
        #expect(try probe.run(found.rule).map(\.text) == ["5 GB"])
        let line = try #require(probe.suggest("2").first)
        #expect(line.rule == ExtractionRule(.json("$.lines[1].x-y")))
        #expect(line.repeatedBlock?.each == ExtractionRule(.json("$.lines[*]")))
    }

    @Test("class names: build hashes dropped to their stable prefix, generated names recognised", arguments: [
        ("LineCard_ctn__8Vc3x", "LineCard_ctn", false), ("BillSummary_amount__3Tb8n", "BillSummary_amount", false),
        ("card", nil, false), ("btn-primary", nil, false), ("a__b", nil, false),
        ("css-1x2y3z", nil, true), ("sc-AxjAm", nil, true), ("_1O30sSXmfkKMRZqSaESf0S", nil, true), ("x123456", nil, true),
        ("UsageSummary", nil, false), ("pp-value", nil, false),
    ] as [(String, String?, Bool)])
    func classNames(_ token: String, _ prefix: String?, _ generated: Bool) {
        #expect(RuleProbe.moduleClassPrefix(token) == prefix)
        #expect(RuleProbe.looksGenerated(token) == generated)
    }

    @Test("every prefix of a saved page probes without a crash (drip-feed)")
    func dripFeed() throws {
        let bytes = try PageSamples.input("att/overview.html").bytes
        var probed = 0
        for end in stride(from: 0, through: bytes.count, by: 7) {
            guard let probe = try? RuleProbe(PageInput(name: "prefix", bytes: Array(bytes[..<end]))) else { continue }
            _ = probe.suggest("$187.42")
            _ = try probe.run(ExtractionRule(.css("[class*=LineCard_ctn]")))
            probed += 1
        }
        #expect(probed > 100)
    }
}
