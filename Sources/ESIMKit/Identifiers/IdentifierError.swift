/// Why an ICCID, EID or IMSI was rejected, or what is unusual about one that was accepted
/// (the deviations, ``isDeviation``: warnings unless decoding is strict).
public enum IdentifierErrorCode: String, ErrorCode, Codable {
    case empty
    case inputTooLong
    case invalidCharacter
    case invalidLength
    case invalidIndustryPrefix
    case checkDigitMismatch
    /// A card-format (nibble-swapped BCD) ICCID with a filler nibble inside the number.
    case invalidBCD
    // Deviations: warnings by default, errors under strict decoding.
    /// A 20-digit ICCID whose Luhn digit is the 19th; the 20th is extra.
    case checkDigitNotLast
    /// The country code after `89` is not an assigned E.164 code.
    case unknownCountryCode
    /// The MCC is not in the E.212 table.
    case unknownMobileCountryCode
    /// An IMSI of fewer than 15 digits.
    case shortIMSI

    /// Something unusual that does not make the identifier invalid.
    public var isDeviation: Bool {
        switch self {
        case .checkDigitNotLast, .unknownCountryCode, .unknownMobileCountryCode, .shortIMSI: true
        default: false
        }
    }
}

/// Why an ICCID, EID or IMSI was rejected. ``CodedError/offset`` is the 0-based character
/// offset in the input as given (spaces and hyphens included).
public typealias IdentifierError = CodedError<IdentifierErrorCode>

/// Something unusual about an identifier that does not make it invalid (its code
/// ``IdentifierErrorCode/isDeviation``); strict decoding throws it as its
/// ``CodedWarning/error``, at offset 0.
public typealias IdentifierWarning = CodedWarning<IdentifierErrorCode>
