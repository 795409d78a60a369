/// An Integrated Circuit Card Identifier: the SIM or eSIM profile's serial number
/// (ITU-T E.118).
///
/// `89` (telecommunications, ISO/IEC 7812) · E.164 country code (1–3 digits; North
/// American issuers write `01`) · issuer and account digits · Luhn check digit; 18–20
/// digits in all.
public struct ICCID: Hashable, Sendable {
    public static let minimumLength = 18
    public static let maximumLength = 20

    /// The digits, without separators or `F` padding.
    public let digits: String
    /// E.164 country calling code, when the digits after `89` start with an assigned one.
    public let countryCode: Int?
    /// The country-code digits as written in the ICCID (`01` for code 1 in `8901…`).
    public let countryCodeDigits: String?
    /// Regions sharing ``countryCode`` (ISO 3166-1 alpha-2, main region first).
    public let regions: [String]
    /// The Luhn check digit.
    public let checkDigit: Int

    /// Decodes an ICCID, dropping warnings; see ``decode(_:)``.
    public init(_ text: String) throws(IdentifierError) {
        self = try Self.decode(text).iccid
    }

    init(validDigits: [UInt8], checkDigitIndex: Int) {
        digits = String(decoding: validDigits, as: UTF8.self)
        checkDigit = Int(validDigits[checkDigitIndex] - ASCII.zero)
        // North American issuers pad country code 1 to `01`.
        let start = validDigits[2] == ASCII.zero ? 3 : 2
        var found: (Int, Int)?
        var value = 0
        for length in 1...NumberingTables.maximumCallingCodeDigits where start + length <= checkDigitIndex {
            value = value * 10 + Int(validDigits[start + length - 1] - ASCII.zero)
            if NumberingTables.regions(callingCode: value) != nil {
                found = (value, length)
                break
            }
        }
        if let (code, length) = found {
            countryCode = code
            countryCodeDigits = String(decoding: validDigits[2..<(start + length)], as: UTF8.self)
            regions = NumberingTables.regions(callingCode: code) ?? []
        } else {
            countryCode = nil
            countryCodeDigits = nil
            regions = []
        }
    }
}

/// An ICCID as decoded from text: the value, the form it was written in, and warnings.
public struct DecodedICCID: Hashable, Sendable {
    public enum Encoding: String, Hashable, Sendable, Codable {
        /// Decimal digits as printed on the card.
        case decimal
        /// Hex bytes as read from EF_ICCID, each byte's nibbles swapped (`98 10 …`).
        case swappedBCD
    }

    public var iccid: ICCID
    public var encoding: Encoding
    public var warnings: [IdentifierWarning]
}

extension ICCID {
    /// Decodes an ICCID written with optional spaces, hyphens and trailing `F` padding,
    /// or as the nibble-swapped BCD hex read from a card (20 hex digits starting `98`).
    public static func decode(_ text: String) throws(IdentifierError) -> DecodedICCID {
        let run = try DigitRun(text, keepingHex: true)
        if run.digits.count == 20, run.digits[0] == 0x39, run.digits[1] == 0x38 {
            return try decodeSwapped(run)
        }
        // Trailing F padding (a 19-digit ICCID fills 10 bytes with one F).
        var count = run.digits.count
        while count > 0, run.digits[count - 1] == 0x66 { count -= 1 }
        for index in 0..<count where !ASCII.isDigit(run.digits[index]) {
            throw IdentifierError(.invalidCharacter,
                                  "unexpected '\(Character(Unicode.Scalar(run.digits[index])))'; only digits (and trailing F padding) are allowed",
                                  offset: run.offset(of: index))
        }
        return try validate(count == run.digits.count ? run.digits : Array(run.digits[..<count]), run: run, encoding: .decimal)
    }

    /// Decodes the 10 bytes of EF_ICCID as hex, each byte's two digits swapped.
    public init(cardBCD hex: String) throws(IdentifierError) {
        let run = try DigitRun(hex, keepingHex: true)
        self = try Self.decodeSwapped(run).iccid
    }

    static func decodeSwapped(_ run: DigitRun) throws(IdentifierError) -> DecodedICCID {
        guard run.digits.count == 20 else {
            throw IdentifierError(.invalidLength,
                                  "card (swapped BCD) form is 20 hex digits; found \(run.digits.count)",
                                  offset: run.end)
        }
        var swapped: [UInt8] = []
        swapped.reserveCapacity(20)
        var positions: [Int] = []
        for pair in stride(from: 0, to: 20, by: 2) {
            swapped.append(run.digits[pair + 1])
            swapped.append(run.digits[pair])
            positions.append(pair + 1)
            positions.append(pair)
        }
        var count = 20
        while count > 0, swapped[count - 1] == 0x66 { count -= 1 }
        for index in 0..<count where !ASCII.isDigit(swapped[index]) {
            throw IdentifierError(.invalidBCD,
                                  "card (swapped BCD) form has a non-decimal nibble inside the number",
                                  offset: run.offset(of: positions[index]))
        }
        var remapped = run
        remapped.remappedOffsets = positions.map { run.offset(of: $0) }
        return try validate(Array(swapped[..<count]), run: remapped, encoding: .swappedBCD)
    }

    static func validate(_ digits: [UInt8], run: DigitRun, encoding: DecodedICCID.Encoding) throws(IdentifierError) -> DecodedICCID {
        guard (minimumLength...maximumLength).contains(digits.count) else {
            throw IdentifierError(.invalidLength,
                                  "\(digits.count) digits; an ICCID has \(minimumLength) to \(maximumLength)",
                                  offset: run.offset(of: min(digits.count, maximumLength)))
        }
        guard digits[0] == 0x38, digits[1] == 0x39 else {
            throw IdentifierError(.invalidIndustryPrefix,
                                  "must start with 89 (the telecommunications industry identifier)",
                                  offset: run.offset(of: 0))
        }
        var warnings: [IdentifierWarning] = []
        var checkIndex = digits.count - 1
        let expected = CheckDigits.luhn(digits[..<checkIndex])
        if expected != digits[checkIndex] - ASCII.zero {
            if digits.count == 20, CheckDigits.luhn(digits[..<18]) == digits[18] - ASCII.zero {
                checkIndex = 18
                warnings.append(IdentifierWarning(
                    .checkDigitNotLast,
                    "the Luhn check digit is the 19th digit; the 20th is an extra digit some issuers append",
                    offset: 0))
            } else {
                throw IdentifierError(.checkDigitMismatch,
                                      "check digit is \(digits[checkIndex] - ASCII.zero), Luhn gives \(expected)",
                                      offset: run.offset(of: checkIndex))
            }
        }
        let iccid = ICCID(validDigits: digits, checkDigitIndex: checkIndex)
        if iccid.countryCode == nil {
            warnings.append(IdentifierWarning(.unknownCountryCode,
                                              "the digits after 89 do not start with an assigned E.164 country code",
                                              offset: 0))
        }
        return DecodedICCID(iccid: iccid, encoding: encoding, warnings: warnings)
    }

    /// Completes an ICCID body (17–19 digits, separators allowed) with its Luhn digit.
    public static func complete(_ body: String) throws(IdentifierError) -> ICCID {
        let run = try DigitRun(body)
        guard (minimumLength - 1...maximumLength - 1).contains(run.digits.count) else {
            throw IdentifierError(.invalidLength,
                                  "\(run.digits.count) digits; give \(minimumLength - 1) to \(maximumLength - 1) (the ICCID without its check digit)",
                                  offset: run.end)
        }
        let digit = CheckDigits.luhn(run.digits) + ASCII.zero
        return try ICCID(String(decoding: run.digits + [digit], as: UTF8.self))
    }
}
