/// An eUICC identifier: the eSIM chip's own 32-digit number (GSMA SGP.02 Annex J,
/// SGP.29).
///
/// The last two digits are ISO 7064 MOD 97-10 check digits: the whole number modulo 97
/// is 1. EIDs starting with `89` follow the SGP.02 layout: `89` · country code (3) ·
/// issuer (3) · platform and OS version (5) · additional issuer information (5) ·
/// individual identification number (12) · check digits (2). Other EIDs use SGP.29
/// EIN/ESIN numbering, which this type checks but does not split.
public struct EID: Hashable, Sendable {
    public static let length = 32

    public let digits: String

    /// The SGP.02 fields of an EID starting with `89`; `nil` for SGP.29 numbering.
    public struct Layout: Hashable, Sendable {
        public var countryCode: String
        public var issuerIdentifier: String
        public var platformAndOSVersion: String
        public var additionalIssuerInformation: String
        public var individualIdentificationNumber: String
    }

    public var layout: Layout? {
        guard digits.hasPrefix("89") else { return nil }
        let d = Array(digits.utf8)
        func part(_ range: Range<Int>) -> String { String(decoding: d[range], as: UTF8.self) }
        return Layout(countryCode: part(2..<5), issuerIdentifier: part(5..<8),
                      platformAndOSVersion: part(8..<13), additionalIssuerInformation: part(13..<18),
                      individualIdentificationNumber: part(18..<30))
    }

    /// Regions of the SGP.02 country code (E.164 code written in 3 digits).
    public var regions: [String] {
        guard let layout, let code = Int(layout.countryCode) else { return [] }
        return NumberingTables.callingCodes[code] ?? []
    }

    public var checkDigits: String { String(digits.suffix(2)) }

    /// Decodes an EID written with optional spaces and hyphens.
    public init(_ text: String) throws(IdentifierError) {
        let run = try DigitRun(text)
        guard run.digits.count == Self.length else {
            throw IdentifierError(.invalidLength, "\(run.digits.count) digits; an EID has 32",
                                  offset: run.offset(of: min(run.digits.count, Self.length)))
        }
        let remainder = CheckDigits.mod97(run.digits)
        guard remainder == 1 else {
            let expected = Self.checkDigits(forBody: run.digits[..<30])
            throw IdentifierError(.checkDigitMismatch,
                                  "check digits are \(String(decoding: run.digits[30...], as: UTF8.self)), MOD 97-10 gives \(expected)",
                                  offset: run.offset(of: 30))
        }
        digits = run.string
    }

    /// Completes a 30-digit EID body with its two check digits.
    public static func complete(_ body: String) throws(IdentifierError) -> EID {
        let run = try DigitRun(body)
        guard run.digits.count == 30 else {
            throw IdentifierError(.invalidLength,
                                  "\(run.digits.count) digits; give the 30 digits before the check digits",
                                  offset: run.offset(of: min(run.digits.count, 30)))
        }
        return try EID(run.string + checkDigits(forBody: run.digits[...]))
    }

    /// Check digits for a 30-digit body: 98 − (body · 100 mod 97), two digits.
    static func checkDigits(forBody body: ArraySlice<UInt8>) -> String {
        let value = 98 - CheckDigits.mod97(body + [ASCII.zero, ASCII.zero])
        return value < 10 ? "0\(value)" : "\(value)"
    }
}
