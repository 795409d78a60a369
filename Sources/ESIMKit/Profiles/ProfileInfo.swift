/// One eSIM profile on an eUICC, as SGP.22 `ProfileInfo` describes it (ES10c
/// GetProfilesInfo), however it was obtained: an LPA's JSON, the DER itself.
public struct ProfileInfo: Hashable, Sendable {
    /// The ICCID digits (SGP.22 carries them as nibble-swapped BCD, `F`-padded).
    public var iccid: String?
    /// The ISD-P application identifier, upper-case hex.
    public var isdpAID: String?
    public var state: ProfileState?
    public var nickname: String?
    public var serviceProviderName: String?
    public var profileName: String?
    public var iconType: IconType?
    /// The icon's bytes (PNG or JPEG).
    public var icon: [UInt8]?
    /// SGP.22 `profileClass`; `operational` when the DER leaves it out (its default).
    public var profileClass: ProfileClass?
    /// Profile policy rules (SGP.22 `PprIds`).
    public var policyRules: PolicyRules?
    /// The operator that owns the profile (SGP.22 `profileOwner`: MCC/MNC and group ids).
    public var owner: ProfileOwner?

    public init(iccid: String? = nil, isdpAID: String? = nil, state: ProfileState? = nil, nickname: String? = nil,
                serviceProviderName: String? = nil, profileName: String? = nil, iconType: IconType? = nil, icon: [UInt8]? = nil,
                profileClass: ProfileClass? = nil, policyRules: PolicyRules? = nil, owner: ProfileOwner? = nil) {
        self.iccid = iccid
        self.isdpAID = isdpAID
        self.state = state
        self.nickname = nickname
        self.serviceProviderName = serviceProviderName
        self.profileName = profileName
        self.iconType = iconType
        self.icon = icon
        self.profileClass = profileClass
        self.policyRules = policyRules
        self.owner = owner
    }
}

/// An SGP.22 INTEGER enumeration: the defined values with their names, and anything
/// else kept as `unknown(…)` — `unknown(5)` from DER, the text as given from JSON — so a
/// value the standard does not define is shown, not refused.
public protocol SGP22Enumeration: Hashable, Sendable {
    /// Each defined case, its DER value, and the spellings read from text (lower case;
    /// the first is its label).
    static var definitions: [(known: Self, value: Int, spellings: [String])] { get }
    static func unknown(_ text: String) -> Self
    /// The text of `unknown(…)`; `nil` for a defined case.
    var unknownText: String? { get }
}

extension SGP22Enumeration {
    /// The case for a DER value; `unknown(N)` for one the standard does not define.
    public init(value: Int) {
        self = Self.definitions.first { $0.value == value }?.known ?? .unknown("unknown(\(value))")
    }

    /// The defined case spelled so (any letter case), else `nil`.
    static func defined(spelling text: String) -> Self? {
        let lower = text.lowercased()
        return definitions.first { $0.spellings.contains(lower) }?.known
    }

    /// `enabled`, `operational`, `png`; the text as given for `unknown(…)`.
    public var label: String {
        unknownText ?? Self.definitions.first { $0.known == self }?.spellings.first ?? ""
    }

    var derValue: Int? {
        if let text = unknownText { return ProfileInfo.unknownValue(text) }
        return Self.definitions.first { $0.known == self }?.value
    }
}

/// SGP.22 `ProfileState ::= INTEGER {disabled(0), enabled(1)}`.
public enum ProfileState: SGP22Enumeration {
    case disabled
    case enabled
    /// A value the spec does not define: `unknown(5)` from DER, the text as given from JSON.
    case unknown(String)

    /// `enabled`, `Enabled` (lpac's documentation), `disabled`, `1`, `0`.
    public static let definitions: [(known: ProfileState, value: Int, spellings: [String])] = [
        (.disabled, 0, ["disabled", "0"]), (.enabled, 1, ["enabled", "1"]),
    ]

    /// Anything not defined is kept as given.
    public init(text: String) { self = Self.defined(spelling: text) ?? .unknown(text) }

    public var unknownText: String? {
        if case .unknown(let text) = self { return text }
        return nil
    }
}

/// SGP.22 `ProfileClass ::= INTEGER {test(0), provisioning(1), operational(2)}`.
public enum ProfileClass: SGP22Enumeration {
    case test
    case provisioning
    case operational
    case unknown(String)

    public static let definitions: [(known: ProfileClass, value: Int, spellings: [String])] = [
        (.test, 0, ["test", "0"]), (.provisioning, 1, ["provisioning", "1"]), (.operational, 2, ["operational", "2"]),
    ]

    public init(text: String) { self = Self.defined(spelling: text) ?? .unknown(text) }

    public var unknownText: String? {
        if case .unknown(let text) = self { return text }
        return nil
    }
}

/// SGP.22 `IconType ::= INTEGER {jpg(0), png(1)}`. lpac documents `jpg`, `png` and `none`
/// but emits `jpeg`, `png`, `unknown` or null; all are read.
public enum IconType: SGP22Enumeration {
    case jpeg
    case png
    case unknown(String)

    public static let definitions: [(known: IconType, value: Int, spellings: [String])] = [
        (.jpeg, 0, ["jpeg", "jpg", "0"]), (.png, 1, ["png", "1"]),
    ]

    /// `nil` for `none` (no icon).
    public init?(text: String) {
        if ["none", ""].contains(text.lowercased()) { return nil }
        self = Self.defined(spelling: text) ?? .unknown(text)
    }

    public var unknownText: String? {
        if case .unknown(let text) = self { return text }
        return nil
    }
}

/// A named bit list's set bits as names, and back: a bit past the names is `bit(N)`.
enum NamedBits {
    static func names(_ bits: [Bool], _ names: [String]) -> [String] {
        bits.indices.filter { bits[$0] }.map { $0 < names.count ? names[$0] : "bit(\($0))" }
    }

    /// The bit a name stands for: its place among `names`, or N for `bit(N)`.
    static func index(of name: String, in names: [String]) -> Int? {
        names.firstIndex(of: name) ?? (name.hasPrefix("bit(") && name.hasSuffix(")") ? Int(name.dropFirst(4).dropLast()) : nil)
    }
}

/// SGP.22 `PprIds ::= BIT STRING {pprUpdateControl(0), ppr1(1), ppr2(2)}`.
public struct PolicyRules: Hashable, Sendable {
    /// Bit 0 is the first (most significant) bit of the BIT STRING.
    public var bits: [Bool]

    /// Trailing clear bits are dropped, as DER does for a named bit list.
    public init(bits: [Bool]) {
        var bits = bits
        while bits.last == false { bits.removeLast() }
        self.bits = bits
    }

    /// From rule names, `bit(N)` included; other names are left out.
    public init(names: [String]) {
        var bits: [Bool] = []
        for name in names {
            guard let index = NamedBits.index(of: name, in: Self.names), (0..<256).contains(index) else { continue }
            while bits.count <= index { bits.append(false) }
            bits[index] = true
        }
        self.init(bits: bits)
    }

    static let names = ["pprUpdateControl", "ppr1", "ppr2"]

    /// The rules set: `ppr1` (disabling not allowed), `ppr2` (deletion not allowed),
    /// `pprUpdateControl`; other bits as `bit(N)`.
    public var ruleNames: [String] { NamedBits.names(bits, Self.names) }

    /// What the set rules mean for the user.
    public var meanings: [String] {
        ruleNames.map { rule in
            switch rule {
            case "pprUpdateControl": "the operator controls updates to these rules"
            case "ppr1": "disabling this profile is not allowed"
            case "ppr2": "deleting this profile is not allowed"
            default: rule
            }
        }
    }
}

/// SGP.22 `OperatorId`: the MCC/MNC and group identifiers of the profile's owner.
public struct ProfileOwner: Hashable, Sendable {
    public var mcc: String
    public var mnc: String
    /// Group identifiers, hex.
    public var gid1: String?
    public var gid2: String?

    public init(mcc: String, mnc: String, gid1: String? = nil, gid2: String? = nil) {
        self.mcc = mcc
        self.mnc = mnc
        self.gid1 = gid1
        self.gid2 = gid2
    }
}

extension ProfileInfo {
    /// `N` from `unknown(N)`.
    static func unknownValue(_ text: String) -> Int? {
        guard text.hasPrefix("unknown("), text.hasSuffix(")") else { return nil }
        return Int(text.dropFirst(8).dropLast())
    }
}

/// What an eUICC says about itself (SGP.22 `EUICCInfo2`, as `lpac chip info` prints it).
/// Every field is optional: cards and LPAs leave any of them out.
public struct EUICCInfo: Hashable, Sendable {
    /// The SGP.22 version the eUICC implements (`svn`, e.g. `2.2.0`).
    public var specificationVersion: String?
    /// The profile package version it accepts (`profileVersion`).
    public var profileVersion: String?
    public var firmwareVersion: String?
    /// Free non-volatile memory in bytes: what limits how many more profiles fit.
    public var freeNonVolatileMemory: Int?
    public var freeVolatileMemory: Int?
    public var installedApplications: Int?
    public var globalPlatformVersion: String?
    /// `[6]`: the ETSI TS 102 241 (UICC API for Java Card) version — lpac's
    /// `javacardVersion`, `ts102241Version` in later releases.
    public var javaCardVersion: String?
    /// The protection profile version and the SAS accreditation number of the factory.
    public var ppVersion: String?
    public var sasAccreditationNumber: String?
    /// `basicEuicc`, `mediumEuicc`, `contactlessEuicc`, `other`.
    public var category: String?
    public var uiccCapabilities: [String]
    public var rspCapabilities: [String]
    /// Key identifiers of the certificate issuers the eUICC trusts (hex); a profile whose
    /// SM-DP+ certificate chains to another CI cannot be downloaded to it.
    public var ciKeyIDsForVerification: [String]
    public var ciKeyIDsForSigning: [String]
    /// `forbiddenProfilePolicyRules`: policy rules no profile on this eUICC may set (`ppr1`,
    /// `ppr2`, `pprUpdateControl`; other bits as `bit(N)`), as ``PolicyRules`` names them.
    public var forbiddenPolicyRules: [String]
    /// `certificationDataObject`: the GlobalPlatform DLOA platform label of the eUICC, and
    /// the discovery base URL of its default DLOA registrar (where its certification
    /// letters of approval are found).
    public var platformLabel: String?
    public var discoveryBaseURL: String?

    /// A certificate issuer an eUICC may trust, known by its key identifier.
    public struct CertificateIssuer: Hashable, Sendable {
        public var keyID: String
        public var name: String
        /// `false` for the GSMA test CIs of SGP.26: a card trusting only those takes test
        /// profiles, never a carrier's.
        public var isProduction: Bool
    }

    /// Issuers named by their subject key identifiers: the GSMA RSP2 Root CI1 (DigiCert,
    /// the production root of SGP.22 v2 and v3) and the SGP.26 test CIs (the NIST P-256
    /// and brainpoolP256r1 test certificates).
    public static let knownIssuers = [
        CertificateIssuer(keyID: "81370F5125D0B1D408D4C3B232E6D25E795BEBFB", name: "GSMA RSP2 Root CI1", isProduction: true),
        CertificateIssuer(keyID: "F54172BDF98A95D65CBEB88A38A1C11D800A85C3", name: "GSMA test CI (SGP.26, NIST)", isProduction: false),
        CertificateIssuer(keyID: "C0BC70BA36929D43B467FF57570530E57AB8FCD8", name: "GSMA test CI (SGP.26, brainpool)", isProduction: false),
    ]

    /// The issuers the eUICC verifies against, named where known.
    public var trustedIssuers: [CertificateIssuer?] {
        ciKeyIDsForVerification.map { id in Self.knownIssuers.first { $0.keyID == id.uppercased() } }
    }

    /// Whether every issuer the eUICC trusts is a known test CI.
    public var trustsOnlyTestIssuers: Bool {
        let issuers = trustedIssuers
        return !issuers.isEmpty && issuers.allSatisfy { $0?.isProduction == false }
    }

    public init(specificationVersion: String? = nil, profileVersion: String? = nil, firmwareVersion: String? = nil,
                freeNonVolatileMemory: Int? = nil, freeVolatileMemory: Int? = nil, installedApplications: Int? = nil,
                globalPlatformVersion: String? = nil, javaCardVersion: String? = nil, ppVersion: String? = nil,
                sasAccreditationNumber: String? = nil, category: String? = nil, uiccCapabilities: [String] = [],
                rspCapabilities: [String] = [], ciKeyIDsForVerification: [String] = [], ciKeyIDsForSigning: [String] = [],
                forbiddenPolicyRules: [String] = [], platformLabel: String? = nil, discoveryBaseURL: String? = nil) {
        self.specificationVersion = specificationVersion
        self.profileVersion = profileVersion
        self.firmwareVersion = firmwareVersion
        self.freeNonVolatileMemory = freeNonVolatileMemory
        self.freeVolatileMemory = freeVolatileMemory
        self.installedApplications = installedApplications
        self.globalPlatformVersion = globalPlatformVersion
        self.javaCardVersion = javaCardVersion
        self.ppVersion = ppVersion
        self.sasAccreditationNumber = sasAccreditationNumber
        self.category = category
        self.uiccCapabilities = uiccCapabilities
        self.rspCapabilities = rspCapabilities
        self.ciKeyIDsForVerification = ciKeyIDsForVerification
        self.ciKeyIDsForSigning = ciKeyIDsForSigning
        self.forbiddenPolicyRules = forbiddenPolicyRules
        self.platformLabel = platformLabel
        self.discoveryBaseURL = discoveryBaseURL
    }
}

/// What a profile list holds: the profiles, and the eUICC's EID and addresses when the
/// input gave them.
public struct ProfileList: Hashable, Sendable {
    public enum Format: String, Hashable, Sendable, Codable {
        /// lpac's JSON (`lpac chip info`, `lpac profile list`).
        case lpac
        /// SGP.22 ES10c DER (`ProfileInfoListResponse`, `GetEuiccDataResponse`).
        case der
        /// A GSMA TS.43 entitlement response (XML or JSON).
        case entitlement
    }

    public var format: Format
    public var eid: String?
    public var profiles: [ProfileInfo]
    /// The default SM-DP+ and root SM-DS addresses (`lpac chip info`).
    public var defaultSMDPAddress: String?
    public var rootSMDSAddress: String?
    /// What the eUICC says about itself (`lpac chip info`).
    public var chip: EUICCInfo?
    /// Whether the input held a list of profiles (possibly empty), as opposed to chip
    /// information or an entitlement response alone.
    public var listsProfiles = false
    /// The TS.43 response, for `entitlement`.
    public var entitlement: EntitlementResponse?
    /// What was read past: lines that are not JSON, errors the LPA reported, check digits
    /// that do not match. Each says where.
    public var diagnostics: [ProfileDiagnostic]

    public init(format: Format, eid: String? = nil, profiles: [ProfileInfo] = [], defaultSMDPAddress: String? = nil,
                rootSMDSAddress: String? = nil, chip: EUICCInfo? = nil, entitlement: EntitlementResponse? = nil,
                diagnostics: [ProfileDiagnostic] = []) {
        self.format = format
        self.eid = eid
        self.profiles = profiles
        self.defaultSMDPAddress = defaultSMDPAddress
        self.rootSMDSAddress = rootSMDSAddress
        self.chip = chip
        self.entitlement = entitlement
        listsProfiles = !profiles.isEmpty
        self.diagnostics = diagnostics
    }

    /// The ICCID or EID a diagnostic names failed its check digits; the value is kept.
    public var hasProblems: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Something noticed while reading a profile list.
public struct ProfileDiagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable, Codable { case warning, error }
    public enum Code: String, Hashable, Sendable, Codable, CaseIterable {
        /// A line of lpac output is not JSON (the rest are still read).
        case invalidJSONLine
        /// lpac reported an error (`code` not 0).
        case lpaError
        /// An ICCID or EID whose check digits do not match.
        case checkDigits
        /// A field of an unexpected type, or a value out of range.
        case unexpectedValue
        /// A DER element the decoder does not know, skipped.
        case unknownElement
    }

    public var code: Code
    public var severity: Severity
    public var message: String
    /// 1-based line (JSON lines), or byte offset (DER).
    public var line: Int?
    public var offset: Int?

    public init(_ code: Code, _ severity: Severity, _ message: String, line: Int? = nil, offset: Int? = nil) {
        self.code = code
        self.severity = severity
        self.message = message
        self.line = line
        self.offset = offset
    }

    public var description: String {
        var text = message
        if let line { text = "line \(line): " + text }
        if let offset { text += " (offset \(offset))" }
        return text
    }
}

/// Why a profile list could not be read at all.
public enum ProfileErrorCode: String, ErrorCode, Codable {
    case empty
    case tooLarge
    /// Neither DER (binary, hex, base64), lpac JSON nor a TS.43 entitlement response.
    case unrecognisedFormat
    /// DER ends inside an element.
    case truncatedDER
    /// A length runs past the end of its container, or is not DER.
    case invalidLength
    /// Not well-formed DER otherwise.
    case invalidDER
    /// The outer tag is not a profile list (BF2D) or EID response (BF3E), or an inner
    /// element is not where SGP.22 puts it.
    case unexpectedTag
    /// A field holds bytes its type does not allow (an ICCID of 9 bytes, bad UTF-8).
    case invalidValue
    /// The eUICC answered with `profileInfoListError`.
    case euiccError
    /// JSON that is not lpac output; no line of lpac output at all.
    case invalidJSON
    /// XML or JSON that is not a TS.43 entitlement response.
    case notEntitlement
}

/// A profile list that could not be read; ``CodedError/offset`` is a byte offset (DER,
/// JSON), ``CodedError/line`` a 1-based line (XML).
public typealias ProfileError = CodedError<ProfileErrorCode>

extension CodedError where Code == ProfileErrorCode {
    /// A profile-list error at a byte offset or a line, when known.
    public init(_ code: Code, _ message: String, offset: Int? = nil, line: Int? = nil) {
        self.init(code, message, at: SourceLocation(line: line, offset: offset))
    }
}
