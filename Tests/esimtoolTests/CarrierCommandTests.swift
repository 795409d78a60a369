import Foundation
import Testing
@testable import esimtool

/// `--no-providers` keeps these independent of whether the system database is installed.
@Suite("CarrierCommand")
struct CarrierCommandTests {
    @Test("a name shows how to check the balance, support and numbered sources")
    func byName() {
        let run = runCLI(["carrier", "tmo", "--no-providers"])
        #expect(run.status == 0)
        #expect(run.outLines.first == "T-Mobile — tmobile · network · US · from Specs/tmobile.yaml")
        #expect(run.out.contains("How to check your balance and usage"))
        #expect(run.out.contains("dial #225#"))
        #expect(run.out.contains("611"))
        // Every [n] used in the body is listed under Sources.
        let cited = Set(run.out.matches(of: /\[(\d+)\]/).map { Int($0.1)! })
        let listed = Set(run.outLines.compactMap { line in line.firstMatch(of: /^  \[(\d+)\]\s/).map { Int($0.1)! } })
        #expect(!cited.isEmpty)
        #expect(cited == listed)
    }

    @Test("the explicit show subcommand is the same as the default")
    func explicitShow() {
        #expect(runCLI(["carrier", "show", "att", "--no-providers"]).out == runCLI(["carrier", "att", "--no-providers"]).out)
    }

    @Test("a shared network code lists every carrier on it")
    func sharedNetwork() {
        let run = runCLI(["carrier", "310-260", "--no-providers"])
        #expect(run.status == 0)
        #expect(run.outLines.first?.hasPrefix("310-260 is used by") == true)
        let ids = run.outLines.dropFirst().prefix { $0.hasPrefix("  ") }.map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(ids.first == "tmobile")
        #expect(Set(ids).isSuperset(of: ["tmobile", "mint", "metro", "google-fi"]))
    }

    @Test("an IMSI is read through the MNC-length table, then the carriers shown")
    func imsi() {
        let run = runCLI(["carrier", "311480123456789", "--no-providers"])
        #expect(run.status == 0)
        #expect(run.outLines.first?.hasPrefix("IMSI 311480123456789 → 311-480") == true)
        // Verizon's code, shared with the MVNOs on it: each listed, the network first.
        #expect(run.outLines.dropFirst().first?.hasPrefix("  verizon ") == true, "\(run.out)")
        #expect(["visible", "xfinity-mobile", "spectrum-mobile"].allSatisfy { id in run.outLines.contains { $0.hasPrefix("  \(id) ") } })
    }

    @Test("an ICCID is checked, then matched by issuer prefix")
    func iccid() {
        let good = runCLI(["carrier", "8901260000000000006", "--no-providers"])
        #expect(good.status == 0)
        #expect(good.out.contains("T-Mobile — tmobile"))
        let bad = runCLI(["carrier", "8901260000000000008", "--no-providers"])
        #expect(bad.status == 1)
        #expect(bad.out.isEmpty)
        #expect(bad.err == "error: ICCID 8901260000000000008: check digit is 8, Luhn gives 6 (offset 18)\n")
    }

    @Test("nothing found exits 1 with a hint and no output")
    func notFound() {
        let run = runCLI(["carrier", "no such carrier", "--no-providers"])
        #expect(run.status == 1)
        #expect(run.out.isEmpty)
        #expect(run.err.contains("no carrier matches 'no such carrier'; try 'esimtool carrier list'"))
        let json = runCLI(["carrier", "no such carrier", "--no-providers", "--json"])
        #expect(json.status == 1)
        #expect(json.out.contains(#""matches":[]"#))
    }

    @Test("a fact from an old or third-party source says so beside it, in text and JSON")
    func sourceCaveats() throws {
        let run = runCLI(["carrier", "att", "--no-providers"])
        let line = try #require(run.out.split(separator: "\n").first { $0.contains("*225#") })
        #expect(line.contains("source from 2012"), "\(line)")
        #expect(run.out.split(separator: "\n").first { $0.contains("*3282#") }?.contains("source from") == false)
        let json = runCLI(["carrier", "att", "--no-providers", "--json"])
        #expect(json.out.contains(#""published":"2012-05-11""#))
        #expect(json.out.contains(#""thirdParty":"true""#))
    }

    @Test("--json is one document with the match reason and cited sources")
    func json() throws {
        let run = runCLI(["carrier", "att", "--no-providers", "--json"])
        #expect(run.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any]
        let matches = try #require(object?["matches"] as? [[String: Any]])
        #expect(matches.count == 1)
        let carrier = try #require(matches.first?["carrier"] as? [String: Any])
        #expect(carrier["id"] as? String == "att")
        let checks = try #require(carrier["balanceChecks"] as? [[String: Any]])
        #expect(checks.contains { $0["code"] as? String == "*225#" })
        // Sources are exactly those cited.
        let sources = Set((carrier["sources"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
        var cited = Set<String>()
        for key in ["networks", "iccidPrefixes", "apps", "support", "balanceChecks", "notes"] {
            for fact in carrier[key] as? [[String: Any]] ?? [] { if let source = fact["source"] as? String { cited.insert(source) } }
        }
        #expect(sources == cited)
    }

    @Test("a carrier that no longer operates says so; one the database knows only by name renders no empty sections")
    func endedAndBare() {
        let sprint = runCLI(["carrier", "sprint"])
        #expect(sprint.status == 0)
        #expect(sprint.outLines.first?.hasPrefix("Sprint — sprint · network · US · ended 2020 · from ") == true, "\(sprint.out)")
        #expect(sprint.out.contains("No longer operating since 2020-04-01: T-Mobile completed its merger with Sprint"))
        #expect(sprint.out.contains("(none: the carrier no longer operates)"))
        #expect(runCLI(["carrier", "310590"]).out.contains("Alltel — alltel · network · US · ended 2013"))
        // The database's "Cricket Communications" is the curated Cricket.
        #expect(runCLI(["carrier", "cricket communications"]).outLines.first?.hasPrefix("Cricket Wireless — cricket ") == true)
        // Only a name and a line in the database: no pointer to a customer service it does
        // not list, and no empty Sources heading.
        let bare = runCLI(["carrier", "us-us-cellular"])
        #expect(bare.status == 0)
        #expect(bare.out.contains("(no method recorded)\n"), "\(bare.out)")
        #expect(!bare.out.contains("see customer service below"))
        #expect(bare.outLines.last != "Sources")
        // A database MVNO on a curated network's code says whose network it runs on.
        #expect(runCLI(["carrier", "us-ting"]).outLines.dropFirst().first == "  Runs on T-Mobile")
    }

    @Test("list --country filters, curated carriers first")
    func list() {
        let run = runCLI(["carrier", "list", "--country", "us", "--no-providers"])
        #expect(run.status == 0)
        #expect(run.outLines.first?.hasPrefix("att ") == true)
        // The curated US carriers: AT&T, Verizon, T-Mobile, their nine MVNOs (Xfinity and
        // Spectrum on Verizon), Red Pocket, Boost Mobile, Consumer Cellular, Tracfone, and
        // Sprint and Alltel, which no longer operate.
        #expect(run.outLines.count == 18)
        #expect(run.err == "18 carriers\n")
        #expect(runCLI(["carrier", "list", "--country", "de", "--no-providers"]).outLines.isEmpty)
    }

    @Test("a bad spec in --specs names file, line and key, and exits 1")
    func badSpec() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("esimtool-specs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "id: x\nname: X\ncountry: us\ncolour: red\n".write(to: directory.appendingPathComponent("x.yaml"), atomically: true, encoding: .utf8)
        let run = runCLI(["carrier", "x", "--specs", directory.path, "--no-providers"])
        #expect(run.status == 1)
        #expect(run.out.isEmpty)
        #expect(run.err.hasPrefix("error: carrier spec: \(directory.path)/x.yaml:4:1: colour: unknown key 'colour'"))
    }

    @Test("a user's spec answers like a built-in one")
    func userSpec() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("esimtool-specs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try """
        id: example
        name: Example Wireless
        country: us
        sources:
          site: {title: "Example — support", url: "https://example.com/support"}
        balanceChecks:
          - {method: dial, code: "*999#", shows: balance, source: site}
        """.write(to: directory.appendingPathComponent("example.yaml"), atomically: true, encoding: .utf8)
        let run = runCLI(["carrier", "example wireless", "--specs", directory.path, "--no-providers"])
        #expect(run.status == 0)
        #expect(run.out.contains("dial *999#  balance [1]"))
        #expect(run.out.contains("[1] Example — support <https://example.com/support>"))
    }

    @Test("decode names the carrier of a valid ICCID")
    func decodeMentionsCarrier() {
        let run = runCLI(["decode", "8901260000000000006"])
        #expect(run.status == 0)
        #expect(run.out.contains("Carrier       T-Mobile (tmobile): ICCID prefix 8901260, medium confidence"))
    }

    @Test("a near miss says what was meant, exit 1; --country picks a country's namesake")
    func didYouMean() {
        let run = runCLI(["carrier", "verison"])
        #expect(run.status == 1)
        #expect(run.err.contains("no carrier matches 'verison'; did you mean verizon (Verizon, US)?"))
        let italy = runCLI(["carrier", "vodafone", "--country", "it"])
        #expect(italy.status == 0)
        #expect(italy.outLines.first?.hasPrefix("Vodafone — it-vodafone") == true)
        // Network codes too: 310-260 is US only.
        #expect(runCLI(["carrier", "310-260", "--country", "us"]).status == 0)
        #expect(runCLI(["carrier", "310-260", "--country", "gb"]).status == 1)
        let nowhere = runCLI(["carrier", "vodafone", "--country", "us"])
        #expect(nowhere.status == 1)
        #expect(nowhere.err.contains("in US"))
    }

    @Test("locale names: the territory of LANG-style values", arguments: [
        ("en_US.UTF-8", "us"), ("de_DE@euro", "de"), ("pt_BR", "br"), ("C", nil), ("POSIX", nil), ("fr", nil), ("C.UTF-8", nil),
    ] as [(String, String?)])
    func localeCountry(_ locale: String, _ expected: String?) {
        #expect(LocaleCountry.country(of: locale) == expected)
    }

    @Test("--providers naming a file that cannot be read is an error, exit 1")
    func missingProviders() {
        let run = runCLI(["carrier", "att", "--providers", "/nonexistent/serviceproviders.xml"])
        #expect(run.status == 1)
        #expect(run.err.contains("/nonexistent/serviceproviders.xml"))
        #expect(run.out.isEmpty)
    }

    @Test("carrier att says what inspect reads from each of its page kinds, in text and JSON")
    func pageFields() throws {
        let run = runCLI(["carrier", "att", "--no-providers"])
        #expect(run.status == 0)
        #expect(run.out.contains("What 'esimtool inspect' reads from its saved pages (* required)"))
        #expect(run.outLines.contains { $0.hasPrefix("  overview  ") && $0.contains("amount due*") && $0.contains("not shown: balance") })
        #expect(run.outLines.contains { $0.hasPrefix("  prepaid   ") && $0.contains("balance*") })
        let json = runCLI(["carrier", "att", "--no-providers", "--json"])
        #expect(json.out.contains(#""pages":[{"page":"overview","field":"accountNumber","status":"optional","proven":false}"#), "\(json.out.prefix(400))")
        // Cricket's spec has no pages: no such section, no such key.
        let cricket = runCLI(["carrier", "cricket", "--no-providers"])
        #expect(cricket.status == 0 && !cricket.out.contains("reads from its saved pages"))
        #expect(!runCLI(["carrier", "cricket", "--no-providers", "--json"]).out.contains(#""pages""#))
    }
}
