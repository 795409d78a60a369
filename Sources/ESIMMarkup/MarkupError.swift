/// An error from parsing or querying markup.
///
/// Tests assert on ``code``; ``message`` is for people.
public struct MarkupError: Error, Hashable, Sendable {
    /// What went wrong, as a value tests can compare.
    public enum Code: String, Hashable, Sendable, CaseIterable {
        /// The input is larger than ``MarkupLimits/maximumInputBytes``.
        case inputTooLarge
        /// libxml2 could not build a document at all.
        case unparseableDocument
        /// An XPath expression did not compile or could not be evaluated.
        case invalidXPath
    }

    public var code: Code
    public var message: String
    /// 1-based line in the document or, for XPath errors, the 0-based character offset
    /// into the expression; `nil` when unknown.
    public var line: Int?
    public var offset: Int?

    public init(_ code: Code, _ message: String, line: Int? = nil, offset: Int? = nil) {
        self.code = code
        self.message = message
        self.line = line
        self.offset = offset
    }
}

extension MarkupError: CustomStringConvertible {
    public var description: String {
        var text = "markup: \(message)"
        if let line { text += " (line \(line))" }
        if let offset { text += " (offset \(offset))" }
        return text
    }
}

/// A problem libxml2 recovered from while parsing; kept on the document.
public struct MarkupDiagnostic: Hashable, Sendable {
    public var message: String
    /// 1-based line number, or 0 when libxml2 did not know it.
    public var line: Int
}

/// Named limits every document obeys.
public enum MarkupLimits {
    /// The largest input accepted, in bytes (64 MiB).
    public static let maximumInputBytes = 64 << 20
    /// How many parse diagnostics a document keeps; the rest are counted, not stored.
    public static let maximumDiagnostics = 200
}
