/// A mobile plan or eSIM data package, as a program can compare it.
///
/// Built from the prose carriers and shops write (``init(text:)``), from a reseller's JSON
/// package feed (``PlanFeed``), or from the plan field of a saved account page. Anything
/// the reader did not understand is kept in ``unparsed`` with its position.
package struct Plan: Hashable, Sendable {
    package var name: String?
    package var price: PlanPrice?
    /// The data allowance as stated: an amount, per day, unlimited, or none.
    package var data: DataAllowance?
    /// Premium (priority, high-speed) data: after this much, traffic may be slowed or
    /// deprioritised even when ``data`` is unlimited.
    package var premiumData: DataAmount?
    /// The speed after the allowance or the premium data is used up (`then 3 Mbps`).
    package var speedAfterAllowance: DataRate?
    /// A cap on the speed throughout (`at up to 5 Mbps`).
    package var maximumSpeed: DataRate?
    package var hotspot: DataAllowance?
    /// How long the plan or package lasts, in days (a month counts 30).
    package var validityDays: Int?
    /// Where the plan works (a travel eSIM's countries; a carrier's home country).
    package var coverage: [Place]
    /// Where the plan also works while roaming (`Mexico & Canada included`).
    package var roaming: [Place]
    /// Data allowed abroad, by where (`15GB high-speed data in Mexico & Canada`, `5GB in
    /// 215+ countries`); the places are in ``roaming`` too.
    package var roamingData: [RoamingData]
    /// The price of each gigabyte used (`$10 per GB`): pay-as-you-go data, alone or on top
    /// of ``price``.
    package var dataPrice: Money?
    /// `true` when 5G is included, `false` when the text excludes it, `nil` when unsaid.
    package var fiveG: Bool?
    package var talk: Allowance?
    package var text: Allowance?
    /// Streaming video resolution (`480p`, `HD`).
    package var video: String?
    /// How many lines the price is for (`$140/mo for 4 lines`).
    package var lines: Int?
    /// Text the reader did not understand, with where it was.
    package var unparsed: [PlanSpan]
    /// Where the plan came from.
    package var origin: PlanOrigin

    package init(name: String? = nil, price: PlanPrice? = nil, data: DataAllowance? = nil, premiumData: DataAmount? = nil,
                speedAfterAllowance: DataRate? = nil, maximumSpeed: DataRate? = nil, hotspot: DataAllowance? = nil,
                validityDays: Int? = nil, coverage: [Place] = [], roaming: [Place] = [], roamingData: [RoamingData] = [],
                dataPrice: Money? = nil, fiveG: Bool? = nil,
                talk: Allowance? = nil, text: Allowance? = nil, video: String? = nil, lines: Int? = nil,
                unparsed: [PlanSpan] = [], origin: PlanOrigin = .text) {
        self.name = name
        self.price = price
        self.data = data
        self.premiumData = premiumData
        self.speedAfterAllowance = speedAfterAllowance
        self.maximumSpeed = maximumSpeed
        self.hotspot = hotspot
        self.validityDays = validityDays
        self.coverage = coverage
        self.roaming = roaming
        self.roamingData = roamingData
        self.dataPrice = dataPrice
        self.fiveG = fiveG
        self.talk = talk
        self.text = text
        self.video = video
        self.lines = lines
        self.unparsed = unparsed
        self.origin = origin
    }

    /// The name, or for a package sold without one a summary of what it is
    /// (`United States · 5 GB · 30 days`); `nil` when there is nothing to say.
    package var displayName: String? {
        if let name { return name }
        var parts: [String] = []
        if coverage.count <= 3, !coverage.isEmpty {
            parts.append(coverage.map(\.name).joined(separator: ", "))
        } else if !coverage.isEmpty {
            parts.append("\(coverage.count) places")
        }
        if let data { parts.append(data.label) }
        if let validityDays { parts.append(validityDays == 1 ? "1 day" : "\(validityDays) days") }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    /// Nothing was understood: no name and no fact.
    package var isEmpty: Bool { name == nil && !hasFacts }

    /// Whether anything beyond the name was read: price, data, speeds, hotspot, validity,
    /// coverage, roaming, roaming data, a data price, 5G, talk, text, video or lines.
    package var hasFacts: Bool {
        !(price == nil && data == nil && premiumData == nil && speedAfterAllowance == nil
            && maximumSpeed == nil && hotspot == nil && validityDays == nil && coverage.isEmpty && roaming.isEmpty
            && roamingData.isEmpty && dataPrice == nil && fiveG == nil && talk == nil && text == nil && video == nil && lines == nil)
    }
}

/// What a plan costs and how often.
package struct PlanPrice: Hashable, Sendable {
    package var amount: Money
    package var period: BillingPeriod
    /// The price is per line (`$65/mo per line`).
    package var perLine: Bool
    /// What the price depends on: `autopay`, `paperless billing`.
    package var conditions: [String]
    /// `true` with taxes included, `false` when they are extra, `nil` when unsaid.
    package var taxesIncluded: Bool?
    /// Paid at once for a term of several periods (`$30/mo, 3 months $90 upfront`).
    package var upfront: Money?

    package init(amount: Money, period: BillingPeriod, perLine: Bool = false, conditions: [String] = [], taxesIncluded: Bool? = nil,
                upfront: Money? = nil) {
        self.amount = amount
        self.period = period
        self.perLine = perLine
        self.conditions = conditions
        self.taxesIncluded = taxesIncluded
        self.upfront = upfront
    }
}

/// Data a plan allows abroad, and where.
package struct RoamingData: Hashable, Sendable {
    package var allowance: DataAllowance
    package var places: [Place]

    package init(allowance: DataAllowance, places: [Place]) {
        self.allowance = allowance
        self.places = places
    }
}

/// How often a price is charged; `once` pays for the whole validity (a prepaid package).
package enum BillingPeriod: String, Hashable, Sendable, CaseIterable, Codable {
    case once, day, week, month, year

    /// Days one period stands for, for comparisons (a month counts 30, a year 365).
    package var days: Int? {
        switch self {
        case .once: nil
        case .day: 1
        case .week: 7
        case .month: 30
        case .year: 365
        }
    }

    /// `/mo`, `/day`; empty for `once`.
    package var suffix: String {
        switch self {
        case .once: ""
        case .day: "/day"
        case .week: "/wk"
        case .month: "/mo"
        case .year: "/yr"
        }
    }
}

/// An allowance of data (or hotspot data).
package enum DataAllowance: Hashable, Sendable {
    /// This much for the plan's period or validity.
    case total(DataAmount)
    /// This much each day (`1 GB/day`).
    case perDay(DataAmount)
    case unlimited
    /// Included, with no amount given (`includes hotspot`).
    case included
    /// Not included (`no hotspot`, `talk & text only`).
    case none

    /// `5 GB`, `1 GB/day`, `unlimited`, `included`, `none`.
    package var label: String {
        switch self {
        case .total(let amount): amount.description
        case .perDay(let amount): amount.description + "/day"
        case .unlimited: "unlimited"
        case .included: "included"
        case .none: "none"
        }
    }
}

/// Minutes of talk or number of texts.
package enum Allowance: Hashable, Sendable {
    case unlimited
    case limited(Int)
    /// Mentioned as included, without a number.
    case included
    case none

    package var label: String {
        switch self {
        case .unlimited: "unlimited"
        case .limited(let count): String(count)
        case .included: "included"
        case .none: "none"
        }
    }
}

/// A data rate as plans state it (`3 Mbps`, `128 kbps`), kept in kilobits per second.
package struct DataRate: Hashable, Sendable {
    package enum Unit: String, Hashable, Sendable, CaseIterable, Codable {
        case kbps, Mbps, Gbps

        var kilobits: Int64 {
            switch self {
            case .kbps: 1
            case .Mbps: 1_000
            case .Gbps: 1_000_000
            }
        }
    }

    package var value: ExactDecimal
    package var unit: Unit

    package init(_ value: ExactDecimal, _ unit: Unit) {
        self.value = value
        self.unit = unit
    }

    /// The rate in kilobits per second (1 Mbps = 1,000 kbps), or `nil` past Int64.
    package var kilobitsPerSecond: ExactDecimal? { value.multiplied(by: unit.kilobits) }
}

extension DataRate: CustomStringConvertible {
    /// `3 Mbps`, `512 kbps`.
    package var description: String { "\(value) \(unit.rawValue)" }
}

/// Text a reader kept because it did not understand it.
package struct PlanSpan: Hashable, Sendable {
    package var text: String
    /// Unicode scalar offset in the input (the character offset for plain text).
    package var offset: Int
    /// Length in Unicode scalars.
    package var length: Int

    package init(text: String, offset: Int, length: Int) {
        self.text = text
        self.offset = offset
        self.length = length
    }
}

/// Where a plan was read from.
package enum PlanOrigin: Hashable, Sendable {
    /// Free text (an argument, a file, standard input).
    case text
    /// A package in a JSON feed, by index in the feed's list.
    case feed(index: Int)
    /// The plan field of a saved account page (a line's number, when the field is a line's).
    case page(carrierID: String, line: String?)
}

/// Why plan text or a package feed could not be read.
package enum PlanErrorCode: String, ErrorCode, Codable {
    case empty
    case tooLong
    case nothingRecognised
    case invalidJSON
    case noPackages
    case invalidPackage
    /// A file could not be read, or is binary.
    case unreadableInput
    /// A saved account page was read but names no plan.
    case noPlanOnPage
}

/// Plan text or a feed that could not be read; ``CodedError/offset`` is the Unicode
/// scalar offset in the text, or the byte offset in JSON.
package typealias PlanError = CodedError<PlanErrorCode>
