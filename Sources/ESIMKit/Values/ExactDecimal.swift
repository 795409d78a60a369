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
