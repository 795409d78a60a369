import ESIMKit

/// Text for `esimtool plan` and `plan compare`.
enum PlanRenderer {
    static func render(_ plan: Plan) -> [String] {
        var lines = [title(plan)]
        var rows: [(String, String)] = []
        if let price = plan.price { rows.append(("Price", price.description + (plan.lines.map { " for \($0) line\($0 == 1 ? "" : "s")" } ?? ""))) }
        else if let lines = plan.lines { rows.append(("Lines", String(lines))) }
        if let data = dataText(plan) { rows.append(("Data", data)) }
        if let dataPrice = plan.dataPrice { rows.append(("Data price", "\(dataPrice) per GB")) }
        if let speed = plan.maximumSpeed { rows.append(("Speed", "up to \(speed)")) }
        if let hotspot = plan.hotspot { rows.append(("Hotspot", hotspot.label)) }
        if let days = plan.validityDays { rows.append(("Validity", "\(days) day\(days == 1 ? "" : "s")")) }
        if !plan.coverage.isEmpty { rows.append(("Coverage", places(plan.coverage))) }
        if !plan.roaming.isEmpty { rows.append(("Roaming", places(plan.roaming))) }
        if !plan.roamingData.isEmpty {
            let text = plan.roamingData.map { $0.allowance.label + ($0.places.isEmpty ? "" : " in " + places($0.places)) }
            rows.append(("Roaming data", text.joined(separator: " · ")))
        }
        if let fiveG = plan.fiveG { rows.append(("5G", fiveG ? "yes" : "no")) }
        if let talk = plan.talk { rows.append(("Talk", allowance(talk, unit: "min"))) }
        if let text = plan.text { rows.append(("Text", allowance(text, unit: "texts"))) }
        if let video = plan.video { rows.append(("Video", video)) }
        let economics = PlanEconomics(plan)
        if let perGB = economics.pricePerGB, let currency = economics.currency { rows.append(("Per GB", money(perGB, currency))) }
        if let perDay = economics.pricePerDay, let currency = economics.currency {
            var text = money(perDay, currency) + " a day"
            if let per30 = economics.pricePer30Days, economics.periodDays != 30 { text += " · " + money(per30, currency) + " per 30 days" }
            rows.append(("Per day", text))
        }
        for span in plan.unparsed { rows.append(("Not understood", "\"\(span.text)\" (offset \(span.offset))")) }
        if rows.isEmpty { rows.append(("", "no plan facts recognised")) }
        lines += DecodeRenderer.table(rows)
        return lines
    }

    static func title(_ plan: Plan) -> String {
        var text = plan.displayName ?? "(unnamed plan)"
        switch plan.origin {
        case .text: break
        case .feed(let index): text += "  [package \(index)]"
        case .page(let carrier, let line): text += "  [\(carrier) page" + (line.map { ", line \($0)" } ?? "") + "]"
        }
        return text
    }

    static func dataText(_ plan: Plan) -> String? {
        var parts: [String] = []
        if let data = plan.data { parts.append(data.label) }
        if let premium = plan.premiumData { parts.append("\(premium) premium") }
        var text = parts.joined(separator: " · ")
        if let after = plan.speedAfterAllowance { text += (text.isEmpty ? "" : ", ") + "then \(after)" }
        return text.isEmpty ? nil : text
    }

    static func places(_ places: [Place]) -> String {
        places.map { place in
            if case .country(let code) = place { return "\(place.name) (\(code))" }
            return place.name
        }.joined(separator: ", ")
    }

    static func allowance(_ allowance: Allowance, unit: String) -> String {
        if case .limited(let count) = allowance { return "\(count) \(unit)" }
        return allowance.label
    }

    /// `$2.20`, `€0.37`, `CHF 1.50`; three decimals below 0.10 so small rates do not read 0.
    static func money(_ value: Double, _ currency: String) -> String {
        let digits = value < 0.1 ? 3 : 2
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let units = Int64((value * scale).rounded())
        let decimal = ExactDecimal(units: units, scale: digits)
        return Money(decimal, currency: currency).description
    }

    static func compare(_ comparison: PlanComparison) -> [String] {
        var header = ["#", "Plan", "Price", "Data", "Days", "Per GB", "Per day"]
        var rows: [[String]] = []
        for (index, entry) in comparison.entries.enumerated() {
            let plan = entry.plan
            let economics = entry.economics
            var perGB = economics.pricePerGB.map { money($0, economics.currency ?? "USD") } ?? "—"
            var perDay = economics.pricePerDay.map { money($0, economics.currency ?? "USD") } ?? "—"
            if comparison.cheapestPerGB == index { perGB += " *" }
            if comparison.cheapestPerDay == index { perDay += " *" }
            rows.append([
                String(index + 1), plan.displayName ?? "(unnamed)", plan.price?.description ?? "—",
                dataText(plan) ?? plan.dataPrice.map { "\($0) per GB" } ?? "—",
                (plan.validityDays ?? plan.price?.period.days).map(String.init) ?? "—", perGB, perDay,
            ])
        }
        if rows.allSatisfy({ $0[4] == "—" }) {
            header.remove(at: 4)
            for index in rows.indices { rows[index].remove(at: 4) }
        }
        var lines = DecodeRenderer.columns(header, rows)
        if comparison.cheapestPerGB != nil || comparison.cheapestPerDay != nil { lines.append("* cheapest") }
        if comparison.mixedCurrencies { lines.append("Prices are in more than one currency; no cheapest is given.") }
        let exclusive = comparison.entries.enumerated().filter { !$0.element.exclusive.isEmpty }
        if !exclusive.isEmpty {
            lines.append("")
            lines.append("Only in one plan")
            for (index, entry) in exclusive {
                lines.append("  \(index + 1) \(entry.plan.displayName ?? "(unnamed)"): " + entry.exclusive.map(\.label).joined(separator: ", "))
            }
        }
        let unparsed = comparison.entries.enumerated().filter { !$0.element.plan.unparsed.isEmpty }
        for (index, entry) in unparsed {
            lines.append("  \(index + 1) not understood: " + entry.plan.unparsed.map { "\"\($0.text)\"" }.joined(separator: ", "))
        }
        return lines
    }
}
