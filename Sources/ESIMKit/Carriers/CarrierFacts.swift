/// Where a fact comes from.
public struct FactSource: Hashable, Sendable {
    public var id: String
    public var title: String
    public var url: String?

    public init(id: String, title: String, url: String? = nil) {
        self.id = id
        self.title = title
        self.url = url
    }

    /// The system provider database (mobile-broadband-provider-info).
    public static let providerDatabase = FactSource(
        id: "mobile-broadband-provider-info", title: "mobile-broadband-provider-info (the system provider database)")
    /// Android's APN list shipped with mobile-broadband-provider-info.
    public static let androidAPNs = FactSource(id: "apns-conf", title: "apns-conf.xml (Android APN list)")
}

/// A text fact with its source id.
public struct SourcedText: Hashable, Sendable {
    public var text: String
    public var source: String

    public init(_ text: String, source: String) {
        self.text = text
        self.source = source
    }
}

/// A mobile country and network code (ITU-T E.212) the carrier uses.
public struct NetworkCode: Hashable, Sendable {
    public var mcc: String
    public var mnc: String
    public var source: String
    /// What tells this carrier apart from others on the same code (`GID1 6D38`, `SPN Metro`).
    public var discriminator: String?

    public init(mcc: String, mnc: String, source: String, discriminator: String? = nil) {
        self.mcc = mcc
        self.mnc = mnc
        self.source = source
        self.discriminator = discriminator
    }

    public var plmn: String { mcc + mnc }
}

/// The first digits of the carrier's ICCIDs, and how sure we are.
public struct ICCIDPrefix: Hashable, Sendable {
    public enum Confidence: String, Hashable, Sendable, Codable, CaseIterable {
        /// Stated by the carrier or a standards body.
        case high
        /// Reported consistently by third parties.
        case medium
        /// Observed, or inferred from the network code.
        case low
    }

    public var prefix: String
    public var confidence: Confidence
    public var source: String

    public init(prefix: String, confidence: Confidence, source: String) {
        self.prefix = prefix
        self.confidence = confidence
        self.source = source
    }
}

public struct CarrierApp: Hashable, Sendable {
    public var name: String
    /// App Store id (`id309172177`), when known from a source.
    public var appStoreID: String?
    /// Google Play package (`com.example.app`), when known from a source.
    public var playStoreID: String?
    public var source: String

    public init(name: String, appStoreID: String? = nil, playStoreID: String? = nil, source: String) {
        self.name = name
        self.appStoreID = appStoreID
        self.playStoreID = playStoreID
        self.source = source
    }
}

/// A way to reach the carrier's customer service.
public struct SupportContact: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// Dialled from the carrier's own phones (`611`).
        case shortCode
        case tollFree
        /// For callers outside the country.
        case fromAbroad
        case chat
        case web
    }

    public var kind: Kind
    /// The number to dial or address to open.
    public var contact: String
    public var note: String?
    public var source: String

    public init(kind: Kind, contact: String, note: String? = nil, source: String) {
        self.kind = kind
        self.contact = contact
        self.note = note
        self.source = source
    }
}

/// A way to check balance or usage from the phone.
public struct BalanceCheck: Hashable, Sendable {
    public enum Method: String, Hashable, Sendable, Codable, CaseIterable {
        /// Dial a code (USSD or a network short code): the answer arrives as a text.
        case dial
        /// Send a text.
        case sms
        /// Call a number and follow the voice menu (DTMF).
        case call
        /// Dial a USSD code and pick options from the menu it returns.
        case ussdMenu
    }

    public var method: Method
    /// The code to dial, or the number to text or call.
    public var code: String
    /// For `sms`: the text to send.
    public var text: String?
    /// What the answer tells (`balance and due date`, `data used this cycle`).
    public var shows: String?
    /// Top-up rather than balance.
    public var isTopUp: Bool
    public var source: String

    public init(method: Method, code: String, text: String? = nil, shows: String? = nil, isTopUp: Bool = false,
                source: String) {
        self.method = method
        self.code = code
        self.text = text
        self.shows = shows
        self.isTopUp = isTopUp
        self.source = source
    }
}

/// An access point name for mobile data or MMS.
public struct AccessPointName: Hashable, Sendable {
    public enum Usage: String, Hashable, Sendable, Codable {
        case internet, mms, wap, ia, other
    }

    public var apn: String
    public var name: String?
    /// `prepaid`, `postpaid`, or both (empty when not stated).
    public var plans: [String]
    public var usage: [Usage]
    public var username: String?
    public var password: String?
    public var authentication: String?
    public var mmsc: String?
    public var mmsProxy: String?
    public var source: String

    public init(apn: String, name: String? = nil, plans: [String] = [], usage: [Usage] = [], username: String? = nil,
                password: String? = nil, authentication: String? = nil, mmsc: String? = nil, mmsProxy: String? = nil,
                source: String) {
        self.apn = apn
        self.name = name
        self.plans = plans
        self.usage = usage
        self.username = username
        self.password = password
        self.authentication = authentication
        self.mmsc = mmsc
        self.mmsProxy = mmsProxy
        self.source = source
    }
}
