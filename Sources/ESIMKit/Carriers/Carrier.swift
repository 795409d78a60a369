/// A mobile carrier: who it is, which network codes and card numbers are its, and how its
/// customers check their balance and reach support. Curated carriers come from the
/// `Specs/` files; the system's provider database adds the rest of the world. Every
/// fact names its source.
public struct Carrier: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, Codable {
        /// Runs its own radio network.
        case network
        /// Sells service on another carrier's network.
        case mvno
    }

    /// Where the entry came from.
    public enum Origin: Hashable, Sendable {
        /// A curated spec file (its name).
        case spec(String)
        /// The system provider database (its path and the provider's line).
        case providerDatabase(path: String, line: Int)
    }

    public var id: String
    public var name: String
    public var aliases: [String]
    /// ISO 3166-1 alpha-2, lower case (`us`).
    public var country: String
    public var kind: Kind
    /// For an MVNO, the ids of the networks it runs on.
    public var hostNetworks: [String]
    public var domains: [String]
    public var networkCodes: [NetworkCode]
    public var iccidPrefixes: [ICCIDPrefix]
    public var apps: [CarrierApp]
    public var account: SourcedText?
    public var support: [SupportContact]
    public var balanceChecks: [BalanceCheck]
    public var apns: [AccessPointName]
    public var notes: [SourcedText]
    /// The sources facts cite, by id.
    public var sources: [String: FactSource]
    public var origin: Origin

    public init(id: String, name: String, aliases: [String] = [], country: String, kind: Kind = .network,
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
    public var citedSourceIDs: [String] {
        let all = networkCodes.map(\.source) + iccidPrefixes.map(\.source) + apps.map(\.source)
            + (account.map { [$0.source] } ?? []) + support.map(\.source) + balanceChecks.map(\.source)
            + apns.map(\.source) + notes.map(\.source)
        var seen = Set<String>()
        return all.filter { seen.insert($0).inserted }
    }
}
