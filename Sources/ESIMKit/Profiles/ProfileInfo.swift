/// One eSIM profile on an eUICC, as SGP.22 `ProfileInfo` describes it (ES10c
/// GetProfilesInfo), however it was obtained: an LPA's JSON, the DER itself.
package struct ProfileInfo: Hashable, Sendable {
    /// The ICCID digits (SGP.22 carries them as nibble-swapped BCD, `F`-padded).
    package var iccid: String?
    /// The ISD-P application identifier, upper-case hex.
    package var isdpAID: String?
    package var state: ProfileState?
    package var nickname: String?
    package var serviceProviderName: String?
    package var profileName: String?
    package var iconType: IconType?
    /// The icon's bytes (PNG or JPEG).
    package var icon: [UInt8]?
    /// SGP.22 `profileClass`; `operational` when the DER leaves it out (its default).
    package var profileClass: ProfileClass?
    /// Profile policy rules (SGP.22 `PprIds`).
    package var policyRules: PolicyRules?
    /// The operator that owns the profile (SGP.22 `profileOwner`: MCC/MNC and group ids).
    package var owner: ProfileOwner?

    package init(iccid: String? = nil, isdpAID: String? = nil, state: ProfileState? = nil, nickname: String? = nil,
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

extension ProfileInfo {
    /// `N` from `unknown(N)`.
    static func unknownValue(_ text: String) -> Int? {
        guard text.hasPrefix("unknown("), text.hasSuffix(")") else { return nil }
        return Int(text.dropFirst(8).dropLast())
    }
}
