import Foundation
import Testing
@testable import esimtool

@Suite("QueryCommand")
struct QueryCommandTests {
    static let overview = RepositoryPaths.pages + "/att/overview.html"

    @Test("--find prints rules ready to paste into a spec, best first")
    func find() {
        let run = runCLI(["query", Self.overview, "--find", "$187.42"])
        #expect(run.status == 0)
        #expect(run.outLines.first?.hasSuffix("att/overview.html: rules that find '$187.42', best first") == true)
        #expect(run.outLines.dropFirst().first == #"  {css: "[data-testid=total-due-amount]"}  2 matches, all reading the same"#)
        let line = runCLI(["query", Self.overview, "--find", "(214) 555-0199"])
        #expect(line.out.contains(#"repeats in 2 blocks: as a line field, each: {css: "[class*=LineCard_card]"} with {css: "[class*=LineCard_ctn]"}"#))
    }

    @Test("a rule prints each text with its line, and --field reads it as that field")
    func rule() {
        let run = runCLI(["query", Self.overview, "--css", "[data-testid=bill-cycle]", "--regex", "Bill cycle:\\s*(.+)",
                          "--field", "billingCycle", "--today", "2026-11-20"])
        #expect(run.status == 0)
        #expect(run.outLines == [Self.overview + #": 1 match for css: [data-testid=bill-cycle] regex: Bill cycle:\s*(.+)"#,
                                 "  line 39  Nov 4 – Dec 3  →  2026-11-04 – 2026-12-03"])
        let unreadable = runCLI(["query", Self.overview, "--css", "[class*=UsageMeter_used]", "--field", "dataUsed"])
        #expect(unreadable.status == 0 && unreadable.out.contains("✗ unexpected text after the amount"))
        let json = runCLI(["query", RepositoryPaths.pages + "/att/usage.html", "--jsonpath", "$.usage.lines[*].dataUsedMB",
                           "--field", "dataUsed", "--unit", "MB"])
        #expect(json.outLines.dropFirst() == ["  JSON  12698  →  12698 MB", "  JSON  7373  →  7373 MB"])
    }

    @Test("nothing found exits 1, and so does a rule that does not compile, naming where")
    func failures() {
        let none = runCLI(["query", Self.overview, "--css", "table.nothing"])
        #expect(none.status == 1 && none.out.contains(": nothing for css: table.nothing"))
        let notFound = runCLI(["query", Self.overview, "--find", "no such text"])
        #expect(notFound.status == 1)
        let bad = runCLI(["query", Self.overview, "--css", "div["])
        #expect(bad.status == 1 && bad.err.contains("expected an attribute name (offset 4)"))
        let missing = runCLI(["query", "/nonexistent/page.html", "--css", "p", "--json"])
        #expect(missing.status == 1)
        #expect(missing.out.contains(#""error":{"code":"unreadableFile""#))
    }

    @Test("--json prints the matches or the rules as one object")
    func json() throws {
        let run = runCLI(["query", Self.overview, "--find", "$187.42", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        let rules = try #require(object["rules"] as? [[String: Any]])
        #expect(rules.first?["rule"] as? String == "css: [data-testid=total-due-amount]")
        #expect(rules.first?["matches"] as? Int == 2)
        #expect(rules.first?["sameText"] as? Bool == true)
        let matches = runCLI(["query", Self.overview, "--css", "[class*=LineCard_ctn]", "--json"])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(matches.out.utf8)) as? [String: Any])
        #expect((parsed["matches"] as? [[String: Any]])?.compactMap { $0["text"] as? String } == ["(214) 555-0142", "(214) 555-0199"])
    }

    @Test("--limit cuts the list and says the page has more; exactly the limit found is not 'more'")
    func limit() throws {
        let page = "<html><body>" + (1...5).map { "<p class=\"n\">\($0)</p>" }.joined() + "</body></html>"
        let cut = runCLI(["query", "-", "--css", ".n", "--limit", "3"], stdin: [page])
        #expect(cut.status == 0)
        #expect(cut.outLines == ["<stdin>: the first 3 matches for css: .n (the page has more; --limit shows more)",
                                 "  line 1  1", "  line 1  2", "  line 1  3"])
        let exact = runCLI(["query", "-", "--css", ".n", "--limit", "5"], stdin: [page])
        #expect(exact.outLines.first == "<stdin>: 5 matches for css: .n")
        let json = runCLI(["query", "-", "--css", ".n", "--limit", "2", "--json"], stdin: [page])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        #expect((parsed["matches"] as? [Any])?.count == 2 && parsed["more"] as? Bool == true)
        let all = runCLI(["query", "-", "--css", ".n", "--limit", String(Int.max), "--json"], stdin: [page])
        let whole = try #require(try JSONSerialization.jsonObject(with: Data(all.out.utf8)) as? [String: Any])
        #expect((whole["matches"] as? [Any])?.count == 5 && whole["more"] as? Bool == false)
    }

    @Test("a page on standard input")
    func stdin() {
        let run = runCLI(["query", "-", "--find", "$9.99"], stdin: ["<html><body><p class=\"due\">$9.99</p></body></html>"])
        #expect(run.status == 0 && run.out.hasPrefix("<stdin>: rules that find '$9.99'") && run.out.contains(#"{css: ".due"}"#))
        let empty = runCLI(["query", "-", "--css", "p"], stdin: [])
        #expect(empty.status == 1 && empty.err.contains("empty"))
    }

    @Test("usage errors exit 64", arguments: [
        ["query", overview],
        ["query", overview, "--css", "p", "--find", "x"],
        ["query", overview, "--find", "x", "--regex", "y"],
        ["query", overview, "--css", "p", "--type", "money"],
        ["query", overview, "--jsonpath", "$.a", "--attribute", "href"],
        ["query", overview, "--css", "p", "--limit", "0"],
        ["query", overview, "--css", "p", "--field", "dataUsed", "--today", "yesterday"],
        ["query", overview, "--css", "p", "--field", "noSuchField"],
    ])
    func usage(_ arguments: [String]) {
        #expect(runCLI(arguments).status == 64, "\(arguments)")
    }
}
