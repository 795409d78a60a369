/// Why a profile list could not be read at all.
package enum ProfileErrorCode: String, ErrorCode, Codable {
    case empty
    case tooLarge
    /// Neither DER (binary, hex, base64), lpac JSON nor a TS.43 entitlement response.
    case unrecognisedFormat
    /// DER ends inside an element.
    case truncatedDER
    /// A length runs past the end of its container, or is not DER.
    case invalidLength
    /// Not well-formed DER otherwise.
    case invalidDER
    /// The outer tag is not a profile list (BF2D) or EID response (BF3E), or an inner
    /// element is not where SGP.22 puts it.
    case unexpectedTag
    /// A field holds bytes its type does not allow (an ICCID of 9 bytes, bad UTF-8).
    case invalidValue
    /// The eUICC answered with `profileInfoListError`.
    case euiccError
    /// JSON that is not lpac output; no line of lpac output at all.
    case invalidJSON
    /// XML or JSON that is not a TS.43 entitlement response.
    case notEntitlement
}

/// A profile list that could not be read; ``CodedError/offset`` is a byte offset (DER,
/// JSON), ``CodedError/line`` a 1-based line (XML).
package typealias ProfileError = CodedError<ProfileErrorCode>

extension CodedError where Code == ProfileErrorCode {
    /// A profile-list error at a byte offset or a line, when known.
    package init(_ code: Code, _ message: String, offset: Int? = nil, line: Int? = nil) {
        self.init(code, message, at: SourceLocation(line: line, offset: offset))
    }
}
