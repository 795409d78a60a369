/// An amount of money in one currency, exact. Negative amounts are credits: `($5.00)`,
/// `-$5.00` and `$5.00 CR` all read as −5.00.
public struct Money: Hashable, Sendable {
    /// ISO 4217 code (`USD`, `EUR`).
    public var currency: String
    public var amount: ExactDecimal

    public init(_ amount: ExactDecimal, currency: String) {
        self.amount = amount
        self.currency = currency
    }

    public var isCredit: Bool { amount.isNegative }

    /// Currency symbols and the code each stands for. A bare `$` is US dollars: the
    /// toolkit reads US carriers' pages first.
    static let symbols: [(String, String)] = [
        ("US$", "USD"), ("C$", "CAD"), ("CA$", "CAD"), ("A$", "AUD"), ("AU$", "AUD"), ("MX$", "MXN"),
        ("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("¥", "JPY"), ("₹", "INR"), ("₩", "KRW"),
    ]

    /// ISO 4217 codes accepted as words before or after the number.
    static let codes: Set<String> = [
        "USD", "EUR", "GBP", "CAD", "AUD", "MXN", "JPY", "INR", "KRW", "CHF", "CNY", "HKD", "SGD", "NZD",
        "SEK", "NOK", "DKK", "PLN", "BRL", "ZAR", "THB", "TRY", "AED", "ILS", "PHP", "IDR", "MYR", "VND",
        "HUF", "CZK", "RON", "BGN", "RUB", "UAH", "LBP", "ARS", "CLP", "COP", "PEN", "UYU", "EGP", "MAD", "NGN",
        "KES", "PKR", "SAR", "QAR",
    ]

    /// Reads money as carriers write it: `$1,234.56`, `-$5.00`, `$-5.00`, `($5.00)`,
    /// `$5.00 CR`, `5,00 €`, `€5`, `USD 12`, `12.00 USD`.
    public init(_ text: String) throws(ValueError) {
        let scalars = ValueText.scalars(text)
        var index = 0
        ValueText.skipSpaces(scalars, &index)
        guard index < scalars.count else { throw ValueError(.empty, "no amount", offset: 0) }

        var currency: String?
        var negative = false
        var parenthesised = false
        func setCurrency(_ code: String, at position: Int) throws(ValueError) {
            if let currency, currency != code {
                throw ValueError(.conflictingCurrencies, "two currencies: \(currency) and \(code)", offset: position)
            }
            currency = code
        }
        func setNegative(at position: Int) throws(ValueError) {
            if negative { throw ValueError(.conflictingSigns, "the amount is marked negative twice", offset: position) }
            negative = true
        }

        // Prefix: '(' , '-', symbol or code, in any order a page uses.
        var number: ExactDecimal?
        while index < scalars.count, number == nil {
            let scalar = scalars[index]
            if scalar == "(" && !parenthesised {
                parenthesised = true
                try setNegative(at: index)
                index += 1
            } else if scalar == "-" {
                try setNegative(at: index)
                index += 1
            } else if scalar == "+" {
                index += 1
            } else if NumberScanner.isDigit(scalar) || scalar == "." {
                let (value, end) = try NumberScanner(scalars: scalars).scan(at: index)
                number = value
                index = end
            } else if let (code, length) = Self.symbol(in: scalars, at: index) {
                try setCurrency(code, at: index)
                index += length
            } else if ValueText.isLetter(scalar) {
                let (word, end) = ValueText.word(scalars, at: index)
                guard Self.codes.contains(word.uppercased()) else {
                    throw ValueError(.unknownCurrency, "'\(word)' is not a currency", offset: index)
                }
                try setCurrency(word.uppercased(), at: index)
                index = end
            } else if scalar == " " {
                index += 1
            } else {
                throw ValueError(.noNumber, "unexpected '\(Character(scalar))' before the amount", offset: index)
            }
        }
        guard let number else { throw ValueError(.noNumber, "no amount", offset: index) }

        // Suffix: symbol or code, 'CR' (credit), ')' closing the parenthesis.
        var closed = !parenthesised
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == " " {
                index += 1
            } else if scalar == ")" && !closed {
                closed = true
                index += 1
            } else if let (code, length) = Self.symbol(in: scalars, at: index) {
                try setCurrency(code, at: index)
                index += length
            } else if ValueText.isLetter(scalar) {
                let (word, end) = ValueText.word(scalars, at: index)
                if word == "cr" || word == "credit" {
                    try setNegative(at: index)
                } else if Self.codes.contains(word.uppercased()) {
                    try setCurrency(word.uppercased(), at: index)
                } else {
                    throw ValueError(.unexpectedText, "unexpected '\(word)' after the amount", offset: index)
                }
                index = end
            } else {
                throw ValueError(.unexpectedText, "unexpected '\(Character(scalar))' after the amount", offset: index)
            }
        }
        guard closed else { throw ValueError(.unexpectedText, "'(' is not closed", offset: scalars.count) }
        guard let currency else {
            throw ValueError(.unknownCurrency, "no currency symbol or code", offset: 0)
        }
        self.init(negative ? number.negated : number, currency: currency)
    }

    /// `a` and `A` (ASCII letters only: the symbols' letters are ASCII).
    private static func sameASCIILetter(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
        a.value < 0x80 && b.value < 0x80 && ValueText.isLetter(a) && (a.value | 0x20) == (b.value | 0x20)
    }

    /// ``symbols`` as scalars, made once.
    private static let symbolPatterns: [([Unicode.Scalar], String)] = symbols.map { (Array($0.0.unicodeScalars), $0.1) }

    private static func symbol(in scalars: [Unicode.Scalar], at index: Int) -> (String, Int)? {
        for (pattern, code) in symbolPatterns {
            if index + pattern.count <= scalars.count,
               zip(pattern, scalars[index...]).allSatisfy({ $0.0 == $0.1 || sameASCIILetter($0.0, $0.1) }) {
                return (code, pattern.count)
            }
        }
        return nil
    }
}

extension Money: CustomStringConvertible {
    /// `$12.50`, `-$5.00`, `€3.20`, `CHF 4.00`: reads back as an equal value.
    public var description: String {
        let magnitude = ExactDecimal(units: amount.units.magnitude > UInt64(Int64.max) ? Int64.max : Int64(amount.units.magnitude),
                                     scale: amount.scale)
        let sign = amount.isNegative ? "-" : ""
        switch currency {
        case "USD": return sign + "$" + magnitude.description
        case "EUR": return sign + "€" + magnitude.description
        case "GBP": return sign + "£" + magnitude.description
        default: return sign + currency + " " + magnitude.description
        }
    }
}
