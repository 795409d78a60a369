import CLibXML2

/// The result of an XPath 1.0 expression.
public enum XPathValue {
    case nodes([MarkupNode])
    case string(String)
    case number(Double)
    case boolean(Bool)

    /// The XPath string-value: the first node's text for a node-set.
    public var stringValue: String {
        switch self {
        case .nodes(let nodes): return nodes.first?.text ?? ""
        case .string(let string): return string
        case .number(let number):
            if number.isNaN { return "NaN" }
            if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
            return String(number)
        case .boolean(let flag): return flag ? "true" : "false"
        }
    }

    /// The selected nodes; empty for a string, number or boolean.
    public var nodes: [MarkupNode] {
        if case .nodes(let nodes) = self { return nodes }
        return []
    }
}

/// A compiled XPath 1.0 expression, reusable across documents. Compile once and
/// evaluate many times when the same rule runs over many pages.
public final class XPathExpression {
    /// Longest expression accepted.
    public static let maximumLength = 8192
    /// Steps one evaluation may take (libxml2 counts an operation or a node visited as one):
    /// an expression that compares every node with every other (`//li[count(preceding::li)
    /// > 5]` on a long list) fails with an error instead of running for minutes. Rules on
    /// the largest corpus pages take a few hundred thousand.
    public static let operationLimit: UInt = 50_000_000

    public let source: String
    let compiled: xmlXPathCompExprPtr

    public init(_ source: String) throws(MarkupError) {
        guard !source.isEmpty else {
            throw MarkupError(.invalidXPath, "XPath expression is empty", offset: 0)
        }
        guard source.utf8.count <= Self.maximumLength else {
            throw MarkupError(.invalidXPath, "XPath expression is longer than \(Self.maximumLength) bytes")
        }
        MarkupLibrary.initializeOnce()
        // Compiling needs a context for its error report; a document-less one will do.
        guard let context = xmlXPathNewContext(nil) else {
            throw MarkupError(.invalidXPath, "libxml2 could not allocate an XPath context")
        }
        defer { xmlXPathFreeContext(context) }
        context.pointee.error = { _, _ in }
        let compiled = Self.quietly { xmlXPathCtxtCompile(context, source) }
        guard let compiled else {
            throw Self.error(from: context, source: source)
        }
        self.source = source
        self.compiled = compiled
    }

    deinit {
        xmlXPathFreeCompExpr(compiled)
    }

    /// Runs `body` with libxml2's generic error channel (which some XPath errors use
    /// instead of the context's handler) switched off on this thread.
    static func quietly<T>(_ body: () -> T) -> T {
        var state = esim_parse_state()
        var savedFunction: xmlGenericErrorFunc?
        var savedContext: UnsafeMutableRawPointer?
        return withUnsafeMutablePointer(to: &state) { pointer in
            esim_begin_quiet(pointer, &savedFunction, &savedContext)
            defer { esim_end_quiet(savedFunction, savedContext) }
            return body()
        }
    }

    /// The error libxml2 left on `context`: its message and, from `int1`, the position
    /// in the expression where it stopped.
    static func error(from context: xmlXPathContextPtr, source: String) -> MarkupError {
        let last = context.pointee.lastError
        var reason = last.message.map { String(cString: $0) } ?? "invalid expression"
        while reason.last == "\n" { reason.removeLast() }
        let position = Int(last.int1)
        return MarkupError(.invalidXPath, "XPath '\(source)': \(reason.lowercased())",
                           offset: position >= 0 && position <= source.utf8.count ? position : nil)
    }

    /// - Parameter firstOnly: keep only the first node of a node-set (the usual need of a
    ///   field rule), sparing a node value for every match.
    func evaluate(on node: MarkupNode, firstOnly: Bool = false) throws(MarkupError) -> XPathValue {
        guard let context = node.storage.xpathContext else {
            throw MarkupError(.invalidXPath, "libxml2 could not allocate an XPath context")
        }
        context.pointee.node = node.pointer
        context.pointee.contextSize = -1
        context.pointee.proximityPosition = -1
        context.pointee.opLimit = Self.operationLimit
        context.pointee.opCount = 0
        let result = Self.quietly { xmlXPathCompiledEval(compiled, context) }
        guard let result else {
            if context.pointee.opCount >= Self.operationLimit {
                throw MarkupError(.xpathTooMuchWork, "XPath '\(source)' stopped after \(Self.operationLimit / 1_000_000) million steps on this page: it compares too many nodes with each other (a count() or position test over a long list); narrow it, or use CSS")
            }
            throw Self.error(from: context, source: source)
        }
        defer { xmlXPathFreeObject(result) }

        switch result.pointee.type {
        case XPATH_NODESET:
            var nodes: [MarkupNode] = []
            if let set = result.pointee.nodesetval, let table = set.pointee.nodeTab {
                let count = firstOnly ? min(Int(set.pointee.nodeNr), 1) : Int(set.pointee.nodeNr)
                nodes.reserveCapacity(count)
                for index in 0..<count {
                    if let current = table[index], current.pointee.type != XML_NAMESPACE_DECL {
                        nodes.append(MarkupNode(storage: node.storage, pointer: current))
                    }
                }
            }
            return .nodes(nodes)
        case XPATH_STRING:
            return .string(result.pointee.stringval.map { String(cString: $0) } ?? "")
        case XPATH_NUMBER:
            return .number(result.pointee.floatval)
        case XPATH_BOOLEAN:
            return .boolean(result.pointee.boolval != 0)
        default:
            throw MarkupError(.invalidXPath, "XPath '\(source)' returned an unsupported result type")
        }
    }
}

extension XPathExpression {
    /// The expression compiled for the calling thread, on its first use there. Compiled
    /// expressions are not shared between threads; this keeps one per thread for
    /// queries a program runs on every document.
    package static func cachedForThread(_ source: String) throws(MarkupError) -> XPathExpression {
        try compiledForThread.value(for: source) { () throws(MarkupError) in try XPathExpression(source) }
    }

    private static let compiledForThread = ThreadCache<String, XPathExpression>()
}

extension CSSSelector {
    /// The selector compiled on the calling thread, on its first use there: a spec's rules
    /// are compiled once to check the spec and again for the extractor that runs them, and
    /// the second time is a lookup. (Per thread, so threads never share a selector's storage.)
    package static func cachedForThread(_ source: String) throws(MarkupError) -> CSSSelector {
        try compiledForThread.value(for: source) { () throws(MarkupError) in try CSSSelector(source) }
    }

    private static let compiledForThread = ThreadCache<String, CSSSelector>()
}
