/// Where in its input an error or a warning applies: a position in a text or in bytes
/// given directly (`offset`), a line and column, a file, and inside a structured document
/// the key path (`support[2].dial`). Each domain says what its offsets count (characters,
/// Unicode scalars or bytes); every field is optional, and a location with none is
/// ``unknown``.
public struct SourceLocation: Hashable, Sendable {
    // Kept small, since errors travel in every `Result` and typed throw of the parsers:
    // positions inline as 32-bit values (-1 for none; inputs are far below 2^31).
    @usableFromInline var storedOffset: Int32
    @usableFromInline var storedLine: Int32
    @usableFromInline var storedColumn: Int32
    /// The file the input came from.
    public var file: String?
    /// Where in a structured document, as `key.sub[2].leaf`.
    public var keyPath: String?

    /// 1-based line.
    public var line: Int? {
        @inlinable get { storedLine < 0 ? nil : Int(storedLine) }
        @inlinable set { storedLine = Self.stored(newValue) }
    }

    /// 1-based column.
    public var column: Int? {
        @inlinable get { storedColumn < 0 ? nil : Int(storedColumn) }
        @inlinable set { storedColumn = Self.stored(newValue) }
    }

    /// 0-based position in the input as it was given.
    public var offset: Int? {
        @inlinable get { storedOffset < 0 ? nil : Int(storedOffset) }
        @inlinable set { storedOffset = Self.stored(newValue) }
    }

    @inlinable
    public init(file: String? = nil, line: Int? = nil, column: Int? = nil, offset: Int? = nil, keyPath: String? = nil) {
        storedOffset = Self.stored(offset)
        storedLine = Self.stored(line)
        storedColumn = Self.stored(column)
        self.file = file
        self.keyPath = keyPath
    }

    @inlinable static func stored(_ value: Int?) -> Int32 {
        guard let value, value >= 0 else { return -1 }
        return Int32(clamping: value)
    }


    /// No location at all.
    @inlinable public static var unknown: SourceLocation { SourceLocation() }

    /// A position in a text or bytes given directly.
    @inlinable public static func offset(_ offset: Int) -> SourceLocation { SourceLocation(offset: offset) }

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
