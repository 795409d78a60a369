import CLibXML2
/// Why markup could not be read, parsed or queried.
public enum MarkupErrorCode: String, ErrorCode, Codable {
    /// The input is larger than ``MarkupLimits/maximumInputBytes``.
    case inputTooLarge
    /// The file could not be read.
    case unreadableFile
    /// libxml2 could not build a document at all.
    case unparseableDocument
    /// Elements nest deeper than ``MarkupLimits/maximumDepth``.
    case tooDeep
    /// The document has more elements than ``MarkupLimits/maximumElementCount``.
    case tooManyElements
    /// An XPath expression did not compile or could not be evaluated.
    case invalidXPath
    /// An XPath expression took more than ``XPathExpression/operationLimit`` steps on
    /// a document (it compares nodes with nodes, and the document is large).
    case xpathTooMuchWork
    /// A CSS selector is malformed.
    case invalidSelector
    /// A CSS selector uses syntax this translator does not support.
    case unsupportedSelector
    /// Embedded data is not valid JSON.
    case invalidJSON

    public static var domain: String? { "markup" }
}

/// An error from reading, parsing or querying markup. Tests assert on ``CodedError/code``;
/// the message is one line for people; ``CodedError/line`` (for documents) or
/// ``CodedError/offset`` (for expressions and selectors) says where, and
/// ``CodedError/detail`` is the message with them (`CSS 'div[': expected an attribute name
/// (offset 4)`), for a caller that says where it came from.
public typealias MarkupError = CodedError<MarkupErrorCode>

extension CodedError where Code == MarkupErrorCode {
    /// A markup error at a line of a document or an offset in an expression.
    public init(_ code: Code, _ message: String, line: Int? = nil, offset: Int? = nil) {
        self.init(code, message, at: SourceLocation(line: line, offset: offset))
    }
}

/// Something libxml2 or the encoding detection recovered from; kept on the document.
public struct MarkupDiagnostic: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, Codable {
        /// libxml2 reported a problem in the markup and recovered.
        case parser
        /// The declared character set did not fit the bytes; another one was used.
        case encoding
    }

    public var kind: Kind
    public var message: String
    /// 1-based line number, or 0 when not known.
    public var line: Int
    /// libxml2's error number (`xmlParserErrors`), 0 for our own diagnostics.
    public var code: Int

    public init(kind: Kind, message: String, line: Int, code: Int = 0) {
        self.kind = kind
        self.message = message
        self.line = line
        self.code = code
    }
}

/// Named limits every document obeys. Input beyond them is refused with a ``MarkupError``.
public enum MarkupLimits {
    /// The largest input accepted, in bytes (64 MiB).
    public static let maximumInputBytes = 64 << 20
    /// The deepest element nesting accepted in HTML.
    public static let maximumDepth = 10_000
    /// The deepest element nesting accepted in XML (libxml2's own cap without
    /// XML_PARSE_HUGE is 256).
    public static let maximumXMLDepth = 250
    /// The most elements in one document.
    public static let maximumElementCount = 4_000_000
    /// How many parse diagnostics a document keeps; the rest are counted in
    /// ``HTMLDocument/droppedDiagnostics``.
    public static let maximumDiagnostics = 200
}

extension MarkupLimits {
    /// A whole file's bytes, refusing one larger than ``maximumInputBytes`` (before it is
    /// read when the size is known, else as soon as the limit is passed).
    package static func readFile(_ path: String) throws(MarkupError) -> [UInt8] {
        do {
            return try FileReader.read(path, limit: maximumInputBytes)
        } catch {
            if error.code == .tooLarge { throw MarkupError(.inputTooLarge, "'\(path)' is larger than \(maximumInputBytes) bytes") }
            throw MarkupError(.unreadableFile, "cannot \(error.code.verb) '\(path)': \(error.message)")
        }
    }
}

extension MarkupDiagnostic {
    /// libxml2's HTML parser knows HTML 4 elements only, so `<section>`, `<svg>` and the
    /// like each raise "Tag … invalid" though nothing is lost; readers usually skip these.
    public var isUnknownHTMLTag: Bool {
        kind == .parser && code == Int(XML_HTML_UNKNOWN_TAG.rawValue)
    }
}
