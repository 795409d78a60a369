/// An International Mobile Subscriber Identity (3GPP TS 23.003 §2.2): mobile country
/// code (3 digits) · mobile network code (2 or 3) · subscriber number; at most 15
/// digits.
///
/// Nothing in the IMSI says how long its MNC is (the SIM's EF_AD does). The length is
/// taken from a table of MCCs and MCC+MNC prefixes; where the table does not know, the
/// IMSI reports both readings.
public struct IMSI: Hashable, Sendable {
    public static let minimumLength = 6
    public static let maximumLength = 15

    /// How long the MNC is, and how that was decided.
    public enum MNCLength: Hashable, Sendable {
        /// Known from the MCC or MCC+MNC table.
        case known(Int)
        /// Not in the table: both two and three digits are possible.
        case ambiguous
    }

    public let digits: String
    public let mcc: String
    public let mncLength: MNCLength
    /// Regions using the MCC (ISO 3166-1 alpha-2).
    public let regions: [String]

    /// The MNC, when its length is known.
    public var mnc: String? {
        guard case .known(let length) = mncLength else { return nil }
        return String(digits.dropFirst(3).prefix(length))
    }

    /// The subscriber number (MSIN), when the MNC length is known.
    public var msin: String? {
        guard case .known(let length) = mncLength else { return nil }
        return String(digits.dropFirst(3 + length))
    }

    /// Both readings of an ambiguous IMSI, or the one reading of a known one: (MNC, MSIN).
    public var readings: [(mnc: String, msin: String)] {
        let lengths: [Int]
        switch mncLength {
        case .known(let length): lengths = [length]
        case .ambiguous: lengths = [2, 3]
        }
        return lengths.map { (String(digits.dropFirst(3).prefix($0)), String(digits.dropFirst(3 + $0))) }
    }

    public init(_ text: String) throws(IdentifierError) {
        self = try Self.decode(text).imsi
    }

    init(validDigits: [UInt8]) {
        digits = String(decoding: validDigits, as: UTF8.self)
        mcc = String(decoding: validDigits[0..<3], as: UTF8.self)
        var mccValue = 0
        for digit in validDigits[0..<3] { mccValue = mccValue * 10 + Int(digit - ASCII.zero) }
        var prefixValue = mccValue
        for digit in validDigits[3..<6] { prefixValue = prefixValue * 10 + Int(digit - ASCII.zero) }
        regions = NumberingTables.mobileCountryCodes[mccValue] ?? []
        if NumberingTables.threeDigitMNCCountries.contains(mccValue)
            || NumberingTables.threeDigitMNCExceptions.contains(prefixValue) {
            mncLength = .known(3)
        } else if !regions.isEmpty {
            mncLength = .known(2)
        } else {
            mncLength = .ambiguous
        }
    }
}

/// An IMSI as decoded from text, with warnings.
public struct DecodedIMSI: Hashable, Sendable {
    public var imsi: IMSI
    public var warnings: [IdentifierWarning]
}

extension IMSI {
    public static func decode(_ text: String) throws(IdentifierError) -> DecodedIMSI {
        let run = try DigitRun(text)
        guard (minimumLength...maximumLength).contains(run.digits.count) else {
            throw IdentifierError(.invalidLength,
                                  "\(run.digits.count) digits; an IMSI has \(minimumLength) to \(maximumLength) (usually 15)",
                                  offset: run.offset(of: min(run.digits.count, maximumLength)))
        }
        let imsi = IMSI(validDigits: run.digits)
        var warnings: [IdentifierWarning] = []
        if imsi.regions.isEmpty {
            warnings.append(IdentifierWarning(.unknownMobileCountryCode,
                                              "MCC \(imsi.mcc) is not an assigned mobile country code; the MNC length is unknown",
                                              offset: 0))
        }
        if run.digits.count < maximumLength {
            warnings.append(IdentifierWarning(.shortIMSI,
                                              "the IMSI has \(run.digits.count) digits; almost all networks use 15", offset: 0))
        }
        return DecodedIMSI(imsi: imsi, warnings: warnings)
    }
}
