/// Why an ICCID, EID or IMSI was rejected. ``offset`` is the 0-based character offset
/// in the input as given (spaces and hyphens included).
public struct IdentifierError: Error, Hashable, Sendable {
    public enum Code: String, Hashable, Sendable, CaseIterable, Codable {
        case empty
        case inputTooLong
        case invalidCharacter
        case invalidLength
        case invalidIndustryPrefix
        case checkDigitMismatch
        /// A card-format (nibble-swapped BCD) ICCID with a filler nibble inside the number.
        case invalidBCD
        // Warnings, raised as errors under strict decoding.
        case checkDigitNotLast
        case unknownCountryCode
        case unknownMobileCountryCode
        case shortIMSI
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

extension IdentifierError: CustomStringConvertible {
    public var description: String { "\(message) (offset \(offset))" }
}

/// Something unusual about an identifier that does not make it invalid.
public struct IdentifierWarning: Hashable, Sendable {
    public enum Code: String, Hashable, Sendable, CaseIterable, Codable {
        /// A 20-digit ICCID whose Luhn digit is the 19th; the 20th is extra.
        case checkDigitNotLast
        /// The country code after `89` is not an assigned E.164 code.
        case unknownCountryCode
        /// The MCC is not in the E.212 table.
        case unknownMobileCountryCode
        /// An IMSI of fewer than 15 digits.
        case shortIMSI
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The error this warning becomes under strict decoding.
    public var asError: IdentifierError {
        let errorCode: IdentifierError.Code
        switch code {
        case .checkDigitNotLast: errorCode = .checkDigitNotLast
        case .unknownCountryCode: errorCode = .unknownCountryCode
        case .unknownMobileCountryCode: errorCode = .unknownMobileCountryCode
        case .shortIMSI: errorCode = .shortIMSI
        }
        return IdentifierError(errorCode, message, offset: 0)
    }
}

/// The digits of an identifier written with optional spaces and hyphens, with the
/// input offset of each digit kept for error messages.
struct DigitRun {
    static let maximumInputLength = 256

    var digits: [UInt8] = []
    var offsets: [Int] = []
    /// Offset just past the last non-separator character.
    var end = 0

    /// Reads `text`, skipping spaces and hyphens and surrounding white space.
    /// - Parameter extra: further characters to keep (lower-cased), e.g. hex digits.
    init(_ text: String, keeping extra: (UInt8) -> Bool = { _ in false }) throws(IdentifierError) {
        let utf8 = text.utf8
        guard utf8.count <= Self.maximumInputLength else {
            throw IdentifierError(.inputTooLong,
                                  "input is \(utf8.count) bytes; at most \(Self.maximumInputLength) are read",
                                  offset: Self.maximumInputLength)
        }
        var offset = 0
        for byte in utf8 {
            defer { offset += 1 }
            if ASCII.isDigit(byte) || extra(byte | 0x20) {
                digits.append(ASCII.isDigit(byte) ? byte : byte | 0x20)
                offsets.append(offset)
                end = offset + 1
            } else if byte == 0x20 || byte == ASCII.hyphen || ASCII.isWhitespace(byte) {
                continue
            } else {
                let what = byte >= 0x80 ? "a non-ASCII character" : ASCII.describe(byte)
                throw IdentifierError(.invalidCharacter,
                                      "unexpected \(what); only digits, spaces and hyphens are allowed",
                                      offset: offset)
            }
        }
        guard !digits.isEmpty else {
            throw IdentifierError(.empty, "input holds no digits", offset: 0)
        }
    }

    var string: String { String(decoding: digits, as: UTF8.self) }

    func offset(of index: Int) -> Int { index < offsets.count ? offsets[index] : end }
}

/// Check-digit arithmetic.
public enum CheckDigits {
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
    public static func luhnDigit(for body: String) -> Int? {
        let bytes = Array(body.utf8)
        guard !bytes.isEmpty, bytes.allSatisfy(ASCII.isDigit) else { return nil }
        return Int(luhn(bytes))
    }
}
