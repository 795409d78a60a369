/// Why JSON text or a JSON path could not be read.
public enum JSONErrorCode: String, ErrorCode {
    /// Not valid JSON (RFC 8259), or nested deeper than ``JSONParser/maximumDepth``.
    case invalidJSON
    /// A JSON path is malformed.
    case invalidJSONPath
}

/// A JSON parse or JSON path error; ``CodedError/offset`` is the byte offset in the JSON
/// text, or the character offset in the path.
public typealias JSONError = CodedError<JSONErrorCode>
