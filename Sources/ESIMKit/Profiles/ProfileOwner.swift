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
