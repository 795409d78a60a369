// Prices: amounts with a currency and the period they are for, what is paid up front,
// and the price per GB.
extension PlanTextReader {
    static let codePrefixes: [String: String] = ["us": "USD", "c": "CAD", "ca": "CAD", "a": "AUD", "au": "AUD", "mx": "MXN"]
    static let symbolCurrencies: [String: String] = ["$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW"]

    /// `$85.99/mo`, `US$11`, `€5`, `12 USD`, `USD 12`, then the period: `/mo`, `per line`,
    /// `a month`, `monthly`.
    mutating func matchMoney(_ index: Int) -> Int? {
        var position = index
        var currency: String?
        if let word = word(position), let code = Self.codePrefixes[word], position + 1 < tokens.count,
           tokens[position + 1].glued, let symbolCode = Self.symbolCurrencies[tokens[position + 1].text], symbolCode == "USD" {
            currency = code
            position += 2
        } else if tokens[position].kind == .symbol, let code = Self.symbolCurrencies[tokens[position].text] {
            currency = code
            position += 1
        } else if let word = word(position), word.count == 3, Money.codes.contains(word.uppercased()),
                  tokens[position].text == tokens[position].text.uppercased(),
                  position + 1 < tokens.count, tokens[position + 1].kind == .number {
            currency = word.uppercased()
            position += 1
        }
        guard position < tokens.count, tokens[position].kind == .number, let value = tokens[position].number else { return nil }
        position += 1
        if currency == nil {
            if position < tokens.count, tokens[position].kind == .symbol, let code = Self.symbolCurrencies[tokens[position].text] {
                // `67 €`, `17,50 €`: the symbol after the amount, as much of Europe writes it.
                currency = code
                position += 1
            } else {
                guard let word = word(position), word.count == 3, Money.codes.contains(word.uppercased()) else { return nil }
                currency = word.uppercased()
                position += 1
            }
        } else if let word = word(position), word.count == 3, word.uppercased() == currency {
            position += 1
        }
        guard let currency else { return nil }
        let money = Money(value, currency: currency)
        // `$10 per GB`, `$10/GB`, `$10 a gig`: a price for each gigabyte used.
        if let first = symbol(position, "/") ? "/" : word(position), ["/", "per", "a", "each", "every"].contains(first),
           let unit = word(position + 1), ["gb", "gig", "gigabyte"].contains(unit) {
            return keep(money, in: \.dataPrice, index..<(position + 2))
        }
        if let end = upfrontPhraseEnd(at: position) {
            return keep(money, in: \.upfront, index..<end)
        }
        var period: BillingPeriod?
        var linePrice = false
        // Up to three period phrases: `/mo`, `/line`, `per line per month`, `a month`.
        for _ in 0..<3 {
            if symbol(position, "/"), let word = word(position + 1) {
                if let found = Self.period(word) {
                    period = found
                    position += 2
                    continue
                }
                if word == "line" || word == "ln" {
                    linePrice = true
                    position += 2
                    continue
                }
                break
            }
            if let word = word(position), ["per", "a", "an", "each", "every"].contains(word), let next = self.word(position + 1) {
                if let found = Self.period(next) {
                    period = found
                    position += 2
                    continue
                }
                if next == "line" {
                    linePrice = true
                    position += 2
                    continue
                }
                break
            }
            if let word = word(position), let found = Self.adverbPeriod[word] {
                period = found
                position += 1
                continue
            }
            break
        }
        if price == nil {
            price = PlanPrice(amount: money, period: period ?? .once, perLine: linePrice)
            take(index..<position, as: .price)
            if let label = label(at: index), label != .price, label != .name {
                // `Data: $5` is not a price; keep it as text.
            }
        } else {
            take(index..<position, as: .extra)
        }
        return position
    }

    /// Past `upfront`, `up front`, `up-front`, each optionally after `paid`; `nil` when
    /// none starts at `position`.
    func upfrontPhraseEnd(at position: Int) -> Int? {
        let start = word(position) == "paid" ? position + 1 : position
        if word(start) == "upfront" { return start + 1 }
        guard word(start) == "up" else { return nil }
        if word(start + 1) == "front" { return start + 2 }
        if symbol(start + 1, "-"), word(start + 2) == "front" { return start + 3 }
        return nil
    }

    /// The first amount of its kind goes in `slot`; a second is a phrase stated twice.
    mutating func keep(_ money: Money, in slot: WritableKeyPath<PlanTextReader, Money?>, _ range: Range<Int>) -> Int {
        if self[keyPath: slot] == nil {
            self[keyPath: slot] = money
            take(range, as: .price)
        } else {
            take(range, as: .extra)
        }
        return range.upperBound
    }

    static func period(_ word: String) -> BillingPeriod? {
        switch word {
        case "mo", "mon", "month", "mth", "m": .month
        case "wk", "week", "w": .week
        case "day", "d", "dy": .day
        case "yr", "year", "y", "annum": .year
        default: nil
        }
    }

    static let adverbPeriod: [String: BillingPeriod] = [
        "monthly": .month, "daily": .day, "weekly": .week, "yearly": .year, "annually": .year,
    ]
}
