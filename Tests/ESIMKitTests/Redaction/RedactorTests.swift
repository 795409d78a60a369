import Foundation
import Testing
@testable import ESIMKit

@Suite("Redactor")
struct RedactorTests {
    static let redactor = Redactor(key: Array("test key, not a secret".utf8))

    /// (kind, value as written, how it may also appear once normalised)
    static let personal: [(PersonalDataKind, String)] = [
        (.phoneNumber, "(214) 867-5309"), (.phoneNumber, "214.867.5319"), (.phoneNumber, "+1 469 555 9876"),
        (.phoneNumber, "+44 20 7946 0123"),
        (.email, "margaret.thornbury@gmail.com"),
        (.iccid, "8901410321111851072"), (.iccid, "8901 4103 2111 1851 072"),
        (.eid, "89049032123451234512345678901235"),
        (.token, "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"),
        (.token, "AKIAIOSFODNN7EXAMPLE"),
        (.ipAddress, "73.15.201.44"), (.ipAddress, "2601:646:8d00:3b10:55c2:1a0b:9e4f:7c21"),
    ]

    /// Values that need a label or key to be known for what they are.
    static let labelled: [(PersonalDataKind, String, String)] = [
        (.name, "Hi, ", "Bartholomew"),
        (.name, "Account holder: ", "Margaret Thornbury"),
        (.accountNumber, "Account number: ", "2873-4512-9981"),
        (.imei, "IMEI ", "356938035643809"),
        (.imsi, "IMSI: ", "310410123456789"),
        (.cardNumber, "Visa ending in ", "4242"),
        (.streetAddress, "Ship to ", "1418 Elmwood Avenue, Apt 4B"),
        (.zipCode, "Dallas, TX ", "75201-4401"),
        (.activationCode, "LPA:1$rsp.truphone.com$", "QRF-BETTERROAMING-PMRDGIR2EARDEIT5"),
    ]

    /// Keyed values as JSON members and attributes.
    static let keyed: [(PersonalDataKind, String, String)] = [
        (.phoneNumber, "msisdn", "4698675309"), (.phoneNumber, "ctn", "9728675301"),
        (.accountNumber, "ban", "964273815"), (.accountNumber, "accountNumber", "582104736-00001"),
        (.name, "firstName", "Ignatius"), (.name, "lastName", "Featherstonehaugh"),
        (.zipCode, "postalCode", "60614"), (.imsi, "imsi", "310410987654321"),
        (.token, "sessionId", "9f8e7d6c5b4a39281706f5e4"), (.token, "csrf_token", "a8f3K2LmQ9xZ7pW4vB1nC6tY0rE5uI3o"),
    ]

    /// Every way a page carries text: a text node, an attribute, a comment, a URL, an
    /// inline script, a JSON document, an XML element.
    static func placements(_ value: String) -> [String] {
        // As encodeURIComponent writes it.
        let encoded = value.addingPercentEncoding(withAllowedCharacters: CharacterSet.alphanumerics.union(.init(charactersIn: "-_.!~*'()"))) ?? value
        return [
            "<html><body><p>Contact \(value) today</p></body></html>",
            "<html><body><div data-contact=\"\(value)\" title='\(value)'>x</div></body></html>",
            "<html><body><!-- owner \(value) --><p>x</p></body></html>",
            "<html><body><a href=\"https://example.com/help?who=\(encoded)&amp;x=1\">help</a></body></html>",
            "<html><body><script>window.__STATE__ = {\"note\": \"\(value)\"};</script></body></html>",
            "{\"account\": {\"note\": \"\(value)\"}}",
            "<?xml version=\"1.0\"?><account><note>\(value)</note></account>",
        ]
    }

    static func survives(_ value: String, in text: String) -> Bool {
        let digits = value.filter(\.isNumber)
        let encoded = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value
        if text.contains(value) || text.contains(encoded) { return true }
        // Re-spaced digits: 8901 4103 … must not survive as 89014103… either.
        return digits.count >= 7 && text.filter(\.isNumber).contains(digits)
    }

    @Test("personal data planted in every position is replaced, and nothing detectable is left",
          arguments: personal.map { "\($0.0.rawValue)|\($0.1)" })
    func planted(_ item: String) {
        let value = String(item.split(separator: "|", maxSplits: 1)[1])
        for page in Self.placements(value) {
            let (redacted, findings) = Self.redactor.redact(page)
            // The percent-encoded URL form of a value with spaces is a different string;
            // the others must name the value's kind.
            #expect(!findings.isEmpty, "nothing found in: \(page)")
            #expect(!Self.survives(value, in: redacted), "survived in: \(redacted)")
            #expect(Self.redactor.findings(in: redacted).isEmpty, "still found in: \(redacted)")
        }
    }

    @Test("percent-encoded runs are redacted together and each keeps its place; clean runs stay as they are")
    func percentEncodedRuns() {
        let page = #"<a href="/a?who=%2B44%2020%207946%200123&amp;next=%2Fhome%2Fstart">a</a> <a href="/b?mail=jordan.smith%40mailbox.org">b</a>"#
        let (redacted, findings) = Self.redactor.redact(page)
        #expect(Set(findings.map(\.kind)) == [.phoneNumber, .email], "\(findings)")
        #expect(!redacted.contains("7946") && !redacted.contains("jordan.smith"))
        #expect(redacted.contains("next=%2Fhome%2Fstart"), "\(redacted)")
        #expect(redacted.contains(#"<a href="/b?mail=user-"#) && redacted.contains("%40example.com"), "\(redacted)")
        #expect(Self.redactor.findings(in: redacted).isEmpty)
    }

    @Test("a query parameter of 32 or more hex digits is a token, whatever its name; shorter ones and paths stay")
    func hexQueryTokens() {
        let token = "2d660e41d51b2c049f40e863a4eb98a6d29fc1b2fa548413d678d7d6a1b7078"
        let page = #"<a href="/pass/select/GDPXSA04?crt=\#(token)" aria-label="Select">Select</a>"#
        let (redacted, findings) = Self.redactor.redact(page)
        #expect(findings.map(\.kind) == [.token])
        #expect(!redacted.contains(token) && redacted.contains("/pass/select/GDPXSA04?crt=redacted"))
        #expect(Self.redactor.findings(in: redacted).isEmpty)
        // A file name that is a hash, a short hex parameter, and hex followed by letters are not tokens.
        for kept in [#"<img src="/media/486d8bc88da171b161ac22e837c31246_banner.jpg">"#, #"<a href="/x?v=4532343047534d4172">x</a>"#,
                     #"<a href="/x?id=486d8bc88da171b161ac22e837c31246zz">x</a>"#] {
            #expect(Self.redactor.findings(in: kept).isEmpty, "\(kept)")
        }
    }

    @Test("labelled values are replaced where their label says what they are", arguments: labelled.map { "\($0.0.rawValue)|\($0.1)|\($0.2)" })
    func labelledValues(_ item: String) {
        let parts = item.split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        let (label, value) = (parts[1], parts[2])
        let pages = [
            "<html><body><p>\(label)\(value)</p></body></html>",
            "<html><body><p>\(label)<b>\(value)</b></p></body></html>",
            "<html><body><script>var text = \"\(label)\(value)\";</script></body></html>",
        ]
        // An activation code split by a tag is no longer a code.
        for page in pages where !(parts[0] == "activationCode" && page.contains("<b>")) {
            let (redacted, findings) = Self.redactor.redact(page)
            #expect(findings.contains { $0.kind.rawValue == parts[0] }, "\(page)")
            #expect(!redacted.contains(value), "survived in: \(redacted)")
            #expect(Self.redactor.findings(in: redacted).isEmpty)
        }
    }

    @Test("values under keys are replaced in JSON, attributes and query strings", arguments: keyed.map { "\($0.0.rawValue)|\($0.1)|\($0.2)" })
    func keyedValues(_ item: String) {
        let parts = item.split(separator: "|", maxSplits: 2).map(String.init)
        let (key, value) = (parts[1], parts[2])
        let pages = [
            "{\"data\": {\"\(key)\": \"\(value)\", \"amount\": \"$12.00\"}}",
            "<html><body><script>window.S = {\"\(key)\":\"\(value)\"};</script></body></html>",
            "<html><body><div data-\(key.lowercased())=\"\(value)\">x</div></body></html>",
        ]
        for page in pages where !(parts[0] == "name" && page.contains("data-")) {
            let (redacted, _) = Self.redactor.redact(page)
            #expect(!redacted.contains(value), "survived in: \(redacted)")
            #expect(redacted.contains("$12.00") || !page.contains("$12.00"))
        }
    }

    @Test("amounts, data figures, dates, support numbers and made-up values stay exactly as they were")
    func nonPersonal() {
        let keep = [
            "$187.42", "-$5.00", "($5.00)", "12.4 GB of 15 GB used", "7,657 MB", "Due Dec 3", "12/28/2026", "Dec 3, 2026",
            "2026-11-04 – 2026-12-03", "Nov 4, 2026 - Dec 3, 2026", "1-800-331-0500", "+1 800 922 0204", "611", "*225#",
            "(214) 555-0142", "972.555.0168", "v24.11.2", "LPA:1$smdp.example.com$TEST-0001", "user@example.com",
            "192.0.2.10", "13 days left", "75 GB", "Alex's iPhone", "Kid's Pixel", "Hi, there",
        ]
        let page = "<html><body>" + keep.map { "<p>\($0)</p>" }.joined() + "<p>Hi, Bartholomew</p></body></html>"
        let (redacted, findings) = Self.redactor.redact(page)
        #expect(findings.map(\.kind) == [.name])
        for value in keep { #expect(redacted.contains(value), "changed: \(value)") }
    }

    @Test("placeholders keep the format: 555-01xx, valid check digits, same length")
    func formats() throws {
        let (text, _) = Self.redactor.redact("call (214) 867-5309, SIM 8901410321111851072, EID 89049032123451234512345678901235, IMEI 356938035643809, +44 20 7946 0123")
        let phone = try #require(text.firstMatch(of: /\(([0-9]{3})\) ([0-9]{3})-([0-9]{4})/))
        #expect(phone.2 == "555" && phone.3.hasPrefix("01"))
        let iccid = try #require(text.firstMatch(of: /SIM ([0-9]+)/)).1
        #expect(iccid.count == 19 && iccid.hasPrefix("8901000"))
        #expect(try ICCID(String(iccid)).digits == String(iccid))  // a valid Luhn digit
        let eid = try #require(text.firstMatch(of: /EID ([0-9]+)/)).1
        #expect((try? EID(String(eid))) != nil)
        let imei = try #require(text.firstMatch(of: /IMEI ([0-9]+)/)).1
        #expect(imei.count == 15 && CheckDigits.luhnDigit(for: String(imei.dropLast())) == Int(String(imei.last!)))
        #expect(text.contains("+44 "))
        #expect(text.firstMatch(of: /\+44 [0-9]{2} [0-9]555 01[0-9]{2}/) != nil)
    }

    @Test("the same value gets the same placeholder everywhere for one key, another for another key")
    func stable() {
        let one = Self.redactor.redact("Call (214) 867-5309.").text
        let again = Self.redactor.redact("<p>(214) 867-5309</p>").text
        #expect(one.contains(String(again.dropFirst(3).prefix(14))))
        let other = Redactor(key: Array("another key".utf8)).redact("Call (214) 867-5309.").text
        #expect(one != other)
        // A name keeps one placeholder alone, in a full name and in a key.
        let names = Self.redactor.redact("Hi, Ignatius. Account holder: Ignatius Featherstonehaugh. {\"lastName\":\"Featherstonehaugh\"}").text
        let first = try? #require(names.firstMatch(of: /Hi, ([A-Z][a-z]+)/)?.1)
        #expect(names.contains("holder: \(first ?? "?") "))
        let surname = names.firstMatch(of: /"lastName":"([A-Za-z]+)"/)?.1
        #expect(surname != nil && names.contains("\(first ?? "?") \(surname ?? "?")"))
    }

    @Test("redacting twice changes nothing", arguments: ["att/overview.html", "verizon/overview.html", "tmobile/usage.html", "redpocket/prepaid.json"])
    func idempotent(_ sample: String) throws {
        let page = try String(contentsOfFile: PageSamples.directory + "/" + sample, encoding: .utf8)
            + "<!-- Hi, Bartholomew · (214) 867-5309 · margaret@gmail.com · ban=964273815 -->"
        let once = Self.redactor.redact(page).text
        let twice = Self.redactor.redact(once)
        #expect(twice.findings.isEmpty)
        #expect(twice.text == once)
    }

    @Test("what a spec reads from a page is the same after redaction",
          arguments: ["att/overview", "att/usage", "att/bill", "att/prepaid", "verizon/overview", "verizon/usage", "verizon/bill",
                      "verizon/prepaid", "tmobile/overview", "tmobile/usage", "tmobile/bill", "tmobile/prepaid"])
    func extractionUnchanged(_ sample: String) throws {
        var page = try String(contentsOfFile: PageSamples.directory + "/" + sample + ".html", encoding: .utf8)
        // Plant personal data where such pages keep it: a greeting, a footer, a script.
        page = page.replacingOccurrences(of: "</body>", with: """
        <footer><p>Hi, Bartholomew</p><p>bart@gmail.com · (469) 867-5309 · 1418 Elmwood Avenue, Dallas, TX 75201</p>
        <script>window.__USER__ = {"msisdn":"4698675309","firstName":"Bartholomew","sessionId":"9f8e7d6c5b4a39281706f5e4"};</script></footer></body>
        """)
        let extractor = try PageExtractor(specs: try CuratedSpecs.load().pageSpecs)
        let reference = PageSamples.reference
        let before = try extractor.inspect(PageInput(name: sample, bytes: Array(page.utf8)), options: .init(reference: reference))
        let (redacted, findings) = Self.redactor.redact(page)
        #expect(findings.count >= 6)
        let after = try extractor.inspect(PageInput(name: sample, bytes: Array(redacted.utf8)), options: .init(reference: reference))
        #expect(ExpectedSnapshot(after) == ExpectedSnapshot(before))
    }

    @Test("a file that is not UTF-8 keeps its bytes outside the replaced spans")
    func singleByte() {
        var bytes = Array("<p>Caf".utf8) + [0xE9] + Array(" · Hi, Bartholomew · ".utf8) + [0xA9, 0x20] + Array("(214) 867-5309</p>".utf8)
        bytes = bytes.map { $0 == 0xC2 ? 0x20 : $0 }  // keep it invalid UTF-8 on purpose
        let (text, encoding) = FileText.decode(bytes)
        #expect(encoding == .singleByte)
        let out = FileText.encode(Self.redactor.redact(text).text, as: encoding)
        #expect(out.contains(0xE9) && out.contains(0xA9))
        #expect(!String(decoding: out, as: UTF8.self).contains("Bartholomew"))
        #expect(out.count == bytes.count - "Bartholomew".count + (Self.redactor.redact(text).text.count - text.count + "Bartholomew".count))
    }

    @Test("the allow-list keeps known test values")
    func allowList() {
        let allowed = Redactor.allowList("# test vectors\n8901410321111851072  # a made-up ICCID\n\n")
        #expect(allowed == ["8901410321111851072"])
        let redactor = Redactor(key: [1, 2, 3], allowed: allowed)
        #expect(redactor.findings(in: "SIM 8901410321111851072").isEmpty)
        #expect(redactor.findings(in: "SIM 8901 4103 2111 1851 072").isEmpty)  // separators removed to compare
    }

    @Test("findings say where, and print only a masked hint")
    func positions() throws {
        let findings = Self.redactor.findings(in: "line one\n  call (214) 867-5309\n")
        let finding = try #require(findings.first)
        #expect(finding.line == 2 && finding.column == 8)
        #expect(finding.hint == "(***) ***-**09")
        #expect(finding.kind == .phoneNumber)
    }
}
