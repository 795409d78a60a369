import Foundation
import Testing
import ESIMKit
@testable import esimtool

/// A scratch directory with a redaction key, removed at the end.
final class ScratchDirectory {
    let path: String
    var key: String { path + "/redact.key" }

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("esimtool-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try Data((0..<32).map { UInt8($0) }).write(to: URL(fileURLWithPath: key))
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ text: String, to name: String) throws -> String {
        let file = path + "/" + name
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    func read(_ name: String) throws -> String { try String(contentsOfFile: path + "/" + name, encoding: .utf8) }
}

@Suite("RedactCommand")
struct RedactCommandTests {
    static let page = """
    <html><body><p>Hi, Bartholomew</p><p>Call (469) 867-5309 or mail bart@gmail.com</p>
    <p>Total due $187.42, due Dec 3</p></body></html>
    """

    @Test("one file goes to standard output, redacted; the summary goes to stderr")
    func standardOutput() throws {
        let scratch = try ScratchDirectory()
        let file = try scratch.write(Self.page, to: "page.html")
        let run = runCLI(["redact", file, "--key-file", scratch.key])
        #expect(run.status == 0)
        #expect(!run.out.contains("Bartholomew") && !run.out.contains("867-5309") && !run.out.contains("bart@gmail.com"))
        #expect(run.out.contains("Total due $187.42, due Dec 3"))
        #expect(run.out.contains("@example.com"))
        #expect(run.err.contains("3 replaced"))
    }

    @Test("--check lists line, column, kind and a masked hint, and exits 1; a clean file exits 0")
    func check() throws {
        let scratch = try ScratchDirectory()
        let file = try scratch.write(Self.page, to: "page.html")
        let run = runCLI(["redact", "--check", file])
        #expect(run.status == 1)
        #expect(run.outLines.contains("\(file):1:20: name: *********ew"))
        #expect(run.outLines.contains("\(file):1:43: phone number: (***) ***-**09"))
        #expect(run.outLines.contains("\(file):1:66: e-mail address: ****@*****.*om"))
        #expect(!run.out.contains("Bartholomew"))
        let clean = try scratch.write("<p>Total due $187.42</p>", to: "clean.html")
        #expect(runCLI(["redact", "--check", clean]).status == 0)
        let json = runCLI(["redact", "--check", "--json", file])
        #expect(json.outLines.first?.hasPrefix("{\"file\":") == true)
    }

    @Test("--in-place and -o DIR redact directories; a second pass changes nothing")
    func directories() throws {
        let scratch = try ScratchDirectory()
        _ = try scratch.write(Self.page, to: "in/a.html")
        _ = try scratch.write("{\"msisdn\":\"4698675309\",\"amount\":\"$5.00\"}", to: "in/sub/b.json")
        let out = scratch.path + "/out"
        let run = runCLI(["redact", scratch.path + "/in", "-o", out, "--key-file", scratch.key])
        #expect(run.status == 0)
        #expect(!(try scratch.read("out/a.html")).contains("Bartholomew"))
        #expect(try scratch.read("out/sub/b.json").contains("\"amount\":\"$5.00\""))
        #expect(!(try scratch.read("out/sub/b.json")).contains("4698675309"))
        // The input is untouched; --in-place then rewrites it the same way.
        #expect(try scratch.read("in/a.html") == Self.page)
        #expect(runCLI(["redact", scratch.path + "/in", "--in-place", "--key-file", scratch.key]).status == 0)
        #expect(try scratch.read("in/a.html") == (try scratch.read("out/a.html")))
        let again = runCLI(["redact", scratch.path + "/in", "--in-place", "--key-file", scratch.key])
        #expect(again.err.contains("0 replaced"))
    }

    @Test("several files without -o or --in-place, and conflicting flags, are refused")
    func usage() throws {
        let scratch = try ScratchDirectory()
        _ = try scratch.write(Self.page, to: "d/a.html")
        #expect(runCLI(["redact", scratch.path + "/d", "--key-file", scratch.key]).status == 1)
        #expect(runCLI(["redact", "--check", "--in-place", scratch.path]).status == 64)
        #expect(runCLI(["redact"]).status == 64)
        #expect(runCLI(["redact", scratch.path + "/missing.html", "--key-file", scratch.key]).status == 1)
    }

    @Test("a binary file named on the command line is an error; one found in a directory is skipped with a warning")
    func binaryFiles() throws {
        let scratch = try ScratchDirectory()
        let binary = scratch.path + "/d/photo.png"
        try FileManager.default.createDirectory(atPath: scratch.path + "/d", withIntermediateDirectories: true)
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]).write(to: URL(fileURLWithPath: binary))
        _ = try scratch.write(Self.page, to: "d/a.html")
        let named = runCLI(["redact", binary, "--key-file", scratch.key])
        #expect(named.status == 1 && named.err.contains("binary data, not a text page; nothing written") && named.out.isEmpty)
        let checked = runCLI(["redact", "--check", binary])
        #expect(checked.status == 1 && checked.err.contains("nothing checked"))
        let walked = runCLI(["redact", scratch.path + "/d", "-o", scratch.path + "/out", "--key-file", scratch.key])
        #expect(walked.status == 0 && walked.err.contains("photo.png: binary, skipped"), "\(walked.err)")
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/out/a.html"))
    }

    @Test("the repository's own samples are clean, with its allow-list")
    func repositorySamples() {
        let run = runCLI(["redact", "--check", RepositoryPaths.root + "/Samples", "--allow", RepositoryPaths.root + "/Samples/redact-allow.txt"])
        #expect(run.status == 0, "\(run.out.prefix(500))")
    }
}

@Suite("FixtureAddCommand")
struct FixtureAddCommandTests {
    @Test("a saved page becomes a redacted fixture with its expected reading and capture details")
    func add() throws {
        let scratch = try ScratchDirectory()
        var page = try String(contentsOfFile: RepositoryPaths.pages + "/verizon/overview.html", encoding: .utf8)
        page = page.replacingOccurrences(of: "Hello, Riley", with: "Hello, Bartholomew")
            .replacingOccurrences(of: "9725550168", with: "9728675309")
            .replacingOccurrences(of: "<!-- saved from url=(0051)https://www.verizon.com/digital/secure/my-verizon/overview -->",
                                  with: "<!-- saved from url=(0074)https://www.verizon.com/digital/secure/my-verizon/overview?session=a8f3K2LmQ9xZ7pW4vB1n -->")
        let saved = try scratch.write(page, to: "Downloads/My Verizon.html")
        let samples = scratch.path + "/Samples/Pages"
        let run = runCLI(["fixture", "add", saved, "--carrier", "verizon", "--kind", "overview", "--samples", samples,
                          "--key-file", scratch.key, "--today", "2026-11-20"])
        #expect(run.status == 0, "\(run.err)")
        let fixture = try String(contentsOfFile: samples + "/verizon/overview.html", encoding: .utf8)
        #expect(!fixture.contains("Bartholomew") && !fixture.contains("8675309") && !fixture.contains("a8f3K2LmQ9xZ7pW4vB1n"))
        let expected = try String(contentsOfFile: samples + "/verizon/overview.expected.json", encoding: .utf8)
        #expect(expected.contains("\"source\": \"https://www.verizon.com/digital/secure/my-verizon/overview\""))
        #expect(expected.contains("\"date\": \"2026-11-20\""))
        #expect(expected.contains("\"encoding\": \"UTF-8\""))
        #expect(expected.contains("\"amountDue\": \"$212.18\""))
        // validate accepts it as it is, and a second add of the same kind is refused.
        #expect(runCLI(["validate", "--samples", samples, "--specs", RepositoryPaths.specs]).status == 0)
        let again = runCLI(["fixture", "add", saved, "--carrier", "verizon", "--kind", "overview", "--samples", samples,
                            "--key-file", scratch.key, "--today", "2026-11-20"])
        #expect(again.status == 1)
        #expect(again.err.contains("exists; give --name"))
        #expect(runCLI(["fixture", "add", saved, "--carrier", "verizon", "--kind", "overview", "--samples", samples, "--name", "overview-2",
                        "--key-file", scratch.key, "--today", "2026-11-20"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: samples + "/verizon/overview-2.expected.json"))
    }

    @Test("fixture add: a page that lacks a required field is not written; '-' reads the page from standard input")
    func requiredAndStandardInput() throws {
        let scratch = try ScratchDirectory()
        let samples = scratch.path + "/S"
        let page = try String(contentsOfFile: RepositoryPaths.pages + "/att/overview.html", encoding: .utf8)
        // The amount due's element gone: the AT&T overview spec requires it.
        let cut = page.replacingOccurrences(of: "data-testid=\"total-due-amount\"", with: "data-testid=\"gone\"")
        #expect(cut != page)
        let missing = runCLI(["fixture", "add", "-", "--carrier", "att", "--kind", "overview", "--samples", samples,
                              "--key-file", scratch.key, "--today", "2026-11-20", "--specs", RepositoryPaths.specs], stdin: [cut])
        #expect(missing.status == 1)
        #expect(missing.err.contains("<stdin>: not written") && missing.err.contains("amountDue"), "\(missing.err)")
        #expect(!FileManager.default.fileExists(atPath: samples))
        // The whole page from standard input: written, named by its kind, as HTML.
        let added = runCLI(["fixture", "add", "-", "--carrier", "att", "--kind", "overview", "--samples", samples,
                            "--key-file", scratch.key, "--today", "2026-11-20", "--specs", RepositoryPaths.specs], stdin: [page])
        #expect(added.status == 0, "\(added.err)")
        #expect(FileManager.default.fileExists(atPath: samples + "/att/overview.html"))
        // A JSON response from standard input keeps a .json name.
        #expect(FixtureAdder.extension(of: Array("\u{FEFF} {\"a\": 1}".utf8)) == ".json")
        #expect(FixtureAdder.extension(of: Array("<?xml version=\"1.0\"?><wap-provisioningdoc/>".utf8)) == ".xml")
        #expect(FixtureAdder.extension(of: Array("<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">".utf8)) == ".html")
    }

    @Test("redact: '-' redacts standard input to standard output; --check and --json on it; refusals")
    func redactStandardInput() throws {
        let scratch = try ScratchDirectory()
        let text = "Contact: jane.roe@gmail.com"
        let run = runCLI(["redact", "-", "--key-file", scratch.key], stdin: [text])
        #expect(run.status == 0 && !run.out.contains("jane.roe") && run.out.hasPrefix("Contact: "), "\(run.out)\(run.err)")
        let check = runCLI(["redact", "--check", "-", "--json"], stdin: [text])
        #expect(check.status == 1 && check.out.contains("\"file\":\"<stdin>\""), "\(check.out)")
        #expect(runCLI(["redact", "-", "--in-place"]).status == 64)
        #expect(runCLI(["redact", "-", scratch.path]).status == 64)
        // An unreadable file under --json is a JSON line too.
        let missing = runCLI(["redact", "--check", scratch.path + "/nope.html", "--json"])
        #expect(missing.status == 1 && missing.out.contains("\"error\":{\"code\":\"notFound\""), "\(missing.out)")
        // An empty directory has nothing to redact.
        try FileManager.default.createDirectory(atPath: scratch.path + "/empty", withIntermediateDirectories: true)
        let empty = runCLI(["redact", "--check", scratch.path + "/empty"])
        #expect(empty.status == 1 && empty.err.contains("no files to check"))
    }

    @Test("an unknown carrier, a binary file and a bad --name are refused")
    func refusals() throws {
        let scratch = try ScratchDirectory()
        let binary = scratch.path + "/x.html"
        try Data([0, 1, 2, 3, 4]).write(to: URL(fileURLWithPath: binary))
        #expect(runCLI(["fixture", "add", binary, "--carrier", "nosuch", "--kind", "bill", "--key-file", scratch.key]).status == 1)
        let run = runCLI(["fixture", "add", binary, "--carrier", "att", "--kind", "bill", "--samples", scratch.path + "/S", "--key-file", scratch.key])
        #expect(run.status == 1)
        #expect(run.err.contains("binary"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/S"))
        #expect(runCLI(["fixture", "add", binary, "--carrier", "att", "--kind", "bill", "--name", "../x"]).status == 64)
    }
}
