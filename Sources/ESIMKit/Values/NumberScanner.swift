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
