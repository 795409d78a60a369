import CLibXML2

/// What HTML and XML documents share: a tree to query, the character set it was read
/// in, and what the parser recovered from.
public protocol MarkupDocument: AnyObject {
    /// The document node; queries from it see the whole tree.
    var node: MarkupNode { get }
    /// The character set the bytes were read in, and why.
    var charset: DocumentCharset { get }
    /// Recovered parse errors (with line numbers) and encoding decisions, in order.
    var diagnostics: [MarkupDiagnostic] { get }
    /// Diagnostics beyond ``MarkupLimits/maximumDiagnostics``, counted but not kept.
    var droppedDiagnostics: Int { get }
}

extension MarkupDocument {
    /// The root element, if the document has one.
    public var root: MarkupNode? { node.elementChildren.first }

    /// Evaluates an XPath 1.0 expression against the whole document.
    public func evaluate(xpath expression: String) throws(MarkupError) -> XPathValue {
        try node.evaluate(xpath: expression)
    }

    /// Evaluates a compiled XPath expression against the whole document.
    public func evaluate(_ expression: XPathExpression) throws(MarkupError) -> XPathValue {
        try node.evaluate(expression)
    }

    /// The first node a compiled expression selects in the document, if any.
    public func first(_ expression: XPathExpression) throws(MarkupError) -> MarkupNode? {
        try node.first(expression)
    }

    /// The nodes an XPath expression selects (empty for a non-node-set result).
    public func select(xpath expression: String) throws(MarkupError) -> [MarkupNode] {
        try node.select(xpath: expression)
    }

    /// The elements a CSS selector matches, in document order.
    public func select(css selector: String) throws(MarkupError) -> [MarkupNode] {
        try node.select(css: selector)
    }

    /// The first element a CSS selector matches.
    public func first(css selector: String) throws(MarkupError) -> MarkupNode? {
        try node.first(css: selector)
    }

    /// The elements a compiled CSS selector matches, in document order.
    public func select(_ selector: CSSSelector, limit: Int = .max) -> [MarkupNode] {
        node.select(selector, limit: limit)
    }

    /// The first element a compiled CSS selector matches.
    public func first(_ selector: CSSSelector) -> MarkupNode? {
        node.first(selector)
    }

    /// The `<title>` text, whitespace folded; `nil` when there is none or it is empty.
    public var title: String? {
        // Where HTML keeps it first (cheap), then anywhere (a scan of the whole tree).
        guard let title = (try? node.first(MarkupQueries.headTitle)) ?? (try? node.first(MarkupQueries.anyTitle)) else { return nil }
        let text = title.normalizedText
        return text.isEmpty ? nil : text
    }
}

/// An HTML document, parsed leniently the way browsers read pages.
///
/// The character set comes from a byte order mark, then `<meta charset>` or
/// `<meta http-equiv="Content-Type">`, then UTF-8; a declaration that does not fit the
/// bytes is overruled (see ``charset`` and ``diagnostics``). NUL bytes become U+FFFD;
/// no text node is cut short; the network is never touched.
public final class HTMLDocument: MarkupDocument {
    let storage: DocumentStorage
    public let charset: DocumentCharset
    public let diagnostics: [MarkupDiagnostic]
    public let droppedDiagnostics: Int

    init(_ parsed: ParsedDocument) {
        storage = parsed.storage
        charset = parsed.charset
        diagnostics = parsed.diagnostics
        droppedDiagnostics = parsed.droppedDiagnostics
    }

    /// Parses HTML bytes.
    public convenience init(bytes: some Collection<UInt8>) throws(MarkupError) {
        let parsed = try withBuffer(bytes) { buffer throws(MarkupError) in
            try DocumentParser.parse(buffer, kind: .html)
        }
        self.init(parsed)
    }

    /// Parses an HTML string (its UTF-8; a `<meta charset>` naming anything else is ignored).
    public convenience init(string: String) throws(MarkupError) {
        try self.init(bytes: Array(string.utf8))
    }

    /// Reads and parses an HTML file.
    public convenience init(contentsOfFile path: String) throws(MarkupError) {
        try self.init(bytes: MarkupLimits.readFile(path))
    }

    public var node: MarkupNode {
        MarkupNode(storage: storage, pointer: UnsafeMutableRawPointer(storage.pointer).assumingMemoryBound(to: xmlNode.self))
    }
}

/// An XML document (carrier databases, entitlement responses), parsed without network
/// access, DTD loading or entity substitution: a reference to an entity the document
/// declares itself stays the literal text `&name;`.
public final class XMLDocument: MarkupDocument {
    let storage: DocumentStorage
    public let charset: DocumentCharset
    public let diagnostics: [MarkupDiagnostic]
    public let droppedDiagnostics: Int
    /// Whether the XML is well-formed. When it is not, libxml2 recovered what it could;
    /// the first `parser` diagnostic says where it went wrong.
    public let isWellFormed: Bool

    init(_ parsed: ParsedDocument) {
        storage = parsed.storage
        charset = parsed.charset
        diagnostics = parsed.diagnostics
        droppedDiagnostics = parsed.droppedDiagnostics
        isWellFormed = parsed.isWellFormed
    }

    /// Parses XML bytes; the encoding comes from a byte order mark, the XML declaration,
    /// or UTF-8.
    public convenience init(bytes: some Collection<UInt8>) throws(MarkupError) {
        let parsed = try withBuffer(bytes) { buffer throws(MarkupError) in
            try DocumentParser.parse(buffer, kind: .xml)
        }
        self.init(parsed)
    }

    public convenience init(string: String) throws(MarkupError) {
        try self.init(bytes: Array(string.utf8))
    }

    public convenience init(contentsOfFile path: String) throws(MarkupError) {
        try self.init(bytes: MarkupLimits.readFile(path))
    }

    public var node: MarkupNode {
        MarkupNode(storage: storage, pointer: UnsafeMutableRawPointer(storage.pointer).assumingMemoryBound(to: xmlNode.self))
    }
}

/// Calls `body` with the bytes as one contiguous buffer, copying only when they are not.
func withBuffer<Result>(_ bytes: some Collection<UInt8>,
                        _ body: (UnsafeBufferPointer<UInt8>) throws(MarkupError) -> Result) throws(MarkupError) -> Result {
    var outcome: Swift.Result<Result, MarkupError>?
    _ = bytes.withContiguousStorageIfAvailable { buffer in
        outcome = Swift.Result { () throws(MarkupError) in try body(buffer) }
    }
    if outcome == nil {
        let copy = Array(bytes)
        copy.withUnsafeBufferPointer { buffer in
            outcome = Swift.Result { () throws(MarkupError) in try body(buffer) }
        }
    }
    return try outcome!.get()
}

/// Queries the module runs often.
enum MarkupQueries {
    static var headTitle: XPathExpression { try! XPathExpression.cachedForThread("/*/*[local-name()='head']/*[local-name()='title']") }
    static var anyTitle: XPathExpression { try! XPathExpression.cachedForThread("(//*[local-name()='title'])[1]") }
}
