/// Why a carrier spec (or an alerts file) could not be loaded.
package enum SpecErrorCode: String, ErrorCode, Codable {
    case unreadableFile
    case invalidYAML
    case notAMapping
    case unknownKey
    case duplicateKey
    case missingKey
    case wrongType
    case invalidValue
    case unknownSource
    case duplicateID
    /// An XPath, CSS selector, JSON path or regular expression that does not compile.
    case invalidRule
}

/// Why a carrier spec could not be loaded. It names the file, the line and column, and
/// the key path (`support[2].dial`) so the fix is one look away:
/// `Specs/att.yaml:12:5: support[1].dial: expected a string`.
package typealias SpecError = CodedError<SpecErrorCode>
