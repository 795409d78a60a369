/// The JSON form of a carrier, as `esimtool carrier --json` prints it. Every fact keeps
/// its `source`, an id into `sources`.
extension Carrier: Encodable {
    enum Key: String, CodingKey {
        case id, name, aliases, country, kind, hosts, domains, origin, networks, iccidPrefixes, apps, account
        case support, balanceChecks, apns, notes, ended, sources
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(aliases, forKey: .aliases)
        try container.encode(country, forKey: .country)
        try container.encode(kind.rawValue, forKey: .kind)
        try container.encode(hostNetworks, forKey: .hosts)
        try container.encode(domains, forKey: .domains)
        switch origin {
        case .spec(let file): try container.encode(["spec": file], forKey: .origin)
        case .providerDatabase(let path, let line): try container.encode(["providerDatabase": "\(path):\(line)"], forKey: .origin)
        }
        try container.encode(networkCodes.map { JSONFields([("mcc", $0.mcc), ("mnc", $0.mnc), ("match", $0.discriminator), ("source", $0.source)]) },
                             forKey: .networks)
        try container.encode(iccidPrefixes.map { JSONFields([("prefix", $0.prefix), ("confidence", $0.confidence.rawValue), ("source", $0.source)]) },
                             forKey: .iccidPrefixes)
        try container.encode(apps.map { JSONFields([("name", $0.name), ("appStore", $0.appStoreID), ("googlePlay", $0.playStoreID), ("source", $0.source)]) },
                             forKey: .apps)
        try container.encode(account.map { JSONFields([("url", $0.text), ("source", $0.source)]) }, forKey: .account)
        try container.encode(support.map { JSONFields([("kind", $0.kind.rawValue), ("contact", $0.contact), ("note", $0.note), ("source", $0.source)]) },
                             forKey: .support)
        try container.encode(balanceChecks.map {
            JSONFields([("method", $0.method.rawValue), ("code", $0.code), ("text", $0.text), ("shows", $0.shows),
                        ("topUp", $0.isTopUp ? "true" : nil), ("source", $0.source)])
        }, forKey: .balanceChecks)
        try container.encode(apns.map {
            JSONFields([("apn", $0.apn), ("name", $0.name), ("plans", $0.plans.isEmpty ? nil : $0.plans.joined(separator: ",")),
                        ("usage", $0.usage.isEmpty ? nil : $0.usage.map(\.rawValue).joined(separator: ",")),
                        ("username", $0.username), ("password", $0.password), ("authentication", $0.authentication),
                        ("mmsc", $0.mmsc), ("mmsProxy", $0.mmsProxy), ("source", $0.source)])
        }, forKey: .apns)
        try container.encode(notes.map { JSONFields([("text", $0.text), ("source", $0.source)]) }, forKey: .notes)
        if let ended {
            try container.encode(JSONFields([("on", ended.date.description), ("text", ended.text), ("source", ended.source)]), forKey: .ended)
        } else {
            try container.encodeNil(forKey: .ended)
        }
        try container.encode(citedSourceIDs.compactMap { sources[$0] }.map {
            JSONFields([("id", $0.id), ("title", $0.title), ("url", $0.url), ("published", $0.published),
                        ("thirdParty", $0.thirdParty ? "true" : nil)])
        },
                             forKey: .sources)
    }
}

/// An object of optional string fields, written in order; absent ones are left out.
struct JSONFields: Encodable {
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    var fields: [(String, String?)]

    init(_ fields: [(String, String?)]) {
        self.fields = fields
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (key, value) in fields {
            if let value { try container.encode(value, forKey: Key(stringValue: key)) }
        }
    }
}
