/// An account's readings over time, oldest first.
package struct AccountHistory: Hashable, Sendable {
    package var carrierID: String
    package var carrierName: String
    package var readings: [AccountReading]

    package init(carrierID: String, carrierName: String, readings: [AccountReading]) {
        self.carrierID = carrierID
        self.carrierName = carrierName
        self.readings = readings
    }
}

/// Where a line's data use is heading in the current bill cycle.
package struct DataForecast: Hashable, Sendable {
    package enum Limit: String, Hashable, Sendable, Codable {
        /// The plan's data allowance.
        case allowance
        /// The premium or priority threshold of an unlimited plan.
        case premium
    }

    /// Bytes a day at the current rate.
    package var bytesPerDay: Double
    /// Bytes used at the latest reading.
    package var usedBytes: Double
    package var limit: Limit?
    package var limitBytes: Double?
    package var cycleEnd: CalendarDate?
    /// Bytes used by the end of the cycle at this rate.
    package var projectedAtReset: Double?
    /// The day the limit is reached at this rate (today's reading's day if already reached).
    package var limitReachedOn: CalendarDate?
    /// Whether that day comes before the cycle resets.
    package var reachedBeforeReset: Bool?
    /// How many readings the rate rests on, and over how many days.
    package var readings: Int
    package var days: Double
}

/// When a prepaid balance runs out at the current spend.
package struct BalanceForecast: Hashable, Sendable {
    package var balance: Money
    /// Money a day, in the balance's currency (a decimal approximation, for display).
    package var spendPerDay: Double
    package var daysLeft: Double
    package var readings: Int
}

/// Forecasts from stored readings. Rates are least-squares slopes over the readings of
/// the current cycle (one reading and a known cycle start: use since the start).
package enum Forecast {
    /// The slope of `points` (x, y) by least squares; `nil` for fewer than two distinct x.
    static func slope(_ points: [(Double, Double)]) -> Double? {
        guard points.count >= 2 else { return nil }
        let n = Double(points.count)
        let meanX = points.map(\.0).reduce(0, +) / n
        let meanY = points.map(\.1).reduce(0, +) / n
        let sxx = points.reduce(0) { $0 + ($1.0 - meanX) * ($1.0 - meanX) }
        guard sxx > 1e-9 else { return nil }
        let sxy = points.reduce(0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) }
        return sxy / sxx
    }

    /// The data forecast for a line's current cycle; `nil` with no usable reading.
    package static func data(_ history: LineHistory) -> DataForecast? {
        let readings = history.currentCycle.filter { $0.usedBytes != nil }
        guard let last = readings.last, let used = last.usedBytes else { return nil }
        let cycle = readings.last { $0.cycle != nil }?.cycle
        var points = readings.map { ($0.time.localDay, $0.usedBytes!) }
        if points.count == 1, let cycle {
            // Nothing was used before the cycle began.
            let start = Double(cycle.start.dayNumber)
            guard last.time.localDay > start else { return nil }
            points.insert((start, 0), at: 0)
        }
        guard let rate = slope(points) else { return nil }
        let perDay = max(0, rate)

        var forecast = DataForecast(bytesPerDay: perDay, usedBytes: used, limit: nil, limitBytes: nil, cycleEnd: cycle?.end,
                                    projectedAtReset: nil, limitReachedOn: nil, reachedBeforeReset: nil,
                                    readings: readings.count, days: (points.last!.0 - points.first!.0))
        if let allowance = last.allowance, let bytes = allowance.bytes {
            forecast.limit = .allowance
            forecast.limitBytes = bytes.approximateDouble
        } else if let premium = last.premium?.bytes {
            forecast.limit = .premium
            forecast.limitBytes = premium.approximateDouble
        }
        let resetDay = cycle.map { Double($0.end.dayNumber + 1) }
        if let resetDay {
            forecast.projectedAtReset = used + perDay * max(0, resetDay - last.time.localDay)
        }
        if let limit = forecast.limitBytes {
            if used >= limit {
                forecast.limitReachedOn = last.time.localDate
            } else if perDay > 0 {
                let day = last.time.localDay + (limit - used) / perDay
                if day < Double(Int.max / 2) { forecast.limitReachedOn = CalendarDate(dayNumber: Int(day.rounded(.down))) }
            }
            if let resetDay {
                if let reached = forecast.limitReachedOn {
                    forecast.reachedBeforeReset = Double(reached.dayNumber) < resetDay
                } else {
                    forecast.reachedBeforeReset = false
                }
            }
        }
        return forecast
    }

    /// The prepaid balance forecast: spend since the last top-up (a rise in balance);
    /// `nil` with fewer than two readings or no spending.
    package static func balance(_ history: AccountHistory) -> BalanceForecast? {
        let readings = history.readings.filter { $0.balance != nil }
        guard let last = readings.last, let balance = last.balance else { return nil }
        var start = readings.count - 1
        while start > 0, let before = readings[start - 1].balance, let now = readings[start].balance,
              before.currency == now.currency, before.amount.approximateDouble >= now.amount.approximateDouble {
            start -= 1
        }
        let segment = readings[start...]
        let points = segment.map { ($0.time.localDay, $0.balance!.amount.approximateDouble) }
        guard let rate = slope(points), rate < 0 else { return nil }
        let perDay = -rate
        return BalanceForecast(balance: balance, spendPerDay: perDay, daysLeft: balance.amount.approximateDouble / perDay,
                               readings: segment.count)
    }
}
