import Foundation
import Testing
@testable import ESIMKit

@Suite("CarrierSpec")
struct CarrierSpecTests {
    static let minimal = """
    id: example
    name: Example Wireless
    country: us
    sources:
      site: {title: "Example — support", url: "https://example.com/support"}
    support:
      - {kind: shortCode, contact: "611", source: site}
    """

    @Test("a minimal spec loads")
    func minimal() throws {
        let carrier = try CarrierSpec.parse(Self.minimal, file: "example.yaml")
        #expect(carrier.id == "example")
        #expect(carrier.support.first?.contact == "611")
        #expect(carrier.sources["site"]?.url == "https://example.com/support")
        #expect(carrier.origin == .spec("example.yaml"))
    }

    /// (spec text, error code, line, key path)
    static let rejects: [(String, SpecError.Code, Int, String)] = [
        ("id: x\nname: X\ncountry: us\ncolour: red\n", .unknownKey, 4, "colour"),
        ("id: x\nname: X\n", .missingKey, 1, ""),
        ("id: X Y\nname: X\ncountry: us\n", .invalidValue, 1, "id"),
        ("id: x\nname: X\ncountry: usa\n", .invalidValue, 3, "country"),
        ("id: x\nname: [a, b]\ncountry: us\n", .wrongType, 2, "name"),
        ("id: x\nname: X\ncountry: us\nnetworks:\n  - {mcc: \"31\", mnc: \"260\", source: mobile-broadband-provider-info}\n", .invalidValue, 5, "networks[0].mcc"),
        ("id: x\nname: X\ncountry: us\nnetworks:\n  - {mcc: \"310\", mnc: \"2600\", source: mobile-broadband-provider-info}\n", .invalidValue, 5, "networks[0].mnc"),
        ("id: x\nname: X\ncountry: us\nnetworks:\n  - {mcc: \"310\", mnc: \"260\", source: nowhere}\n", .unknownSource, 5, "networks[0].source"),
        ("id: x\nname: X\ncountry: us\niccidPrefixes:\n  - {prefix: \"1234\", confidence: high, source: mobile-broadband-provider-info}\n", .invalidValue, 5, "iccidPrefixes[0].prefix"),
        // A Los Angeles number called toll-free.
        ("id: x\nname: X\ncountry: us\nsupport:\n  - {kind: tollFree, contact: \"+1 213 372 7777\", source: mobile-broadband-provider-info}\n", .invalidValue, 5, "support[0].contact"),
        ("id: x\nname: X\ncountry: us\niccidPrefixes:\n  - {prefix: \"8901\", confidence: certain, source: mobile-broadband-provider-info}\n", .invalidValue, 5, "iccidPrefixes[0].confidence"),
        ("id: x\nname: X\ncountry: us\nbalanceChecks:\n  - {method: sms, code: \"611\", source: mobile-broadband-provider-info}\n", .missingKey, 5, "balanceChecks[0]"),
        ("id: x\nname: X\ncountry: us\naccount: {url: \"example.com\", source: mobile-broadband-provider-info}\n", .invalidValue, 4, "account.url"),
        ("id: x\nname: X\nname: Y\ncountry: us\n", .duplicateKey, 3, "name"),
        ("id: x\nname: X\ncountry: us\naccount:\n  url: https://a.example\n  url: https://b.example\n", .duplicateKey, 6, "url"),
        // One key twice, once with an explicit tag: still the same key, reported on the
        // line that repeats it, in a small mapping and in one past 16 keys.
        ("id: x\nname: X\n!!str name: Y\ncountry: us\n", .duplicateKey, 3, "name"),
        ("id: x\nname: X\ncountry: us\nsources:\n" + (1...17).map { "  s\($0): {title: T}\n" }.joined() + "  !!str s3: {title: U}\n",
         .duplicateKey, 22, "s3"),
        ("id: x\nname: X\ncountry: us\nsupport: {kind: tollFree}\n", .wrongType, 4, "support"),
        // A source's date is a year or a date; third-party is a flag.
        ("id: x\nname: X\ncountry: us\nsources:\n  s: {title: T, published: \"May 2012\"}\n", .invalidValue, 5, "sources.s.published"),
        ("id: x\nname: X\ncountry: us\nsources:\n  s: {title: T, published: \"2012-5-1\"}\n", .invalidValue, 5, "sources.s.published"),
        ("id: x\nname: X\ncountry: us\nsources:\n  s: {title: T, thirdParty: maybe}\n", .wrongType, 5, "sources.s.thirdParty"),
        // A carrier's end is a day, with what became of it and a source.
        ("id: x\nname: X\ncountry: us\nended: {on: \"April 2020\", text: T, source: mobile-broadband-provider-info}\n", .invalidValue, 4, "ended.on"),
        ("id: x\nname: X\ncountry: us\nended: {on: \"04/01/2020\", text: T, source: mobile-broadband-provider-info}\n", .invalidValue, 4, "ended.on"),
        ("id: x\nname: X\ncountry: us\nended: {on: \"2020-04-01\", source: mobile-broadband-provider-info}\n", .missingKey, 4, "ended"),
        ("id: x\n  name: [unclosed\n", .invalidYAML, 2, ""),
        ("- just\n- a list\n", .notAMapping, 1, ""),
    ]

    @Test("a source's date and origin: a third-party or old source is marked beside the facts resting on it")
    func sourceCaveats() throws {
        let text = "id: x\nname: X\ncountry: us\nsources:\n  old: {title: Old, published: \"2012-05-11\"}\n"
            + "  copy: {title: Copy, thirdParty: true, published: \"2026\"}\n  own: {title: Own}\n"
            + "support:\n  - {kind: shortCode, contact: \"611\", source: own}\n"
        let carrier = try CarrierSpec.parse(text, file: "x.yaml")
        #expect(carrier.sources["old"]?.caveat(currentYear: 2026) == "source from 2012")
        #expect(carrier.sources["old"]?.caveat(currentYear: 2014) == nil)
        #expect(carrier.sources["old"]?.caveat(currentYear: nil) == nil)
        #expect(carrier.sources["copy"]?.caveat(currentYear: 2026) == "third-party source")
        #expect(carrier.sources["own"]?.caveat(currentYear: 2026) == nil)
    }

    @Test("a carrier that no longer operates says since when and what became of it, from its source")
    func ended() throws {
        let carrier = try CarrierSpec.parse("id: x\nname: X\ncountry: us\nsources:\n  news: {title: News}\n"
            + "ended: {on: \"2020-04-01\", text: \"Merged into Y.\", source: news}\n", file: "x.yaml")
        #expect(carrier.ended == CarrierEnd(date: CalendarDate(year: 2020, month: 4, day: 1)!, text: "Merged into Y.", source: "news"))
        #expect(carrier.citedSourceIDs == ["news"])
        let registry = try CarrierRegistry.load(providers: .off, apns: nil)
        #expect(registry.carrier(id: "sprint")?.ended?.date.year == 2020)
        #expect(registry.carrier(id: "alltel")?.ended?.date.year == 2013)
        #expect(registry.carrier(id: "tmobile")?.ended == nil)
    }

    @Test("bad specs name the file, line and key", arguments: rejects)
    func rejected(_ text: String, _ code: SpecError.Code, _ line: Int, _ path: String) {
        let error = #expect(throws: SpecError.self) { try CarrierSpec.parse(text, file: "bad.yaml") }
        #expect(error?.code == code)
        #expect(error?.line == line)
        #expect((error?.location.keyPath ?? "") == path)
        #expect(error?.file == "bad.yaml")
        #expect(error?.description.hasPrefix("bad.yaml:\(line)") == true)
    }

    @Test("every built-in spec loads, cites only declared sources and uses all it declares")
    func builtIns() throws {
        for (name, text) in BuiltInSpecs.files {
            let carrier = try CarrierSpec.parse(text, file: name)
            #expect(name == carrier.id + ".yaml", "\(name) holds id \(carrier.id)")
            let cited = Set(carrier.citedSourceIDs)
            #expect(cited.allSatisfy { carrier.sources[$0] != nil })
            // And every source a built-in spec declares is used (the shared ones are implicit).
            let declared = Set(carrier.sources.keys).subtracting(CarrierSpec.sharedSources.keys)
            #expect(declared.subtracting(cited).isEmpty, "\(name) declares unused sources \(declared.subtracting(cited).sorted())")
        }
    }

    @Test("the built-in specs' pages are read on first use, and read the same as an eager parse")
    func deferredPages() throws {
        let loaded = try CuratedSpecs.load().pageSpecs
        #expect(!loaded.isEmpty)
        #expect(loaded.allSatisfy { $0.pagesAreDeferred }, "nothing is read before a page is needed")
        var eagerSpecs: [AccountPageSpec] = []
        for spec in loaded {
            let text = try #require(BuiltInSpecs.files.first { "Specs/" + $0.name == spec.file }?.text)
            let eager = try #require(try CarrierSpec.parseDocument(text, file: spec.file).pages)
            #expect(!eager.pagesAreDeferred)
            #expect(!spec.pages.isEmpty)
            #expect(spec.pages == eager.pages, "\(spec.file)")
            #expect(spec == eager)
            #expect(!spec.pagesAreDeferred)
            eagerSpecs.append(eager)
        }
        // Reading page specs alone gives the same page specs.
        #expect(try CuratedSpecs.pageSpecs() == loaded)
        // Every built-in spec's rules compile (an eager extractor compiles them all, and
        // throws on the first that does not), so compiling them later cannot fail.
        let extractor = try PageExtractor(specs: eagerSpecs)
        #expect(extractor.specs.count == loaded.count)
    }

    @Test("the encoded nodes compiled in are the built-in specs as read now (Scripts/generate-spec-nodes rewrites them)")
    func encodedNodes() throws {
        let expected = try BuiltInSpecs.encodeNodes()
        if ProcessInfo.processInfo.environment["ESIMTOOL_WRITE_SPEC_NODES"] == "1" {
            let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Sources/ESIMKit/Carriers/SpecNodes/builtin-specs.nodes")
            try Data(expected).write(to: path)
            print("wrote \(path.path) (\(expected.count) bytes); build again to compile it in")
            return
        }
        #expect(BuiltInSpecs.encodedNodes == expected, "Specs/ changed since the nodes were encoded: run Scripts/generate-spec-nodes")
        #expect(BuiltInSpecs.nodes.count == BuiltInSpecs.files.count)
        // And the specs read from them are the specs read from the YAML.
        for (name, text) in BuiltInSpecs.files {
            let root = try #require(BuiltInSpecs.nodes[name])
            let fromNodes = try CarrierSpec.parseDocument(SpecNode(node: root, file: name, path: ""), file: name)
            let fromYAML = try CarrierSpec.parseDocument(text, file: name)
            #expect(fromNodes.carrier == fromYAML.carrier, "\(name)")
            #expect(fromNodes.pages == fromYAML.pages, "\(name)")
        }
    }

    static let specsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Specs")

    @Test("every file in Specs/ is compiled in")
    func everySpecBuiltIn() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.specsDirectory.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files == BuiltInSpecs.files.map(\.name).sorted(),
                "add new Specs/*.yaml files to BuiltInSpecs.files in CarrierSpec.swift")
    }
}

@Suite("CarrierRegistry")
struct CarrierRegistryTests {
    static let registry = try! CarrierRegistry.load(providers: .off, apns: nil)

    @Test("AT&T, Verizon and T-Mobile are found by id, name and every alias", arguments: ["att", "verizon", "tmobile"])
    func byName(_ id: String) throws {
        let carrier = try #require(Self.registry.carrier(id: id))
        for key in [carrier.id, carrier.name] + carrier.aliases {
            #expect(Self.registry.carriers(named: key).first?.id == id, "\(key)")
            #expect(Self.registry.carriers(named: key.uppercased()).first?.id == id, "\(key) upper-cased")
        }
    }

    @Test("short names and punctuation", arguments: [
        ("att", "att"), ("AT&T", "att"), ("at & t", "att"), ("vzw", "verizon"), ("tmo", "tmobile"),
        ("T Mobile", "tmobile"), ("metropcs", "metro"), ("fi", "google-fi"), ("Straight-Talk", "straight-talk"),
    ])
    func aliases(_ query: String, _ id: String) {
        #expect(Self.registry.carriers(named: query).map(\.id) == [id])
    }

    @Test("every curated network code finds its carrier")
    func byNetworkCode() {
        for carrier in Self.registry.carriers {
            for code in carrier.networkCodes {
                #expect(Self.registry.carriers(mcc: code.mcc, mnc: code.mnc).contains { $0.carrier.id == carrier.id },
                        "\(carrier.id) \(code.plmn)")
            }
        }
    }

    @Test("every curated ICCID prefix finds its carrier")
    func byICCID() throws {
        for carrier in Self.registry.carriers {
            for prefix in carrier.iccidPrefixes {
                let body = prefix.prefix + String(repeating: "0", count: 18 - prefix.prefix.count)
                let iccid = try ICCID.complete(body)
                #expect(Self.registry.carriers(iccid: iccid).first?.carrier.id == carrier.id, "\(prefix.prefix)")
            }
        }
    }

    @Test("an IMSI finds its carrier through the MNC-length table")
    func byIMSI() throws {
        #expect(try Self.registry.carriers(imsi: IMSI("310410123456789")).first?.carrier.id == "att")
        #expect(try Self.registry.carriers(imsi: IMSI("311480123456789")).first?.carrier.id == "verizon")
        #expect(try Self.registry.carriers(imsi: IMSI("310260123456789")).first?.carrier.id == "tmobile")
    }

    @Test("a shared network code lists every carrier on it, networks first")
    func shared() {
        let matches = Self.registry.carriers(mcc: "310", mnc: "260")
        #expect(matches.first?.carrier.id == "tmobile")
        #expect(Set(matches.map(\.carrier.id)) == ["tmobile", "mint", "us-mobile", "metro", "google-fi"])
        #expect(matches.first { $0.carrier.id == "metro" }?.host == "tmobile")
        let verizon = Self.registry.carriers(mcc: "311", mnc: "480")
        #expect(verizon.map(\.carrier.id) == ["verizon", "visible", "xfinity-mobile", "spectrum-mobile"])
    }

    @Test("queries are told apart", arguments: [
        ("att", "name"), ("310-260", "network"), ("310 260", "network"), ("31026", "network"),
        ("310260123456789", "imsi"), ("8901260000000000048", "iccid"),
    ])
    func queries(_ text: String, _ kind: String) throws {
        let query = try CarrierQuery(text)
        switch query {
        case .name: #expect(kind == "name")
        case .network: #expect(kind == "network")
        case .imsi: #expect(kind == "imsi")
        case .iccid: #expect(kind == "iccid")
        }
    }

    @Test("a user's spec directory adds carriers and can replace a built-in one")
    func userSpecs() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("specs-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try CarrierSpecTests.minimal.write(to: directory.appendingPathComponent("example.yaml"), atomically: true, encoding: .utf8)
        try "id: att\nname: AT&T (local)\ncountry: us\n".write(to: directory.appendingPathComponent("att.yaml"),
                                                              atomically: true, encoding: .utf8)
        let registry = try CarrierRegistry.load(specsDirectory: directory.path, providers: .off, apns: nil)
        #expect(registry.carrier(id: "example")?.name == "Example Wireless")
        #expect(registry.carrier(id: "att")?.name == "AT&T (local)")

        try "id: x\nname: X\ncountry: us\nbogus: 1\n".write(to: directory.appendingPathComponent("broken.yaml"),
                                                            atomically: true, encoding: .utf8)
        let error = #expect(throws: SpecError.self) {
            try CarrierRegistry.load(specsDirectory: directory.path, providers: .off, apns: nil)
        }
        #expect(error?.code == .unknownKey)
        #expect(error?.file?.hasSuffix("broken.yaml") == true)
        #expect(error?.line == 4)
    }
}
