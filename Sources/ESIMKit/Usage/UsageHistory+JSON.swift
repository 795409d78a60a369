/// The JSON `esimtool usage --json` and `alert --json` print (schema in the README): keys
/// in the order written here; amounts as the page wrote them, bytes as whole numbers,
/// times in UTC ISO 8601.
package struct UsageReport: Encodable, Sendable {
    package var lines: [LineHistory]
    package var accounts: [AccountHistory]

    package init(lines: [LineHistory], accounts: [AccountHistory]) {
        self.lines = lines
        self.accounts = accounts
    }
}

extension LineHistory: Encodable {
    enum Key: String, CodingKey { case carrier, line, label, cycles, forecast }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(carrierID, forKey: .carrier)
        try container.encode(key, forKey: .line)
        try container.encode(label, forKey: .label)
        try container.encode(cycles, forKey: .cycles)
        try container.encode(Forecast.data(self), forKey: .forecast)
    }
}

extension UsageCycle: Encodable {
    enum Key: String, CodingKey { case start, end, readings }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(range?.start.description, forKey: .start)
        try container.encode(range?.end.description, forKey: .end)
        try container.encode(readings, forKey: .readings)
    }
}

extension LineReading: Encodable {
    enum Key: String, CodingKey { case time, used, usedBytes, allowance, remaining, premium, international }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(time.isoText, forKey: .time)
        try container.encode(used?.description, forKey: .used)
        try container.encode(usedBytes.map { Int64($0) }, forKey: .usedBytes)
        try container.encode(allowance?.description, forKey: .allowance)
        try container.encode(remaining?.description, forKey: .remaining)
        try container.encode(premium?.description, forKey: .premium)
        try container.encode(international?.description, forKey: .international)
    }
}

extension DataForecast: Encodable {
    enum Key: String, CodingKey {
        case bytesPerDay, usedBytes, limit, limitBytes, cycleEnd, projectedAtReset, limitReachedOn, reachedBeforeReset, readings
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(Int64(bytesPerDay), forKey: .bytesPerDay)
        try container.encode(Int64(usedBytes), forKey: .usedBytes)
        try container.encode(limit?.rawValue, forKey: .limit)
        try container.encode(limitBytes.map { Int64($0) }, forKey: .limitBytes)
        try container.encode(cycleEnd?.description, forKey: .cycleEnd)
        try container.encode(projectedAtReset.map { Int64($0) }, forKey: .projectedAtReset)
        try container.encode(limitReachedOn?.description, forKey: .limitReachedOn)
        try container.encode(reachedBeforeReset, forKey: .reachedBeforeReset)
        try container.encode(readings, forKey: .readings)
    }
}

extension AccountHistory: Encodable {
    enum Key: String, CodingKey { case carrier, readings, daysOfBalanceLeft }
    enum ReadingKey: String, CodingKey { case time, balance, amountDue, dueDate, expires }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(carrierID, forKey: .carrier)
        var items = container.nestedUnkeyedContainer(forKey: .readings)
        for reading in readings {
            var item = items.nestedContainer(keyedBy: ReadingKey.self)
            try item.encode(reading.time.isoText, forKey: .time)
            try item.encode(reading.balance?.description, forKey: .balance)
            try item.encode(reading.amountDue?.description, forKey: .amountDue)
            try item.encode(reading.dueDate?.description, forKey: .dueDate)
            try item.encode(reading.expires?.description, forKey: .expires)
        }
        try container.encode(Forecast.balance(self).map { ($0.daysLeft * 10).rounded() / 10 }, forKey: .daysOfBalanceLeft)
    }
}

extension AlertHit: Encodable {
    enum Key: String, CodingKey { case rule, carrier, line, message, value, threshold, unit, readAt, stale }

    /// `{"rule","carrier","line","message","value","threshold","unit","readAt","stale"}`;
    /// `readAt` in ISO 8601 UTC, `stale` the reason or `null`.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(rule.rawValue, forKey: .rule)
        try container.encode(carrierID, forKey: .carrier)
        try container.encode(line, forKey: .line)
        try container.encode(message, forKey: .message)
        try container.encode(value, forKey: .value)
        try container.encode(threshold, forKey: .threshold)
        try container.encode(unit, forKey: .unit)
        try container.encode(readAt?.isoText, forKey: .readAt)
        try container.encode(stale, forKey: .stale)
    }
}
