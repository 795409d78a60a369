import ESIMKit
import ESIMSupport

extension FuzzTarget {
    /// The value readers spec fields and `query --field` use. Each value's text form reads
    /// back as an equal value, as its documentation says.
    static let values = FuzzTarget("values", "Money, DataAmount, CalendarDate, DateRange, UsageStatement, Percentage, ExactDecimal",
                                  seeds: { Seeds.utf8(ValueSeeds.all) }) { input in
        let text = Fuzz.text(input)
        let reference = BuiltInPages.reference
        if let money = try? Money(text) {
            Fuzz.require((try? Money(money.description)) == money, "money '\(money)' does not read back")
        }
        if let amount = try? DataAmount(text) {
            Fuzz.require((try? DataAmount(amount.description)) == amount, "data amount '\(amount)' does not read back")
        }
        if let date = try? CalendarDate(text, reference: reference) {
            Fuzz.require((try? CalendarDate(date.description)) == date, "date '\(date)' does not read back")
        }
        _ = try? CalendarDate(text)
        if let range = try? DateRange(text, reference: reference) {
            Fuzz.require((try? DateRange(range.description)) == range, "date range '\(range)' does not read back")
        }
        if let usage = try? UsageStatement(text), usage.used == nil || usage.remaining == nil {
            Fuzz.require((try? UsageStatement(usage.description)) == usage, "usage '\(usage)' does not read back")
        }
        if let percent = try? Percentage(text) {
            Fuzz.require((try? Percentage(percent.description)) == percent, "percentage '\(percent)' does not read back")
        }
        if let decimal = ExactDecimal(text) {
            Fuzz.require(ExactDecimal(decimal.description) == decimal, "decimal '\(decimal)' does not read back")
        }
    }
}

enum ValueSeeds {
    /// Values as carriers' pages print them (each reader's documented forms).
    static let all = [
        "$1,234.56", "-$5.00", "$-5.00", "($5.00)", "$5.00 CR", "5,00 €", "€5", "USD 12", "12.00 USD", "CHF 4.00", "1.234,56 €",
        "3.2 GB", "512 MB", "Unlimited", "1.5TB", "750 KB", "12 gigs",
        "Dec 3, 2026", "December 3 2026", "3 Dec 2026", "12/03/2026", "12/3/26", "2026-12-03", "Due Dec 3", "by Feb 29",
        "Nov 4 – Dec 3", "Nov 4 - Dec 3, 2026", "11/04/2026 - 12/03/2026", "Nov 4, 2026 to Dec 3, 2026",
        "12.4 GB of 15 GB used", "Used 12.4 GB of 15 GB", "2.6 GB left of 15 GB", "2.6 GB remaining", "83% used", "17% left",
        "12.4 GB / 15 GB", "12.4 GB used", "83%", "12.5 %", "100%", "-12.50", ".5", "3",
    ]
}
