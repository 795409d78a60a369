import CLibXML2

/// A parsed HTML document. It owns its libxml2 tree and frees it when the last
/// reference (the document or any ``MarkupNode`` taken from it) goes away.
///
/// Parsing never touches the network, never loads a DTD and never substitutes
/// entities; libxml2 prints nothing: its complaints are kept in ``diagnostics``.
public final class HTMLDocument {
    let pointer: xmlDocPtr
    /// What libxml2 recovered from, in document order.
    public let diagnostics: [MarkupDiagnostic]

    /// Parses HTML bytes. The encoding is taken from the bytes (BOM or `<meta charset>`),
    /// UTF-8 when they say nothing.
    public init(bytes: some Collection<UInt8>) throws(MarkupError) {
        guard bytes.count <= MarkupLimits.maximumInputBytes else {
            throw MarkupError(.inputTooLarge,
                              "document is \(bytes.count) bytes; the limit is \(MarkupLimits.maximumInputBytes)")
        }
        MarkupLibrary.initializeOnce()
        // A trailing NUL keeps the base address valid for empty input; it is not counted.
        var buffer = Array(bytes)
        let length = buffer.count
        buffer.append(0)
        guard let context = htmlNewParserCtxt() else {
            throw MarkupError(.unparseableDocument, "libxml2 could not allocate a parser")
        }
        defer { htmlFreeParserCtxt(context) }

        let collector = DiagnosticCollector()
        let unmanaged = Unmanaged.passRetained(collector)
        defer { unmanaged.release() }
        context.pointee._private = unmanaged.toOpaque()
        if let sax = context.pointee.sax {
            // libxml2 hands errors to `serror` only for SAX2-initialised handlers; the HTML
            // handler is set up as SAX1, which would send them to the (silenced) generic
            // channel. Beyond that, the field only selects SAX2 element callbacks, which
            // the HTML handler does not have.
            sax.pointee.initialized = UInt32(XML_SAX2_MAGIC)
            sax.pointee.serror = { userData, error in
                guard let userData, let error else { return }
                let parser = userData.assumingMemoryBound(to: xmlParserCtxt.self)
                guard let opaque = parser.pointee._private else { return }
                Unmanaged<DiagnosticCollector>.fromOpaque(opaque).takeUnretainedValue().record(error)
            }
        }

        let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_RECOVER.rawValue
            | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_NOIMPLIED.rawValue)
        let document: xmlDocPtr? = buffer.withUnsafeBufferPointer { raw in
            raw.withMemoryRebound(to: CChar.self) { chars in
                htmlCtxtReadMemory(context, chars.baseAddress, Int32(length), nil, nil, options)
            }
        }
        guard let document else {
            let reason = collector.diagnostics.first?.message ?? "no document could be built"
            throw MarkupError(.unparseableDocument, reason, line: collector.diagnostics.first?.line)
        }
        self.pointer = document
        self.diagnostics = collector.diagnostics
    }

    /// Parses an HTML string (its UTF-8 bytes).
    public convenience init(string: String) throws(MarkupError) {
        try self.init(bytes: Array(string.utf8))
    }

    deinit {
        xmlFreeDoc(pointer)
    }

    /// The root element, if the document has one.
    public var root: MarkupNode? {
        xmlDocGetRootElement(pointer).map { MarkupNode(document: self, pointer: $0) }
    }

    /// Evaluates an XPath 1.0 expression against the whole document.
    public func evaluate(xpath expression: String) throws(MarkupError) -> XPathValue {
        try XPathEvaluator.evaluate(expression, in: self, contextNode: nil)
    }

    /// The nodes an XPath expression selects (empty for a non-node-set result).
    public func select(xpath expression: String) throws(MarkupError) -> [MarkupNode] {
        if case .nodes(let nodes) = try evaluate(xpath: expression) { return nodes }
        return []
    }
}

/// Collects parser errors handed to the structured error callback.
final class DiagnosticCollector {
    private(set) var diagnostics: [MarkupDiagnostic] = []
    private(set) var dropped = 0

    func record(_ error: xmlErrorPtr) {
        guard diagnostics.count < MarkupLimits.maximumDiagnostics else {
            dropped += 1
            return
        }
        var message = error.pointee.message.map { String(cString: $0) } ?? "unknown parser error"
        while message.last == "\n" { message.removeLast() }
        diagnostics.append(MarkupDiagnostic(message: message, line: Int(error.pointee.line)))
    }
}

/// One-time libxml2 set-up, safe to call from any thread.
enum MarkupLibrary {
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    static func initializeOnce() {
        _ = initialized
    }
}
