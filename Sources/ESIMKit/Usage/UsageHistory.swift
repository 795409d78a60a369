/// An instant, in whole seconds since 1970-01-01 UTC.
package struct Timestamp: Hashable, Comparable, Sendable {
    package var seconds: Int64

    package init(seconds: Int64) {
        self.seconds = seconds
    }

    /// Noon, local time, of a calendar day (what a page that only says "Nov 20" means).
    package init(noonOf date: CalendarDate) {
        let local = Int64(date.dayNumber) * 86_400 + 12 * 3_600
        seconds = local - Int64(Self.utcOffset(near: local))
    }

    package static var now: Timestamp { Timestamp(seconds: Clock.secondsSince1970) }

    package static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.seconds < rhs.seconds }

    /// The local offset from UTC in seconds at about this instant.
    static func utcOffset(near seconds: Int64) -> Int {
        Clock.utcOffset(near: seconds)
    }

    /// Local days since 1970-01-01, with the time of day as a fraction: the scale
    /// ``CalendarDate/dayNumber`` counts in.
    package var localDay: Double {
        Double(seconds + Int64(Self.utcOffset(near: seconds))) / 86_400
    }

    /// The local calendar day.
    package var localDate: CalendarDate {
        CalendarDate(dayNumber: Int(localDay.rounded(.down)))
    }

    /// `2026-11-20 09:41` local time.
    package var localText: String {
        let local = seconds + Int64(Self.utcOffset(near: seconds))
        let minutes = (local % 86_400 + 86_400) % 86_400 / 60
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(localDate) \(two(minutes / 60)):\(two(minutes % 60))"
    }

    /// `2026-11-20T15:41:00Z`.
    package var isoText: String {
        let day = CalendarDate(dayNumber: Int((Double(seconds) / 86_400).rounded(.down)))
        let within = (seconds % 86_400 + 86_400) % 86_400
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(day)T\(two(within / 3600)):\(two(within / 60 % 60)):\(two(within % 60))Z"
    }

    /// Reads `2026-11-20T15:41:00Z`, `2026-11-20 15:41` (local) or `2026-11-20` (noon, local).
    package init?(_ text: String) {
        let trimmed = text.trimmed(of: " ")
        guard trimmed.count >= 10, let date = try? CalendarDate(String(trimmed.prefix(10))), trimmed.prefix(4).allSatisfy(\.isNumber) else {
            return nil
        }
        if trimmed.count == 10 {
            self.init(noonOf: date)
            return
        }
        var rest = trimmed.dropFirst(10)
        guard let separator = rest.first, separator == "T" || separator == " " else { return nil }
        rest = rest.dropFirst()
        let isUTC = rest.hasSuffix("Z")
        if isUTC { rest = rest.dropLast() }
        let parts = rest.split(separator: ":").map { Int($0) }
        guard (2...3).contains(parts.count), parts.allSatisfy({ $0 != nil }),
              let hour = parts[0], let minute = parts[1], (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        let second = parts.count == 3 ? (parts[2] ?? 0) : 0
        let wall = Int64(date.dayNumber) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        self.init(seconds: isUTC ? wall : wall - Int64(Self.utcOffset(near: wall)))
    }
}

extension CalendarDate {
    /// The local calendar day now (`nil` when the system cannot tell).
    package static var today: CalendarDate? {
        Clock.localDay.flatMap { CalendarDate(year: $0.year, month: $0.month, day: $0.day) }
    }

    /// The day `dayNumber` days after 1970-01-01 (Howard Hinnant's civil_from_days).
    package init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)!
    }
}

/// What one stored snapshot says about one line at one time.
package struct LineReading: Hashable, Sendable {
    package var time: Timestamp
    package var cycle: DateRange?
    package var used: DataAmount?
    package var allowance: DataAmount?
    package var remaining: DataAmount?
    package var premium: DataAmount?
    package var hotspotUsed: DataAmount?
    package var international: DataAmount?
    package var plan: String?

    package init(time: Timestamp, cycle: DateRange? = nil, used: DataAmount? = nil, allowance: DataAmount? = nil,
                remaining: DataAmount? = nil, premium: DataAmount? = nil, hotspotUsed: DataAmount? = nil,
                international: DataAmount? = nil, plan: String? = nil) {
        self.time = time
        self.cycle = cycle
        self.used = used
        self.allowance = allowance
        self.remaining = remaining
        self.premium = premium
        self.hotspotUsed = hotspotUsed
        self.international = international
        self.plan = plan
    }

    /// Bytes used: shown, or allowance minus what is left.
    package var usedBytes: Double? {
        if let bytes = used?.bytes { return bytes.approximateDouble }
        guard let allowance = allowance?.bytes, let remaining = remaining?.bytes else { return nil }
        return allowance.approximateDouble - remaining.approximateDouble
    }
}

/// What one stored snapshot says about the account at one time.
package struct AccountReading: Hashable, Sendable {
    package var time: Timestamp
    package var balance: Money?
    package var amountDue: Money?
    package var dueDate: CalendarDate?
    package var expires: CalendarDate?
    package var cycle: DateRange?

    package init(time: Timestamp, balance: Money? = nil, amountDue: Money? = nil, dueDate: CalendarDate? = nil,
                expires: CalendarDate? = nil, cycle: DateRange? = nil) {
        self.time = time
        self.balance = balance
        self.amountDue = amountDue
        self.dueDate = dueDate
        self.expires = expires
        self.cycle = cycle
    }
}

/// A line's readings over time, oldest first.
package struct LineHistory: Hashable, Sendable {
    package var carrierID: String
    package var carrierName: String
    /// Stable across page kinds: the number's last four digits (`…0142`), else the nickname.
    package var key: String
    /// How the line reads: masked number and nickname.
    package var label: String
    package var readings: [LineReading]

    package init(carrierID: String, carrierName: String, key: String, label: String, readings: [LineReading]) {
        self.carrierID = carrierID
        self.carrierName = carrierName
        self.key = key
        self.label = label
        self.readings = readings
    }

    /// The readings split into bill cycles, oldest first: a reading belongs to the cycle
    /// of the one before it when both name the same cycle, or — when either names none —
    /// when use did not go down between them (a drop is a reset). The usage chart, its
    /// JSON and the forecast all read cycles here, so they always describe the same ones.
    package var cycles: [UsageCycle] {
        var groups: [UsageCycle] = []
        for reading in readings {
            if let last = groups.last?.readings.last {
                let sameCycle: Bool
                if let a = last.cycle, let b = reading.cycle {
                    sameCycle = a == b
                } else if let before = last.usedBytes, let now = reading.usedBytes {
                    sameCycle = now >= before
                } else {
                    sameCycle = true
                }
                if sameCycle {
                    groups[groups.count - 1].readings.append(reading)
                    continue
                }
            }
            groups.append(UsageCycle(readings: [reading]))
        }
        return groups
    }

    /// The readings of the most recent bill cycle (the last of ``cycles``).
    package var currentCycle: [LineReading] {
        cycles.last?.readings ?? []
    }

    /// The histories a `--line` choice picks: by position (`1`, `2`… when under four
    /// digits), else by the line's key ending in it (its last digits), its key, or its label
    /// containing it (a nickname), ignoring case; all of them for `nil`.
    package static func select(_ histories: [LineHistory], line: String?) -> [LineHistory] {
        guard let line else { return histories }
        if let index = Int(line), index >= 1, index <= histories.count, line.count < 4 { return [histories[index - 1]] }
        let lowered = line.lowercased()
        return histories.filter { $0.key.hasSuffix(lowered) || $0.key == lowered || $0.label.lowercased().contains(lowered) }
    }
}

/// One bill cycle of a line's readings, oldest first.
package struct UsageCycle: Hashable, Sendable {
    package var readings: [LineReading]

    package init(readings: [LineReading]) {
        self.readings = readings
    }

    /// The cycle the readings name (the latest that names one), if any.
    package var range: DateRange? {
        readings.last { $0.cycle != nil }?.cycle
    }
}

extension AccountSnapshot {
    /// The key of a line (see ``LineHistory/key``) and its label.
    package static func lineKey(_ line: LineSnapshot, index: Int) -> (key: String, label: String) {
        let digits = (line.number ?? "").filter(\.isNumber)
        let label = [line.number, line.nickname].compactMap { $0 }.joined(separator: " · ")
        if digits.count >= 4 { return ("…" + digits.suffix(4), label.isEmpty ? "…" + digits.suffix(4) : label) }
        if let nickname = line.nickname { return (nickname.lowercased(), label) }
        return ("line \(index + 1)", label.isEmpty ? "line \(index + 1)" : label)
    }

    /// The account reading this snapshot gives at `time`.
    package func accountReading(at time: Timestamp) -> AccountReading {
        AccountReading(time: time, balance: balance, amountDue: amountDue, dueDate: dueDate,
                       expires: self[.expires]?.date, cycle: billingCycle)
    }

    /// Each line's reading at `time`, with the line's key and label.
    package func lineReadings(at time: Timestamp) -> [(key: String, label: String, reading: LineReading)] {
        lines.enumerated().map { index, line in
            let (key, label) = Self.lineKey(line, index: index)
            return (key, label, LineReading(time: time, cycle: billingCycle, used: line.dataUsed, allowance: line.dataAllowance,
                                            remaining: line[.dataRemaining]?.data, premium: line.premiumData,
                                            hotspotUsed: line.hotspotUsed, international: line.internationalUsed, plan: line.plan))
        }
    }
}
