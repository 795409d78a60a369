import Testing
@testable import ESIMKit

private func decimal(_ text: String) -> ExactDecimal { ExactDecimal(text)! }

@Suite("ExactDecimal")
struct ExactDecimalTests {
    @Test("keeps digits, compares by value")
    func basics() {
        #expect(decimal("12.50").description == "12.50")
        #expect(decimal("12.50") == decimal("12.5"))
        #expect(decimal("12.50").hashValue == decimal("12.5").hashValue)
        #expect(decimal("-0.05").description == "-0.05")
        #expect(decimal("3") < decimal("3.01"))
        #expect(decimal("0.1").adding(decimal("0.2")) == decimal("0.3"))
        #expect(decimal("15").subtracting(decimal("12.4")) == decimal("2.6"))
        #expect(ExactDecimal("1.2.3") == nil)
        #expect(ExactDecimal("99999999999999999999") == nil)
    }
}

@Suite("Money")
struct MoneyTests {
    static let valid: [(String, String, String)] = [
        ("$1,234.56", "1234.56", "USD"),
        ("$12.34", "12.34", "USD"),
        ("-$5.00", "-5.00", "USD"),
        ("$-5.00", "-5.00", "USD"),
        ("($5.00)", "-5.00", "USD"),
        ("$5.00 CR", "-5.00", "USD"),
        ("$5.00 credit", "-5.00", "USD"),
        ("5,00 €", "5.00", "EUR"),
        ("€5", "5", "EUR"),
        ("€1.234,56", "1234.56", "EUR"),
        ("USD 12", "12", "USD"),
        ("12.00 USD", "12.00", "USD"),
        ("£3.50", "3.50", "GBP"),
        ("US$ 20", "20", "USD"),
        ("C$15.99", "15.99", "CAD"),
        ("\u{A0}$85.99\u{A0}", "85.99", "USD"),
        ("$0.00", "0.00", "USD"),
        ("$.99", "0.99", "USD"),
        ("− $5", "-5", "USD"),
        ("$1,000,000", "1000000", "USD"),
    ]

    @Test("reads amounts as carriers write them", arguments: valid)
    func reads(_ text: String, _ amount: String, _ currency: String) throws {
        let money = try Money(text)
        #expect(money.amount == decimal(amount))
        #expect(money.currency == currency)
    }

    @Test("round trip through its description", arguments: valid)
    func roundTrip(_ text: String, _ amount: String, _ currency: String) throws {
        let money = try Money(text)
        #expect(try Money(money.description) == money)
    }

    @Test("rejects by code", arguments: [
        ("", ValueError.Code.empty), ("   ", .empty), ("$", .noNumber), ("USD", .noNumber), ("12.50", .unknownCurrency),
        ("$1,23,4", .invalidGrouping), ("$12.3.4", .invalidNumber), ("--$5", .conflictingSigns), ("($5.00", .unexpectedText),
        ("$5 €", .conflictingCurrencies), ("$5 dollars", .unexpectedText), ("XYZ 5", .unknownCurrency),
        ("-$5 CR", .conflictingSigns), ("$12,34,567", .invalidGrouping), ("$1234567890123456789", .tooManyDigits),
        ("#5", .noNumber),
    ])
    func rejects(_ text: String, _ code: ValueError.Code) {
        let error = #expect(throws: ValueError.self) { try Money(text) }
        #expect(error?.code == code)
    }

    @Test("drip-feed: every prefix fails cleanly or reads a smaller amount")
    func dripFeed() {
        let full = "($1,234.56 USD)"
        for length in 0..<full.count {
            let prefix = String(full.prefix(length))
            do {
                let money = try Money(prefix)
                #expect(money.amount.normalized.units.magnitude <= 123456, "\(prefix)")
            } catch {
                #expect((error.offset ?? -1) >= 0 && (error.offset ?? -1) <= prefix.unicodeScalars.count, "\(prefix)")
            }
        }
    }
}

@Suite("DataAmount")
struct DataAmountTests {
    static let valid: [(String, DataAmount)] = [
        ("3.2 GB", .amount(decimal("3.2"), .gigabytes)),
        ("512MB", .amount(decimal("512"), .megabytes)),
        ("1.5 GiB", .amount(decimal("1.5"), .gibibytes)),
        ("7,657 MB", .amount(decimal("7657"), .megabytes)),
        ("0 KB", .amount(decimal("0"), .kilobytes)),
        ("Unlimited", .unlimited),
        ("unlimited data", .unlimited),
        ("2.5\u{A0}gb", .amount(decimal("2.5"), .gigabytes)),
        ("15 gigabytes", .amount(decimal("15"), .gigabytes)),
        ("100 B", .amount(decimal("100"), .bytes)),
        ("1 TB", .amount(decimal("1"), .terabytes)),
        ("0,5 GB", .amount(decimal("0.5"), .gigabytes)),
    ]

    @Test("reads amounts with the unit as written", arguments: valid)
    func reads(_ text: String, _ expected: DataAmount) throws {
        #expect(try DataAmount(text) == expected)
    }

    @Test("round trip through its description", arguments: valid)
    func roundTrip(_ text: String, _ expected: DataAmount) throws {
        #expect(try DataAmount(expected.description) == expected)
    }

    @Test("bytes follow the binary convention, exactly")
    func bytes() throws {
        #expect(try DataAmount("1 GB").bytes == ExactDecimal(1 << 30))
        #expect(try DataAmount("1 GiB").bytes == ExactDecimal(1 << 30))
        #expect(try DataAmount("1.5 MB").bytes == ExactDecimal(1_572_864))
        #expect(try DataAmount("3.2 GB").bytes == decimal("3435973836.8"))
        #expect(DataAmount.unlimited.bytes == nil)
    }

    @Test("rejects by code", arguments: [
        ("", ValueError.Code.empty), ("GB", .noNumber), ("3.2", .missingUnit), ("3.2 GX", .unknownUnit),
        ("-1 GB", .negativeAmount), ("3 GB left", .unexpectedText), ("1,23 GB x", .unexpectedText),
        ("unlimited minutes", .unexpectedText), ("1,2345 MB", .invalidGrouping),
    ])
    func rejects(_ text: String, _ code: ValueError.Code) {
        let error = #expect(throws: ValueError.self) { try DataAmount(text) }
        #expect(error?.code == code)
    }

    @Test("drip-feed: every strict prefix fails cleanly or reads a valid amount")
    func dripFeed() {
        for full in ["7,657.25 MB", "Unlimited data"] {
            for length in 0..<full.count {
                let prefix = String(full.prefix(length))
                do {
                    _ = try DataAmount(prefix)
                } catch {
                    #expect((error.offset ?? .max) <= prefix.unicodeScalars.count)
                }
            }
        }
    }
}

@Suite("CalendarDate")
struct CalendarDateTests {
    static let reference = CalendarDate(year: 2026, month: 11, day: 26)!

    static let valid: [(String, String)] = [
        ("Dec 3, 2026", "2026-12-03"),
        ("December 3 2026", "2026-12-03"),
        ("Dec. 3, 2026", "2026-12-03"),
        ("12/03/2026", "2026-12-03"),
        ("12/3/26", "2026-12-03"),
        ("2026-12-03", "2026-12-03"),
        ("Due Dec 3", "2026-12-03"),
        ("Due on 12/03", "2026-12-03"),
        ("Payment due: Jan 4", "2027-01-04"),
        ("3 Dec 2026", "2026-12-03"),
        ("Sept 30, 2026", "2026-09-30"),
        ("Feb 29, 2028", "2028-02-29"),
        ("Nov 1", "2026-11-01"),
    ]

    @Test("reads dates; year-less ones are placed nearest the reference day", arguments: valid)
    func reads(_ text: String, _ iso: String) throws {
        #expect(try CalendarDate(text, reference: Self.reference).description == iso)
    }

    @Test("round trip through ISO text", arguments: valid)
    func roundTrip(_ text: String, _ iso: String) throws {
        let date = try CalendarDate(text, reference: Self.reference)
        #expect(try CalendarDate(date.description) == date)
    }

    @Test("rejects by code", arguments: [
        ("", ValueError.Code.empty), ("Dec 3", .missingYear), ("Feb 30, 2026", .invalidDate), ("13/01/2026", .invalidDate),
        ("Decem 3, 2026", .invalidDate), ("Dec 3, 26", .invalidDate), ("soon", .invalidDate), ("2026-1-3", .invalidDate),
        ("Dec 3, 2026 maybe", .unexpectedText), ("12/03/202", .invalidDate), ("123", .invalidDate),
    ])
    func rejects(_ text: String, _ code: ValueError.Code) {
        let error = #expect(throws: ValueError.self) { try CalendarDate(text) }
        #expect(error?.code == code)
    }

    @Test("day arithmetic")
    func arithmetic() {
        let start = CalendarDate(year: 2026, month: 11, day: 4)!
        let end = CalendarDate(year: 2026, month: 12, day: 3)!
        #expect(start.days(until: end) == 29)
        #expect(CalendarDate(year: 1970, month: 1, day: 1)!.dayNumber == 0)
        #expect(CalendarDate(year: 2000, month: 3, day: 1)!.dayNumber == 11_017)
    }

    @Test("drip-feed: every strict prefix of a date fails cleanly or reads a date")
    func dripFeed() {
        let full = "Payment due: December 3, 2026"
        for length in 0..<full.count {
            let prefix = String(full.prefix(length))
            do {
                _ = try CalendarDate(prefix, reference: Self.reference)
            } catch {
                #expect((error.offset ?? .max) <= prefix.unicodeScalars.count)
            }
        }
    }
}

@Suite("DateRange")
struct DateRangeTests {
    @Test("billing cycles", arguments: [
        ("Nov 4 – Dec 3", "2026-11-04 – 2026-12-03", 30),
        ("Nov 4 - Dec 3, 2026", "2026-11-04 – 2026-12-03", 30),
        ("Dec 15 - Jan 14, 2027", "2026-12-15 – 2027-01-14", 31),
        ("11/04/2026 - 12/03/2026", "2026-11-04 – 2026-12-03", 30),
        ("Nov 4, 2026 to Dec 3, 2026", "2026-11-04 – 2026-12-03", 30),
        ("Nov 4 — Dec 3", "2026-11-04 – 2026-12-03", 30),
    ])
    func reads(_ text: String, _ expected: String, _ days: Int) throws {
        let range = try DateRange(text, reference: CalendarDate(year: 2026, month: 11, day: 26))
        #expect(range.description == expected)
        #expect(range.dayCount == days)
        #expect(try DateRange(range.description) == range)
    }

    @Test("drip-feed: every strict prefix fails cleanly or reads a range")
    func dripFeed() {
        let full = "Nov 4, 2026 to Dec 3, 2026"
        for length in 0..<full.count {
            let prefix = String(full.prefix(length))
            do {
                _ = try DateRange(prefix, reference: CalendarDate(year: 2026, month: 11, day: 26))
            } catch {
                #expect((error.offset ?? .max) <= prefix.unicodeScalars.count, "\(prefix)")
            }
        }
    }

    @Test("rejects", arguments: [
        ("Nov 4", ValueError.Code.invalidRange), ("Dec 3, 2026 - Nov 4, 2026", .invalidRange),
        ("Nov 4 - Dec 3", .missingYear), ("Nov 4 & Dec 3, 2026", .invalidRange),
    ])
    func rejects(_ text: String, _ code: ValueError.Code) {
        let error = #expect(throws: ValueError.self) { try DateRange(text) }
        #expect(error?.code == code)
    }
}

@Suite("UsageStatement")
struct UsageStatementTests {
    static func gb(_ text: String) -> DataAmount { .amount(decimal(text), .gigabytes) }

    @Test("usage lines", arguments: [
        ("12.4 GB of 15 GB used", UsageStatement(used: gb("12.4"), allowance: gb("15"))),
        ("Used 12.4 GB of 15 GB", UsageStatement(used: gb("12.4"), allowance: gb("15"))),
        ("2.6 GB left of 15 GB", UsageStatement(remaining: gb("2.6"), allowance: gb("15"))),
        ("2.6 GB remaining", UsageStatement(remaining: gb("2.6"))),
        ("83% used", UsageStatement(percentUsed: Percentage(decimal("83")))),
        ("17% left", UsageStatement(percentRemaining: Percentage(decimal("17")))),
        ("12.4 GB / 15 GB", UsageStatement(used: gb("12.4"), allowance: gb("15"))),
        ("12.4 GB used", UsageStatement(used: gb("12.4"))),
        ("5.1 GB of Unlimited used", UsageStatement(used: gb("5.1"), allowance: .unlimited)),
        ("Unlimited", UsageStatement(allowance: .unlimited)),
        ("15 GB total", UsageStatement(allowance: gb("15"))),
        ("You've used 1.5 GB of 4 GB high-speed data (38%)",
         UsageStatement(used: gb("1.5"), allowance: gb("4"), percentUsed: Percentage(decimal("38")))),
    ])
    func reads(_ text: String, _ expected: UsageStatement) throws {
        #expect(try UsageStatement(text) == expected)
    }

    @Test("round trip through its description", arguments: [
        "12.4 GB of 15 GB used", "2.6 GB left of 15 GB", "2.6 GB remaining", "83% used", "17% left", "Unlimited",
        "15 GB total", "5.1 GB of Unlimited used", "You've used 1.5 GB of 4 GB high-speed data (38%)",
    ])
    func roundTrip(_ text: String) throws {
        let statement = try UsageStatement(text)
        #expect(try UsageStatement(statement.description) == statement, "\(statement.description)")
    }

    @Test("drip-feed: every strict prefix fails cleanly or reads a statement")
    func dripFeed() {
        let full = "You've used 12.4 GB of 15 GB high-speed data (83%)"
        for length in 0..<full.count {
            let prefix = String(full.prefix(length))
            do {
                _ = try UsageStatement(prefix)
            } catch {
                #expect((error.offset ?? .max) <= prefix.unicodeScalars.count, "\(prefix)")
            }
        }
    }

    @Test("rejects", arguments: [
        ("", ValueError.Code.noNumber), ("used", .noNumber), ("12.4 of 15 GB", .missingUnit),
        ("1 GB 2 GB", .unexpectedText), ("1 GB of", .unexpectedText), ("1 GB of 2 GB of 3 GB", .unexpectedText),
        ("1 GB banana", .unexpectedText), ("12 XB used", .unknownUnit),
    ])
    func rejects(_ text: String, _ code: ValueError.Code) {
        let error = #expect(throws: ValueError.self) { try UsageStatement(text) }
        #expect(error?.code == code)
    }

    @Test("percentage drip-feed and rejects")
    func percentageRejects() {
        for length in 0..<"12.5 %".count {
            #expect(throws: ValueError.self) { try Percentage(String("12.5 %".prefix(length))) }
        }
        #expect(throws: ValueError.self) { try Percentage("12.5 % off") }
        #expect(throws: ValueError.self) { try Percentage("%12") }
    }

    @Test("percentages", arguments: [("83%", "83"), ("12.5 %", "12.5"), ("100%", "100")])
    func percentages(_ text: String, _ value: String) throws {
        let percent = try Percentage(text)
        #expect(percent.value == decimal(value))
        #expect(try Percentage(percent.description) == percent)
    }
}
