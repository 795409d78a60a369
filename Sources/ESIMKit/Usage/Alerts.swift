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

/// A threshold the latest known readings cross.
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
    /// The value that crossed the threshold and the threshold, as text (`1.5 GB`, `2 GB`,
    /// `$4.10`, `3` days), and their unit (`bytes`, `percent`, a currency code, `days`).
    package var value: String?
    package var threshold: String?
    package var unit: String?
    /// When the value was read (the capture time of the page it came from).
    package var readAt: Timestamp?
    /// Why the reading may no longer be true (older than the age limit, or its bill cycle
    /// has ended); `nil` for a current reading.
    package var stale: String?

    package init(rule: Rule, carrierID: String, carrierName: String, line: String?, message: String, value: String? = nil,
                 threshold: String? = nil, unit: String? = nil, readAt: Timestamp? = nil, stale: String? = nil) {
        self.rule = rule
        self.carrierID = carrierID
        self.carrierName = carrierName
        self.line = line
        self.message = message
        self.value = value
        self.threshold = threshold
        self.unit = unit
        self.readAt = readAt
        self.stale = stale
    }
}

package enum Alerts {
    /// Readings older than this are stale unless the caller says otherwise (7 days).
    package static let defaultMaxAge: Int64 = 7 * 86_400

    /// Every rule the latest known value of its field breaks, as of `today` and `now`.
    /// Each field is taken from the newest reading that has it (a usage page without the
    /// amount due does not hide the bill an overview page showed), within the line's
    /// current bill cycle for line fields; a value older than `maxAge` seconds, or read in
    /// a cycle that has ended, is reported with why it is stale.
    package static func evaluate(lines: [LineHistory], accounts: [AccountHistory], rules: AlertRules,
                                 today: CalendarDate, now: Timestamp = .now, maxAge: Int64 = defaultMaxAge) -> [AlertHit] {
        func staleness(_ time: Timestamp, cycle: DateRange?) -> String? {
            if let cycle, cycle.end < today { return "read \(time.localDate), in a bill cycle that ended on \(cycle.end)" }
            let age = now.seconds - time.seconds
            if age > maxAge { return "read \(time.localDate), \(age / 86_400) days ago" }
            return nil
        }
        var hits: [AlertHit] = []
        for history in lines {
            let cycle = history.currentCycle
            guard !cycle.isEmpty else { continue }
            func hit(_ rule: AlertHit.Rule, _ message: String, value: String, threshold: String, unit: String, from reading: LineReading) {
                let stale = staleness(reading.time, cycle: reading.cycle)
                hits.append(AlertHit(rule: rule, carrierID: history.carrierID, carrierName: history.carrierName,
                                     line: history.label, message: message + (stale.map { " (stale: \($0))" } ?? ""),
                                     value: value, threshold: threshold, unit: unit, readAt: reading.time, stale: stale))
            }
            // The newest reading of the cycle that says how much is left.
            func left(_ reading: LineReading) -> Double? {
                reading.remaining?.bytes?.approximateDouble ?? {
                    guard let allowance = reading.allowance?.bytes, let used = reading.usedBytes else { return nil }
                    return allowance.approximateDouble - used
                }()
            }
            if let reading = cycle.last(where: { left($0) != nil }), let left = left(reading) {
                if let threshold = rules.dataBelow?.bytes?.approximateDouble, left < threshold {
                    hit(.dataBelow, "\(UsageText.bytes(left)) left, below \(rules.dataBelow!)", value: UsageText.bytes(left),
                        threshold: "\(rules.dataBelow!)", unit: "bytes", from: reading)
                }
                if let percent = rules.dataBelowPercent,
                   let allowanceReading = cycle.last(where: { $0.allowance?.bytes != nil }),
                   let allowance = allowanceReading.allowance?.bytes?.approximateDouble, allowance > 0, left / allowance * 100 < percent {
                    let share = Int((left / allowance * 100).rounded())
                    hit(.dataBelowPercent, "\(share)% of \(allowanceReading.allowance!) left, below \(UsageText.number(percent))%",
                        value: "\(share)", threshold: UsageText.number(percent), unit: "percent", from: reading)
                }
            }
            if rules.runOutBeforeReset, let forecast = Forecast.data(history), forecast.reachedBeforeReset == true,
               let day = forecast.limitReachedOn, let end = forecast.cycleEnd, let last = cycle.last {
                let what = forecast.limit == .premium ? "premium data" : "the allowance"
                hit(.runOutBeforeReset, "at \(UsageText.bytes(forecast.bytesPerDay))/day, \(what) runs out on \(day), before the cycle ends on \(end)",
                    value: "\(day)", threshold: "\(end)", unit: "date", from: last)
            }
            if let threshold = rules.roamingAbove?.bytes?.approximateDouble,
               let reading = cycle.last(where: { $0.international?.bytes != nil }),
               let roaming = reading.international?.bytes?.approximateDouble, roaming > threshold {
                hit(.roamingAbove, "\(UsageText.bytes(roaming)) used abroad this cycle, above \(rules.roamingAbove!)",
                    value: UsageText.bytes(roaming), threshold: "\(rules.roamingAbove!)", unit: "bytes", from: reading)
            }
        }
        for history in accounts {
            func hit(_ rule: AlertHit.Rule, _ message: String, value: String, threshold: String, unit: String, from reading: AccountReading) {
                let stale = staleness(reading.time, cycle: nil)
                hits.append(AlertHit(rule: rule, carrierID: history.carrierID, carrierName: history.carrierName, line: nil,
                                     message: message + (stale.map { " (stale: \($0))" } ?? ""),
                                     value: value, threshold: threshold, unit: unit, readAt: reading.time, stale: stale))
            }
            // Pages tracked at once share a capture time: every balance of the newest time counts.
            if let threshold = rules.balanceBelow,
               let newest = history.readings.last(where: { $0.balance != nil })?.time {
                var seen: Set<Money> = []
                for reading in history.readings where reading.time == newest {
                    guard let balance = reading.balance, seen.insert(balance).inserted, balance.currency == threshold.currency,
                          balance.amount.approximateDouble < threshold.amount.approximateDouble else { continue }
                    hit(.balanceBelow, "balance \(balance), below \(threshold)", value: "\(balance)", threshold: "\(threshold)",
                        unit: balance.currency, from: reading)
                }
            }
            if let days = rules.dueWithinDays, let reading = history.readings.last(where: { $0.dueDate != nil }), let due = reading.dueDate {
                let until = today.days(until: due)
                if until >= 0 && until <= days {
                    // The amount the same page showed, else one a page tracked at the same time
                    // showed: never an amount of another bill.
                    let amountDue = reading.amountDue
                        ?? history.readings.last(where: { $0.time == reading.time && $0.amountDue != nil })?.amountDue
                    let amount = amountDue.map { "\($0) " } ?? ""
                    hit(.dueWithin, "\(amount)due \(due) (\(until == 0 ? "today" : until == 1 ? "tomorrow" : "in \(until) days"))",
                        value: "\(until)", threshold: "\(days)", unit: "days", from: reading)
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
