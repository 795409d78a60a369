import Foundation
import Testing

/// Runs the built `esimtool` binary as a separate process.
@Suite("esimtool binary")
struct SmokeTests {
    static var binary: URL? {
        // The test bundle lives in the build products directory, beside the executable.
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [products, products.deletingLastPathComponent()]
            .map { $0.appendingPathComponent("esimtool") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    func run(_ arguments: [String], stdin: String? = nil, in directory: String? = nil) throws -> (status: Int32, out: String, err: String) {
        let binary = try #require(Self.binary, "esimtool was not built beside the tests")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    @Test("decode, exit statuses 0, 1 and 64, and stdin, as a real process")
    func smoke() throws {
        let ok = try run(["decode", "--json", "LPA:1$smdp.example.com$ABC"])
        #expect(ok.status == 0)
        #expect(ok.out.hasPrefix(#"{"kind":"activationCode","valid":true"#))

        let bad = try run(["decode", "LPA:1$$ABC"])
        #expect(bad.status == 1)
        #expect(bad.err.hasPrefix("error: activation code: the SM-DP+ address is empty (offset 6)"))

        let usage = try run(["decode"])
        #expect(usage.status == 64)

        let piped = try run(["decode", "--file", "-"], stdin: "LPA:1$smdp.example.com$A\n310260000000001\n")
        #expect(piped.status == 0)
        #expect(piped.out.split(separator: "\n").count == 2)

        let help = try run(["--help"])
        #expect(help.status == 0)
        #expect(help.out.contains("decode"))
    }

    /// Specs/README's walk-through for a carrier with no spec yet, as a user runs it from a
    /// repository checkout: the spec in ./Specs serves `fixture add` and `validate` before
    /// it is compiled in; `inspect` takes it with --specs.
    @Test("a new carrier's spec in ./Specs serves fixture add and validate before it is compiled in")
    func newCarrierWalkthrough() throws {
        let scratch = try ScratchDirectory()
        let page = """
        <!DOCTYPE html>
        <!-- saved from url=(0045)https://my.examplecell.example/account/summary -->
        <html><head><title>My Account | ExampleCell</title></head><body>
        <section><h2>Amount due</h2><p data-qa="amount-due">$64.20</p><p class="Summary_date__k1">Due Dec 12</p></section>
        <ul><li class="Line_card__z1"><span class="Line_num__q2">Line 1</span><span class="Line_usage__r3">4.2 GB of 10 GB used</span></li></ul>
        </body></html>
        """
        let spec = """
        id: examplecell
        name: ExampleCell
        country: us
        kind: mvno
        domains: [examplecell.example]
        recognize:
          urls: ["examplecell.example/account"]
        pages:
          overview:
            urls: [account/summary]
            fields:
              amountDue: {status: required, css: "[data-qa=amount-due]"}
              dueDate: {status: required, css: "[class*=Summary_date]", regex: "Due (.+)"}
            lines:
              each: {css: "li[class*=Line_card]"}
              fields:
                dataUsed: {status: required, type: usage, css: "[class*=Line_usage]"}
        """
        _ = try scratch.write(page, to: "Downloads/page.html")
        _ = try scratch.write(spec, to: "Specs/examplecell.yaml")
        let added = try run(["fixture", "add", "Downloads/page.html", "--carrier", "examplecell", "--kind", "overview",
                             "--key-file", scratch.key, "--today", "2026-11-27"], in: scratch.path)
        #expect(added.status == 0, "\(added.err)")
        let expected = try scratch.read("Samples/Pages/examplecell/overview.expected.json")
        #expect(expected.contains(#""amountDue": "$64.20""#) && expected.contains(#""dueDate": "2026-12-12""#))
        let validated = try run(["validate", "--carrier", "examplecell"], in: scratch.path)
        #expect(validated.status == 0 && validated.out.contains("1 fixture: 1 passed"), "\(validated.out)\(validated.err)")
        let inspected = try run(["inspect", "Samples/Pages/examplecell/overview.html", "--specs", "Specs", "--today", "2026-11-27"],
                                in: scratch.path)
        #expect(inspected.out.hasPrefix("Samples/Pages/examplecell/overview.html — ExampleCell · overview"), "\(inspected.out)")
    }

    /// `spec draft` on a page no spec describes, then `fixture add` and `validate`, as the
    /// binary runs them: the drafted spec goes green on its own fixture, and reads a copy
    /// of the page with other figures as those figures.
    @Test("spec draft → fixture add → validate, in a scratch directory")
    func specDraftWalkthrough() throws {
        let scratch = try ScratchDirectory()
        func page(_ due: String, _ date: String, _ used: String) -> String {
            """
            <!DOCTYPE html>
            <!-- saved from url=(0046)https://my.acmecell.example/account/overview -->
            <html><head><title>My Account | AcmeCell</title></head><body>
            <section><h2>Amount due</h2><p data-qa="amount-due">\(due)</p><p>Pay by <span id="pay-by">\(date)</span></p></section>
            <ul><li class="Line_card__z1"><span class="Line_num__q2">(214) 555-0150</span><span class="Line_used__r3">\(used)</span></li>
            <li class="Line_card__z1"><span class="Line_num__q2">(214) 555-0151</span><span class="Line_used__r3">1 GB</span></li></ul>
            </body></html>
            """
        }
        _ = try scratch.write(page("$42.10", "Dec 9, 2026", "3.2 GB"), to: "Downloads/page.html")
        _ = try scratch.write(page("$17.99", "Jan 4, 2027", "0.4 GB"), to: "Downloads/later.html")
        try FileManager.default.createDirectory(atPath: scratch.path + "/Specs", withIntermediateDirectories: true)
        let drafted = try run(["spec", "draft", "Downloads/page.html", "--carrier", "acmecell", "--name", "AcmeCell",
                               "--value", "amountDue=$42.10", "--value", "dueDate=Dec 9", "--value", "dataUsed=3.2 GB",
                               "--today", "2026-11-27", "-o", "Specs/acmecell.yaml"], in: scratch.path)
        #expect(drafted.status == 0, "\(drafted.err)")
        let spec = try scratch.read("Specs/acmecell.yaml")
        #expect(!spec.contains("42.10") && !spec.contains("3.2"))
        let added = try run(["fixture", "add", "Downloads/page.html", "--carrier", "acmecell", "--kind", "overview",
                             "--key-file", scratch.key, "--today", "2026-11-27"], in: scratch.path)
        #expect(added.status == 0, "\(added.err)")
        let validated = try run(["validate", "--carrier", "acmecell"], in: scratch.path)
        #expect(validated.status == 0 && validated.out.contains("1 fixture: 1 passed"), "\(validated.out)\(validated.err)")
        let later = try run(["inspect", "Downloads/later.html", "--specs", "Specs", "--today", "2026-11-27", "--json"], in: scratch.path)
        #expect(later.out.contains(#""value":"$17.99""#) && later.out.contains(#""value":"2027-01-04""#) && later.out.contains(#""value":"0.4 GB""#),
                "\(later.out)")
        // A value the page does not show alone: nothing placed, nothing written, exit 1.
        let nothing = try run(["spec", "draft", "Downloads/page.html", "--carrier", "acmecell", "--value", "balance=$5.00",
                               "-o", "Specs/other.yaml"], in: scratch.path)
        #expect(nothing.status == 1 && nothing.err.contains("could not place balance") && !FileManager.default.fileExists(atPath: scratch.path + "/Specs/other.yaml"))
        // The same field twice with different texts is a usage error.
        let twice = try run(["spec", "draft", "Downloads/page.html", "--carrier", "acmecell", "--value", "amountDue=$1", "--value", "amountDue=$2"],
                            in: scratch.path)
        #expect(twice.status == 64)
    }
}

@Suite("esimtool binary, mistyped subcommands")
struct SubcommandTypoTests {
    @Test("a mistyped subcommand or help topic is a usage error that says what was meant")
    func typos() throws {
        let smoke = SmokeTests()
        let decod = try smoke.run(["decod", "x"])
        #expect(decod.status == 64)
        #expect(decod.err.hasPrefix("error: unknown command 'decod'; did you mean 'decode'?"))
        let help = try smoke.run(["help", "nosuch"])
        #expect(help.status == 64)
        #expect(help.err.hasPrefix("error: unknown help topic 'nosuch'"))
        #expect(try smoke.run(["help", "decode"]).status == 0)
        #expect(try smoke.run(["help", "help"]).status == 0)
        #expect(try smoke.run(["--version"]).status == 0)
    }

    /// The commit of the checkout the tests run in, when git can say.
    static var checkoutCommit: String? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", root.path, "rev-parse", "--short=12", "HEAD"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    @Test("--version names the version and, built from a git checkout, its commit")
    func version() throws {
        let result = try SmokeTests().run(["--version"])
        #expect(result.status == 0)
        #expect(result.err.isEmpty)
        #expect(result.out.hasPrefix("0.1.0"))
        #expect(result.out.hasSuffix("\n") && result.out.split(separator: "\n").count == 1)
        if let commit = Self.checkoutCommit {
            #expect(result.out.hasPrefix("0.1.0 (commit \(commit)"), "\(result.out)")
        }
    }

    @Test("completion scripts for bash, zsh and fish (what Scripts/install installs) name every subcommand",
          arguments: ["bash", "zsh", "fish"])
    func completions(_ shell: String) throws {
        let result = try SmokeTests().run(["--generate-completion-script", shell])
        #expect(result.status == 0)
        for name in ["decode", "carrier", "inspect", "validate", "alert"] {
            #expect(result.out.contains(name), "\(shell) completion lacks \(name)")
        }
    }

    @Test("carrier fields: the matrix in three formats, and its bad input")
    func carrierFields() throws {
        let smoke = SmokeTests()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let samples = root.appendingPathComponent("Samples/Pages").path
        let text = try smoke.run(["carrier", "fields", "--samples", samples])
        #expect(text.status == 0)
        #expect(text.out.contains("AT&T (att)") && text.out.contains("●"))
        let markdown = try smoke.run(["carrier", "fields", "--country", "US", "--format", "markdown", "--samples", samples])
        #expect(markdown.status == 0)
        #expect(markdown.out.hasPrefix("| carrier | balance |"))
        #expect(!markdown.out.contains("iliad"), "--country keeps only that country's carriers")
        let json = try smoke.run(["carrier", "fields", "--format", "json", "--samples", samples])
        #expect(json.status == 0)
        #expect(json.out.hasPrefix(#"{"columns":["balance","#))
        // The README's table is this output (regenerate it with the command when a spec changes).
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let table = markdown.out.components(separatedBy: "\n\n").first ?? ""
        #expect(readme.contains(table), "README.md's carrier fields table differs from 'esimtool carrier fields --country us --format markdown'")
        for command in [["carrier", "fields"], ["carrier", "list"], ["carrier", "att"], ["carrier", "show", "att"]] {
            let bad = try smoke.run(command + ["--country", "usa"])
            #expect(bad.status == 64, "\(command)")
            #expect(bad.err.contains("--country: 'usa' is not a two-letter country code"), "\(command)")
        }
        #expect(try smoke.run(["carrier", "fields", "--format", "html"]).status == 64)
        let missing = try smoke.run(["carrier", "fields", "--samples", "/nonexistent/samples"])
        #expect(missing.status == 1)
        #expect(!missing.err.isEmpty)
    }
}
