import Foundation
import Testing
@testable import esimtool

enum RepositoryPaths {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let pages = root + "/Samples/Pages"
    static let specs = root + "/Specs"
}

@Suite("InspectCommand")
struct InspectCommandTests {
    @Test("a saved page prints what is owed, when, and each line's data")
    func text() {
        let run = runCLI(["inspect", RepositoryPaths.pages + "/att/overview.html", "--today", "2026-11-20"])
        #expect(run.status == 0)
        #expect(run.outLines.first?.hasSuffix("att/overview.html — AT&T · overview") == true)
        #expect(run.out.contains("Amount due  $187.42 · due 2026-12-03 (in 13 days)"))
        #expect(run.out.contains("Bill cycle  2026-11-04 – 2026-12-03 (30 days) · 13 days left"))
        #expect(run.out.contains("(***) ***-0199 · Sam's Galaxy · AT&T Value Plus 15GB"))
        #expect(run.out.contains("Data  7.2 GB of 15 GB used · 7.8 GB left  ████████░░░░░░░░ 48%"))
        #expect(!run.out.contains("555-0142"))  // numbers are masked
        #expect(run.err.isEmpty)
    }

    @Test("--json prints one object per file, bad files as errors, and the run exits 1")
    func jsonLines() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("esimtool-inspect-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = directory.appendingPathComponent("empty.html").path
        try Data().write(to: URL(fileURLWithPath: empty))
        let run = runCLI(["inspect", empty, RepositoryPaths.pages + "/redpocket/prepaid.json", "--json", "--today", "2026-11-20"])
        #expect(run.status == 1)
        #expect(run.outLines.count == 2)
        let failure = try JSONSerialization.jsonObject(with: Data(run.outLines[0].utf8)) as? [String: Any]
        #expect((failure?["error"] as? [String: Any])?["code"] as? String == "empty")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.outLines[1].utf8)) as? [String: Any])
        #expect(object["carrier"] as? String == "redpocket")
        #expect(object["page"] as? String == "prepaid")
        let expires = (object["account"] as? [String: Any])?["expires"] as? [String: Any]
        #expect(expires?["value"] as? String == "2026-12-18")
        #expect(expires?["type"] as? String == "date")
        #expect(expires?["rule"] as? String == "json: $.return_data.aed")
        #expect(run.err.contains("empty.html: the file is empty"))
    }

    @Test("'-' reads a page from standard input, once")
    func standardInput() throws {
        let page = try String(contentsOfFile: RepositoryPaths.pages + "/att/overview.html", encoding: .utf8)
        let run = runCLI(["inspect", "-", "--today", "2026-11-20"], stdin: page.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        #expect(run.status == 0)
        #expect(run.outLines.first == "<stdin> — AT&T · overview")
        #expect(runCLI(["inspect", "-", "-"]).status == 64)
    }

    @Test("--country gives amounts that name no currency the country's, and is checked")
    func country() {
        let response = RepositoryPaths.root + "/Samples/Real/tescomobile-ie/balances-958-left.json"
        let plain = runCLI(["inspect", response, "--today", "2026-11-20"])
        #expect(plain.status == 0)
        #expect(!plain.out.contains("Balance"))
        #expect(plain.err.contains("$.mainBalance: '17.280000686645508' names no currency; --country says whose it is"))
        let irish = runCLI(["inspect", response, "--country", "ie", "--today", "2026-11-20"])
        #expect(irish.status == 0)
        #expect(irish.out.contains("Balance     €17.28"), "\(irish.out)")
        // A country whose currency the table does not hold says so.
        let unknown = runCLI(["inspect", response, "--country", "xx", "--today", "2026-11-20"])
        #expect(unknown.err.contains("names no currency; no currency is known here for XX"), "\(unknown.err)")
        let bad = runCLI(["inspect", response, "--country", "ireland"])
        #expect(bad.status == 64)
        #expect(bad.err.contains("ireland"))
    }

    @Test("an unknown --carrier is an error naming the carriers with page specs")
    func unknownCarrier() {
        let run = runCLI(["inspect", RepositoryPaths.pages + "/att/bill.html", "--carrier", "nosuch"])
        #expect(run.status == 1)
        #expect(run.err.contains("no page spec for carrier 'nosuch'"))
        #expect(run.err.contains("att"))
    }

    @Test("a bad --today and no files are usage errors")
    func usage() {
        #expect(runCLI(["inspect", "x.html", "--today", "tomorrow"]).status == 64)
        #expect(runCLI(["inspect"]).status == 64)
        #expect(runCLI(["inspect", "x.html", "--page", "home"]).status == 64)
    }

    @Test("a spec with a typo stops the run, naming file, line and key")
    func specTypo() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("esimtool-specs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "id: x\nname: X\ncountry: us\npages:\n  overview:\n    fields:\n      amountDue: {css: \".due\", regx: \"x\"}\n"
            .write(to: directory.appendingPathComponent("x.yaml"), atomically: true, encoding: .utf8)
        let run = runCLI(["inspect", RepositoryPaths.pages + "/att/bill.html", "--specs", directory.path])
        #expect(run.status == 1)
        #expect(run.err.contains("x.yaml:7:"))
        #expect(run.err.contains("unknown key 'regx'"))
    }
}

@Suite("ValidateCommand")
struct ValidateCommandTests {
    @Test("the repository's specs and samples pass, as CI runs them")
    func repository() {
        let run = runCLI(["validate", "--specs", RepositoryPaths.specs, "--samples", RepositoryPaths.pages])
        #expect(run.status == 0)
        #expect(run.outLines.last?.hasSuffix("passed, 0 failed") == true)
        #expect(run.out.contains("Coverage"))
    }

    @Test("junit, github and json formats describe the same run")
    func formats() throws {
        let base = ["validate", "--specs", RepositoryPaths.specs, "--samples", RepositoryPaths.pages]
        let junit = runCLI(base + ["--format", "junit"])
        #expect(junit.status == 0)
        #expect(junit.out.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"esimtool validate\""))
        #expect(junit.out.contains("failures=\"0\""))
        let github = runCLI(base + ["--format", "github"])
        #expect(github.outLines.last?.hasPrefix("::notice title=esimtool validate::") == true)
        let json = runCLI(base + ["--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["failed"] as? Int == 0)
        #expect((object["fixtures"] as? [Any])?.count == summary["fixtures"] as? Int)
    }

    @Test("failures exit 1, and github annotations point at the file and line")
    func failures() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("esimtool-samples-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("att"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(atPath: RepositoryPaths.pages + "/att/overview.html", toPath: directory.path + "/att/overview.html")
        let expected = try String(contentsOfFile: RepositoryPaths.pages + "/att/overview.expected.json", encoding: .utf8)
            .replacingOccurrences(of: "$187.42", with: "$1.00")
        try expected.write(toFile: directory.path + "/att/overview.expected.json", atomically: true, encoding: .utf8)
        let run = runCLI(["validate", "--specs", RepositoryPaths.specs, "--samples", directory.path, "--format", "github"])
        #expect(run.status == 1)
        #expect(run.out.contains("att/overview.html,line=24,title=amountDue mismatch::expected '$1.00', read '$187.42'"))
        let text = runCLI(["validate", "--specs", RepositoryPaths.specs, "--samples", directory.path])
        #expect(text.status == 1)
        #expect(text.out.contains("amountDue  mismatch: expected '$1.00', read '$187.42'"))
    }

    @Test("an empty samples directory and an unknown carrier are errors")
    func nothingToCheck() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("esimtool-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = runCLI(["validate", "--specs", RepositoryPaths.specs, "--samples", directory.path])
        #expect(run.status == 1)
        #expect(run.err.contains("no saved pages"))
        let carrier = runCLI(["validate", "--specs", RepositoryPaths.specs, "--samples", RepositoryPaths.pages, "--carrier", "nosuch"])
        #expect(carrier.status == 1)
        #expect(runCLI(["validate", "--min-coverage", "2"]).status == 64)
    }
}
