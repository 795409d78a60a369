/// Check-digit arithmetic.
package enum CheckDigits {
    /// The Luhn (ISO/IEC 7812-1 Annex B) check digit to append to `digits` (ASCII).
    static func luhn(_ digits: some BidirectionalCollection<UInt8>) -> UInt8 {
        if let digit = digits.withContiguousStorageIfAvailable({ luhn(buffer: $0) }) { return digit }
        var sum = 0
        var double = true
        var index = digits.endIndex
        while index != digits.startIndex {
            digits.formIndex(before: &index)
            var value = Int(digits[index] - ASCII.zero)
            if double {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
            double.toggle()
        }
        return UInt8((10 - sum % 10) % 10)
    }

    /// ``luhn(_:)`` of digits in place: from the last, every other one doubled (a table
    /// gives the doubled digit's digit sum).
    private static func luhn(buffer digits: UnsafeBufferPointer<UInt8>) -> UInt8 {
        let doubled: (Int, Int, Int, Int, Int, Int, Int, Int, Int, Int) = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)
        return withUnsafeBytes(of: doubled) { table in
            let doubledSum = table.bindMemory(to: Int.self)
            var sum = 0
            var index = digits.count - 1
            while index >= 1 {
                sum += doubledSum[Int(digits[index] &- ASCII.zero) % 10] + Int(digits[index - 1] &- ASCII.zero)
                index -= 2
            }
            if index == 0 { sum += doubledSum[Int(digits[0] &- ASCII.zero) % 10] }
            return UInt8((10 - sum % 10) % 10)
        }
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
