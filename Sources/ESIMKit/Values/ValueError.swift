/// Why a value (an amount of money or data, a date, a percentage) could not be read
/// from page text. ``offset`` is the 0-based character position in the text given.
public struct ValueError: Error, Hashable, Sendable {
    public enum Code: String, Hashable, Sendable, CaseIterable, Codable {
        case empty
        case noNumber
        case invalidNumber
        case invalidGrouping
        case tooManyDigits
        case unknownCurrency
        case conflictingCurrencies
        case conflictingSigns
        case negativeAmount
        case missingUnit
        case unknownUnit
        case invalidDate
        case missingYear
        case invalidRange
        case outOfRange
        case unexpectedText
    }

    public var code: Code
    public var message: String
    public var offset: Int

    public init(_ code: Code, _ message: String, offset: Int) {
        self.code = code
        self.message = message
        self.offset = offset
    }
}

extension ValueError: CustomStringConvertible {
    public var description: String { "\(message) (offset \(offset))" }
}

/// An exact decimal number: `units × 10^-scale`. Money and data amounts are kept this
/// way so that `$12.50` is never `12.499999`.
public struct ExactDecimal: Sendable {
    /// The digits as an integer (`1250` for `12.50`).
    public let units: Int64
    /// How many of those digits are after the decimal point (`2` for `12.50`).
    public let scale: Int

    /// The most fractional digits kept.
    public static let maximumScale = 12

    public init(units: Int64, scale: Int) {
        self.units = units
        self.scale = scale
    }

    public init(_ integer: Int64) {
        self.init(units: integer, scale: 0)
    }

    /// Reads `-12.50`, `3`, `.5` (plain ASCII, `.` decimal point, no grouping).
    public init?(_ text: String) {
        var units: Int64 = 0
        var scale = 0
        var negative = false
        var seenPoint = false
        var digits = 0
        for (index, byte) in text.utf8.enumerated() {
            switch byte {
            case 0x2D where index == 0: negative = true
            case 0x2E where !seenPoint: seenPoint = true
            case 0x30...0x39:
                let (multiplied, overflow1) = units.multipliedReportingOverflow(by: 10)
                let (added, overflow2) = multiplied.addingReportingOverflow(Int64(byte - 0x30))
                guard !overflow1, !overflow2 else { return nil }
                units = added
                digits += 1
                if seenPoint { scale += 1 }
            default: return nil
            }
        }
        guard digits > 0, scale <= Self.maximumScale else { return nil }
        self.init(units: negative ? -units : units, scale: scale)
    }

    public var isNegative: Bool { units < 0 }
    public var isZero: Bool { units == 0 }

    public var negated: ExactDecimal { ExactDecimal(units: -units, scale: scale) }

    /// The same value with at least `scale` fractional digits, or `nil` on overflow.
    public func rescaled(to newScale: Int) -> ExactDecimal? {
        guard newScale >= scale else { return nil }
        var value = units
        for _ in 0..<(newScale - scale) {
            let (next, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            value = next
        }
        return ExactDecimal(units: value, scale: newScale)
    }

    /// Trailing fractional zeros removed: `12.50` → `12.5`, `3.00` → `3`.
    public var normalized: ExactDecimal {
        var value = units
        var scale = self.scale
        while scale > 0, value % 10 == 0 {
            value /= 10
            scale -= 1
        }
        return ExactDecimal(units: value, scale: scale)
    }

    /// `self × factor`, exactly, or `nil` on overflow.
    public func multiplied(by factor: Int64) -> ExactDecimal? {
        let (value, overflow) = units.multipliedReportingOverflow(by: factor)
        return overflow ? nil : ExactDecimal(units: value, scale: scale)
    }

    /// `self + other`, exactly, or `nil` on overflow.
    public func adding(_ other: ExactDecimal) -> ExactDecimal? {
        let common = max(scale, other.scale)
        guard let left = rescaled(to: common), let right = other.rescaled(to: common) else { return nil }
        let (sum, overflow) = left.units.addingReportingOverflow(right.units)
        return overflow ? nil : ExactDecimal(units: sum, scale: common)
    }

    public func subtracting(_ other: ExactDecimal) -> ExactDecimal? {
        adding(other.negated)
    }

    /// A double for display arithmetic (percentages, bars); never used to store values.
    public var approximateDouble: Double {
        var divisor = 1.0
        for _ in 0..<scale { divisor *= 10 }
        return Double(units) / divisor
    }
}

extension ExactDecimal: Hashable {
    public static func == (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        let left = lhs.normalized, right = rhs.normalized
        return left.units == right.units && left.scale == right.scale
    }

    public func hash(into hasher: inout Hasher) {
        let value = normalized
        hasher.combine(value.units)
        hasher.combine(value.scale)
    }
}

extension ExactDecimal: Comparable {
    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        let common = max(lhs.scale, rhs.scale)
        if let left = lhs.rescaled(to: common), let right = rhs.rescaled(to: common) {
            return left.units < right.units
        }
        return lhs.approximateDouble < rhs.approximateDouble
    }
}

extension ExactDecimal: CustomStringConvertible {
    /// Plain decimal text with the digits as kept: `12.50`, `-0.5`, `3`.
    public var description: String {
        let magnitude = units.magnitude
        var digits = String(magnitude)
        if scale > 0 {
            if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return (units < 0 ? "-" : "") + digits
    }
}

/// Reads the numbers carriers print: `1,234.56`, `7,657`, `5,00` (decimal comma),
/// `1.234,56`, `.5`. A lone comma followed by exactly three digits groups thousands;
/// followed by one or two digits it is a decimal comma; anything else is ambiguous and
/// rejected.
struct NumberScanner {
    let scalars: [Unicode.Scalar]

    /// Scans the number starting at `start`; returns it and the index after it.
    func scan(at start: Int) throws(ValueError) -> (ExactDecimal, Int) {
        var end = start
        while end < scalars.count, Self.isDigit(scalars[end]) || scalars[end] == "," || scalars[end] == "." {
            end += 1
        }
        // A trailing separator is punctuation, not part of the number ("5.", "3,").
        while end > start, scalars[end - 1] == "," || scalars[end - 1] == "." { end -= 1 }
        let text = Array(scalars[start..<end])
        guard text.contains(where: Self.isDigit) else {
            throw ValueError(.noNumber, "expected a number", offset: start)
        }
        let lastComma = text.lastIndex(of: ",")
        let lastPoint = text.lastIndex(of: ".")
        var decimalMark: Unicode.Scalar?
        var groupMark: Unicode.Scalar?
        switch (lastComma, lastPoint) {
        case (nil, nil): break
        case (nil, .some): decimalMark = "."
        case (.some(let comma), nil):
            let after = text.count - comma - 1
            let commas = text.filter { $0 == "," }.count
            if after == 3 || commas > 1 {
                groupMark = ","
            } else if after <= 2 {
                decimalMark = ","
            } else {
                throw ValueError(.invalidGrouping, "a comma followed by \(after) digits is neither a decimal comma nor a thousands separator",
                                 offset: start + comma)
            }
        case (.some(let comma), .some(let point)):
            if point > comma { (decimalMark, groupMark) = (".", ",") } else { (decimalMark, groupMark) = (",", ".") }
        }
        // Grouping: groups of three after the first (1 to 3 digits), none after the mark.
        var integerPart: [Unicode.Scalar] = []
        var fraction: [Unicode.Scalar] = []
        var inFraction = false
        var groupLength = -1
        var firstGroup = 0
        for (offset, scalar) in text.enumerated() {
            let position = start + offset
            if scalar == decimalMark {
                guard !inFraction else { throw ValueError(.invalidNumber, "two decimal marks", offset: position) }
                if groupLength >= 0 && groupLength != 3 {
                    throw ValueError(.invalidGrouping, "digit groups must have three digits", offset: position)
                }
                inFraction = true
            } else if scalar == groupMark {
                guard !inFraction else { throw ValueError(.invalidGrouping, "a group separator after the decimal mark", offset: position) }
                if groupLength < 0 {
                    guard firstGroup >= 1 && firstGroup <= 3 else {
                        throw ValueError(.invalidGrouping, "digit groups must have three digits", offset: position)
                    }
                } else if groupLength != 3 {
                    throw ValueError(.invalidGrouping, "digit groups must have three digits", offset: position)
                }
                groupLength = 0
            } else if inFraction {
                fraction.append(scalar)
            } else {
                integerPart.append(scalar)
                if groupLength >= 0 { groupLength += 1 } else { firstGroup += 1 }
            }
        }
        if !inFraction && groupLength >= 0 && groupLength != 3 {
            throw ValueError(.invalidGrouping, "digit groups must have three digits", offset: start + text.count)
        }
        let digits = integerPart + fraction
        guard digits.count <= 18, fraction.count <= ExactDecimal.maximumScale else {
            throw ValueError(.tooManyDigits, "the number has more digits than are kept exactly", offset: start)
        }
        var units: Int64 = 0
        for scalar in digits { units = units * 10 + Int64(scalar.value - 0x30) }
        return (ExactDecimal(units: units, scale: fraction.count), end)
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x30 && scalar.value <= 0x39
    }
}

/// Text as page values arrive: NBSP and other spaces folded, zero-width characters out.
enum ValueText {
    static func scalars(_ text: String) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x200B...0x200D, 0x2060, 0xFEFF, 0xAD: continue
            case 0x09...0x0D, 0xA0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: result.append(" ")
            case 0x2212: result.append("-")  // minus sign
            case 0x2013, 0x2014: result.append("–")  // dashes in ranges stay a dash
            default: result.append(scalar)
            }
        }
        return result
    }

    static func skipSpaces(_ scalars: [Unicode.Scalar], _ index: inout Int) {
        while index < scalars.count, scalars[index] == " " { index += 1 }
    }

    /// The lower-cased ASCII word at `index` (letters only).
    static func word(_ scalars: [Unicode.Scalar], at index: Int) -> (String, Int) {
        var end = index
        var other = false
        while end < scalars.count, isLetter(scalars[end]) {
            if scalars[end].value >= 0x80 { other = true }
            end += 1
        }
        if !other {
            let word = String(unsafeUninitializedCapacity: end - index) { buffer in
                for offset in 0..<(end - index) { buffer[offset] = UInt8(scalars[index + offset].value) | 0x20 }
                return end - index
            }
            return (word, end)
        }
        var word = ""
        word.unicodeScalars.append(contentsOf: scalars[index..<end])
        return (word.lowercased(), end)
    }

    /// A letter: ASCII answered directly, the rest by Unicode properties.
    @inline(__always) static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return (UInt8(scalar.value) | 0x20) &- 0x61 < 26 }
        return scalar.properties.isAlphabetic
    }
}
