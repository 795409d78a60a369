/// Something noticed while reading a profile list.
public struct ProfileDiagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable, Codable { case warning, error }
    public enum Code: String, Hashable, Sendable, Codable, CaseIterable {
        /// A line of lpac output is not JSON (the rest are still read).
        case invalidJSONLine
        /// lpac reported an error (`code` not 0).
        case lpaError
        /// An ICCID or EID whose check digits do not match.
        case checkDigits
        /// A field of an unexpected type, or a value out of range.
        case unexpectedValue
        /// A DER element the decoder does not know, skipped.
        case unknownElement
    }

    public var code: Code
    public var severity: Severity
    public var message: String
    /// 1-based line (JSON lines), or byte offset (DER).
    public var line: Int?
    public var offset: Int?

    public init(_ code: Code, _ severity: Severity, _ message: String, line: Int? = nil, offset: Int? = nil) {
        self.code = code
        self.severity = severity
        self.message = message
        self.line = line
        self.offset = offset
    }

    public var description: String {
        var text = message
        if let line { text = "line \(line): " + text }
        if let offset { text += " (offset \(offset))" }
        return text
    }
}
