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
}
