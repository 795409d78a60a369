import CLibXML2

/// A node in a parsed document. Holding a node keeps its document alive.
public struct MarkupNode {
    /// The owner of the tree `pointer` lives in.
    let document: HTMLDocument
    let pointer: xmlNodePtr

    init(document: HTMLDocument, pointer: xmlNodePtr) {
        self.document = document
        self.pointer = pointer
    }

    /// The element or attribute name (`div`, `href`); `text` for text nodes.
    public var name: String {
        pointer.pointee.name.map { String(cString: $0) } ?? ""
    }

    /// Whether this is an element (as opposed to text, a comment or an attribute).
    public var isElement: Bool {
        pointer.pointee.type == XML_ELEMENT_NODE
    }

    /// The concatenated text of the node and its descendants.
    public var text: String {
        guard let content = xmlNodeGetContent(pointer) else { return "" }
        defer { esim_xmlFree(content) }
        return String(cString: content)
    }

    /// The value of an attribute, or `nil` when the element has none by that name.
    public func attribute(_ name: String) -> String? {
        guard let value = xmlGetProp(pointer, name) else { return nil }
        defer { esim_xmlFree(value) }
        return String(cString: value)
    }

    /// Evaluates an XPath expression with this node as the context node.
    public func evaluate(xpath expression: String) throws(MarkupError) -> XPathValue {
        try XPathEvaluator.evaluate(expression, in: document, contextNode: pointer)
    }

    /// The nodes a relative XPath expression selects from here.
    public func select(xpath expression: String) throws(MarkupError) -> [MarkupNode] {
        if case .nodes(let nodes) = try evaluate(xpath: expression) { return nodes }
        return []
    }
}
