/// What an eUICC says about itself (SGP.22 `EUICCInfo2`, as `lpac chip info` prints it).
/// Every field is optional: cards and LPAs leave any of them out.
package struct EUICCInfo: Hashable, Sendable {
    /// The SGP.22 version the eUICC implements (`svn`, e.g. `2.2.0`).
    package var specificationVersion: String?
    /// The profile package version it accepts (`profileVersion`).
    package var profileVersion: String?
    package var firmwareVersion: String?
    /// Free non-volatile memory in bytes: what limits how many more profiles fit.
    package var freeNonVolatileMemory: Int?
    package var freeVolatileMemory: Int?
    package var installedApplications: Int?
    package var globalPlatformVersion: String?
    /// `[6]`: the ETSI TS 102 241 (UICC API for Java Card) version — lpac's
    /// `javacardVersion`, `ts102241Version` in later releases.
    package var javaCardVersion: String?
    /// The protection profile version and the SAS accreditation number of the factory.
    package var ppVersion: String?
    package var sasAccreditationNumber: String?
    /// `basicEuicc`, `mediumEuicc`, `contactlessEuicc`, `other`.
    package var category: String?
    package var uiccCapabilities: [String]
    package var rspCapabilities: [String]
    /// Key identifiers of the certificate issuers the eUICC trusts (hex); a profile whose
    /// SM-DP+ certificate chains to another CI cannot be downloaded to it.
    package var ciKeyIDsForVerification: [String]
    package var ciKeyIDsForSigning: [String]
    /// `forbiddenProfilePolicyRules`: policy rules no profile on this eUICC may set (`ppr1`,
    /// `ppr2`, `pprUpdateControl`; other bits as `bit(N)`), as ``PolicyRules`` names them.
    package var forbiddenPolicyRules: [String]
    /// `certificationDataObject`: the GlobalPlatform DLOA platform label of the eUICC, and
    /// the discovery base URL of its default DLOA registrar (where its certification
    /// letters of approval are found).
    package var platformLabel: String?
    package var discoveryBaseURL: String?

    /// A certificate issuer an eUICC may trust, known by its key identifier.
    package struct CertificateIssuer: Hashable, Sendable {
        package var keyID: String
        package var name: String
        /// `false` for the GSMA test CIs of SGP.26: a card trusting only those takes test
        /// profiles, never a carrier's.
        package var isProduction: Bool
    }

    /// Issuers named by their subject key identifiers: the GSMA RSP2 Root CI1 (DigiCert,
    /// the production root of SGP.22 v2 and v3) and the SGP.26 test CIs (the NIST P-256
    /// and brainpoolP256r1 test certificates).
    package static let knownIssuers = [
        CertificateIssuer(keyID: "81370F5125D0B1D408D4C3B232E6D25E795BEBFB", name: "GSMA RSP2 Root CI1", isProduction: true),
        CertificateIssuer(keyID: "F54172BDF98A95D65CBEB88A38A1C11D800A85C3", name: "GSMA test CI (SGP.26, NIST)", isProduction: false),
        CertificateIssuer(keyID: "C0BC70BA36929D43B467FF57570530E57AB8FCD8", name: "GSMA test CI (SGP.26, brainpool)", isProduction: false),
    ]

    /// The issuers the eUICC verifies against, named where known.
    package var trustedIssuers: [CertificateIssuer?] {
        ciKeyIDsForVerification.map { id in Self.knownIssuers.first { $0.keyID == id.uppercased() } }
    }

    /// Whether every issuer the eUICC trusts is a known test CI.
    package var trustsOnlyTestIssuers: Bool {
        let issuers = trustedIssuers
        return !issuers.isEmpty && issuers.allSatisfy { $0?.isProduction == false }
    }

    package init(specificationVersion: String? = nil, profileVersion: String? = nil, firmwareVersion: String? = nil,
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
