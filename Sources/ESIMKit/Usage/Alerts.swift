/// Thresholds `esimtool alert` checks the latest readings against. Any may be unset.
package struct AlertRules: Hashable, Sendable {
    /// Data left on a line below this amount.
    package var dataBelow: DataAmount?
    /// Data left below this share of the allowance (0–100).
    package var dataBelowPercent: Double?
    /// The forecast reaches the allowance (or premium threshold) before the cycle resets.
    package var runOutBeforeReset: Bool
    /// A prepaid balance below this.
    package var balanceBelow: Money?
    /// A bill due within this many days (0: due today).
    package var dueWithinDays: Int?
    /// International or roaming use above this amount in the current cycle.
    package var roamingAbove: DataAmount?

    package init(dataBelow: DataAmount? = nil, dataBelowPercent: Double? = nil, runOutBeforeReset: Bool = false,
                balanceBelow: Money? = nil, dueWithinDays: Int? = nil, roamingAbove: DataAmount? = nil) {
        self.dataBelow = dataBelow
        self.dataBelowPercent = dataBelowPercent
        self.runOutBeforeReset = runOutBeforeReset
        self.balanceBelow = balanceBelow
        self.dueWithinDays = dueWithinDays
        self.roamingAbove = roamingAbove
    }

    package var isEmpty: Bool { self == AlertRules() }

    /// `$XDG_CONFIG_HOME/esimtool/alerts.yaml`, else `~/.config/esimtool/alerts.yaml`.
    package static var defaultPath: String? {
        RedactionKey.defaultPath.map { String($0.dropLast("redact.key".count)) + "alerts.yaml" }
    }

    /// These rules with every threshold `other` sets in its place (flags over a file).
    package func overridden(by other: AlertRules) -> AlertRules {
        var rules = self
        if let value = other.dataBelow { rules.dataBelow = value }
        if let value = other.dataBelowPercent { rules.dataBelowPercent = value }
        if other.runOutBeforeReset { rules.runOutBeforeReset = true }
        if let value = other.balanceBelow { rules.balanceBelow = value }
        if let value = other.dueWithinDays { rules.dueWithinDays = value }
        if let value = other.roamingAbove { rules.roamingAbove = value }
        return rules
    }

    /// Reads a rules file:
    ///
    /// ```yaml
    /// dataBelow: 2 GB
    /// dataBelowPercent: 10
    /// runOutBeforeReset: true
    /// balanceBelow: $5.00
    /// dueWithin: 3
    /// roamingAbove: 500 MB
    /// ```
    package static func parse(_ text: String, file: String) throws(SpecError) -> AlertRules {
        let root = try SpecNode.parse(text, file: file)
        let fields = try root.mapping(allowed: ["dataBelow", "dataBelowPercent", "runOutBeforeReset", "balanceBelow", "dueWithin", "roamingAbove"])
        var rules = AlertRules()
        func value<T>(_ key: String, _ read: (String) throws(ValueError) -> T) throws(SpecError) -> T? {
            guard let node = fields[key] else { return nil }
            let text = try node.string()
            do { return try read(text) } catch { throw node.error(.invalidValue, "'\(text)': \(error.message)") }
        }
        rules.dataBelow = try value("dataBelow") { text throws(ValueError) in try DataAmount(text) }
        rules.roamingAbove = try value("roamingAbove") { text throws(ValueError) in try DataAmount(text) }
        rules.balanceBelow = try value("balanceBelow") { text throws(ValueError) in try Money(text) }
        if let node = fields["dataBelowPercent"] {
            guard let percent = Double(try node.string().trimmed(of: " %")), (0...100).contains(percent) else {
                throw node.error(.invalidValue, "a percentage between 0 and 100")
            }
            rules.dataBelowPercent = percent
        }
        if let node = fields["dueWithin"] {
            guard let days = Int(try node.string().trimmed(of: " ")), days >= 0 else { throw node.error(.invalidValue, "a whole number of days") }
            rules.dueWithinDays = days
        }
        if let node = fields["runOutBeforeReset"] { rules.runOutBeforeReset = try node.bool() }
        return rules
    }
}

/// A threshold the latest readings cross.
package struct AlertHit: Hashable, Sendable {
    package enum Rule: String, Hashable, Sendable, Codable {
        case dataBelow, dataBelowPercent, runOutBeforeReset, balanceBelow, dueWithin, roamingAbove
    }

    package var rule: Rule
    package var carrierID: String
    package var carrierName: String
    /// The line's label for line rules.
    package var line: String?
    package var message: String
}

package enum Alerts {
    /// Every rule each line's and account's latest reading breaks, as of `today`.
    package static func evaluate(lines: [LineHistory], accounts: [AccountHistory], rules: AlertRules,
                                today: CalendarDate) -> [AlertHit] {
        var hits: [AlertHit] = []
        for history in lines {
            guard let last = history.readings.last else { continue }
            func hit(_ rule: AlertHit.Rule, _ message: String) {
                hits.append(AlertHit(rule: rule, carrierID: history.carrierID, carrierName: history.carrierName,
                                     line: history.label, message: message))
            }
            let left: Double? = last.remaining?.bytes?.approximateDouble ?? {
                guard let allowance = last.allowance?.bytes, let used = last.usedBytes else { return nil }
                return allowance.approximateDouble - used
            }()
            if let threshold = rules.dataBelow?.bytes?.approximateDouble, let left, left < threshold {
                hit(.dataBelow, "\(UsageText.bytes(left)) left, below \(rules.dataBelow!)")
            }
            if let percent = rules.dataBelowPercent, let left, let allowance = last.allowance?.bytes?.approximateDouble, allowance > 0,
               left / allowance * 100 < percent {
                hit(.dataBelowPercent, "\(Int((left / allowance * 100).rounded()))% of \(last.allowance!) left, below \(UsageText.number(percent))%")
            }
            if rules.runOutBeforeReset, let forecast = Forecast.data(history), forecast.reachedBeforeReset == true,
               let day = forecast.limitReachedOn, let end = forecast.cycleEnd {
                let what = forecast.limit == .premium ? "premium data" : "the allowance"
                hit(.runOutBeforeReset, "at \(UsageText.bytes(forecast.bytesPerDay))/day, \(what) runs out on \(day), before the cycle ends on \(end)")
            }
            if let threshold = rules.roamingAbove?.bytes?.approximateDouble,
               let roaming = history.currentCycle.last?.international?.bytes?.approximateDouble, roaming > threshold {
                hit(.roamingAbove, "\(UsageText.bytes(roaming)) used abroad this cycle, above \(rules.roamingAbove!)")
            }
        }
        for history in accounts {
            guard let last = history.readings.last else { continue }
            func hit(_ rule: AlertHit.Rule, _ message: String) {
                hits.append(AlertHit(rule: rule, carrierID: history.carrierID, carrierName: history.carrierName, line: nil, message: message))
            }
            if let threshold = rules.balanceBelow, let balance = last.balance, balance.currency == threshold.currency,
               balance.amount.approximateDouble < threshold.amount.approximateDouble {
                hit(.balanceBelow, "balance \(balance), below \(threshold)")
            }
            if let days = rules.dueWithinDays, let due = last.dueDate {
                let until = today.days(until: due)
                if until >= 0 && until <= days {
                    let amount = last.amountDue.map { "\($0) " } ?? ""
                    hit(.dueWithin, "\(amount)due \(due) (\(until == 0 ? "today" : until == 1 ? "tomorrow" : "in \(until) days"))")
                }
            }
        }
        return hits
    }
}

/// Numbers for people: `3.1 GB`, `512 MB`, `12.5`.
package enum UsageText {
    package static func bytes(_ value: Double) -> String {
        let units = [("TB", 1_099_511_627_776.0), ("GB", 1_073_741_824.0), ("MB", 1_048_576.0), ("KB", 1024.0)]
        for (name, size) in units where abs(value) >= size {
            return number(value / size) + " " + name
        }
        return number(value) + " B"
    }

    /// At most one decimal, none when whole.
    package static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : (tenths < 0 ? "-" : "") + "\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }
}
