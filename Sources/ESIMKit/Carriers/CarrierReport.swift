/// What a carrier query found, ready for text or JSON (`carrier --json`).
package struct CarrierReport: Encodable, Sendable {
    package var query: String
    package var kind: String
    /// One line on how the match was made (`310-260 is claimed by 3 carriers`).
    package var summary: String
    package var carriers: [Carrier]
    /// Per carrier, why it matched (`network code, source …`, `ICCID prefix 8901260, medium`).
    package var reasons: [String]
    /// For a name nothing matched: the near misses (`verison` → Verizon).
    package var suggestions: [Carrier] = []
    /// Per carrier (by id), what its page specs read from its saved account pages: every
    /// field of every page kind with its status (`required`, `optional`, `notExposed`).
    /// Filled by the caller that has the page specs (``FieldMatrix``).
    package var pageFields: [String: [FieldMatrix.PageField]] = [:]

    enum Key: String, CodingKey { case query, kind, summary, matches, suggestions }

    struct Suggestion: Encodable {
        var id: String
        var name: String
        var country: String
    }

    struct Match: Encodable {
        var reason: String
        var carrier: Carrier
        /// What `inspect` reads from the carrier's saved pages; absent when unknown.
        var pages: [FieldMatrix.PageField]?
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(query, forKey: .query)
        try container.encode(kind, forKey: .kind)
        try container.encode(summary, forKey: .summary)
        try container.encode(zip(reasons, carriers).map { Match(reason: $0.0, carrier: $0.1, pages: pageFields[$0.1.id]) }, forKey: .matches)
        if !suggestions.isEmpty {
            try container.encode(suggestions.map { Suggestion(id: $0.id, name: $0.name, country: $0.country) }, forKey: .suggestions)
        }
    }

    /// The carriers `query` names, each with why it matched: by name, by network code (the
    /// ones that run it and the MVNOs on it), by IMSI (both MNC readings when the length is
    /// unknown) or by ICCID prefix.
    /// `country` (`--country`) and `localeCountry` (from the user's locale) steer names
    /// shared across countries; see ``CarrierRegistry/resolve(name:country:localeCountry:)``.
    package static func build(_ query: CarrierQuery, registry: CarrierRegistry, country: String? = nil,
                              localeCountry: String? = nil) -> CarrierReport {
        func hostName(_ id: String) -> String { registry.carrier(id: id)?.name ?? id }
        // --country narrows every kind of query, not only names.
        func inCountry(_ matches: [CarrierRegistry.NetworkMatch]) -> [CarrierRegistry.NetworkMatch] {
            guard let country = country?.lowercased() else { return matches }
            return matches.filter { $0.carrier.country == country }
        }
        switch query {
        case .name(let name):
            let resolution = registry.resolve(name: name, country: country, localeCountry: localeCountry)
            let found = resolution.carriers
            var report = CarrierReport(query: name, kind: "name",
                                       summary: found.count == 1 ? "" : "\(found.count) carriers match '\(name)'",
                                       carriers: found, reasons: resolution.reasons)
            report.suggestions = resolution.suggestions
            return report
        case .network(let mcc, let mnc):
            let matches = inCountry(registry.carriers(mcc: mcc, mnc: mnc))
            return network(matches, label: "\(mcc)-\(mnc)", query: "\(mcc)-\(mnc)", kind: "network", hostName: hostName)
        case .imsi(let imsi):
            let matches = inCountry(registry.carriers(imsi: imsi))
            let label = imsi.mnc.map { "\(imsi.mcc)-\($0)" } ?? "\(imsi.mcc) (MNC length unknown: both readings tried)"
            return network(matches, label: "IMSI \(imsi.digits) → \(label)", query: imsi.digits, kind: "imsi", hostName: hostName)
        case .iccid(let iccid):
            let matches = registry.carriers(iccid: iccid).filter { country == nil || $0.carrier.country == country!.lowercased() }
            return CarrierReport(query: iccid.digits, kind: "iccid",
                                 summary: matches.isEmpty ? "no curated ICCID prefix matches \(iccid.digits)"
                                     : "ICCID \(iccid.digits) starts with a prefix of \(matches.count == 1 ? "one carrier" : "\(matches.count) carriers")",
                                 carriers: matches.map(\.carrier),
                                 reasons: matches.map { "ICCID prefix \($0.prefix.prefix) (confidence \($0.prefix.confidence.rawValue), source \($0.prefix.source))" })
        }
    }

    static func network(_ matches: [CarrierRegistry.NetworkMatch], label: String, query: String, kind: String,
                        hostName: (String) -> String) -> CarrierReport {
        let summary: String
        switch matches.count {
        case 0: summary = "\(label): no carrier known"
        case 1: summary = "\(label): one carrier"
        default:
            let told = matches.contains { $0.code.discriminator != nil }
            summary = "\(label) is used by \(matches.count) carriers; "
                + (told ? "the SIM's GID1 or SPN tells them apart (see 'match')"
                        : "the SIM's GID1 or SPN tells them apart, which no source here records")
        }
        return CarrierReport(query: query, kind: kind, summary: summary, carriers: matches.map(\.carrier),
                             reasons: matches.map { match in
                                 var reason = match.host.map { "MVNO on \(hostName($0))'s code" } ?? "network code, source \(match.code.source)"
                                 if let discriminator = match.code.discriminator { reason += ", match \(discriminator)" }
                                 return reason
                             })
    }
}
