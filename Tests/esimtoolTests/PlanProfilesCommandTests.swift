import Foundation
import Testing
import ESIMKit
@testable import esimtool

@Suite("PlanCommand")
struct PlanCommandTests {
    static let plans = RepositoryPaths.root + "/Samples/Plans"

    @Test("free text: a table by default, JSON with --json")
    func text() throws {
        let run = runCLI(["plan", "USA 5GB 30 days $11"])
        #expect(run.status == 0)
        #expect(run.outLines.contains("  Coverage  United States (US)"))
        #expect(run.outLines.contains("  Per GB    $2.20"))
        let json = runCLI(["plan", "--json", "USA 5GB 30 days $11"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        #expect((object["data"] as? [String: Any])?["amount"] as? String == "5 GB")
        #expect((object["derived"] as? [String: Any])?["pricePerGB"] as? Double == 2.2)
    }

    @Test("text not understood is shown; --strict fails on it")
    func strict() {
        let lenient = runCLI(["plan", "5GB 30 days $10, free streaming bundle"])
        #expect(lenient.status == 0)
        #expect(lenient.out.contains("Not understood  \"free streaming bundle\""))
        let strict = runCLI(["plan", "--strict", "5GB 30 days $10, free streaming bundle"])
        #expect(strict.status == 1)
        #expect(strict.err.contains("'free streaming bundle' (offset 17)"))
    }

    @Test("a feed file, paragraphs from standard input, a saved page")
    func inputs() {
        let feed = runCLI(["plan", "--json", Self.plans + "/travel-shop.json"])
        #expect(feed.status == 0)
        #expect(feed.outLines.count == 4)
        let stdin = runCLI(["plan", "-"], stdin: ["USA 5GB 30 days $11", "", "Europe 10GB 30 days €17.50"])
        #expect(stdin.status == 0)
        #expect(stdin.out.contains("Europe"))
        let page = runCLI(["plan", "--page", RepositoryPaths.pages + "/att/overview.html"])
        #expect(page.status == 0)
        #expect(page.out.contains("AT&T Value Plus 15GB  [att page, line …0199]"))
    }

    @Test("bad input: an unreadable package exits 1 but the rest are shown; empty text and bad JSON exit 1")
    func bad() {
        let mixed = runCLI(["plan", Self.plans + "/mixed-feed.json"])
        #expect(mixed.status == 1)
        #expect(mixed.out.contains("Thailand 8GB"))
        #expect(mixed.err.contains("package 1: data: 'ten gigabytes' is not an amount of data"))
        #expect(runCLI(["plan", " "]).status == 1)
        let json = runCLI(["plan", "[{\"name\": "])
        #expect(json.status == 1)
        #expect(json.err.contains("not JSON"))
        #expect(runCLI(["plan"]).status == 64)
        #expect(runCLI(["plan", "--page", "/nonexistent/page.html"]).status == 1)
        // A mistyped file name or a directory is not plan text.
        for path in ["plans.json", "./missing.txt", "/nonexistent/descriptions.txt", Self.plans] {
            let run = runCLI(["plan", path])
            #expect(run.status == 1, "\(path)")
            #expect(run.err.contains("no such file") || run.err.contains("is a directory"), "\(path): \(run.err)")
        }
        #expect(runCLI(["plan", "5GB/30days $10"]).status == 0)
        let noPlan = runCLI(["plan", "--page", "--today", "2026-11-20", RepositoryPaths.pages + "/verizon/usage.html"])
        #expect(noPlan.status == 1)
        #expect(noPlan.err.contains("verizon/usage.html: Verizon's usage page has no plan field"))
        // A binary file is named once in its error.
        let binary = FileManager.default.temporaryDirectory.appendingPathComponent("esimtool-plan-\(UUID().uuidString).bin").path
        try? Data([0x00, 0x01, 0x02, 0x50, 0x4B]).write(to: URL(fileURLWithPath: binary))
        defer { try? FileManager.default.removeItem(atPath: binary) }
        let refused = runCLI(["plan", binary])
        #expect(refused.status == 1 && refused.err == "error: \(binary): binary data, not plan text, a feed or a page\n", "\(refused.err)")
    }

    @Test("one unreadable input: the others are shown, exit 1; --json keeps input order with an error object")
    func partial() throws {
        let run = runCLI(["plan", "USA 5GB 30 days $11", "12345", "Europe 10GB 30 days €17.50"])
        #expect(run.status == 1)
        #expect(run.out.contains("United States · 5 GB · 30 days") && run.out.contains("Europe · 10 GB · 30 days"))
        #expect(run.err.contains("'12345': no plan name, price, data or other plan fact was recognised (offset 0)"))
        let json = runCLI(["plan", "--json", "USA 5GB 30 days $11", "12345", "Europe 10GB 30 days €17.50"])
        #expect(json.status == 1)
        #expect(json.outLines.count == 3)
        let failure = try #require(try JSONSerialization.jsonObject(with: Data(json.outLines[1].utf8)) as? [String: Any])
        #expect(failure["input"] as? String == "12345")
        #expect((failure["error"] as? [String: Any])?["code"] as? String == "nothingRecognised")
        // A comparison with a plan missing would mislead: it stops.
        let compare = runCLI(["plan", "compare", "USA 5GB 30 days $11", "12345", "USA 10GB 30 days $18"])
        #expect(compare.status == 1 && compare.out.isEmpty)
    }

    @Test("compare: cheapest marks and what only one plan has")
    func compare() throws {
        let run = runCLI(["plan", "compare", "USA 5GB 30 days $11", "USA 10GB 30 days $18", "1 GB/day for 7 days $9, 5G"])
        #expect(run.status == 0)
        #expect(run.outLines.first?.hasPrefix("#  Plan") == true)
        #expect(run.out.contains("$1.29 *"))
        #expect(run.out.contains("5G"))
        let json = runCLI(["plan", "compare", "--json", "USA 5GB 30 days $11", "Europe 5GB 30 days €10"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        #expect(object["mixedCurrencies"] as? Bool == true)
        #expect(runCLI(["plan", "compare", "USA 5GB 30 days $11"]).status == 64)
        // Pay-as-you-go data: its price per GB stands in the data column and is its per-GB price.
        let payg = runCLI(["plan", "compare", "Pay as you go: $10 per GB", "USA 5GB 30 days $11"])
        #expect(payg.outLines.dropFirst().first?.contains("—      $10 per GB  —     $10.00") == true)
    }
}

@Suite("ProfilesCommand")
struct ProfilesCommandTests {
    static let profiles = RepositoryPaths.root + "/Samples/Profiles"

    @Test("lpac output, DER and an entitlement response")
    func forms() {
        let lpac = runCLI(["profiles", Self.profiles + "/lpac-profile-list.jsonl"])
        #expect(lpac.status == 0)
        #expect(lpac.outLines.dropFirst().first?.hasPrefix("  #  ICCID") == true)
        #expect(lpac.out.contains("Example Wireless"))
        let der = runCLI(["profiles", Self.profiles + "/profile-list.der"])
        #expect(der.status == 0)
        #expect(der.out.contains("unknown(5)"))
        #expect(der.out.contains("owner 310-260"))
        let xml = runCLI(["profiles", Self.profiles + "/entitlement-download.xml"])
        #expect(xml.status == 0)
        #expect(xml.out.contains("Matching ID        EXAMPLE-MATCHING-ID-0001"))
        #expect(!xml.out.contains("REDACTED-TOKEN"))
        let chip = runCLI(["profiles", Self.profiles + "/euicc-info2.der"])
        #expect(chip.status == 0)
        #expect(chip.outLines == [Self.profiles + "/euicc-info2.der — SGP.22 DER", "  SGP.22          2.2.2", "  Firmware        4.3.1",
                                  "  Free memory     97.7 KB", "  Category        mediumEuicc",
                                  "  Trusted CIs     GSMA test CI (SGP.26, NIST) (F54172BD…) — test CIs only: takes test profiles, not a carrier's",
                                  "  SAS             EX-SAS-0001",
                                  "  Forbidden       no profile may set: ppr1 (disabling this profile is not allowed)",
                                  "  Platform        EX-PLATFORM-01", "  DLOA registrar  https://dloa.example.com"])
    }

    @Test("standard input and --json")
    func stdin() throws {
        let line = #"{"type":"lpa","payload":{"code":0,"message":"success","data":[{"iccid":"8901260000000000014","profileState":"Enabled","iconType":"none"}]}}"#
        let run = runCLI(["profiles", "--json", "-"], stdin: [line])
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        let profiles = try #require(object["profiles"] as? [[String: Any]])
        #expect(profiles.first?["state"] as? String == "enabled")
        #expect(profiles.first?["iconType"] is NSNull)
    }

    @Test("errors exit 1 and say where", arguments: [
        ("error-lpac-broken-lines.jsonl", "line 2: not JSON"),
        ("error-incorrect-input-hex.txt", "profileInfoListError: incorrect input values (offset 3)"),
        ("error-not-entitlement.xml", "not <wap-provisioningdoc> (line 2)"),
        ("error-entitlement-invalid-parameter.xml", "reports an error result"),
    ])
    func errors(_ file: String, _ message: String) {
        let run = runCLI(["profiles", Self.profiles + "/" + file])
        #expect(run.status == 1)
        #expect(run.err.contains(message), "\(run.err)")
    }

    @Test("--json gives an error object for input it cannot read")
    func jsonError() throws {
        let run = runCLI(["profiles", "--json", Self.profiles + "/error-not-entitlement.xml"])
        #expect(run.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        let error = try #require(object["error"] as? [String: Any])
        #expect(error["code"] as? String == "notEntitlement")
        #expect(error["line"] as? Int == 2)
        #expect((object["file"] as? String)?.hasSuffix("error-not-entitlement.xml") == true)
    }

    @Test("a missing file and an empty input")
    func missing() {
        #expect(runCLI(["profiles", "/nonexistent/list.der"]).status == 1)
        let empty = runCLI(["profiles", "-"], stdin: [])
        #expect(empty.status == 1)
        #expect(empty.err.contains("empty"))
    }
}
