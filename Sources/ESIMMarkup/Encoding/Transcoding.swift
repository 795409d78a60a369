/// Byte-level conversions done before libxml2 sees a document, so that NUL bytes and
/// mislabelled pages come out whole.
enum Transcoding {
    static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// What a UTF-8 scan found.
    struct UTF8Survey {
        var isValid = true
        var invalidSequences = 0
        var multibyteSequences = 0
        var nulBytes = 0
        var isASCII: Bool { multibyteSequences == 0 && invalidSequences == 0 }
    }

    /// Scans `bytes` as UTF-8 (RFC 3629: no overlongs, no surrogates, at most U+10FFFF).
    /// ASCII runs go eight bytes at a time.
    static func survey(_ bytes: UnsafeBufferPointer<UInt8>) -> UTF8Survey {
        var result = UTF8Survey()
        guard let base = bytes.baseAddress else { return result }
        let count = bytes.count
        var index = 0
        while index < count {
            // Fast path: eight ASCII bytes with no NUL among them.
            if index + 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                let hasHigh = word & 0x8080_8080_8080_8080
                let hasZero = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
                if hasHigh == 0 && hasZero == 0 {
                    index += 8
                    continue
                }
            }
            let lead = base[index]
            if lead < 0x80 {
                if lead == 0 { result.nulBytes += 1 }
                index += 1
                continue
            }
            let length = sequenceLength(base, index, count)
            if length == 0 {
                result.isValid = false
                result.invalidSequences += 1
                index += 1
            } else {
                result.multibyteSequences += 1
                index += length
            }
        }
        return result
    }

    /// The length of the valid UTF-8 sequence starting at a non-ASCII `index`, or 0.
    @inline(__always)
    static func sequenceLength(_ base: UnsafePointer<UInt8>, _ index: Int, _ count: Int) -> Int {
        let lead = base[index]
        @inline(__always) func continuation(_ offset: Int) -> UInt8? {
            index + offset < count && base[index + offset] & 0xC0 == 0x80 ? base[index + offset] : nil
        }
        switch lead {
        case 0xC2...0xDF:
            return continuation(1) != nil ? 2 : 0
        case 0xE0...0xEF:
            guard let second = continuation(1), continuation(2) != nil else { return 0 }
            if lead == 0xE0 && second < 0xA0 { return 0 }  // overlong
            if lead == 0xED && second > 0x9F { return 0 }  // surrogate
            return 3
        case 0xF0...0xF4:
            guard let second = continuation(1), continuation(2) != nil, continuation(3) != nil else { return 0 }
            if lead == 0xF0 && second < 0x90 { return 0 }  // overlong
            if lead == 0xF4 && second > 0x8F { return 0 }  // beyond U+10FFFF
            return 4
        default:
            return 0
        }
    }

    /// UTF-8 with every invalid sequence and every NUL replaced by U+FFFD.
    static func repairUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        guard let base = bytes.baseAddress else { return [] }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 16)
        var index = 0
        while index < bytes.count {
            let byte = base[index]
            if byte == 0 {
                output.append(contentsOf: replacement)
                index += 1
            } else if byte < 0x80 {
                output.append(byte)
                index += 1
            } else {
                let length = sequenceLength(base, index, bytes.count)
                if length == 0 {
                    output.append(contentsOf: replacement)
                    index += 1
                } else {
                    output.append(contentsOf: UnsafeBufferPointer(start: base + index, count: length))
                    index += length
                }
            }
        }
        return output
    }

    /// Windows-1252 (WHATWG: also what `latin1` and `ascii` mean on the web) to UTF-8;
    /// NUL becomes U+FFFD.
    static func windows1252ToUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        // 0x80-0x9F; the five undefined positions map to the C1 controls, as WHATWG does.
        let high: [UInt16] = [
            0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
            0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
            0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
            0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
        ]
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            switch byte {
            case 0:
                output.append(contentsOf: replacement)
            case 0x01..<0x80:
                output.append(byte)
            case 0x80..<0xA0:
                appendUTF8(UInt32(high[Int(byte - 0x80)]), to: &output)
            default:
                appendUTF8(UInt32(byte), to: &output)
            }
        }
        return output
    }

    /// UTF-16 to UTF-8; unpaired surrogates and NUL become U+FFFD.
    static func utf16ToUTF8(_ bytes: UnsafeBufferPointer<UInt8>, bigEndian: Bool) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 0
        while index + 1 < bytes.count {
            let first = UInt16(bytes[index]), second = UInt16(bytes[index + 1])
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        var output: [UInt8] = []
        output.reserveCapacity(units.count * 2)
        for scalar in String(decoding: units, as: UTF16.self).unicodeScalars {
            appendUTF8(scalar.value == 0 ? 0xFFFD : scalar.value, to: &output)
        }
        return output
    }

    /// Legacy multibyte encodings go to libxml2 as they are; their NUL bytes (which are
    /// never part of a character in them) become spaces.
    static func replacingNUL(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        bytes.map { $0 == 0 ? 0x20 : $0 }
    }

    static func appendUTF8(_ value: UInt32, to output: inout [UInt8]) {
        switch value {
        case 0..<0x80:
            output.append(UInt8(value))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | value >> 6))
            output.append(UInt8(0x80 | value & 0x3F))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | value >> 12))
            output.append(UInt8(0x80 | value >> 6 & 0x3F))
            output.append(UInt8(0x80 | value & 0x3F))
        default:
            output.append(UInt8(0xF0 | value >> 18))
            output.append(UInt8(0x80 | value >> 12 & 0x3F))
            output.append(UInt8(0x80 | value >> 6 & 0x3F))
            output.append(UInt8(0x80 | value & 0x3F))
        }
    }
}
