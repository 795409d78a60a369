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
