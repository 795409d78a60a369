/// What a profile list holds: the profiles, and the eUICC's EID and addresses when the
/// input gave them.
package struct ProfileList: Hashable, Sendable {
    package enum Format: String, Hashable, Sendable, Codable {
        /// lpac's JSON (`lpac chip info`, `lpac profile list`).
        case lpac
        /// SGP.22 ES10c DER (`ProfileInfoListResponse`, `GetEuiccDataResponse`).
        case der
        /// A GSMA TS.43 entitlement response (XML or JSON).
        case entitlement
    }

    package var format: Format
    package var eid: String?
    package var profiles: [ProfileInfo]
    /// The default SM-DP+ and root SM-DS addresses (`lpac chip info`).
    package var defaultSMDPAddress: String?
    package var rootSMDSAddress: String?
    /// What the eUICC says about itself (`lpac chip info`).
    package var chip: EUICCInfo?
    /// Whether the input held a list of profiles (possibly empty), as opposed to chip
    /// information or an entitlement response alone.
    package var listsProfiles = false
    /// The TS.43 response, for `entitlement`.
    package var entitlement: EntitlementResponse?
    /// What was read past: lines that are not JSON, errors the LPA reported, check digits
    /// that do not match. Each says where.
    package var diagnostics: [ProfileDiagnostic]

    package init(format: Format, eid: String? = nil, profiles: [ProfileInfo] = [], defaultSMDPAddress: String? = nil,
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
    package var hasProblems: Bool { diagnostics.contains { $0.severity == .error } }
}
