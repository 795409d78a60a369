/// Check-digit arithmetic.
package enum CheckDigits {
    /// The Luhn (ISO/IEC 7812-1 Annex B) check digit to append to `digits` (ASCII).
    static func luhn(_ digits: some Collection<UInt8>) -> UInt8 {
        var sum = 0
        var double = true
        for digit in digits.reversed() {
            var value = Int(digit - ASCII.zero)
            if double {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
            double.toggle()
        }
        return UInt8((10 - sum % 10) % 10)
    }

    /// `digits` (ASCII) read as a decimal number, modulo 97 (ISO 7064 MOD 97-10).
    static func mod97(_ digits: some Collection<UInt8>) -> Int {
        var remainder = 0
        for digit in digits { remainder = (remainder * 10 + Int(digit - ASCII.zero)) % 97 }
        return remainder
    }

    /// The Luhn check digit for an ICCID body (without its check digit).
    package static func luhnDigit(for body: String) -> Int? {
        let bytes = Array(body.utf8)
        guard !bytes.isEmpty, bytes.allSatisfy(ASCII.isDigit) else { return nil }
        return Int(luhn(bytes))
    }
}
