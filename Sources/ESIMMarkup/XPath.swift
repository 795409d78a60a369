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
            if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
            return String(number)
        case .boolean(let flag): return flag ? "true" : "false"
        }
    }
}

enum XPathEvaluator {
    /// Longest expression accepted; a guard against pathological input.
    static let maximumExpressionLength = 4096

    static func evaluate(_ expression: String, in document: HTMLDocument,
                         contextNode: xmlNodePtr?) throws(MarkupError) -> XPathValue {
        guard !expression.isEmpty else {
            throw MarkupError(.invalidXPath, "XPath expression is empty", offset: 0)
        }
        guard expression.utf8.count <= maximumExpressionLength else {
            throw MarkupError(.invalidXPath,
                              "XPath expression is longer than \(maximumExpressionLength) bytes")
        }
        guard let context = xmlXPathNewContext(document.pointer) else {
            throw MarkupError(.invalidXPath, "libxml2 could not allocate an XPath context")
        }
        defer { xmlXPathFreeContext(context) }
        // A structured handler on the context keeps libxml2 from printing; the error
        // itself is read back from `context.lastError`, never from global state.
        context.pointee.error = { _, _ in }
        if let contextNode { context.pointee.node = contextNode }

        guard let result = xmlXPathEvalExpression(expression, context) else {
            let last = context.pointee.lastError
            var reason = last.message.map { String(cString: $0) } ?? "invalid expression"
            while reason.last == "\n" { reason.removeLast() }
            // libxml2 stores the failing position in `int2` for XPath errors.
            throw MarkupError(.invalidXPath, "XPath '\(expression)': \(reason)", offset: Int(last.int2))
        }
        defer { xmlXPathFreeObject(result) }

        switch result.pointee.type {
        case XPATH_NODESET:
            var nodes: [MarkupNode] = []
            if let set = result.pointee.nodesetval, let table = set.pointee.nodeTab {
                let count = Int(set.pointee.nodeNr)
                nodes.reserveCapacity(count)
                for index in 0..<count {
                    if let node = table[index] { nodes.append(MarkupNode(document: document, pointer: node)) }
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
            throw MarkupError(.invalidXPath, "XPath '\(expression)' returned an unsupported result type")
        }
    }
}
