/// Why an activation code was rejected.
///
/// ``code`` is what programs and tests compare; ``message`` is one line a person can act
/// on; ``offset`` is the 0-based character position in the input as it was given (for a
/// setup link, the position inside the link).
public struct ActivationCodeError: Error, Hashable, Sendable {
    public enum Code: String, Hashable, Sendable, CaseIterable, Codable {
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
        // Deviations that are warnings by default and errors under strict decoding.
        case missingMatchingID
        case portInAddress
        case ipAddressLiteral
        case confirmationFlagZero
        case tooLong
        case invalidCIPublicKeyID
        case extraFields
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

extension ActivationCodeError: CustomStringConvertible {
    public var description: String {
        "activation code: \(message) (offset \(offset))"
    }
}

/// A deviation from SGP.22 that real devices accept. ``ActivationCode/decode(_:strict:)``
/// reports it; with `strict: true` it is thrown as an ``ActivationCodeError`` with the
/// same code instead.
public struct ActivationCodeWarning: Hashable, Sendable {
    public enum Code: String, Hashable, Sendable, CaseIterable, Codable {
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
    }

    public var code: Code
    public var message: String
    public var offset: Int

    public init(_ code: Code, _ message: String, offset: Int) {
        self.code = code
        self.message = message
        self.offset = offset
    }

    /// The error this warning becomes under strict decoding.
    public var asError: ActivationCodeError {
        let errorCode: ActivationCodeError.Code
        switch code {
        case .missingMatchingID: errorCode = .missingMatchingID
        case .portInAddress: errorCode = .portInAddress
        case .ipAddressLiteral: errorCode = .ipAddressLiteral
        case .confirmationFlagZero: errorCode = .confirmationFlagZero
        case .tooLong: errorCode = .tooLong
        case .invalidCIPublicKeyID: errorCode = .invalidCIPublicKeyID
        case .extraFields: errorCode = .extraFields
        }
        return ActivationCodeError(errorCode, message, offset: offset)
    }
}

extension ActivationCodeWarning: CustomStringConvertible {
    public var description: String {
        "activation code: \(message) (offset \(offset))"
    }
}
