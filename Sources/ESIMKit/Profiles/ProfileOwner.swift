/// SGP.22 `OperatorId`: the MCC/MNC and group identifiers of the profile's owner.
package struct ProfileOwner: Hashable, Sendable {
    package var mcc: String
    package var mnc: String
    /// Group identifiers, hex.
    package var gid1: String?
    package var gid2: String?

    package init(mcc: String, mnc: String, gid1: String? = nil, gid2: String? = nil) {
        self.mcc = mcc
        self.mnc = mnc
        self.gid1 = gid1
        self.gid2 = gid2
    }
}
