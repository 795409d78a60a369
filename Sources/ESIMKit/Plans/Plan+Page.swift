extension AccountSnapshot {
    /// The plans a saved account page names, read from its `planName` (account) and `plan`
    /// (line) fields, with the allowances the page states beside them filling what the
    /// name leaves out: a line's data, hotspot and premium allowances and its charges
    /// (as a monthly price per line). Lines are named as usage history keys them
    /// (``lineKey(_:index:)``: `…0142`, whatever way the page wrote the number).
    package var plans: [Plan] {
        var plans: [Plan] = []
        let carrier = carrierID ?? "unknown"
        if let name = self[.planName]?.text, var plan = try? Plan(text: name) {
            plan.origin = .page(carrierID: carrier, line: nil)
            // The field is the plan's name even when every word of it is also a fact.
            if plan.name == nil { plan.name = name }
            if plan.data == nil, let allowance = self[.sharedDataAllowance]?.data { plan.data = .init(allowance) }
            plans.append(plan)
        }
        for (index, line) in lines.enumerated() {
            guard let name = line.plan, var plan = try? Plan(text: name) else { continue }
            plan.origin = .page(carrierID: carrier, line: line.number == nil ? nil : Self.lineKey(line, index: index).key)
            if plan.name == nil { plan.name = name }
            if plan.data == nil, let allowance = line.dataAllowance { plan.data = .init(allowance) }
            if plan.hotspot == nil, let hotspot = line.hotspotAllowance { plan.hotspot = .init(hotspot) }
            if plan.premiumData == nil, let premium = line.premiumData, !premium.isUnlimited { plan.premiumData = premium }
            if plan.price == nil, let charges = line[.lineCharges]?.money, !charges.isCredit {
                plan.price = PlanPrice(amount: charges, period: .month, perLine: true)
            }
            plans.append(plan)
        }
        return plans
    }
}

extension DataAllowance {
    /// An allowance from an amount a page states (`Unlimited` stays unlimited).
    package init(_ amount: DataAmount) {
        self = amount.isUnlimited ? .unlimited : .total(amount)
    }
}
