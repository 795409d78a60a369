import ESIMSupport

/// Every carrier the toolkit knows: the curated specs (built in, plus a user's own), and
/// the system provider database when it is installed. Curated facts win; the database
/// adds what they do not say, each fact keeping its source.
package struct CarrierRegistry: Sendable {
    /// Curated carriers (with database facts merged in) first, then database-only ones.
    package private(set) var carriers: [Carrier]
    /// Android APN entries, when the system APN list was read.
    package private(set) var apnEntries: [AndroidAPNList.Entry]
    /// What could not be read (a missing system file is not an error: the curated
    /// specs still answer).
    package private(set) var notes: [String]
    /// Which provider database answered: a path, or the built-in copy and its date;
    /// `nil` when none was read.
    package var providerSource: String?
    /// The normalized id, name and aliases of each carrier, parallel to `carriers`.
    private let nameKeys: [Set<String>]
    /// Every ICCID prefix as bytes, with its carrier's index and the prefix's.
    private let iccidPrefixTable: [(bytes: [UInt8], carrier: Int, prefix: Int)]

    /// Builds a registry from parsed parts.
    package init(curated: [Carrier], database: ProviderDatabase? = nil, apnList: AndroidAPNList? = nil,
                notes: [String] = []) {
        var merged = curated
        let curatedNames = curated.map(Self.names(of:))
        var databaseOnly: [Carrier] = []
        for system in database?.carriers ?? [] {
            let systemNames = Self.names(of: system)
            if let index = merged.indices.first(where: {
                merged[$0].country == system.country && !curatedNames[$0].isDisjoint(with: systemNames)
            }) {
                Self.absorb(system, into: &merged[index])
            } else {
                databaseOnly.append(system)
            }
        }
        // The database marks no MVNOs; one sharing a code with a curated network still
        // operating is one, and runs on that network.
        var hostOfCode: [String: String] = [:]
        for network in merged where network.kind == .network && network.ended == nil {
            for code in network.networkCodes where hostOfCode[code.plmn] == nil { hostOfCode[code.plmn] = network.id }
        }
        for index in databaseOnly.indices {
            var hosts: [String] = []
            for code in databaseOnly[index].networkCodes {
                if let host = hostOfCode[code.plmn], !hosts.contains(host) { hosts.append(host) }
            }
            guard !hosts.isEmpty else { continue }
            databaseOnly[index].kind = .mvno
            databaseOnly[index].hostNetworks = hosts
        }
        carriers = merged + databaseOnly
        nameKeys = carriers.map(Self.names(of:))
        let all = merged + databaseOnly
        iccidPrefixTable = all.indices.flatMap { carrier in
            all[carrier].iccidPrefixes.indices.map { (Array(all[carrier].iccidPrefixes[$0].prefix.utf8), carrier, $0) }
        }
        apnEntries = apnList?.entries ?? []
        self.notes = notes
    }

    /// The built-in specs, then the `.yaml` files of `specsDirectory` (a spec with the id
    /// of a built-in one replaces it), then the provider database `providers` chooses and
    /// the system APN list when `apns` is given and the file exists.
    package static func load(specsDirectory: String? = nil,
                            providers: ProviderChoice = .automatic,
                            apns: String? = ProviderDatabase.systemAPNPath) throws(SpecError) -> CarrierRegistry {
        // The carrier facts only: page sections are read by inspect and validate.
        let curated = try CuratedSpecs.load(specsDirectory: specsDirectory, pages: false).carriers
        var notes: [String] = []
        var database: ProviderDatabase?
        var answered: String?
        switch providers {
        case .off:
            break
        case .file(let path):
            if FileStatus.isReadable(path) {
                do {
                    database = try ProviderDatabase(contentsOfFile: path)
                    answered = path
                } catch {
                    notes.append("provider database not used: \(error)")
                }
            } else {
                notes.append("provider database not used: \(path): " + (FileStatus.exists(path) ? "not readable" : "no such file"))
            }
        case .automatic:
            let system = ProviderDatabase.systemPath
            let embedded = ProviderDatabase.embeddedHeader
            if let systemDate = ProviderDatabase.fileDate(system), systemDate > embedded.date {
                do {
                    database = try ProviderDatabase(contentsOfFile: system)
                    answered = "\(system) (\(systemDate), newer than the built-in \(embedded.date))"
                } catch {
                    notes.append("system provider database not used: \(error)")
                }
            }
            if database == nil {
                database = ProviderDatabase.embedded
                answered = database == nil ? nil : "the built-in copy of mobile-broadband-provider-info \(embedded.date)"
            }
        }
        var apnList: AndroidAPNList?
        if let apns, FileStatus.isReadable(apns) {
            do {
                apnList = try AndroidAPNList(contentsOfFile: apns)
            } catch {
                notes.append("APN list not used: \(error)")
            }
        }
        var registry = CarrierRegistry(curated: curated, database: database, apnList: apnList, notes: notes)
        registry.providerSource = answered
        return registry
    }

    // MARK: Merging

    /// `AT&T` → `att`, `T-Mobile` → `tmobile`: letters and digits only, lower case.
    static func normalized(_ name: String) -> String {
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(name.utf8.count)
            for byte in name.utf8 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): bytes.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 32)
                default: break
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        return String(String.UnicodeScalarView(name.lowercased().unicodeScalars.filter {
            $0.properties.isAlphabetic || ("0"..."9").contains($0)
        }))
    }

    static func names(of carrier: Carrier) -> Set<String> {
        Set(([carrier.id, carrier.name] + carrier.aliases).map(normalized))
    }

    /// Adds what the database knows and the spec does not say.
    static func absorb(_ system: Carrier, into carrier: inout Carrier) {
        for code in system.networkCodes
        where !carrier.networkCodes.contains(where: { $0.mcc == code.mcc && $0.mnc == code.mnc }) {
            carrier.networkCodes.append(code)
        }
        for check in system.balanceChecks where !carrier.balanceChecks.contains(where: { $0.code == check.code }) {
            carrier.balanceChecks.append(check)
        }
        carrier.apns += system.apns
        carrier.sources[FactSource.providerDatabase.id] = .providerDatabase
    }

    // MARK: Lookups

    package func carrier(id: String) -> Carrier? {
        carriers.first { $0.id == id }
    }

    /// Carriers whose id, name or alias matches `query` ignoring case and punctuation;
    /// when none does exactly, those whose name contains it.
    package func carriers(named query: String) -> [Carrier] {
        let key = Self.normalized(query)
        guard !key.isEmpty else { return [] }
        let exact = carriers.indices.filter { nameKeys[$0].contains(key) }
        if !exact.isEmpty { return exact.map { carriers[$0] } }
        return carriers.indices.filter { nameKeys[$0].contains { $0.contains(key) } }.map { carriers[$0] }
    }

    /// What a name query resolved to: the carriers, why each matched, and, when nothing
    /// did, the near misses.
    package struct NameResolution: Hashable, Sendable {
        package var carriers: [Carrier]
        package var reasons: [String]
        /// For a query nothing matched: carriers whose id, name or alias is one or two
        /// edits away (`verison` → Verizon), closest first.
        package var suggestions: [Carrier]
    }

    /// Resolves a name so that it lands on one carrier whenever it can:
    /// 1. an exact id wins outright (every id a listing prints resolves to its carrier);
    /// 2. then an exact curated name or alias (`T-Mobile`, `tmo`), ignoring case and
    ///    punctuation, wins over the database's namesakes in other countries;
    /// 3. then exact names of the database: `country` (`--country`) keeps that country's;
    ///    without it, the country of the user's locale wins when it has exactly one;
    /// 4. then names containing the query, `country` applied.
    /// A name shared across countries with no country to prefer lists every match.
    package func resolve(name query: String, country: String? = nil, localeCountry: String? = nil) -> NameResolution {
        let country = country?.lowercased()
        let key = Self.normalized(query)
        func result(_ indices: [Int], _ reason: String) -> NameResolution {
            NameResolution(carriers: indices.map { carriers[$0] }, reasons: indices.map { _ in reason }, suggestions: [])
        }
        func inCountry(_ indices: [Int]) -> [Int] {
            guard let country else { return indices }
            return indices.filter { carriers[$0].country == country }
        }
        guard !key.isEmpty else { return result([], "") }
        let lowered = query.lowercased()
        if let exact = carriers.indices.first(where: { carriers[$0].id == lowered }),
           country == nil || carriers[exact].country == country {
            return result([exact], "id")
        }
        let named = inCountry(carriers.indices.filter { nameKeys[$0].contains(key) })
        let curated = named.filter { if case .spec = carriers[$0].origin { true } else { false } }
        if !curated.isEmpty { return result(curated, "name") }
        if named.count > 1, country == nil, let localeCountry {
            let local = named.filter { carriers[$0].country == localeCountry.lowercased() }
            if local.count == 1 { return result(local, "name, in your locale's country (\(localeCountry.uppercased()))") }
        }
        if !named.isEmpty { return result(named, "name") }
        let containing = inCountry(carriers.indices.filter { nameKeys[$0].contains { $0.contains(key) } })
        if !containing.isEmpty { return result(containing, "name contains '\(query)'") }
        // Nothing: the near misses, for "did you mean".
        let limit = key.count <= 4 ? 1 : 2
        var near: [(distance: Int, index: Int)] = []
        for index in carriers.indices where country == nil || carriers[index].country == country {
            let distance = nameKeys[index].map { Self.editDistance($0, key, limit: limit) }.min() ?? .max
            if distance <= limit { near.append((distance, index)) }
        }
        near.sort { ($0.distance, $0.index) < ($1.distance, $1.index) }
        var resolution = result([], "")
        resolution.suggestions = near.prefix(3).map { carriers[$0.index] }
        return resolution
    }

    /// See ``EditDistance/between(_:_:limit:)``.
    static func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
        EditDistance.between(a, b, limit: limit)
    }

    /// A carrier that uses a network code, and on what terms.
    package struct NetworkMatch: Hashable, Sendable {
        package var carrier: Carrier
        package var code: NetworkCode
        /// For an MVNO found through its spec's `hosts`: the host whose code this is.
        package var host: String?
    }

    /// Every carrier claiming `mcc`-`mnc`, networks before MVNOs. More than one is normal
    /// (MVNOs use their host's code); the SIM's GID1 or SPN tells them apart, as
    /// ``NetworkCode/discriminator`` records where it is known.
    package func carriers(mcc: String, mnc: String) -> [NetworkMatch] {
        var matches: [NetworkMatch] = []
        for carrier in carriers {
            for code in carrier.networkCodes where code.mcc == mcc && code.mnc == mnc {
                matches.append(NetworkMatch(carrier: carrier, code: code, host: nil))
            }
        }
        // MVNOs whose spec names a host that owns the code use it too. (A database MVNO's
        // host is inferred from its own codes: it is listed by those, not by its host's.)
        let owners = matches.filter { $0.carrier.kind == .network }
        for carrier in carriers where !matches.contains(where: { $0.carrier.id == carrier.id }) {
            guard case .spec = carrier.origin else { continue }
            if let owner = owners.first(where: { carrier.hostNetworks.contains($0.carrier.id) }) {
                matches.append(NetworkMatch(carrier: carrier, code: owner.code, host: owner.carrier.id))
            }
        }
        for entry in apnEntries where entry.mcc == mcc && entry.mnc == mnc && entry.discriminator != nil {
            if let index = matches.firstIndex(where: { Self.names(of: $0.carrier).contains(Self.normalized(entry.carrier)) }) {
                matches[index].code.discriminator = matches[index].code.discriminator ?? entry.discriminator
            }
        }
        return matches.sorted { ($0.carrier.kind == .network ? 0 : 1) < ($1.carrier.kind == .network ? 0 : 1) }
    }

    /// The carriers an IMSI points to: by its MCC and MNC, trying both MNC lengths when
    /// the length is not known.
    package func carriers(imsi: IMSI) -> [NetworkMatch] {
        var seen: Set<String> = []
        return imsi.readings.flatMap { carriers(mcc: imsi.mcc, mnc: $0.mnc) }.filter { seen.insert($0.carrier.id).inserted }
    }

    /// A carrier whose ICCID prefix an ICCID starts with.
    package struct ICCIDMatch: Hashable, Sendable {
        package var carrier: Carrier
        package var prefix: ICCIDPrefix
    }

    /// Carriers whose ICCID prefixes match, longest prefix first.
    package func carriers(iccid: ICCID) -> [ICCIDMatch] {
        var matches: [ICCIDMatch] = []
        // Digits against the prefix table, byte by byte: no Unicode-aware prefix test, and
        // no carrier copied unless it matches.
        let digits = Array(iccid.digits.utf8)
        for entry in iccidPrefixTable where entry.bytes.count <= digits.count && digits.starts(with: entry.bytes) {
            let carrier = carriers[entry.carrier]
            matches.append(ICCIDMatch(carrier: carrier, prefix: carrier.iccidPrefixes[entry.prefix]))
        }
        return matches.sorted { $0.prefix.prefix.count > $1.prefix.prefix.count }
    }

    /// Carriers in a country (ISO alpha-2, any case), curated first.
    package func carriers(country: String?) -> [Carrier] {
        guard let country else { return carriers }
        return carriers.filter { $0.country == country.lowercased() }
    }

    /// APN entries from the Android list for a carrier: those naming it, and, for a
    /// network operator, those on its codes that name no other known carrier.
    package func androidAPNs(for carrier: Carrier) -> [AndroidAPNList.Entry] {
        let names = Self.names(of: carrier)
        let codes = Set(carrier.networkCodes.map(\.plmn))
        return apnEntries.filter { entry in
            if names.contains(Self.normalized(entry.carrier)) { return true }
            guard carrier.kind == .network, codes.contains(entry.mcc + entry.mnc) else { return false }
            let other = carriers(named: entry.carrier).contains { $0.id != carrier.id }
            return !other
        }
    }
}

/// What `esimtool carrier QUERY` asked about.
package enum CarrierQuery: Hashable, Sendable {
    case name(String)
    case network(mcc: String, mnc: String)
    case imsi(IMSI)
    case iccid(ICCID)

    /// `310260`, `310-260` and `310 260` are network codes; 89… numbers ICCIDs; other
    /// digit strings of 6–15 digits IMSIs; anything else a name.
    /// What digits that failed to read as a query were taken for: `ICCID` (18 or more
    /// digits after 89) or `IMSI`.
    package static func identifierName(of text: String) -> String {
        let digits = text.filter { $0.isASCII && $0.isNumber }
        return digits.hasPrefix("89") && digits.count >= 18 ? "ICCID" : "IMSI"
    }

    package init(_ text: String) throws(IdentifierError) {
        let digits = text.filter { !$0.isWhitespace && $0 != "-" }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else {
            self = .name(text)
            return
        }
        if digits.count == 5 || digits.count == 6 {
            let mcc = String(digits.prefix(3))
            self = .network(mcc: mcc, mnc: String(digits.dropFirst(3)))
        } else if digits.hasPrefix("89") && digits.count >= 18 {
            self = .iccid(try ICCID(digits))
        } else {
            self = .imsi(try IMSI(digits))
        }
    }
}
