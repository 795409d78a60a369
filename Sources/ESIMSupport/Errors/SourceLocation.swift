/// Where in its input an error or a warning applies: a position in a text or in bytes
/// given directly (`offset`), a line and column, a file, and inside a structured document
/// the key path (`support[2].dial`). Each domain says what its offsets count (characters,
/// Unicode scalars or bytes); every field is optional, and a location with none is
/// ``unknown``.
public struct SourceLocation: Hashable, Sendable {
    /// The file the input came from.
    public var file: String?
    /// 1-based line.
    public var line: Int?
    /// 1-based column.
    public var column: Int?
    /// 0-based position in the input as it was given.
    public var offset: Int?
    /// Where in a structured document, as `key.sub[2].leaf`.
    public var keyPath: String?

    public init(file: String? = nil, line: Int? = nil, column: Int? = nil, offset: Int? = nil, keyPath: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.offset = offset
        self.keyPath = keyPath
    }

    /// No location at all.
    public static var unknown: SourceLocation { SourceLocation() }

    /// A position in a text or bytes given directly.
    public static func offset(_ offset: Int) -> SourceLocation { SourceLocation(offset: offset) }

    /// `message` with the location, in the one way every error and warning writes it:
    /// `file:line:column: keyPath: message` for a file, else `message (line L) (offset O)`.
    public func describing(_ message: String) -> String {
        if let file {
            var text = file
            if let line {
                text += ":\(line)"
                if let column { text += ":\(column)" }
            }
            text += ": "
            if let keyPath { text += keyPath + ": " }
            return text + message
        }
        var text = message
        if let line { text += " (line \(line))" }
        if let offset { text += " (offset \(offset))" }
        return text
    }
}
