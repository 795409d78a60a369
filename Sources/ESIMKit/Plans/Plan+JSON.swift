/// The JSON of `esimtool plan --json` (schema in the README). Amounts are canonical text
/// (`"5 GB"`, `"85.99"`) so nothing is rounded; derived figures are numbers.
extension Plan: Encodable {
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(name, forKey: "name")
        try container.encode(price, forKey: "price")
        try container.encode(data, forKey: "data")
        try container.encode(premiumData?.description, forKey: "premiumData")
        try container.encode(speedAfterAllowance, forKey: "speedAfterAllowance")
        try container.encode(maximumSpeed, forKey: "maximumSpeed")
        try container.encode(hotspot, forKey: "hotspot")
        try container.encode(validityDays, forKey: "validityDays")
        try container.encode(coverage, forKey: "coverage")
        try container.encode(roaming, forKey: "roaming")
        try container.encode(roamingData, forKey: "roamingData")
        try container.encode(dataPrice.map(MoneyJSON.init), forKey: "dataPrice")
        try container.encode(fiveG, forKey: "fiveG")
        try container.encode(talk, forKey: "talk")
        try container.encode(text, forKey: "text")
        try container.encode(video, forKey: "video")
        try container.encode(lines, forKey: "lines")
        try container.encode(PlanEconomics(self), forKey: "derived")
        try container.encode(unparsed, forKey: "unparsed")
        try container.encode(origin, forKey: "origin")
    }
}

extension PlanPrice: Encodable {
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(amount.amount.description, forKey: "amount")
        try container.encode(amount.currency, forKey: "currency")
        try container.encode(period.rawValue, forKey: "period")
        try container.encode(perLine, forKey: "perLine")
        try container.encode(conditions, forKey: "conditions")
        try container.encode(taxesIncluded, forKey: "taxesIncluded")
        try container.encode(upfront.map(MoneyJSON.init), forKey: "upfront")
        try container.encode(description, forKey: "text")
    }
}

/// `{"amount": "10", "currency": "USD", "text": "$10"}`.
struct MoneyJSON: Encodable {
    var money: Money

    init(_ money: Money) { self.money = money }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(money.amount.description, forKey: "amount")
        try container.encode(money.currency, forKey: "currency")
        try container.encode(money.description, forKey: "text")
    }
}

extension RoamingData: Encodable {
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(allowance, forKey: "data")
        try container.encode(places, forKey: "places")
    }
}

extension DataAllowance: Encodable {
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        switch self {
        case .total(let amount):
            try container.encode("total", forKey: "kind")
            try container.encode(amount.description, forKey: "amount")
            try container.encode(amount.bytes?.description, forKey: "bytes")
        case .perDay(let amount):
            try container.encode("perDay", forKey: "kind")
            try container.encode(amount.description, forKey: "amount")
            try container.encode(amount.bytes?.description, forKey: "bytes")
        case .unlimited: try container.encode("unlimited", forKey: "kind")
        case .included: try container.encode("included", forKey: "kind")
        case .none: try container.encode("none", forKey: "kind")
        }
    }
}

extension Allowance: Encodable {
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        switch self {
        case .limited(let count):
            try container.encode("limited", forKey: "kind")
            try container.encode(count, forKey: "count")
        case .unlimited: try container.encode("unlimited", forKey: "kind")
        case .included: try container.encode("included", forKey: "kind")
        case .none: try container.encode("none", forKey: "kind")
        }
    }
}

extension DataRate: Encodable {
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(description, forKey: "text")
        try container.encode(kilobitsPerSecond?.description, forKey: "kbps")
    }
}

extension Place: Encodable {
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        switch self {
        case .country: try container.encode("country", forKey: "kind")
        case .region: try container.encode("region", forKey: "kind")
        case .countries: try container.encode("count", forKey: "kind")
        }
        try container.encode(code, forKey: "code")
        try container.encode(name, forKey: "name")
    }
}

extension PlanSpan: Encodable {
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(text, forKey: "text")
        try container.encode(offset, forKey: "offset")
        try container.encode(length, forKey: "length")
    }
}

extension PlanOrigin: Encodable {
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        switch self {
        case .text:
            try container.encode("text", forKey: "kind")
        case .feed(let index):
            try container.encode("feed", forKey: "kind")
            try container.encode(index, forKey: "index")
        case .page(let carrierID, let line):
            try container.encode("page", forKey: "kind")
            try container.encode(carrierID, forKey: "carrier")
            try container.encode(line, forKey: "line")
        }
    }
}

extension PlanEconomics: Encodable {
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(periodDays, forKey: "periodDays")
        try container.encode(totalGB, forKey: "totalGB")
        try container.encode(currency, forKey: "currency")
        try container.encode(pricePerGB, forKey: "pricePerGB")
        try container.encode(pricePerDay, forKey: "pricePerDay")
        try container.encode(pricePer30Days, forKey: "pricePer30Days")
    }
}

extension PlanComparison: Encodable {
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(entries.map(\.plan), forKey: "plans")
        try container.encode(entries.map { $0.exclusive.map(\.label) }, forKey: "exclusive")
        try container.encode(cheapestPerGB, forKey: "cheapestPerGB")
        try container.encode(cheapestPerDay, forKey: "cheapestPerDay")
        try container.encode(mixedCurrencies, forKey: "mixedCurrencies")
    }
}

extension PlanPrice: CustomStringConvertible {
    /// `$85.99/mo per line with autopay`, `$11`.
    package var description: String {
        var text = amount.description + period.suffix
        if perLine { text += " per line" }
        if !conditions.isEmpty { text += " with " + conditions.joined(separator: " & ") }
        switch taxesIncluded {
        case true?: text += ", taxes included"
        case false?: text += " + taxes"
        case nil: break
        }
        if let upfront { text += ", \(upfront) upfront" }
        return text
    }
}

extension Plan {
    /// The plan as text that reads back as the same plan (``init(text:)``): the name,
    /// then each fact as a clause.
    package var canonicalText: String {
        var clauses: [String] = []
        if let name { clauses.append("Plan: " + name) }
        if let price { clauses.append(price.description) }
        if let dataPrice { clauses.append("\(dataPrice) per GB") }
        switch data {
        case .unlimited?: clauses.append("unlimited data")
        case .total(let amount)?: clauses.append("\(amount) data")
        case .perDay(let amount)?: clauses.append("\(amount)/day data")
        case .none?: clauses.append("no data")
        case .included?, nil: break
        }
        if let premiumData { clauses.append("\(premiumData) premium data") }
        if let speedAfterAllowance { clauses.append("then \(speedAfterAllowance)") }
        if let maximumSpeed { clauses.append("up to \(maximumSpeed)") }
        switch hotspot {
        case .total(let amount)?: clauses.append("\(amount) hotspot")
        case .perDay(let amount)?: clauses.append("\(amount)/day hotspot")
        case .unlimited?: clauses.append("unlimited hotspot")
        case .included?: clauses.append("hotspot")
        case .none?: clauses.append("no hotspot")
        case nil: break
        }
        if let validityDays { clauses.append("\(validityDays) days") }
        if let lines { clauses.append("for \(lines) lines") }
        if !coverage.isEmpty { clauses.append("Coverage: " + coverage.map(\.name).joined(separator: " & ")) }
        // Places only roamed, then each roaming allowance with its places.
        let allowancePlaces = roamingData.flatMap(\.places)
        let roamedOnly = roaming.filter { !allowancePlaces.contains($0) }
        if !roamedOnly.isEmpty { clauses.append("Roaming: " + roamedOnly.map(\.name).joined(separator: " & ")) }
        for allowance in roamingData {
            clauses.append("Roaming data: " + allowance.allowance.label + (allowance.places.isEmpty ? "" : " in " + allowance.places.map(\.name).joined(separator: " & ")))
        }
        switch fiveG {
        case true?: clauses.append("5G")
        case false?: clauses.append("no 5G")
        case nil: break
        }
        for (label, allowance) in [("Talk", talk), ("Text", text)] {
            guard let allowance else { continue }
            switch allowance {
            case .unlimited: clauses.append("\(label): unlimited")
            case .limited(let count): clauses.append("\(label): \(count)")
            case .included: clauses.append(label.lowercased())
            case .none: clauses.append("no \(label.lowercased())")
            }
        }
        if let video { clauses.append("\(video) video") }
        return clauses.joined(separator: ", ")
    }
}
