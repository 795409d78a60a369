/// How a page writes numbers, dates and units: from its language and country.
struct ReadingLocale: Sendable {
    let vocabulary: Vocabulary
    let country: String?
    let decimalSeparator: UInt8
    let dateOrder: DateOrder
    /// Month words of the language and of English, to month numbers (1–12).
    let months: [String: Int]
    /// Unit words: the usual symbols and the language's own.
    let units: [String: DataAmount.DataUnit]
    /// The language's and English's words for unlimited, by first word, longest first.
    let unlimitedPhrases: [String: [[String]]]
    let unlimitedStems: [[UInt8]]

    init(_ vocabulary: Vocabulary, country: String?) {
        self.vocabulary = vocabulary
        self.country = country
        decimalSeparator = vocabulary.decimalSeparator(country: country)
        dateOrder = vocabulary.dateOrder(country: country)
        var months: [String: Int] = [:]
        for source in [Vocabulary.language("en"), vocabulary].compactMap({ $0 }) {
            for (index, names) in source.months.enumerated() {
                for name in names { months[name] = index + 1 }
            }
        }
        self.months = months
        var units = Self.commonUnits
        for (word, unit) in vocabulary.units { units[word] = unit }
        self.units = units
        var unlimited: [String: [[String]]] = [:]
        for source in [vocabulary, Vocabulary.language("en")].compactMap({ $0 }) {
            for phrase in source.phrases[.unlimited] ?? [] { unlimited[phrase[0], default: []].append(phrase) }
        }
        self.unlimitedPhrases = unlimited.mapValues { $0.sorted { $0.count > $1.count } }
        // The first words' first four letters as lower-case UTF-8 (`unli`, `illi`, `korl`),
        // to tell lines that may say unlimited without scanning them.
        unlimitedStems = Array(Set(unlimited.keys.map { Array($0.utf8.prefix(4)) }))
    }

    static let commonUnits: [String: DataAmount.DataUnit] = [
        "b": .bytes, "byte": .bytes, "bytes": .bytes, "kb": .kilobytes, "mb": .megabytes, "gb": .gigabytes, "tb": .terabytes,
        "kib": .kibibytes, "mib": .mebibytes, "gib": .gibibytes, "tib": .tebibytes,
        "kbyte": .kilobytes, "kbytes": .kilobytes, "mbyte": .megabytes, "mbytes": .megabytes, "gbyte": .gigabytes, "gbytes": .gigabytes,
    ]

    /// The currency a `$` stands for in a country.
    static let dollarByCountry: [String: String] = [
        "US": "USD", "CA": "CAD", "MX": "MXN", "AU": "AUD", "NZ": "NZD", "AR": "ARS", "CL": "CLP", "CO": "COP", "SG": "SGD",
        "HK": "HKD", "UY": "UYU", "EC": "USD", "PR": "USD", "SV": "USD", "PA": "USD",
    ]

    /// The currency of a country (ISO 3166 alpha-2 → ISO 4217), for amounts a page gives
    /// with no currency when the user says where it is from. Only currencies `Money` knows.
    static let currencyByCountry: [String: String] = {
        var table: [String: String] = [
            "US": "USD", "PR": "USD", "EC": "USD", "SV": "USD", "PA": "USD", "CA": "CAD", "MX": "MXN", "GB": "GBP", "CH": "CHF",
            "LI": "CHF", "NO": "NOK", "SE": "SEK", "DK": "DKK", "PL": "PLN", "CZ": "CZK", "HU": "HUF", "RO": "RON",
            "UA": "UAH", "TR": "TRY", "RU": "RUB",
            "IL": "ILS", "AE": "AED", "SA": "SAR", "QA": "QAR", "EG": "EGP", "MA": "MAD", "ZA": "ZAR", "NG": "NGN", "KE": "KES",
            "IN": "INR", "PK": "PKR", "LB": "LBP", "JP": "JPY", "KR": "KRW", "CN": "CNY", "HK": "HKD", "SG": "SGD",
            "MY": "MYR", "TH": "THB", "ID": "IDR", "PH": "PHP", "VN": "VND", "AU": "AUD", "NZ": "NZD", "BR": "BRL", "AR": "ARS",
            "CL": "CLP", "CO": "COP", "PE": "PEN", "UY": "UYU",
        ]
        // The euro area (2026), and the states that use the euro by agreement.
        for code in ["AT", "BE", "HR", "CY", "EE", "FI", "FR", "DE", "GR", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PT", "SK",
                     "SI", "ES", "BG", "AD", "MC", "SM", "VA", "ME", "XK"] {
            table[code] = "EUR"
        }
        return table
    }()

    /// Currency words and symbols that are not ISO codes.
    static let currencyWords: [String: String] = [
        "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "₽": "RUB", "₺": "TRY", "₪": "ILS", "₴": "UAH", "฿": "THB",
        "₱": "PHP", "₫": "VND", "zł": "PLN", "ft": "HUF", "kč": "CZK", "руб": "RUB", "лв": "BGN", "lei": "RON", "eur": "EUR",
    ]

    /// `$` with letters before it, touching: `US$`, `R$`, `MX$`.
    static let prefixedDollars: [String: String] = [
        "us": "USD", "c": "CAD", "ca": "CAD", "a": "AUD", "au": "AUD", "mx": "MXN", "r": "BRL", "nz": "NZD", "hk": "HKD", "s": "SGD",
    ]

    /// Words that scale an amount: such figures are news and reports, not an account's.
    static let magnitudes: Set<String> = [
        "thousand", "million", "millions", "billion", "billions", "trillion", "bn", "mn", "mln", "mio", "mrd", "milioni", "miliardi",
        "millones", "milliards", "millionen", "milliarden", "milhões", "milhão", "bilhões", "miljoen", "miljard", "tys", "mld",
        "millió", "milliárd", "млн", "млрд", "тыс", "k", "m", "b",
    ]

    /// ISO 4217 codes read as words (upper-case on the page).
    static let isoCodes: Set<String> = [
        "USD", "EUR", "GBP", "CAD", "AUD", "MXN", "JPY", "INR", "KRW", "CHF", "CNY", "HKD", "SGD", "NZD", "SEK", "NOK", "DKK",
        "PLN", "BRL", "ZAR", "THB", "TRY", "AED", "ILS", "PHP", "IDR", "MYR", "VND", "HUF", "CZK", "RON", "BGN", "RUB", "UAH",
        "LBP", "ARS", "CLP", "COP", "PEN", "UYU", "EGP", "MAD", "NGN", "KES", "PKR", "SAR", "QAR",
    ]
}

/// A value found in a scanned text: its kind, the typed value, and the tokens it spans.
struct ValueMention {
    enum Kind: Equatable {
        case money, data, date, dateRange, percent, count, phone
    }

    var kind: Kind
    var value: SnapshotValue
    /// Token indexes.
    var tokens: Range<Int>
    /// A numeric date whose day and month could be either way round.
    var ambiguousDate = false
    /// An amount with a lone separator before three digits, read by the page's language.
    var ambiguousNumber = false
}

/// Finds the values in a scanned text as a page in `locale` writes them.
struct ValueFinder {
    let scan: TextScan
    let locale: ReadingLocale
    /// The day year-less dates are read against.
    let reference: CalendarDate?

    var tokens: [TextScan.Token] { scan.tokens }

    /// Every value in the text, left to right, none overlapping: dates first, then
    /// money, data, percentages, phone numbers and counts.
    func mentions() -> [ValueMention] {
        var result: [ValueMention] = []
        // Where the next number token is, from each position: every value but `unlimited`
        // holds a number, at most `numberReach` tokens after where it starts (`( - L.L. 5`).
        var nextNumber = [Int](repeating: Int.max, count: tokens.count + 1)
        for position in tokens.indices.reversed() {
            nextNumber[position] = tokens[position].kind == .number ? position : nextNumber[position + 1]
        }
        var index = 0
        while index < tokens.count {
            if nextNumber[index] == Int.max || nextNumber[index] - index > Self.numberReach {
                // No number near: only an `unlimited` phrase can start here.
                if tokens[index].kind == .word, isUnlimited(at: index), let found = data(at: index) {
                    result.append(found)
                    index = found.tokens.upperBound
                } else {
                    index += 1
                }
                continue
            }
            if let found = dateRange(at: index) ?? date(at: index) ?? money(at: index) ?? data(at: index) ?? percent(at: index)
                ?? phone(at: index) ?? count(at: index) {
                result.append(found)
                index = found.tokens.upperBound
            } else {
                index += 1
            }
        }
        return result
    }

    /// Tokens between where a value starts and its first number, at most (`(`, `-`, `L`,
    /// `.`, `L`, `.`, then the number; a month name and a comma before the day).
    static let numberReach = 8

    // MARK: Numbers

    /// A number token as an exact decimal, its separators read as the locale writes
    /// them: two kinds → the last one is the decimal point; one kind more than once, or
    /// `'` → grouping; once before exactly three digits → the locale's way (`7,657` is
    /// 7657 in English, 7.657 in Italian; `ambiguous`); otherwise a decimal point (`67,18`,
    /// `14.79`). `nil` when groups are not of three (`2026.06.06` is no number).
    func number(_ text: String) -> (ExactDecimal, ambiguous: Bool)? {
        let bytes = Array(text.replacingApostrophes.utf8)
        let marks = bytes.indices.filter { bytes[$0] == 0x2C || bytes[$0] == 0x2E || bytes[$0] == 0x27 }
        var decimalAt: Int?
        var ambiguous = false
        if let last = marks.last, Set(marks.map { bytes[$0] }).count >= 2 {
            guard bytes[last] != 0x27, marks.dropLast().allSatisfy({ bytes[$0] != bytes[last] }),
                  Self.groupsThrees(bytes, upTo: last) else { return nil }
            decimalAt = last
        } else if marks.count >= 2 || marks.first.map({ bytes[$0] == 0x27 }) ?? false {
            guard Self.groupsThrees(bytes, upTo: bytes.count) else { return nil }
        } else if let mark = marks.first {
            let after = bytes.count - mark - 1
            if after == 3 && !(mark == 1 && bytes[0] == 0x30) {
                ambiguous = true
                if bytes[mark] == locale.decimalSeparator {
                    decimalAt = mark
                } else {
                    guard mark <= 3 else { return nil }
                }
            } else {
                decimalAt = mark
            }
        }
        var units: Int64 = 0
        var scale = 0
        for (offset, byte) in bytes.enumerated() {
            guard byte &- 0x30 < 10 else { continue }
            let (multiplied, overflow1) = units.multipliedReportingOverflow(by: 10)
            let (added, overflow2) = multiplied.addingReportingOverflow(Int64(byte - 0x30))
            guard !overflow1, !overflow2 else { return nil }
            units = added
            if let decimalAt, offset > decimalAt { scale += 1 }
        }
        guard scale <= ExactDecimal.maximumScale else { return nil }
        return (ExactDecimal(units: units, scale: scale), ambiguous)
    }

    /// Whether the digits before `end`, split at `.`, `,` and `'`, are one to three digits
    /// then groups of exactly three.
    static func groupsThrees(_ bytes: [UInt8], upTo end: Int) -> Bool {
        var groups: [Int] = [0]
        for byte in bytes[..<end] {
            if byte == 0x2C || byte == 0x2E || byte == 0x27 { groups.append(0) } else { groups[groups.count - 1] += 1 }
        }
        guard let first = groups.first, (1...3).contains(first) else { return false }
        return groups.dropFirst().allSatisfy { $0 == 3 }
    }

    /// The number starting at token `index`, with groups of three digits after single
    /// spaces joined on where the locale's decimal mark is a comma (`1 500`, `2 345,50`),
    /// and the token after it.
    func groupedNumber(at index: Int) -> (String, Int)? {
        guard tokens[index].kind == .number else { return nil }
        var text = tokens[index].folded
        var end = index + 1
        guard locale.decimalSeparator == 0x2C, text.utf8.count <= 3, text.utf8.allSatisfy({ $0 &- 0x30 < 10 }) else { return (text, end) }
        while end < tokens.count, tokens[end].kind == .number, scan.oneSpaceBetween(end - 1, end) {
            let next = tokens[end].folded
            let integer = next.prefix { $0 != "," }
            guard integer.utf8.count == 3, integer.utf8.allSatisfy({ $0 &- 0x30 < 10 }), !next.contains(".") else { break }
            text += next
            end += 1
            if next.contains(",") { break }
        }
        return (text, end)
    }

    // MARK: Money

    /// `$42.17`, `-$5.00`, `($5.00)`, `0.00€`, `3,950,000 L.L.`, `-220,00 руб.`, `R$ 12,90`,
    /// `EUR 4.00`, `12 zł`: a number with exactly one currency.
    func money(at index: Int) -> ValueMention? {
        var cursor = index
        var negative = false
        var parenthesis = false
        var currency: String?
        if tokens[cursor].folded == "(" { parenthesis = true; negative = true; cursor += 1 }
        if cursor < tokens.count, tokens[cursor].folded == "-" || tokens[cursor].folded == "−" { negative = true; cursor += 1 }
        if cursor < tokens.count, let (code, end) = currencyToken(at: cursor) {
            currency = code
            cursor = end
            if cursor < tokens.count, tokens[cursor].folded == "-" { negative = true; cursor += 1 }
        }
        guard cursor < tokens.count, tokens[cursor].kind == .number, let (text, end) = groupedNumber(at: cursor),
              let (amount, ambiguous) = number(text) else { return nil }
        cursor = end
        if currency == nil, cursor < tokens.count, let (code, end) = currencyToken(at: cursor) {
            currency = code
            cursor = end
        }
        guard let currency else { return nil }
        if parenthesis {
            guard cursor < tokens.count, tokens[cursor].folded == ")" else { return nil }
            cursor += 1
        }
        // A unit after the number makes it something else (`5 GB`); so does a `%`; `$188
        // million` is no account's figure.
        if cursor < tokens.count, tokens[cursor].kind == .word,
           locale.units[tokens[cursor].folded] != nil || ReadingLocale.magnitudes.contains(tokens[cursor].folded) { return nil }
        return ValueMention(kind: .money, value: .money(Money(negative ? amount.negated : amount, currency: currency)),
                            tokens: index..<cursor, ambiguousNumber: ambiguous)
    }

    /// The currency a token (or a few: `L.L.`, `R$`, `руб.`) stands for, and where it ends.
    func currencyToken(at index: Int) -> (String, Int)? {
        let token = tokens[index]
        if token.folded == "$" {
            return (locale.country.flatMap { ReadingLocale.dollarByCountry[$0] } ?? "USD", index + 1)
        }
        if token.kind == .word {
            if index + 1 < tokens.count, tokens[index + 1].folded == "$", scan.touching(index, index + 1),
               let code = ReadingLocale.prefixedDollars[token.folded] {
                return (code, index + 2)
            }
            // `L.L.` (Lebanese pounds).
            if token.folded == "l", index + 3 < tokens.count, tokens[index + 1].folded == ".", tokens[index + 2].folded == "l" {
                return ("LBP", tokens[index + 3].folded == "." ? index + 4 : index + 3)
            }
            if let code = ReadingLocale.currencyWords[token.folded] {
                // `руб.`: the abbreviation's point belongs to it.
                let end = index + 1 < tokens.count && tokens[index + 1].folded == "." && scan.touching(index, index + 1) ? index + 2 : index + 1
                return (code, end)
            }
            let written = scan.written(index)
            if written.count == 3, ReadingLocale.isoCodes.contains(written) { return (written, index + 1) }
            return nil
        }
        if let code = ReadingLocale.currencyWords[token.folded] { return (code, index + 1) }
        return nil
    }

    // MARK: Data

    /// `3.2 GB`, `67,18GB`, `0b`, `14.79 Go`, `2 gigas`, `Unlimited`.
    func data(at index: Int) -> ValueMention? {
        let token = tokens[index]
        if token.kind == .word, isUnlimited(at: index) {
            return ValueMention(kind: .data, value: .data(.unlimited), tokens: index..<(index + unlimitedLength(at: index)))
        }
        guard token.kind == .number, let (text, end) = groupedNumber(at: index), end < tokens.count, tokens[end].kind == .word,
              let unit = locale.units[tokens[end].folded], let (amount, ambiguous) = number(text) else { return nil }
        // A lone `b` is bytes only written against the number (`0b`).
        if unit == .bytes, tokens[end].folded == "b", !scan.touching(end - 1, end) { return nil }
        return ValueMention(kind: .data, value: .data(.amount(amount, unit)), tokens: index..<(end + 1), ambiguousNumber: ambiguous)
    }

    func isUnlimited(at index: Int) -> Bool { unlimitedLength(at: index) > 0 }

    /// How many tokens an `unlimited` phrase starting here takes (0: none).
    func unlimitedLength(at index: Int) -> Int {
        guard let phrases = locale.unlimitedPhrases[tokens[index].folded] else { return 0 }
        for phrase in phrases where index + phrase.count <= tokens.count {
            if phrase.indices.allSatisfy({ tokens[index + $0].folded == phrase[$0] }) { return phrase.count }
        }
        return 0
    }

    // MARK: Percentages and counts

    func percent(at index: Int) -> ValueMention? {
        guard tokens[index].kind == .number, index + 1 < tokens.count, tokens[index + 1].folded == "%",
              let (value, _) = number(tokens[index].folded) else { return nil }
        return ValueMention(kind: .percent, value: .percent(Percentage(value)), tokens: index..<(index + 2))
    }

    /// A whole number alone (`12` days).
    func count(at index: Int) -> ValueMention? {
        let token = tokens[index]
        guard token.kind == .number, token.folded.utf8.allSatisfy({ $0 &- 0x30 < 10 }), token.folded.utf8.count <= 6,
              let value = Int(token.folded) else { return nil }
        return ValueMention(kind: .count, value: .count(value), tokens: index..<(index + 1))
    }

    // MARK: Phone numbers

    /// Seven to fifteen digits in groups, with `+`, `(`, `)`, `-`, `.`, `/` or spaces
    /// between: `(214) 555-0199`, `+39 333 123 4567`, `01234 - 567890`, `3331234567`.
    func phone(at index: Int) -> ValueMention? {
        var cursor = index
        var digits = 0
        var groups = 0
        var last = index
        if tokens[cursor].folded == "+" { cursor += 1 }
        if cursor < tokens.count, tokens[cursor].folded == "(" { cursor += 1 }
        while cursor < tokens.count {
            let token = tokens[cursor]
            if token.kind == .number {
                guard token.folded.utf8.allSatisfy({ $0 &- 0x30 < 10 }) else { break }
                digits += token.folded.utf8.count
                groups += 1
                last = cursor
                cursor += 1
            } else if token.kind == .symbol, ["-", "(", ")", "/", ".", "–"].contains(token.folded), groups > 0 {
                cursor += 1
            } else {
                break
            }
        }
        guard groups >= 1, (7...15).contains(digits) else { return nil }
        let end = tokens[last + 1 < tokens.count && tokens[last + 1].folded == ")" ? last + 1 : last].end
        let range = index..<(tokens.firstIndex { $0.start >= end } ?? tokens.count)
        let text = TextScan.string(scan.bytes[tokens[index].start..<end])
        return ValueMention(kind: .phone, value: .text(NumberMasking.mask(text)), tokens: range)
    }

    // MARK: Dates

    /// A numeric date (`19/11/2022`, `2026.06.06`, `2026-12-03`, `12.03.2026`) or one with
    /// a month name (`19 novembre 2022`, `Dec 3, 2026`, `3. Dezember`, `2026. június 6.`).
    func date(at index: Int) -> ValueMention? {
        numericDate(at: index) ?? namedDate(at: index)
    }

    private func numericDate(at index: Int) -> ValueMention? {
        let token = tokens[index]
        guard token.kind == .number else { return nil }
        var parts: [String] = []
        var end = index + 1
        if token.folded.contains(".") && !token.folded.contains(",") {
            parts = token.folded.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            // `2026.06.06.` (Hungarian) ends with a point.
            if end < tokens.count, tokens[end].folded == ".", scan.touching(index, end) { end += 1 }
        } else if token.folded.utf8.allSatisfy({ $0 &- 0x30 < 10 }), index + 4 < tokens.count {
            let separator = tokens[index + 1].folded
            guard ["/", "-", "."].contains(separator), tokens[index + 3].folded == separator,
                  tokens[index + 2].kind == .number, tokens[index + 4].kind == .number,
                  scan.touching(index, index + 1), scan.touching(index + 1, index + 2), scan.touching(index + 3, index + 4) else { return nil }
            parts = [token.folded, tokens[index + 2].folded, tokens[index + 4].folded]
            end = index + 5
        }
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { $0 &- 0x30 < 10 } }),
              let a = Int(parts[0]), let b = Int(parts[1]), let c = Int(parts[2]) else { return nil }
        var ambiguous = false
        let date: CalendarDate?
        if parts[0].utf8.count == 4 {
            date = CalendarDate(year: a, month: b, day: c)
        } else {
            guard parts[2].utf8.count == 4 || parts[2].utf8.count == 2 else { return nil }
            let year = parts[2].utf8.count == 2 ? 2000 + c : c
            let dayFirst: Bool
            if a > 12 && b <= 12 { dayFirst = true } else if b > 12 && a <= 12 { dayFirst = false } else {
                dayFirst = locale.dateOrder != .mdy
                ambiguous = a != b
            }
            date = dayFirst ? CalendarDate(year: year, month: b, day: a) : CalendarDate(year: year, month: a, day: b)
        }
        guard let date, !Self.isPlaceholder(date) else { return nil }
        return ValueMention(kind: .date, value: .date(date), tokens: index..<end, ambiguousDate: ambiguous)
    }

    private func namedDate(at index: Int) -> ValueMention? {
        // Day, month name, year? — `19 novembre 2022`, `3. Dezember 2026`, `19 de novembro de 2022`.
        func month(at position: Int) -> Int? {
            guard position < tokens.count, tokens[position].kind == .word else { return nil }
            return locale.months[tokens[position].folded]
        }
        func skip(_ position: Int, _ words: Set<String>) -> Int {
            position < tokens.count && words.contains(tokens[position].folded) ? position + 1 : position
        }
        func year(at position: Int) -> (Int, Int)? {
            var position = position
            if position < tokens.count, tokens[position].folded == "," { position += 1 }
            position = skip(position, ["de", "del"])
            guard position < tokens.count, tokens[position].kind == .number, tokens[position].folded.utf8.count == 4,
                  let value = Int(tokens[position].folded), (1900...2999).contains(value) else { return nil }
            return (value, position + 1)
        }
        func dayNumber(_ token: TextScan.Token) -> Int? {
            guard token.kind == .number, token.folded.utf8.count <= 2, let value = Int(token.folded), (1...31).contains(value) else { return nil }
            return value
        }
        let token = tokens[index]
        var found: (day: Int, month: Int, year: Int?, end: Int)?
        if let day = dayNumber(token) {
            var position = index + 1
            // `12-Jul-2017`: dashes touching both sides, and then a year.
            let dashed = position < tokens.count && tokens[position].folded == "-" && scan.touching(index, position)
            if dashed { position += 1 }
            if !dashed, position < tokens.count, tokens[position].folded == "." { position += 1 }
            if !dashed { position = skip(position, ["de"]) }
            if let month = month(at: position), !dashed || scan.touching(position - 1, position) {
                var end = position + 1
                if dashed {
                    if end + 1 < tokens.count, tokens[end].folded == "-", scan.touching(position, end), scan.touching(end, end + 1),
                       let year = year(at: end + 1) {
                        found = (day, month, year.0, year.1)
                    }
                } else {
                    if end < tokens.count, tokens[end].folded == ".", scan.touching(position, end) { end += 1 }
                    let year = year(at: end)
                    found = (day, month, year?.0, year?.1 ?? end)
                }
            }
        } else if let month = month(at: index), index + 1 < tokens.count {
            var position = index + 1
            if position < tokens.count, tokens[position].folded == "." { position += 1 }
            if position < tokens.count, let day = dayNumber(tokens[position]) {
                var end = position + 1
                // `3rd`, `1st`.
                if end < tokens.count, ["st", "nd", "rd", "th"].contains(tokens[end].folded), scan.touching(position, end) { end += 1 }
                let year = year(at: end)
                found = (day, month, year?.0, year?.1 ?? end)
            }
        } else if token.kind == .number, token.folded.utf8.count == 4, let yearValue = Int(token.folded), (1900...2999).contains(yearValue) {
            // `2026. június 6.`
            var position = index + 1
            if position < tokens.count, tokens[position].folded == "." { position += 1 }
            if let month = month(at: position), position + 1 < tokens.count, let day = dayNumber(tokens[position + 1]) {
                var end = position + 2
                if end < tokens.count, tokens[end].folded == "." { end += 1 }
                found = (day, month, yearValue, end)
            }
        }
        guard let found else { return nil }
        let date: CalendarDate?
        if let year = found.year {
            date = CalendarDate(year: year, month: found.month, day: found.day)
        } else if let reference {
            date = Self.nearest(month: found.month, day: found.day, to: reference)
        } else {
            date = nil
        }
        guard let date else { return nil }
        return ValueMention(kind: .date, value: .date(date), tokens: index..<found.end)
    }

    /// The date with that month and day nearest to `reference` (within six months).
    static func nearest(month: Int, day: Int, to reference: CalendarDate) -> CalendarDate? {
        let candidates = [reference.year - 1, reference.year, reference.year + 1].compactMap { CalendarDate(year: $0, month: month, day: day) }
        return candidates.min { abs(reference.days(until: $0)) < abs(reference.days(until: $1)) }
    }

    /// Dates no account has: the epoch's first day (and its eve in American time zones),
    /// and the zero date.
    static func isPlaceholder(_ date: CalendarDate) -> Bool {
        (date.year == 1970 && date.month == 1 && date.day == 1) || (date.year == 1969 && date.month == 12 && date.day == 31)
            || date.year < 1990
    }

    /// `Nov 4 – Dec 3, 2026`, `01/11/2026 - 30/11/2026`, `dal 1 al 30 novembre`: two dates
    /// with a dash or `to` between; a first date without a year takes the second's.
    func dateRange(at index: Int) -> ValueMention? {
        guard let first = date(at: index) ?? yearlessStart(at: index), first.tokens.upperBound < tokens.count else { return nil }
        var cursor = first.tokens.upperBound
        guard ["-", "–", "—", "to", "bis", "al", "au", "a", "até", "до", "tot"].contains(tokens[cursor].folded) else { return nil }
        cursor += 1
        guard cursor < tokens.count, let second = date(at: cursor), case .date(var start) = first.value, case .date(let end) = second.value else {
            return nil
        }
        if first.ambiguousDate == false, start > end, start.year == end.year, let earlier = CalendarDate(year: start.year - 1, month: start.month, day: start.day) {
            start = earlier
        }
        guard let range = DateRange(start: start, end: end) else { return nil }
        return ValueMention(kind: .dateRange, value: .dateRange(range), tokens: index..<second.tokens.upperBound,
                            ambiguousDate: first.ambiguousDate || second.ambiguousDate)
    }

    /// `Nov 4` before a dash: read against the year of what follows.
    private func yearlessStart(at index: Int) -> ValueMention? {
        let finder = ValueFinder(scan: scan, locale: locale, reference: nil)
        guard tokens[index].kind == .word, locale.months[tokens[index].folded] != nil, index + 1 < tokens.count,
              finder.namedDate(at: index) == nil else { return nil }
        // Find the second date's year after the dash, and read the first with it.
        for end in (index + 2)..<min(tokens.count, index + 12) {
            if case .date(let later)? = finder.namedDate(at: end)?.value ?? finder.numericDate(at: end)?.value {
                let reader = ValueFinder(scan: scan, locale: locale, reference: later)
                guard let found = reader.namedDate(at: index), case .date(var start) = found.value else { return nil }
                if start > later, let earlier = CalendarDate(year: start.year - 1, month: start.month, day: start.day) { start = earlier }
                return ValueMention(kind: .date, value: .date(start), tokens: found.tokens)
            }
        }
        return nil
    }
}
