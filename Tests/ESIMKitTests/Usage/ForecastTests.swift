import Testing
@testable import ESIMKit

@Suite("Forecast")
struct ForecastTests {
    static let gigabyte = 1_073_741_824.0
    static let cycle = DateRange(start: CalendarDate(year: 2026, month: 11, day: 4)!, end: CalendarDate(year: 2026, month: 12, day: 3)!)!

    /// Noon (UTC) readings on the given November days.
    static func line(_ points: [(day: Int, used: String)], allowance: String? = "15 GB", premium: String? = nil,
                     cycle: DateRange? = cycle) throws -> LineHistory {
        let readings = try points.map { point in
            LineReading(time: Timestamp(noonOf: CalendarDate(year: 2026, month: 11, day: point.day)!), cycle: cycle,
                        used: try DataAmount(point.used), allowance: try allowance.map { try DataAmount($0) },
                        premium: try premium.map { try DataAmount($0) })
        }
        return LineHistory(carrierID: "att", carrierName: "AT&T", key: "…0142", label: "(***) ***-0142", readings: readings)
    }

    @Test("no readings, or one without a known cycle start: no forecast")
    func noData() throws {
        #expect(Forecast.data(try Self.line([])) == nil)
        #expect(Forecast.data(try Self.line([(20, "3 GB")], cycle: nil)) == nil)
    }

    @Test("one reading: use since the cycle began, at a steady rate")
    func onePoint() throws {
        // 8 GB by noon on Nov 20, 16.5 days after the cycle began (Nov 4, 00:00).
        let forecast = try #require(Forecast.data(try Self.line([(20, "8 GB")])))
        #expect(abs(forecast.bytesPerDay - 8 / 16.5 * Self.gigabyte) < 1)
        // 13.5 days left: 8 + 13.5 × 8/16.5 = 14.545… GB.
        #expect(abs(forecast.projectedAtReset! / Self.gigabyte - (8 + 13.5 * 8 / 16.5)) < 1e-9)
        #expect(forecast.reachedBeforeReset == false)
    }

    @Test("a steady rate reaches the allowance on the day the arithmetic says")
    func linear() throws {
        // 1 GB a day from Nov 10: 15 GB on Nov 24, before the reset.
        let forecast = try #require(Forecast.data(try Self.line([(10, "1 GB"), (12, "3 GB"), (15, "6 GB"), (18, "9 GB")])))
        #expect(abs(forecast.bytesPerDay - Self.gigabyte) < 1)
        #expect(forecast.limit == .allowance)
        #expect(forecast.limitReachedOn == CalendarDate(year: 2026, month: 11, day: 24))
        #expect(forecast.reachedBeforeReset == true)
        #expect(forecast.readings == 4)
    }

    @Test("a reset in the history: only the current cycle counts")
    func resetMidHistory() throws {
        // No cycle dates on these pages: the drop from 14 GB to 1 GB is the reset.
        let history = try Self.line([(1, "12 GB"), (3, "14 GB"), (6, "1 GB"), (8, "2 GB")], cycle: nil)
        #expect(history.currentCycle.count == 2)
        let forecast = try #require(Forecast.data(history))
        #expect(abs(forecast.bytesPerDay - 0.5 * Self.gigabyte) < 1)
        #expect(forecast.projectedAtReset == nil)  // no cycle end known
    }

    @Test("unlimited lines: the premium threshold is the limit, or there is none")
    func unlimited() throws {
        let premium = try #require(Forecast.data(try Self.line([(10, "20 GB"), (20, "60 GB")], allowance: "Unlimited", premium: "75 GB")))
        #expect(premium.limit == .premium)
        // 4 GB a day from 60 GB at noon on the 20th: 75 GB 3.75 days later, early on the 24th.
        #expect(premium.limitReachedOn == CalendarDate(year: 2026, month: 11, day: 24))
        #expect(premium.reachedBeforeReset == true)
        let none = try #require(Forecast.data(try Self.line([(10, "20 GB"), (20, "60 GB")], allowance: "Unlimited")))
        #expect(none.limit == nil && none.limitReachedOn == nil && none.reachedBeforeReset == nil)
    }

    @Test("a used-up allowance is reached today")
    func usedUp() throws {
        let forecast = try #require(Forecast.data(try Self.line([(18, "14 GB"), (20, "15 GB")])))
        #expect(forecast.limitReachedOn == CalendarDate(year: 2026, month: 11, day: 20))
        #expect(forecast.reachedBeforeReset == true)
    }

    @Test("prepaid balance: spend since the last top-up, and the days it lasts")
    func balance() throws {
        func reading(_ day: Int, _ money: String) throws -> AccountReading {
            AccountReading(time: Timestamp(noonOf: CalendarDate(year: 2026, month: 11, day: day)!), balance: try Money(money))
        }
        // $30 → $20 over 10 days, a top-up to $40, then $40 → $36 over 4 days: $1 a day, 36 days left.
        let history = AccountHistory(carrierID: "mint", carrierName: "Mint", readings: [
            try reading(1, "$30.00"), try reading(11, "$20.00"), try reading(12, "$40.00"), try reading(16, "$36.00"),
        ])
        let forecast = try #require(Forecast.balance(history))
        #expect(abs(forecast.spendPerDay - 1) < 1e-9)
        #expect(abs(forecast.daysLeft - 36) < 1e-9)
        #expect(forecast.readings == 2)
        // Not spending: no forecast.
        #expect(Forecast.balance(AccountHistory(carrierID: "mint", carrierName: "Mint", readings: [try reading(1, "$5.00"), try reading(2, "$5.00")])) == nil)
    }

    @Test("thresholds: each rule fires on the latest reading only when crossed")
    func alerts() throws {
        let history = try Self.line([(10, "1 GB"), (18, "9 GB")])
        let account = AccountHistory(carrierID: "att", carrierName: "AT&T", readings: [
            AccountReading(time: Timestamp(noonOf: CalendarDate(year: 2026, month: 11, day: 18)!), balance: try Money("$4.00"),
                           amountDue: try Money("$50.00"), dueDate: CalendarDate(year: 2026, month: 11, day: 21)),
        ])
        let today = CalendarDate(year: 2026, month: 11, day: 18)!
        let rules = AlertRules(dataBelow: try DataAmount("7 GB"), dataBelowPercent: 50, runOutBeforeReset: true,
                               balanceBelow: try Money("$5"), dueWithinDays: 3, roamingAbove: try DataAmount("1 GB"))
        let hits = Alerts.evaluate(lines: [history], accounts: [account], rules: rules, today: today)
        #expect(hits.map(\.rule) == [.dataBelow, .dataBelowPercent, .runOutBeforeReset, .balanceBelow, .dueWithin])
        let calm = AlertRules(dataBelow: try DataAmount("5 GB"), balanceBelow: try Money("$3"), dueWithinDays: 2)
        #expect(Alerts.evaluate(lines: [history], accounts: [account], rules: calm, today: today).isEmpty)
    }

    @Test("alerts read each field's latest known value; pages tracked at once all count; old values are stale")
    func latestKnownValues() throws {
        let day18 = Timestamp(noonOf: CalendarDate(year: 2026, month: 11, day: 18)!)
        let day19 = Timestamp(noonOf: CalendarDate(year: 2026, month: 11, day: 19)!)
        let account = AccountHistory(carrierID: "x", carrierName: "X", readings: [
            AccountReading(time: day18, amountDue: try Money("$80.00"), dueDate: CalendarDate(year: 2026, month: 11, day: 21)),
            AccountReading(time: day19, balance: try Money("$0.00")),
            AccountReading(time: day19, balance: try Money("$5.00")),
            AccountReading(time: day19, balance: try Money("$12.50")),
            AccountReading(time: day19, balance: try Money("$70.00")),
            AccountReading(time: day19),
        ])
        let today = CalendarDate(year: 2026, month: 11, day: 19)!
        let rules = AlertRules(balanceBelow: try Money("$50"), dueWithinDays: 3)
        let hits = Alerts.evaluate(lines: [], accounts: [account], rules: rules, today: today, now: day19)
        #expect(hits.filter { $0.rule == .balanceBelow }.map(\.value) == ["$0.00", "$5.00", "$12.50"])
        let due = try #require(hits.first { $0.rule == .dueWithin })
        #expect(due.message == "$80.00 due 2026-11-21 (in 2 days)")
        #expect(due.readAt == day18 && due.stale == nil)
        // Ten days later the same values are stale, and say so.
        let later = Timestamp(seconds: day19.seconds + 10 * 86_400)
        let stale = Alerts.evaluate(lines: [], accounts: [account], rules: AlertRules(balanceBelow: try Money("$50")),
                                    today: later.localDate, now: later)
        #expect(stale.count == 3 && stale.allSatisfy { $0.stale == "read 2026-11-19, 10 days ago" })
    }

    @Test("rules files: every key, and errors with their line")
    func rulesFile() throws {
        let rules = try AlertRules.parse("dataBelow: 2 GB\ndataBelowPercent: 10\nrunOutBeforeReset: true\nbalanceBelow: $5.00\ndueWithin: 3\nroamingAbove: 500 MB\n", file: "a.yaml")
        #expect(rules.dataBelow == (try DataAmount("2 GB")) && rules.dueWithinDays == 3 && rules.runOutBeforeReset)
        #expect(throws: SpecError.self) { try AlertRules.parse("dueWithin: soon\n", file: "a.yaml") }
        #expect(throws: SpecError.self) { try AlertRules.parse("dataAbove: 1 GB\n", file: "a.yaml") }
    }

    @Test("timestamps read and print local and UTC forms, and days convert both ways")
    func timestamps() throws {
        #expect(Timestamp("2026-11-20T09:41:00Z")?.isoText == "2026-11-20T09:41:00Z")
        #expect(Timestamp("2026-11-20")?.localDate == CalendarDate(year: 2026, month: 11, day: 20))
        #expect(Timestamp("yesterday") == nil && Timestamp("2026-11-20T25:00") == nil)
        for day in [-1, 0, 19_000, 20_777, 60_000] {
            #expect(CalendarDate(dayNumber: day).dayNumber == day)
        }
    }
}
