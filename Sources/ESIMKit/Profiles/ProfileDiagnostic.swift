/// Something noticed while reading a profile list.
package struct ProfileDiagnostic: Hashable, Sendable, CustomStringConvertible {
    package enum Severity: String, Hashable, Sendable, Codable { case warning, error }
    package enum Code: String, Hashable, Sendable, Codable, CaseIterable {
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

    package var code: Code
    package var severity: Severity
    package var message: String
    /// 1-based line (JSON lines), or byte offset (DER).
    package var line: Int?
    package var offset: Int?

    package init(_ code: Code, _ severity: Severity, _ message: String, line: Int? = nil, offset: Int? = nil) {
        self.code = code
        self.severity = severity
        self.message = message
        self.line = line
        self.offset = offset
    }

    package var description: String {
        var text = message
        if let line { text = "line \(line): " + text }
        if let offset { text += " (offset \(offset))" }
        return text
    }
}
