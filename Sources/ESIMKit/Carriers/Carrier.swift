/// A mobile carrier: who it is, which network codes and card numbers are its, and how its
/// customers check their balance and reach support. Curated carriers come from the
/// `Specs/` files; the system's provider database adds the rest of the world. Every
/// fact names its source.
package struct Carrier: Hashable, Sendable {
    package enum Kind: String, Hashable, Sendable, Codable {
        /// Runs its own radio network.
        case network
        /// Sells service on another carrier's network.
        case mvno
    }

    /// Where the entry came from.
    package enum Origin: Hashable, Sendable {
        /// A curated spec file (its name).
        case spec(String)
        /// The system provider database (its path and the provider's line).
        case providerDatabase(path: String, line: Int)
    }

    package var id: String
    package var name: String
    package var aliases: [String]
    /// ISO 3166-1 alpha-2, lower case (`us`).
    package var country: String
    package var kind: Kind
    /// For an MVNO, the ids of the networks it runs on.
    package var hostNetworks: [String]
    package var domains: [String]
    package var networkCodes: [NetworkCode]
    package var iccidPrefixes: [ICCIDPrefix]
    package var apps: [CarrierApp]
    package var account: SourcedText?
    package var support: [SupportContact]
    package var balanceChecks: [BalanceCheck]
    package var apns: [AccessPointName]
    package var notes: [SourcedText]
    /// When the carrier stopped operating (merged, bought, shut down); `nil` while it runs.
    package var ended: CarrierEnd?
    /// The sources facts cite, by id.
    package var sources: [String: FactSource]
    package var origin: Origin

    package init(id: String, name: String, aliases: [String] = [], country: String, kind: Kind = .network,
                hostNetworks: [String] = [], domains: [String] = [], networkCodes: [NetworkCode] = [],
                iccidPrefixes: [ICCIDPrefix] = [], apps: [CarrierApp] = [], account: SourcedText? = nil,
                support: [SupportContact] = [], balanceChecks: [BalanceCheck] = [], apns: [AccessPointName] = [],
                notes: [SourcedText] = [], sources: [String: FactSource] = [:], origin: Origin) {
        self.id = id
        self.name = name
        self.aliases = aliases
        self.country = country
        self.kind = kind
        self.hostNetworks = hostNetworks
        self.domains = domains
        self.networkCodes = networkCodes
        self.iccidPrefixes = iccidPrefixes
        self.apps = apps
        self.account = account
        self.support = support
        self.balanceChecks = balanceChecks
        self.apns = apns
        self.notes = notes
        self.sources = sources
        self.origin = origin
    }
}

extension Carrier {
    /// The ids of the sources the facts cite, in first-cited order.
    package var citedSourceIDs: [String] {
        let all = networkCodes.map(\.source) + iccidPrefixes.map(\.source) + apps.map(\.source)
            + (account.map { [$0.source] } ?? []) + support.map(\.source) + balanceChecks.map(\.source)
            + apns.map(\.source) + notes.map(\.source) + (ended.map { [$0.source] } ?? [])
        var seen = Set<String>()
        return all.filter { seen.insert($0).inserted }
    }
}
