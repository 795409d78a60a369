/// Which carriers a decoded ICCID or IMSI points to. The registries (curated specs, and
/// with the provider database) are read on first use only, once a process and shared by
/// every instance (the workers of a bulk decode each have one), so activation codes never
/// pay for them.
package final class CarrierMentions {
    /// A carrier the number points to, and why (`ICCID prefix 8901260, medium confidence`).
    package struct Mention: Hashable, Sendable, Encodable {
        package var id: String
        package var name: String
        package var reason: String
    }

    package init() {}

    /// ICCID prefixes come only from the curated specs, so an ICCID skips the provider
    /// database; an IMSI needs it for the world's networks. (Static: loaded once, safely
    /// from any thread.)
    private static let curated = try? CarrierRegistry.load(providers: .off, apns: nil)
    private static let withProviders = try? CarrierRegistry.load(providers: .automatic, apns: nil)
    /// The longest curated ICCID prefix: an ICCID's mentions depend on that many digits.
    private static let longestICCIDPrefix = curated?.carriers.flatMap(\.iccidPrefixes).map(\.prefix.utf8.count).max() ?? 0

    /// ICCID mentions by the ICCID's first digits: they depend on nothing else (a bulk
    /// decode of a million cards of a few issuers looks each issuer up once).
    private var iccidMentions: [String: [Mention]] = [:]
    /// IMSI mentions by the IMSI's first six digits (MCC and every MNC reading).
    private var imsiMentions: [String: [Mention]] = [:]

    /// `nil` for results that are not a valid ICCID or IMSI.
    package func mentions(for result: DecodeResult) -> [Mention]? {
        switch result {
        case .iccid(.success(let decoded)):
            guard let registry = Self.curated else { return [] }
            let key = String(decoded.iccid.digits.prefix(Self.longestICCIDPrefix))
            if let cached = iccidMentions[key] { return cached }
            let mentions = registry.carriers(iccid: decoded.iccid).map {
                Mention(id: $0.carrier.id, name: $0.carrier.name,
                        reason: "ICCID prefix \($0.prefix.prefix), \($0.prefix.confidence.rawValue) confidence")
            }
            // Bounded: a file of random numbers must not grow the cache without end.
            if iccidMentions.count < 4096 { iccidMentions[key] = mentions }
            return mentions
        case .imsi(.success(let decoded)):
            guard let registry = Self.withProviders else { return [] }
            // The carriers depend only on the MCC and the MNC readings: the first six digits.
            let key = String(decoded.imsi.digits.prefix(6))
            if let cached = imsiMentions[key] { return cached }
            let mentions = registry.carriers(imsi: decoded.imsi).map {
                Mention(id: $0.carrier.id, name: $0.carrier.name,
                        reason: $0.host.map { "MVNO on \(registry.carrier(id: $0)?.name ?? $0)'s network code" } ?? "network code \($0.code.mcc)-\($0.code.mnc)")
            }
            if imsiMentions.count < 4096 { imsiMentions[key] = mentions }
            return mentions
        default:
            return nil
        }
    }
}
