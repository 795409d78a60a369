/// What a plan costs per gigabyte and per day, as far as its text says.
///
/// Derived figures are for comparison and display: computed in floating point from the
/// exact values and rounded to four decimals. A month counts 30 days, a GB 1,024 MB
/// (see ``DataAmount``); per-day data counts over the validity (or the billing period), and
/// data of a plan with a recurring price renews each billing period.
package struct PlanEconomics: Hashable, Sendable {
    /// The days the price and data are for: the validity, else the billing period.
    package var periodDays: Int?
    /// All the data over ``periodDays`` in GB; `nil` when unlimited or unknown.
    package var totalGB: Double?
    package var currency: String?
    package var pricePerDay: Double?
    package var pricePerGB: Double?
    /// The price over 30 days, for plans of different lengths.
    package var pricePer30Days: Double?

    package init(_ plan: Plan) {
        let period = plan.validityDays ?? plan.price?.period.days
        periodDays = period
        switch plan.data {
        case .total(let amount)?:
            totalGB = amount.bytes.map { $0.approximateDouble / Double(1 << 30) }
            // A recurring price renews the data each billing period: 5 GB at $15/mo over a
            // 12-month term is 60 GB.
            if let billingDays = plan.price?.period.days, let period, period > billingDays, let gb = totalGB {
                totalGB = gb * Double(period) / Double(billingDays)
            }
        case .perDay(let amount)?:
            if let period, let bytes = amount.bytes { totalGB = bytes.approximateDouble * Double(period) / Double(1 << 30) }
        default:
            totalGB = nil
        }
        guard let price = plan.price else {
            // Pay-as-you-go data alone: its price is the price per GB.
            if let dataPrice = plan.dataPrice {
                currency = dataPrice.currency
                pricePerGB = Self.round(dataPrice.amount.approximateDouble)
            }
            return
        }
        currency = price.amount.currency
        let amount = price.amount.amount.approximateDouble
        // The price of the whole period: a monthly price over a 90-day validity is three months.
        var periodPrice: Double?
        switch (price.period.days, period) {
        case (nil, _): periodPrice = amount
        case (let days?, let period?): periodPrice = amount * Double(period) / Double(days)
        case (let days?, nil): periodPrice = amount * Double(days) / Double(days)
        }
        if let period, period > 0, let periodPrice {
            pricePerDay = Self.round(periodPrice / Double(period))
            pricePer30Days = Self.round(periodPrice / Double(period) * 30)
        }
        if let totalGB, totalGB > 0, let periodPrice {
            pricePerGB = Self.round(periodPrice / totalGB)
        }
        if let totalGB { self.totalGB = Self.round(totalGB) }
    }

    static func round(_ value: Double) -> Double {
        (value * 10_000).rounded() / 10_000
    }
}

/// Plans side by side: their economics, the cheapest per GB and per day, and what each
/// includes that none of the others does.
package struct PlanComparison: Hashable, Sendable {
    package struct Entry: Hashable, Sendable {
        package var plan: Plan
        package var economics: PlanEconomics
        /// Features no other plan in the comparison has.
        package var exclusive: [PlanFeature]
    }

    package var entries: [Entry]
    /// Index of the plan with the lowest price per GB (same currency only).
    package var cheapestPerGB: Int?
    /// Index of the plan with the lowest price per day (same currency only).
    package var cheapestPerDay: Int?
    /// Set when the plans are priced in more than one currency, so cheapest is not given.
    package var mixedCurrencies: Bool

    package init(_ plans: [Plan]) {
        let features = plans.map(PlanFeature.all)
        entries = plans.indices.map { index in
            let others = features.indices.filter { $0 != index }.map { Set(features[$0].map(\.key)) }
            let exclusive = features[index].filter { feature in others.allSatisfy { !$0.contains(feature.key) } }
            return Entry(plan: plans[index], economics: PlanEconomics(plans[index]), exclusive: plans.count > 1 ? exclusive : [])
        }
        let currencies = Set(entries.compactMap(\.economics.currency))
        mixedCurrencies = currencies.count > 1
        if mixedCurrencies {
            cheapestPerGB = nil
            cheapestPerDay = nil
        } else {
            cheapestPerGB = Self.lowest(entries.map(\.economics.pricePerGB))
            cheapestPerDay = Self.lowest(entries.map(\.economics.pricePerDay))
        }
    }

    private static func lowest(_ values: [Double?]) -> Int? {
        let known = values.enumerated().compactMap { index, value in value.map { (index, $0) } }
        guard known.count > 1 else { return nil }
        return known.min { $0.1 < $1.1 }?.0
    }
}

/// Something a plan includes, for telling plans apart.
package struct PlanFeature: Hashable, Sendable {
    /// Stable identity: `unlimited-data`, `hotspot`, `5g`, `roaming:MX`, `coverage:US`.
    package var key: String
    /// For people: `30 GB hotspot`, `roaming in Mexico`.
    package var label: String

    static func all(_ plan: Plan) -> [PlanFeature] {
        var features: [PlanFeature] = []
        if plan.data == .unlimited { features.append(PlanFeature(key: "unlimited-data", label: "unlimited data")) }
        if let premium = plan.premiumData { features.append(PlanFeature(key: "premium-data", label: "\(premium) premium data")) }
        switch plan.hotspot {
        case .total(let amount)?: features.append(PlanFeature(key: "hotspot", label: "\(amount) hotspot"))
        case .perDay(let amount)?: features.append(PlanFeature(key: "hotspot", label: "\(amount)/day hotspot"))
        case .unlimited?: features.append(PlanFeature(key: "hotspot", label: "unlimited hotspot"))
        case .included?: features.append(PlanFeature(key: "hotspot", label: "hotspot"))
        case .none?, nil: break
        }
        if plan.fiveG == true { features.append(PlanFeature(key: "5g", label: "5G")) }
        switch plan.talk {
        case .unlimited?: features.append(PlanFeature(key: "talk", label: "unlimited talk"))
        case .limited(let minutes)? where minutes > 0: features.append(PlanFeature(key: "talk", label: "\(minutes) min talk"))
        case .included?: features.append(PlanFeature(key: "talk", label: "talk"))
        default: break
        }
        switch plan.text {
        case .unlimited?: features.append(PlanFeature(key: "text", label: "unlimited text"))
        case .limited(let count)? where count > 0: features.append(PlanFeature(key: "text", label: "\(count) texts"))
        case .included?: features.append(PlanFeature(key: "text", label: "text"))
        default: break
        }
        for place in plan.roaming { features.append(PlanFeature(key: "roaming:" + place.code, label: "roaming in \(place.name)")) }
        for place in plan.coverage { features.append(PlanFeature(key: "coverage:" + place.code, label: "works in \(place.name)")) }
        if let video = plan.video { features.append(PlanFeature(key: "video", label: "\(video) video")) }
        return features
    }
}
