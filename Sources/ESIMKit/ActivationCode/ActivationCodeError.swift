/// Why an activation code was rejected, or what is unusual about one that was accepted.
///
/// Every code is an error, but the deviations (``isDeviation``) are what real devices accept:
/// lenient decoding reports them as an ``ActivationCodeWarning`` and strict decoding throws
/// them, with the same code.
public enum ActivationCodeErrorCode: String, ErrorCode, Codable {
    // Whole input
    case empty
    case inputTooLong
    case controlCharacter
    case nonASCIICharacter
    case duplicatePrefix
    case percentEncodedDelimiter
    case missingDelimiter
    case unsupportedFormat
    // Setup links (Apple / Android wrappers)
    case unrecognizedLink
    case missingCardData
    case invalidPercentEncoding
    // Field 2: SM-DP+ address
    case emptyAddress
    case addressHasScheme
    case addressHasPath
    case invalidAddressCharacter
    case emptyAddressLabel
    case singleLabelAddress
    case addressLabelTooLong
    case addressLabelHyphen
    case addressTooLong
    case numericTopLevelLabel
    case invalidIPAddress
    case invalidPort
    // Field 3: matching ID
    case invalidMatchingIDCharacter
    // Field 4: SM-DP+ OID
    case invalidOID
    case oidLooksLikeConfirmationCode
    // Field 5 and 6: confirmation code required flag
    case invalidConfirmationFlag
    case misplacedConfirmationFlag
    // Fields 6 and 7: white space at either end, which the text form cannot keep
    case whiteSpaceInField
    // Building a code from fields
    case delimiterInField
    // Deviations from SGP.22 that real devices accept: warnings by default, errors under
    // strict decoding.
    /// `1$host`: no matching-ID field at all (`1$host$` is fine).
    case missingMatchingID
    /// `host:443`: SGP.22 wants a bare FQDN.
    case portInAddress
    /// `192.0.2.1` or `[2001:db8::1]` instead of a host name.
    case ipAddressLiteral
    /// Flag `0`: legal-looking but not defined; the flag is `1` or absent.
    case confirmationFlagZero
    /// Longer than ``ActivationCode/maximumSpecifiedLength``.
    case tooLong
    /// Field 6 is not a hexadecimal key identifier.
    case invalidCIPublicKeyID
    /// More than seven fields.
    case extraFields

    public static var domain: String? { "activation code" }

    /// A deviation phones accept: a warning unless decoding is strict.
    public var isDeviation: Bool {
        switch self {
        case .missingMatchingID, .portInAddress, .ipAddressLiteral, .confirmationFlagZero, .tooLong, .invalidCIPublicKeyID,
             .extraFields: true
        default: false
        }
    }
}

/// Why an activation code was rejected. ``CodedError/offset`` is the 0-based character
/// position in the input as it was given (for a setup link, the position inside the link).
public typealias ActivationCodeError = CodedError<ActivationCodeErrorCode>

/// A deviation from SGP.22 that real devices accept (its code ``ActivationCodeErrorCode/isDeviation``).
/// ``ActivationCode/decode(_:strict:)`` reports it; with `strict: true` it is thrown as its
/// ``CodedWarning/error`` instead.
public typealias ActivationCodeWarning = CodedWarning<ActivationCodeErrorCode>
