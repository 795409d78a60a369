import Foundation
import Testing
@testable import ESIMKit

@Suite("Validator")
struct ValidatorTests {
    static let specs = try! CuratedSpecs.load().pageSpecs

    /// A scratch samples directory, removed when the test ends.
    final class Scratch {
        let path: String
        init() throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("esimtool-validate-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path + "/att", withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }

        func copy(_ sample: String, as name: String) throws {
            try FileManager.default.copyItem(atPath: PageSamples.directory + "/" + sample, toPath: path + "/" + name)
        }

        func write(_ text: String, to name: String) throws {
            try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8)
        }

        func read(_ name: String) throws -> String { try String(contentsOfFile: path + "/" + name, encoding: .utf8) }
    }

    static func run(_ directory: String, update: Bool = false, workers: Int = 2, minimumCoverage: Double? = nil) throws -> ValidationReport {
        try Validator.run(try Validator.fixtures(in: directory), specs: specs,
                          options: .init(update: update, workers: workers, minimumCoverage: minimumCoverage,
                                         defaultReference: PageSamples.reference))
    }

    @Test("a fixture's expected file and carrier directory", arguments: [
        ("Samples/Pages/att/overview.html", "Samples/Pages/att/overview.expected.json", "att"),
        ("/tmp/x/verizon/bill.v2.html", "/tmp/x/verizon/bill.v2.expected.json", "verizon"),
        ("mint/usage.json", "mint/usage.expected.json", "mint"),
        ("page", "page.expected.json", ""),
        ("dir//tmobile//.hidden", "dir//tmobile//.hidden.expected.json", "tmobile"),
        ("/é/ü.html", "/é/ü.expected.json", "é"),
    ])
    func fixturePaths(_ path: String, _ expected: String, _ directory: String) {
        let fixture = Fixture(path: path)
        #expect(fixture.expectedPath == expected)
        #expect(fixture.directoryName == directory)
    }

    @Test("the repository's own samples all pass against the built-in specs")
    func repositorySamples() throws {
        let report = try Self.run(PageSamples.directory)
        #expect(report.results.count >= 13)
        for result in report.results where result.failed {
            Issue.record("\(result.fixture.path): \(result.error ?? result.checks.filter(\.status.isFailure).map { "\($0.field) \($0.status)" }.joined(separator: ", "))")
        }
        #expect(!report.failed)
        #expect(Set(report.results.compactMap(\.carrierID)) == ["att", "verizon", "tmobile", "mint", "redpocket", "spusu", "iliad", "yettel"])
    }

    @Test("a changed value is a mismatch, a missing line is missing")
    func mismatch() throws {
        let scratch = try Scratch()
        try scratch.copy("att/overview.html", as: "att/overview.html")
        var expected = try String(contentsOfFile: PageSamples.directory + "/att/overview.expected.json", encoding: .utf8)
        expected = expected.replacingOccurrences(of: "$187.42", with: "$187.43")
        // A third line the page does not show.
        expected = expected.replacingOccurrences(of: "\"dataAllowance\": \"15 GB\"\n    }", with: "\"dataAllowance\": \"15 GB\"\n    },\n    {\"number\": \"(***) ***-0100\"}")
        try scratch.write(expected, to: "att/overview.expected.json")
        let result = try #require(try Self.run(scratch.path).results.first)
        #expect(result.failed)
        let due = try #require(result.checks.first { $0.field == .amountDue })
        #expect(due.status == .mismatch && due.expected == "$187.43" && due.actual == "$187.42")
        #expect(result.checks.contains { $0.field == .number && $0.lineIndex == 2 && $0.status == .missing })
        #expect(result.checks.contains { $0.field == .nickname && $0.lineIndex == 2 && $0.status == .absent })
    }

    @Test("when a page changes, its fields fail: missing, unparseable, unexpected")
    func pageChanged() throws {
        let scratch = try Scratch()
        var page = try String(contentsOfFile: PageSamples.directory + "/att/overview.html", encoding: .utf8)
        page = page.replacingOccurrences(of: "data-testid=\"due-date\">Due Dec 3<", with: "data-testid=\"due-date\">Due soon<")
        page = page.replacingOccurrences(of: "data-testid=\"account-number\"", with: "data-testid=\"acct\"")
        page = page.replacingOccurrences(of: "data-testid=\"bill-cycle\"", with: "data-testid=\"cycle\"")
        try scratch.write(page, to: "att/overview.html")
        try scratch.copy("att/overview.expected.json", as: "att/overview.expected.json")
        let result = try #require(try Self.run(scratch.path).results.first)
        let status = Dictionary(result.checks.filter { $0.lineIndex == nil }.map { ($0.field, $0.status) }, uniquingKeysWith: { a, _ in a })
        #expect(status[.dueDate] == .unparseable)
        #expect(status[.accountNumber] == .missing)  // optional, but the expected file holds it
        #expect(status[.billingCycle] == .missing)   // required
        #expect(status[.amountDue] == .ok)
        #expect(status[.balance] == .absent)
    }

    @Test("a value where the spec says notExposed is unexpected")
    func unexpected() throws {
        let scratch = try Scratch()
        var page = try String(contentsOfFile: PageSamples.directory + "/tmobile/overview.html", encoding: .utf8)
        page = page.replacingOccurrences(of: "<h1 _ngcontent-ng-c2041>Account overview</h1>", with: "<h1>Account overview</h1>")
        try FileManager.default.createDirectory(atPath: scratch.path + "/tmobile", withIntermediateDirectories: true)
        try scratch.write(page, to: "tmobile/overview.html")
        let spec = try CarrierSpec.parseDocument(try String(contentsOfFile: PageSamples.root.path + "/Specs/tmobile.yaml", encoding: .utf8)
            .replacingOccurrences(of: "balance: {status: notExposed}", with: "balance: {status: notExposed, css: \"[data-qa=balanceDue]\"}"),
            file: "tmobile.yaml").pages!
        let report = try Validator.run(try Validator.fixtures(in: scratch.path), specs: [spec],
                                       options: .init(defaultReference: PageSamples.reference))
        let balance = try #require(report.results.first?.checks.first { $0.field == .balance })
        #expect(balance.status == .unexpected)
    }

    @Test("unreadable fixtures fail alone; the others are still checked")
    func badFixtures() throws {
        let scratch = try Scratch()
        try scratch.copy("att/bill.html", as: "att/bill.html")
        try scratch.copy("att/bill.expected.json", as: "att/bill.expected.json")
        try scratch.write("", to: "att/empty.html")
        try Data([0x00, 0x01, 0x02, 0x03]).write(to: URL(fileURLWithPath: scratch.path + "/att/binary.html"))
        try scratch.copy("verizon/bill.html", as: "att/other-carrier.html")
        try scratch.copy("att/prepaid.html", as: "att/prepaid.html")
        try scratch.write("{\"carrier\": \"att\", \"lines\": 3}", to: "att/prepaid.expected.json")
        try FileManager.default.createDirectory(atPath: scratch.path + "/misc", withIntermediateDirectories: true)
        try scratch.copy("att/prepaid.html", as: "misc/page.html")
        try scratch.copy("att/usage.html", as: "att/usage.html")
        try scratch.write("{\"carrier\": \"nosuch\"}", to: "att/usage.expected.json")
        let report = try Self.run(scratch.path)
        let byName = Dictionary(uniqueKeysWithValues: report.results.map { (($0.fixture.path as NSString).lastPathComponent, $0) })
        #expect(byName["usage.html"]?.error?.hasPrefix("no page spec for carrier 'nosuch' (specs with pages: att") == true)
        #expect(byName["bill.html"]?.failed == false)
        #expect(byName["empty.html"]?.error == "the file is empty")
        #expect(byName["binary.html"]?.error?.hasPrefix("binary data") == true)
        #expect(byName["other-carrier.html"]?.error == "the page is Verizon's by its address or title, not AT&T's")
        #expect(byName["prepaid.html"]?.error?.contains("'lines' is not a list") == true)
        // A page outside a carrier's directory is read by recognition when it can be.
        #expect(byName["page.html"]?.carrierID == "att")
        #expect(byName["page.html"]?.failed == false)
        #expect(report.failed)
    }

    @Test("--update writes expected files whole, and the next run passes")
    func update() throws {
        let scratch = try Scratch()
        try scratch.copy("att/usage.html", as: "att/usage.html")
        let first = try Self.run(scratch.path, update: true)
        #expect(first.results.first?.updated == true)
        #expect(!first.failed)
        let written = try scratch.read("att/usage.expected.json")
        #expect(written == (try String(contentsOfFile: PageSamples.directory + "/att/usage.expected.json", encoding: .utf8)))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/att").filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
        #expect(!(try Self.run(scratch.path)).failed)
    }

    @Test("one worker and two give the same results, in fixture order")
    func parallel() throws {
        let one = try Self.run(PageSamples.directory, workers: 1)
        let two = try Self.run(PageSamples.directory, workers: 2)
        #expect(one.results.map(\.fixture.path) == two.results.map(\.fixture.path))
        #expect(one.results.map(\.checks) == two.results.map(\.checks))
    }

    @Test("a coverage floor fails fields found too rarely")
    func coverageFloor() throws {
        let report = try Self.run(PageSamples.directory, minimumCoverage: 0.9)
        // premiumData is shown for unlimited lines only: 2 of 4 AT&T readings.
        #expect(report.coverageFailures.contains { $0.carrierID == "att" && $0.field == .premiumData })
        #expect(report.failed)
        #expect(!(try Self.run(PageSamples.directory, minimumCoverage: 0.4)).failed)
    }
}
