/// A calendar day as a carrier prints it (a due date, a cycle boundary).
///
/// **Time zone:** none is applied. A carrier's page shows days in the carrier's local
/// time; this type keeps that day as written and never converts it.
public struct CalendarDate: Hashable, Comparable, Sendable {
    public var year: Int
    public var month: Int
    public var day: Int

    /// A valid Gregorian date, or `nil`.
    public init?(year: Int, month: Int, day: Int) {
        guard (1900...2999).contains(year), (1...12).contains(month),
              day >= 1, day <= Self.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for day arithmetic.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Whole days from `self` to `other` (negative when `other` is earlier).
    public func days(until other: CalendarDate) -> Int {
        other.dayNumber - dayNumber
    }

    static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Reads `Dec 3, 2026`, `December 3 2026`, `3 Dec 2026`, `12/03/2026` (US order),
    /// `12/3/26`, `2026-12-03`, with words such as `Due`, `on`, `by` before it. A date
    /// without a year (`Dec 3`) takes the year that puts it nearest to `reference`
    /// (within six months), and needs one.
    public init(_ text: String, reference: CalendarDate? = nil) throws(ValueError) {
        let scalars = ValueText.scalars(text)
        var index = 0
        let parsed = try DateScanner(scalars: scalars).scan(&index)
        ValueText.skipSpaces(scalars, &index)
        guard index == scalars.count else {
            throw ValueError(.unexpectedText, "unexpected text after the date", offset: index)
        }
        self = try parsed.resolve(reference: reference, offset: 0)
    }
}

extension CalendarDate: CustomStringConvertible {
    /// ISO 8601 (`2026-12-03`): reads back as an equal value.
    public var description: String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))"
    }
}

/// A span of days, both ends included: a billing cycle (`Nov 4 – Dec 3`).
public struct DateRange: Hashable, Sendable {
    public var start: CalendarDate
    public var end: CalendarDate

    public init?(start: CalendarDate, end: CalendarDate) {
        guard start <= end else { return nil }
        self.start = start
        self.end = end
    }

    /// Days in the range, both ends counted.
    public var dayCount: Int { start.days(until: end) + 1 }

    /// Reads `Nov 4 – Dec 3`, `Nov 4 - Dec 3, 2026`, `11/04/2026 - 12/03/2026`,
    /// `Nov 4, 2026 to Dec 3, 2026`. A start without a year takes the end's (or the year
    /// before, when its month is later); an end without a year is resolved against
    /// `reference`.
    public init(_ text: String, reference: CalendarDate? = nil) throws(ValueError) {
        let scalars = ValueText.scalars(text)
        var index = 0
        let scanner = DateScanner(scalars: scalars)
        let first = try scanner.scan(&index)
        ValueText.skipSpaces(scalars, &index)
        let separatorStart = index
        if index < scalars.count, scalars[index] == "-" || scalars[index] == "–" {
            index += 1
        } else {
            let (word, end) = ValueText.word(scalars, at: index)
            guard word == "to" || word == "through" || word == "thru" || word == "until" else {
                throw ValueError(.invalidRange, "expected '–', '-' or 'to' between the dates", offset: separatorStart)
            }
            index = end
        }
        let secondStart = index
        let second = try scanner.scan(&index)
        ValueText.skipSpaces(scalars, &index)
        guard index == scalars.count else {
            throw ValueError(.unexpectedText, "unexpected text after the range", offset: index)
        }
        let end = try second.resolve(reference: reference, offset: secondStart)
        let start: CalendarDate
        if first.year == nil {
            let year = first.month > end.month || (first.month == end.month && first.day > end.day) ? end.year - 1 : end.year
            guard let date = CalendarDate(year: year, month: first.month, day: first.day) else {
                throw ValueError(.invalidDate, "no such day", offset: 0)
            }
            start = date
        } else {
            start = try first.resolve(reference: nil, offset: 0)
        }
        guard let range = DateRange(start: start, end: end) else {
            throw ValueError(.invalidRange, "the range ends before it starts", offset: secondStart)
        }
        self = range
    }
}

extension DateRange: CustomStringConvertible {
    /// `2026-11-04 – 2026-12-03`: reads back as an equal value.
    public var description: String { "\(start) – \(end)" }
}

/// A date as written, before a missing year is filled in.
struct PartialDate {
    var year: Int?
    var month: Int
    var day: Int

    func resolve(reference: CalendarDate?, offset: Int) throws(ValueError) -> CalendarDate {
        if let year {
            guard let date = CalendarDate(year: year, month: month, day: day) else {
                throw ValueError(.invalidDate, "no such day: \(year)-\(month)-\(day)", offset: offset)
            }
            return date
        }
        guard let reference else {
            throw ValueError(.missingYear, "the date has no year and no reference date was given", offset: offset)
        }
        // The candidate year nearest the reference day.
        let candidates = [reference.year - 1, reference.year, reference.year + 1].compactMap {
            CalendarDate(year: $0, month: month, day: day)
        }
        guard let best = candidates.min(by: { abs(reference.days(until: $0)) < abs(reference.days(until: $1)) }) else {
            throw ValueError(.invalidDate, "no such day: month \(month), day \(day)", offset: offset)
        }
        return best
    }
}

struct DateScanner {
    let scalars: [Unicode.Scalar]

    /// Scans one date at `index`, skipping lead words (`Due`, `on`, `by`, `due date:`).
    func scan(_ index: inout Int) throws(ValueError) -> PartialDate {
        ValueText.skipSpaces(scalars, &index)
        while index < scalars.count, ValueText.isLetter(scalars[index]) {
            let (word, end) = ValueText.word(scalars, at: index)
            if Self.monthNumber(word) != nil { break }
            guard ["due", "on", "by", "date", "payment", "pay", "bill", "ends", "starts", "renews", "expires", "next"]
                .contains(word) else {
                throw ValueError(.invalidDate, "'\(word)' is not a month or a date", offset: index)
            }
            index = end
            if index < scalars.count, scalars[index] == ":" { index += 1 }
            ValueText.skipSpaces(scalars, &index)
        }
        guard index < scalars.count else { throw ValueError(.empty, "no date", offset: index) }
        let start = index

        if ValueText.isLetter(scalars[index]) {
            // "Dec 3, 2026" / "December 3 2026" / "Dec. 3"
            let (word, end) = ValueText.word(scalars, at: index)
            guard let month = Self.monthNumber(word) else {
                throw ValueError(.invalidDate, "'\(word)' is not a month", offset: index)
            }
            index = end
            if index < scalars.count, scalars[index] == "." { index += 1 }
            ValueText.skipSpaces(scalars, &index)
            let day = try integer(&index, digits: 1...2, what: "a day")
            skipOrdinal(&index)
            let year = try optionalYear(&index)
            return PartialDate(year: year, month: month, day: day)
        }

        let first = try integer(&index, digits: 1...4, what: "a date")
        let firstLength = index - start
        if firstLength == 4, index < scalars.count, scalars[index] == "-" {
            // 2026-12-03
            index += 1
            let month = try integer(&index, digits: 2...2, what: "a month")
            guard index < scalars.count, scalars[index] == "-" else {
                throw ValueError(.invalidDate, "expected '-' in an ISO date", offset: index)
            }
            index += 1
            let day = try integer(&index, digits: 2...2, what: "a day")
            return PartialDate(year: first, month: month, day: day)
        }
        if index < scalars.count, scalars[index] == "/" {
            // 12/03/2026, 12/3/26, 12/03 (US order: month first)
            index += 1
            let day = try integer(&index, digits: 1...2, what: "a day")
            var year: Int?
            if index < scalars.count, scalars[index] == "/" {
                index += 1
                let yearStart = index
                let value = try integer(&index, digits: 2...4, what: "a year")
                let length = index - yearStart
                guard length == 2 || length == 4 else {
                    throw ValueError(.invalidDate, "a year has two or four digits", offset: yearStart)
                }
                year = length == 2 ? 2000 + value : value
            }
            guard firstLength <= 2 else { throw ValueError(.invalidDate, "expected a month before '/'", offset: start) }
            return PartialDate(year: year, month: first, day: day)
        }
        // "3 Dec 2026"
        guard firstLength <= 2 else { throw ValueError(.invalidDate, "a number alone is not a date", offset: start) }
        skipOrdinal(&index)
        ValueText.skipSpaces(scalars, &index)
        let (word, end) = ValueText.word(scalars, at: index)
        guard let month = Self.monthNumber(word) else {
            throw ValueError(.invalidDate, "expected a month after the day", offset: index)
        }
        index = end
        if index < scalars.count, scalars[index] == "." { index += 1 }
        let year = try optionalYear(&index)
        return PartialDate(year: year, month: month, day: first)
    }

    private func skipOrdinal(_ index: inout Int) {
        let (word, end) = ValueText.word(scalars, at: index)
        if ["st", "nd", "rd", "th"].contains(word) { index = end }
    }

    /// `, 2026` or ` 2026` when present.
    private func optionalYear(_ index: inout Int) throws(ValueError) -> Int? {
        var cursor = index
        if cursor < scalars.count, scalars[cursor] == "," { cursor += 1 }
        ValueText.skipSpaces(scalars, &cursor)
        guard cursor < scalars.count, NumberScanner.isDigit(scalars[cursor]) else { return nil }
        let start = cursor
        let year = try integer(&cursor, digits: 4...4, what: "a four-digit year")
        _ = start
        index = cursor
        return year
    }

    private func integer(_ index: inout Int, digits: ClosedRange<Int>, what: String) throws(ValueError) -> Int {
        let start = index
        var value = 0
        while index < scalars.count, NumberScanner.isDigit(scalars[index]), index - start < digits.upperBound {
            value = value * 10 + Int(scalars[index].value - 0x30)
            index += 1
        }
        guard digits.contains(index - start) else {
            throw ValueError(.invalidDate, "expected \(what)", offset: start)
        }
        if index < scalars.count, NumberScanner.isDigit(scalars[index]) {
            throw ValueError(.invalidDate, "too many digits for \(what)", offset: index)
        }
        return value
    }

    private static let fullMonthNames = ["january", "february", "march", "april", "may", "june", "july", "august",
                                         "september", "october", "november", "december"]

    /// The abbreviations' three ASCII bytes packed into one number, for ``monthNumber(_:)``.
    private static let packedMonthNames: [UInt32] = CalendarDate.monthNames.map { name in
        name.utf8.reduce(0) { $0 << 8 | UInt32($1) }
    }

    static func monthNumber(_ word: String) -> Int? {
        var utf8 = word.utf8.makeIterator()
        guard let a = utf8.next(), let b = utf8.next(), let c = utf8.next() else { return nil }
        let packed = UInt32(a) << 16 | UInt32(b) << 8 | UInt32(c)
        guard let index = Self.packedMonthNames.firstIndex(of: packed) else { return nil }
        let full = Self.fullMonthNames[index]
        // "Sept" is common; otherwise the word must be the abbreviation or the full name.
        guard word.count == 3 || word == full || word == "sept" else { return nil }
        return index + 1
    }
}
