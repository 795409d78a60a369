/// Where a fact comes from.
package struct FactSource: Hashable, Sendable {
    package var id: String
    package var title: String
    package var url: String?
    /// When the source was published or last updated, as it says (`2012`, `2022-12-07`).
    package var published: String?
    /// Not the carrier's own page: a newspaper, a forum, a copy on another site.
    package var thirdParty: Bool

    package init(id: String, title: String, url: String? = nil, published: String? = nil, thirdParty: Bool = false) {
        self.id = id
        self.title = title
        self.url = url
        self.published = published
        self.thirdParty = thirdParty
    }

    /// The year of ``published``.
    package var year: Int? { published.flatMap { Int($0.prefix(4)) } }

    /// What a reader should weigh before trusting the source, or `nil`: third-party, and
    /// its year when it is more than `maximumAge` years before `currentYear`.
    package func caveat(currentYear: Int?, maximumAge: Int = 3) -> String? {
        var parts: [String] = []
        if thirdParty { parts.append("third-party source") }
        if let year, let currentYear, currentYear - year > maximumAge { parts.append("source from \(year)") }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// The system provider database (mobile-broadband-provider-info).
    package static let providerDatabase = FactSource(
        id: "mobile-broadband-provider-info", title: "mobile-broadband-provider-info (provider database, public domain)")
    /// Android's APN list shipped with mobile-broadband-provider-info.
    package static let androidAPNs = FactSource(id: "apns-conf", title: "apns-conf.xml (Android APN list)")
}

/// A text fact with its source id.
/// The end of a carrier that no longer operates: the day, and what became of it.
package struct CarrierEnd: Hashable, Sendable {
    package var date: CalendarDate
    package var text: String
    package var source: String
}

package struct SourcedText: Hashable, Sendable {
    package var text: String
    package var source: String

    package init(_ text: String, source: String) {
        self.text = text
        self.source = source
    }
}

/// A mobile country and network code (ITU-T E.212) the carrier uses.
package struct NetworkCode: Hashable, Sendable {
    package var mcc: String
    package var mnc: String
    package var source: String
    /// What tells this carrier apart from others on the same code (`GID1 6D38`, `SPN Metro`).
    package var discriminator: String?

    package init(mcc: String, mnc: String, source: String, discriminator: String? = nil) {
        self.mcc = mcc
        self.mnc = mnc
        self.source = source
        self.discriminator = discriminator
    }

    package var plmn: String { mcc + mnc }
}

/// The first digits of the carrier's ICCIDs, and how sure we are.
package struct ICCIDPrefix: Hashable, Sendable {
    package enum Confidence: String, Hashable, Sendable, Codable, CaseIterable {
        /// Stated by the carrier or a standards body.
        case high
        /// Reported consistently by third parties.
        case medium
        /// Observed, or inferred from the network code.
        case low
    }

    package var prefix: String
    package var confidence: Confidence
    package var source: String

    package init(prefix: String, confidence: Confidence, source: String) {
        self.prefix = prefix
        self.confidence = confidence
        self.source = source
    }
}

package struct CarrierApp: Hashable, Sendable {
    package var name: String
    /// App Store id (`id309172177`), when known from a source.
    package var appStoreID: String?
    /// Google Play package (`com.example.app`), when known from a source.
    package var playStoreID: String?
    package var source: String

    package init(name: String, appStoreID: String? = nil, playStoreID: String? = nil, source: String) {
        self.name = name
        self.appStoreID = appStoreID
        self.playStoreID = playStoreID
        self.source = source
    }
}

/// A way to reach the carrier's customer service.
package struct SupportContact: Hashable, Sendable {
    package enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// Dialled from the carrier's own phones (`611`).
        case shortCode
        /// Free to call within the country (NANP: 800, 833, 844, 855, 866, 877, 888).
        case tollFree
        /// An ordinary (geographic) number, charged as any call.
        case phone
        /// For callers outside the country.
        case fromAbroad
        case chat
        case web
    }

    package var kind: Kind
    /// The number to dial or address to open.
    package var contact: String
    package var note: String?
    package var source: String

    /// The North American toll-free area codes (NANPA).
    package static let tollFreeAreaCodes: Set<String> = ["800", "833", "844", "855", "866", "877", "888"]

    /// For a `+1` number, its area code (the three digits after the country code).
    package static func northAmericanAreaCode(_ contact: String) -> String? {
        let digits = contact.filter(\.isNumber)
        guard contact.hasPrefix("+1"), digits.count == 11 else { return nil }
        return String(digits.dropFirst().prefix(3))
    }

    package init(kind: Kind, contact: String, note: String? = nil, source: String) {
        self.kind = kind
        self.contact = contact
        self.note = note
        self.source = source
    }
}

/// A way to check balance or usage from the phone.
package struct BalanceCheck: Hashable, Sendable {
    package enum Method: String, Hashable, Sendable, Codable, CaseIterable {
        /// Dial a code (USSD or a network short code): the answer arrives as a text.
        case dial
        /// Send a text.
        case sms
        /// Call a number and follow the voice menu (DTMF).
        case call
        /// Dial a USSD code and pick options from the menu it returns.
        case ussdMenu
    }

    package var method: Method
    /// The code to dial, or the number to text or call.
    package var code: String
    /// For `sms`: the text to send.
    package var text: String?
    /// What the answer tells (`balance and due date`, `data used this cycle`).
    package var shows: String?
    /// Top-up rather than balance.
    package var isTopUp: Bool
    package var source: String

    package init(method: Method, code: String, text: String? = nil, shows: String? = nil, isTopUp: Bool = false,
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
package struct AccessPointName: Hashable, Sendable {
    package enum Usage: String, Hashable, Sendable, Codable {
        case internet, mms, wap, ia, other
    }

    package var apn: String
    package var name: String?
    /// `prepaid`, `postpaid`, or both (empty when not stated).
    package var plans: [String]
    package var usage: [Usage]
    package var username: String?
    package var password: String?
    package var authentication: String?
    package var mmsc: String?
    package var mmsProxy: String?
    package var source: String

    package init(apn: String, name: String? = nil, plans: [String] = [], usage: [Usage] = [], username: String? = nil,
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
