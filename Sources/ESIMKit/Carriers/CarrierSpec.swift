import ESIMYAML

/// Reads the identity and guidance sections of a carrier spec (`Specs/<id>.yaml`).
/// The format is documented in `Specs/README.md`.
package enum CarrierSpec {
    static let topLevelKeys: Set<String> = [
        "id", "name", "aliases", "country", "kind", "hosts", "domains", "sources", "networks", "iccidPrefixes",
        "apps", "account", "support", "balanceChecks", "notes", "ended", "recognize", "pages", "fixtures",
    ]

    /// Sources every spec may cite without declaring them.
    static let sharedSources: [String: FactSource] = [
        FactSource.providerDatabase.id: .providerDatabase,
        FactSource.androidAPNs.id: .androidAPNs,
    ]

    /// Parses one spec's carrier facts. `file` is how errors name it.
    package static func parse(_ text: String, file: String) throws(SpecError) -> Carrier {
        try parseDocument(text, file: file).carrier
    }

    /// Parses one spec whole: the carrier, and where its account pages keep each field
    /// (`nil` when the spec has no `pages`).
    /// - Parameter pages: read (and compile) the `recognize` and `pages` sections; the
    ///   carrier commands skip them, `inspect` and `validate` need them.
    /// - Parameter deferPages: with `pages`, read the `pages` section on first use (for the
    ///   built-in specs, which a test reads whole).
    package static func parseDocument(_ text: String, file: String, pages readPages: Bool = true,
                                      deferPages: Bool = false) throws(SpecError) -> (carrier: Carrier, pages: AccountPageSpec?) {
        try parseDocument(SpecNode.parse(text, file: file), file: file, pages: readPages, deferPages: deferPages)
    }

    /// A built-in spec's identity and page spec only (its pages read on first use; only for
    /// the nodes the tests read): for reading pages, which needs no other carrier fact. The carrier returned holds only
    /// the id, name and domains.
    static func parsePageSpec(_ root: SpecNode, file: String) throws(SpecError) -> (carrier: Carrier, pages: AccountPageSpec?) {
        let fields = try root.mapping(allowed: topLevelKeys)
        var carrier = Carrier(id: try fields.required("id", in: root).nonEmptyString(),
                              name: try fields.required("name", in: root).nonEmptyString(),
                              country: "", sources: [:], origin: .spec(file))
        carrier.domains = try fields["domains"]?.stringList() ?? []
        return (carrier, try PageSpecParser.parse(fields, carrier: carrier, file: file, deferPages: true))
    }

    /// The same, from the document's nodes (a built-in spec's, read when the binary was
    /// built).
    static func parseDocument(_ root: SpecNode, file: String, pages readPages: Bool = true,
                              deferPages: Bool = false) throws(SpecError) -> (carrier: Carrier, pages: AccountPageSpec?) {
        let fields = try root.mapping(allowed: topLevelKeys)

        let idNode = try fields.required("id", in: root)
        let id = try idNode.nonEmptyString()
        guard id.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else {
            throw idNode.error(.invalidValue, "an id is lower-case letters, digits and '-' (like 'att' or 'us-mobile')")
        }
        let name = try fields.required("name", in: root).nonEmptyString()
        // What the spec's fixtures were made from (a named public capture, or synthetic).
        if let fixtures = fields["fixtures"] { _ = try fixtures.nonEmptyString() }
        let countryNode = try fields.required("country", in: root)
        let country = try countryNode.nonEmptyString().lowercased()
        guard country.count == 2, country.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) }) else {
            throw countryNode.error(.invalidValue, "a country is an ISO 3166 two-letter code (like 'us')")
        }

        var sources = sharedSources
        for (key, entry) in try fields["sources"]?.entries() ?? [] {
            let parts = try entry.mapping(allowed: ["title", "url", "published", "thirdParty"])
            var published: String?
            if let node = parts["published"] {
                let text = try node.nonEmptyString()
                let digits = text.utf8.map { $0 &- 0x30 < 10 }
                let shapes: [[Bool]] = [[true, true, true, true], [true, true, true, true, false, true, true],
                                        [true, true, true, true, false, true, true, false, true, true]]
                guard shapes.contains(digits), text.utf8.filter({ $0 == UInt8(ascii: "-") }).count == digits.filter({ !$0 }).count else {
                    throw node.error(.invalidValue, "'published' is a year or a date: 2012, 2022-12 or 2022-12-07")
                }
                published = text
            }
            sources[key] = FactSource(id: key, title: try parts.required("title", in: entry).nonEmptyString(),
                                      url: try parts["url"]?.nonEmptyString(), published: published,
                                      thirdParty: try parts["thirdParty"]?.bool() ?? false)
        }
        func source(_ fields: [String: SpecNode], in parent: SpecNode) throws(SpecError) -> String {
            let node = try fields.required("source", in: parent)
            let value = try node.nonEmptyString()
            guard sources[value] != nil else {
                throw node.error(.unknownSource, "source '\(value)' is not declared under 'sources'")
            }
            return value
        }

        var carrier = Carrier(id: id, name: name, country: country, sources: sources, origin: .spec(file))
        carrier.aliases = try fields["aliases"]?.stringList() ?? []
        if let node = fields["kind"] { carrier.kind = Carrier.Kind(rawValue: try node.oneOf(["network", "mvno"]))! }
        carrier.hostNetworks = try fields["hosts"]?.stringList() ?? []
        carrier.domains = try fields["domains"]?.stringList() ?? []

        for item in try fields["networks"]?.sequence() ?? [] {
            let parts = try item.mapping(allowed: ["mcc", "mnc", "source", "match"])
            let mccNode = try parts.required("mcc", in: item)
            let mncNode = try parts.required("mnc", in: item)
            let mcc = try mccNode.string(), mnc = try mncNode.string()
            guard mcc.count == 3, mcc.allSatisfy(\.isASCIIDigit) else { throw mccNode.error(.invalidValue, "an MCC is three digits") }
            guard (2...3).contains(mnc.count), mnc.allSatisfy(\.isASCIIDigit) else {
                throw mncNode.error(.invalidValue, "an MNC is two or three digits (quote it to keep a leading zero)")
            }
            carrier.networkCodes.append(NetworkCode(mcc: mcc, mnc: mnc, source: try source(parts, in: item),
                                                    discriminator: try parts["match"]?.nonEmptyString()))
        }
        for item in try fields["iccidPrefixes"]?.sequence() ?? [] {
            let parts = try item.mapping(allowed: ["prefix", "confidence", "source"])
            let prefixNode = try parts.required("prefix", in: item)
            let prefix = try prefixNode.string()
            guard prefix.count >= 4, prefix.count <= 10, prefix.hasPrefix("89"), prefix.allSatisfy(\.isASCIIDigit) else {
                throw prefixNode.error(.invalidValue, "an ICCID prefix is 4 to 10 digits starting with 89")
            }
            let confidence = ICCIDPrefix.Confidence(rawValue: try parts.required("confidence", in: item)
                .oneOf(ICCIDPrefix.Confidence.allCases.map(\.rawValue)))!
            carrier.iccidPrefixes.append(ICCIDPrefix(prefix: prefix, confidence: confidence,
                                                     source: try source(parts, in: item)))
        }
        for item in try fields["apps"]?.sequence() ?? [] {
            let parts = try item.mapping(allowed: ["name", "appStore", "googlePlay", "source"])
            carrier.apps.append(CarrierApp(name: try parts.required("name", in: item).nonEmptyString(),
                                           appStoreID: try parts["appStore"]?.nonEmptyString(),
                                           playStoreID: try parts["googlePlay"]?.nonEmptyString(),
                                           source: try source(parts, in: item)))
        }
        if let node = fields["account"] {
            let parts = try node.mapping(allowed: ["url", "source"])
            let urlNode = try parts.required("url", in: node)
            let url = try urlNode.nonEmptyString()
            guard url.hasPrefix("https://") || url.hasPrefix("http://") else {
                throw urlNode.error(.invalidValue, "the account address is a web address (https://…)")
            }
            carrier.account = SourcedText(url, source: try source(parts, in: node))
        }
        for item in try fields["support"]?.sequence() ?? [] {
            let parts = try item.mapping(allowed: ["kind", "contact", "note", "source"])
            let kind = SupportContact.Kind(rawValue: try parts.required("kind", in: item)
                .oneOf(SupportContact.Kind.allCases.map(\.rawValue)))!
            let contactNode = try parts.required("contact", in: item)
            let contact = try contactNode.nonEmptyString()
            // A number called toll-free that is not (a Los Angeles number, say) misleads.
            if kind == .tollFree, let area = SupportContact.northAmericanAreaCode(contact),
               !SupportContact.tollFreeAreaCodes.contains(area) {
                throw contactNode.error(.invalidValue, "\(contact) is not toll-free (area code \(area); NANP toll-free codes are "
                    + SupportContact.tollFreeAreaCodes.sorted().joined(separator: ", ") + "); use kind: phone")
            }
            carrier.support.append(SupportContact(kind: kind, contact: contact,
                                                  note: try parts["note"]?.nonEmptyString(),
                                                  source: try source(parts, in: item)))
        }
        for item in try fields["balanceChecks"]?.sequence() ?? [] {
            let parts = try item.mapping(allowed: ["method", "code", "text", "shows", "topUp", "source"])
            let method = BalanceCheck.Method(rawValue: try parts.required("method", in: item)
                .oneOf(BalanceCheck.Method.allCases.map(\.rawValue)))!
            let text = try parts["text"]?.nonEmptyString()
            if method == .sms && text == nil { throw item.error(.missingKey, "an sms check needs the 'text' to send") }
            carrier.balanceChecks.append(BalanceCheck(method: method, code: try parts.required("code", in: item).nonEmptyString(),
                                                      text: text, shows: try parts["shows"]?.nonEmptyString(),
                                                      isTopUp: try parts["topUp"]?.bool() ?? false,
                                                      source: try source(parts, in: item)))
        }
        for item in try fields["notes"]?.sequence() ?? [] {
            let parts = try item.mapping(allowed: ["text", "source"])
            carrier.notes.append(SourcedText(try parts.required("text", in: item).nonEmptyString(),
                                             source: try source(parts, in: item)))
        }
        if let item = fields["ended"] {
            let parts = try item.mapping(allowed: ["on", "text", "source"])
            let on = try parts.required("on", in: item)
            let day = try on.nonEmptyString()
            let bytes = Array(day.utf8)
            guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D, let date = try? CalendarDate(day) else {
                throw on.error(.invalidValue, "'\(day)' is not a day like 2020-04-01")
            }
            carrier.ended = CarrierEnd(date: date, text: try parts.required("text", in: item).nonEmptyString(),
                                       source: try source(parts, in: item))
        }
        return (carrier, readPages ? try PageSpecParser.parse(fields, carrier: carrier, file: file, deferPages: deferPages) : nil)
    }
}

/// The curated specs: the built-in ones, then the `.yaml` files of a directory (a spec
/// with the id of a built-in one replaces it; two of the directory's with one id are an
/// error).
package struct CuratedSpecs: Sendable {
    package var carriers: [Carrier]
    package var pageSpecs: [AccountPageSpec]

    package static func load(specsDirectory: String? = nil, pages: Bool = true) throws(SpecError) -> CuratedSpecs {
        try load(specsDirectory: specsDirectory, pages: pages, builtInFacts: true)
    }

    /// The page specs alone, for reading pages (`inspect`, `track`, `validate`): the same
    /// as `load().pageSpecs`, without reading the built-in specs' carrier facts (support,
    /// apps, networks…), which reading a page never needs. A directory's specs are read
    /// whole, so their mistakes are still reported.
    package static func pageSpecs(specsDirectory: String? = nil) throws(SpecError) -> [AccountPageSpec] {
        try load(specsDirectory: specsDirectory, pages: true, builtInFacts: false).pageSpecs
    }

    private static func load(specsDirectory: String?, pages: Bool, builtInFacts: Bool) throws(SpecError) -> CuratedSpecs {
        var entries: [(carrier: Carrier, pages: AccountPageSpec?)] = []
        // The built-in specs come as nodes read when the binary was built, and their pages
        // are read when a page needs them (a test reads them all from those nodes). A file
        // whose text changed since (a build that skipped Scripts/generate-spec-nodes) is
        // read from its YAML, whole, so its mistakes are reported as for a user's spec.
        for (name, text) in BuiltInSpecs.files {
            let file = "Specs/" + name
            let root: SpecNode
            let tested: Bool
            if let node = BuiltInSpecs.nodes[name] {
                (root, tested) = (SpecNode(node: node, file: file, path: ""), true)
            } else {
                (root, tested) = (try SpecNode.parse(text, file: file), false)
            }
            if builtInFacts || !tested {
                entries.append(try CarrierSpec.parseDocument(root, file: file, pages: pages, deferPages: tested))
            } else {
                entries.append(try CarrierSpec.parsePageSpec(root, file: file))
            }
        }
        let builtInCount = entries.count
        if let specsDirectory {
            var seen: [String: String] = [:]
            for file in try SpecFiles.list(specsDirectory) {
                let entry = try CarrierSpec.parseDocument(try SpecFiles.read(file), file: file, pages: pages)
                let id = entry.carrier.id
                if let existing = seen[id] {
                    throw SpecError(.duplicateID, "id '\(id)' is also used by \(existing)", file: file, line: 1)
                }
                seen[id] = file
                if let index = entries.prefix(builtInCount).firstIndex(where: { $0.carrier.id == id }) {
                    entries[index] = entry
                } else {
                    entries.append(entry)
                }
            }
        }
        return CuratedSpecs(carriers: entries.map(\.carrier), pageSpecs: entries.compactMap(\.pages))
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

/// The repository's `Specs/` files, compiled into the binary.
package enum BuiltInSpecs {
    /// Every built-in spec as (file name, text). A test checks that each file in
    /// `Specs/` is listed here.
    package static let files: [(name: String, text: String)] = [
        ("att.yaml", PackageResources.att_yaml),
        ("verizon.yaml", PackageResources.verizon_yaml),
        ("tmobile.yaml", PackageResources.tmobile_yaml),
        ("cricket.yaml", PackageResources.cricket_yaml),
        ("metro.yaml", PackageResources.metro_yaml),
        ("visible.yaml", PackageResources.visible_yaml),
        ("mint.yaml", PackageResources.mint_yaml),
        ("google-fi.yaml", PackageResources.google_fi_yaml),
        ("us-mobile.yaml", PackageResources.us_mobile_yaml),
        ("straight-talk.yaml", PackageResources.straight_talk_yaml),
        ("boost.yaml", PackageResources.boost_yaml),
        ("consumer-cellular.yaml", PackageResources.consumer_cellular_yaml),
        ("tracfone.yaml", PackageResources.tracfone_yaml),
        ("xfinity-mobile.yaml", PackageResources.xfinity_mobile_yaml),
        ("spectrum-mobile.yaml", PackageResources.spectrum_mobile_yaml),
        ("sprint.yaml", PackageResources.sprint_yaml),
        ("alltel.yaml", PackageResources.alltel_yaml),
        ("redpocket.yaml", PackageResources.redpocket_yaml),
        ("spusu.yaml", PackageResources.spusu_yaml),
        ("iliad.yaml", PackageResources.iliad_yaml),
        ("yettel.yaml", PackageResources.yettel_yaml),
    ].map { ($0.0, String(decoding: $0.1, as: UTF8.self)) }

    /// The encoded nodes of every built-in spec (`SpecNodes/builtin-specs.nodes`, written
    /// by `Scripts/generate-spec-nodes`; a test holds it equal to reading `Specs/` now).
    package static var encodedNodes: [UInt8] { PackageResources.builtin_specs_nodes }

    /// Each built-in spec's root node by file name, from ``encodedNodes``: only the files
    /// whose text is still the one they were encoded from (its fingerprint); any other is
    /// read from its YAML, so a stale encoding costs time, never a wrong answer.
    static let nodes: [String: YAMLNode] = {
        guard let documents = try? YAMLDocument.decode(encodedNodes) else { return [:] }
        var result: [String: YAMLNode] = [:]
        for document in documents {
            guard let root = document.root, let text = files.first(where: { $0.name == document.name })?.text,
                  YAMLDocument.fingerprint(of: text) == document.fingerprint else { continue }
            result[document.name] = root
        }
        return result
    }()

    /// What ``encodedNodes`` should hold: every built-in spec read from its YAML now.
    package static func encodeNodes() throws(SpecError) -> [UInt8] {
        var documents: [YAMLDocument.Encoded] = []
        for (name, text) in files {
            let root = try SpecNode.parse(text, file: "Specs/" + name).node
            documents.append(YAMLDocument.Encoded(name: name, fingerprint: YAMLDocument.fingerprint(of: text), root: root))
        }
        return YAMLDocument.encode(documents)
    }
}
