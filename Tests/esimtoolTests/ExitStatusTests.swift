import Foundation
import Testing

/// Every command's exit statuses as the README's table gives them: 0 done, 1 input rejected
/// or unreadable, 3 an alert threshold crossed, 64 a usage error. One run each, through
/// the real binary, in order (the usage history cases build on each other).
@Suite("exit statuses, every command")
struct ExitStatusTests {
    static let cases: [(arguments: [String], status: Int32)] = [
        (["decode", "LPA:1$smdp.example.com$ABC"], 0), (["decode", "LPA:2$smdp.example.com$ABC"], 1), (["decode", "--nosuch"], 64),
        (["encode", "--smdp", "smdp.example.com", "--matching-id", "ABC"], 0), (["encode", "--smdp", "bad host"], 1), (["encode"], 64),
        (["eid", "89049032123451234512345678901235"], 0), (["eid", "123"], 1), (["eid"], 64),
        (["iccid", "8901260000000000048"], 0), (["iccid", "8901260000000000040"], 1), (["iccid"], 64),
        (["carrier", "att", "--no-providers"], 0), (["carrier", "nosuchcarrier", "--no-providers"], 1), (["carrier"], 64),
        (["carrier", "list", "--no-providers"], 0), (["carrier", "list", "--country", "usa"], 64),
        (["carrier", "fields"], 0), (["carrier", "fields", "--samples", "/nonexistent"], 1), (["carrier", "fields", "--format", "x"], 64),
        (["qr", "LPA:1$smdp.example.com$ABC"], 0), (["qr", "LPA:2$x$y"], 1), (["qr"], 64),
        (["profiles", "Samples/Profiles/profile-list.der"], 0), (["profiles", "/nonexistent"], 1), (["profiles"], 64),
        (["plan", "USA 5GB 30 days $11"], 0), (["plan"], 64),
        (["plan", "--strict", "hello world"], 1), (["plan", "--strict", "USA 5GB 30 days $11"], 0),
        (["inspect", "Samples/Pages/att/overview.html"], 0), (["inspect", "/nonexistent.html"], 1), (["inspect"], 64),
        (["inspect", "--no-heuristic", "{unknown}"], 1), (["inspect", "{unknown}"], 0),
        (["carrier", "att", "--providers", "/nonexistent.xml"], 1), (["carrier", "att", "--providers", "-"], 64),
        (["fixture", "add", "{unknown}", "--carrier", "att", "--kind", "overview", "--samples", "{scratch}/S", "--key-file", "{scratch}/key"], 1),
        (["help", "nosuch"], 64), (["decod", "x"], 64),
        (["query", "Samples/Pages/att/overview.html", "--css", "p"], 0),
        (["query", "Samples/Pages/att/overview.html", "--css", "p["], 1), (["query"], 64),
        (["redact", "Samples/Pages/att/overview.html"], 0), (["redact", "/nonexistent"], 1), (["redact"], 64),
        (["validate"], 0), (["validate", "--samples", "/nonexistent"], 1), (["validate", "--format", "x"], 64),
        (["usage", "--db", "/nonexistent/x.sqlite"], 1),
        (["alert", "--db", "/nonexistent/x.sqlite", "--balance-below", "$5"], 1), (["alert", "--db", "{db}"], 64),
        (["track", "/nonexistent.html", "--db", "{db}"], 1), (["track"], 64),
        (["track", "Samples/Pages/att/overview.html", "--db", "{db}"], 0),
        (["usage", "--db", "{db}"], 0),
        // The page says $187.42 due on 2026-12-03: within 30 days of any day before then.
        (["alert", "--db", "{db}", "--due-within", "30", "--today", "2026-11-20"], 3),
        (["alert", "--db", "{db}", "--balance-below", "$5", "--today", "2026-11-20"], 0),
        (["spec"], 0), (["spec", "draft"], 64), (["fixture", "add"], 64),
        (["--version"], 0), (["--help"], 0), (["nosuchcommand"], 64),
    ]

    @Test("0 done, 1 rejected, 3 threshold crossed, 64 usage error")
    func statuses() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("esimtool-exit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let database = scratch.appendingPathComponent("history.sqlite").path
        // A page no spec describes, with a figure the heuristic reader finds.
        let unknown = scratch.appendingPathComponent("unknown.html").path
        try Data("<html><body><p>Amount due: $5.00</p></body></html>".utf8).write(to: URL(fileURLWithPath: unknown))
        for (arguments, status) in Self.cases {
            let resolved = arguments.map {
                $0 == "{db}" ? database : $0 == "{unknown}" ? unknown : $0.replacingOccurrences(of: "{scratch}", with: scratch.path)
            }
            let result = try SmokeTests().run(resolved, in: root.path)
            #expect(result.status == status, "esimtool \(resolved.joined(separator: " ")): \(result.err.prefix(200))")
            if status == 64 { #expect(!result.err.isEmpty, "a usage error says why: esimtool \(resolved.joined(separator: " "))") }
        }
    }
}
