/// How an app's JSON writes what the reader looks for, apart from the reading itself:
/// dates and clock times, placeholders, phone numbers, and the words of a key.
extension JSONMeaning {
    /// `2021-12-03T10:00:00Z`: a date and a time after it.
    static func isTimeOfDay(_ scan: TextScan, from index: Int) -> Bool {
        let rest = scan.tokens[index...].map(\.folded).joined()
        return rest.isEmpty || rest.hasPrefix("t") || rest.first.map(\.isNumber) ?? false
    }

    /// `00:00`, `T10:00:00Z`, `10:00:00.000+0100` after a date: a clock time, which may read
    /// as numbers of its own.
    static func isClockTime(_ scan: TextScan, from index: Int) -> Bool {
        guard index < scan.tokens.count else { return false }
        var rest = Substring(scan.tokens[index...].map(\.folded).joined())
        if rest.first == "t" { rest = rest.dropFirst() }
        let hours = rest.prefix { $0.isASCII && $0.isNumber }
        guard (1...2).contains(hours.count) else { return false }
        rest = rest.dropFirst(hours.count)
        guard rest.first == ":" else { return false }
        return rest.allSatisfy { $0.isASCII && ($0.isNumber || ":.+-z".contains($0)) }
    }

    /// A placeholder, or a value redacted out of a capture (`redacted-2`).
    static func isPlaceholder(_ text: String) -> Bool {
        FieldValueReader.isPlaceholder(text) || text.lowercased().hasPrefix("redacted")
    }

    /// Seconds (10 digits) or milliseconds (13 digits) since 1970, as a UTC day.
    static func epochDate(_ text: String) -> CalendarDate? {
        guard text.utf8.allSatisfy({ $0 &- 0x30 < 10 }), text.utf8.count == 10 || text.utf8.count == 13, let value = Int(text) else { return nil }
        let seconds = text.utf8.count == 13 ? value / 1000 : value
        let date = CalendarDate(dayNumber: seconds / 86_400)
        return ValueFinder.isPlaceholder(date) ? nil : date
    }

    /// `20240501000000` and `20240501`.
    static func compactDate(_ text: String) -> CalendarDate? {
        guard text.utf8.allSatisfy({ $0 &- 0x30 < 10 }), text.utf8.count == 8 || text.utf8.count == 14 else { return nil }
        let digits = Array(text.utf8).map { Int($0 - 0x30) }
        let year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3]
        return CalendarDate(year: year, month: digits[4] * 10 + digits[5], day: digits[6] * 10 + digits[7])
    }

    static func isPhoneNumber(_ text: String) -> Bool {
        let digits = text.utf8.filter { $0 &- 0x30 < 10 }.count
        return (7...15).contains(digits) && text.utf8.allSatisfy { $0 &- 0x30 < 10 || " +-().".utf8.contains($0) }
    }

    /// `initialVolumeBytes` → initial, volume, bytes; `data_balance` → data, balance;
    /// `FU_Data_Altan-RN_CT` → fu, data, altan, rn, ct; `usedMB` → used, mb.
    static func words(ofKey key: String) -> [String] {
        var words: [String] = []
        var current = ""
        let scalars = Array(key.unicodeScalars)
        func flush() {
            if !current.isEmpty { words.append(current.lowercased()) }
            current = ""
        }
        for (index, scalar) in scalars.enumerated() {
            let isUpper = scalar.properties.isUppercase
            let isLetter = scalar.properties.isAlphabetic
            let isDigit = scalar.value &- 0x30 < 10
            guard isLetter || isDigit else {
                flush()
                continue
            }
            if let last = current.unicodeScalars.last {
                let lastDigit = last.value &- 0x30 < 10
                let nextLower = index + 1 < scalars.count && scalars[index + 1].properties.isLowercase
                if (isDigit != lastDigit) || (isUpper && last.properties.isLowercase) || (isUpper && last.properties.isUppercase && nextLower) {
                    flush()
                }
            }
            current.unicodeScalars.append(scalar)
        }
        flush()
        return words
    }
}
