import ESIMSupport

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
    private var iccidMentions: [UInt64: Found] = [:]
    /// IMSI mentions by the IMSI's first six digits (MCC and every MNC reading).
    private var imsiMentions: [UInt64: Found] = [:]

    /// Mentions, and their JSON member as a bulk decode writes it (`,"carriers":[…]`).
    struct Found {
        var mentions: [Mention]
        var json: [UInt8]

        init(_ mentions: [Mention]) {
            self.mentions = mentions
            var json = JSONBytes()
            DecodeResult.writeCarriers(mentions, to: &json)
            self.json = json.bytes
        }
    }

    /// `nil` for results that are not a valid ICCID or IMSI.
    package func mentions(for result: DecodeResult) -> [Mention]? { found(for: result)?.mentions }

    /// ``mentions(for:)`` as the JSON member `,"carriers":[…]`, written once per cached entry.
    package func carriersJSON(for result: DecodeResult) -> [UInt8]? { found(for: result)?.json }

    /// The first `length` digits of `digits` (at most 18; curated prefixes have a few) as
    /// one number, times 32, plus how many there were: a cache key without a `String`.
    static func prefixKey(_ digits: String, length: Int) -> UInt64 {
        var value: UInt64 = 0
        var count: UInt64 = 0
        let limit = min(UInt64(length), 18)
        func read(_ bytes: some Sequence<UInt8>) {
            for byte in bytes {
                guard count < limit else { break }
                value = value &* 10 &+ UInt64(byte &- 0x30)
                count += 1
            }
        }
        if digits.utf8.withContiguousStorageIfAvailable({ read($0) }) == nil { read(digits.utf8) }
        return value &* 32 &+ count
    }

    private func found(for result: DecodeResult) -> Found? {
        switch result {
        case .iccid(.success(let decoded)):
            guard let registry = Self.curated else { return Found([]) }
            // The carriers depend only on the longest curated prefix's worth of digits: that
            // many, read as a number (with the count, so `0…` prefixes stay apart).
            let key = Self.prefixKey(decoded.iccid.digits, length: Self.longestICCIDPrefix)
            if let cached = iccidMentions[key] { return cached }
            let mentions = registry.carriers(iccid: decoded.iccid).map {
                Mention(id: $0.carrier.id, name: $0.carrier.name,
                        reason: "ICCID prefix \($0.prefix.prefix), \($0.prefix.confidence.rawValue) confidence")
            }
            // Bounded: a file of random numbers must not grow the cache without end.
            let found = Found(mentions)
            if iccidMentions.count < 4096 { iccidMentions[key] = found }
            return found
        case .imsi(.success(let decoded)):
            guard let registry = Self.withProviders else { return Found([]) }
            // The carriers depend only on the MCC and the MNC readings: the first six digits.
            let key = Self.prefixKey(decoded.imsi.digits, length: 6)
            if let cached = imsiMentions[key] { return cached }
            let mentions = registry.carriers(imsi: decoded.imsi).map {
                Mention(id: $0.carrier.id, name: $0.carrier.name,
                        reason: $0.host.map { "MVNO on \(registry.carrier(id: $0)?.name ?? $0)'s network code" } ?? "network code \($0.code.mcc)-\($0.code.mnc)")
            }
            let found = Found(mentions)
            if imsiMentions.count < 4096 { imsiMentions[key] = found }
            return found
        default:
            return nil
        }
    }
}
