import CLibXML2

/// A node in a parsed document. Holding a node keeps its whole document alive; nodes
/// are compared by identity.
public struct MarkupNode {
    let storage: DocumentStorage
    let pointer: xmlNodePtr

    init(storage: DocumentStorage, pointer: xmlNodePtr) {
        self.storage = storage
        self.pointer = pointer
    }

    public enum Kind: Hashable, Sendable {
        case document, element, text, comment, attribute, processingInstruction, other
    }

    public var kind: Kind {
        switch pointer.pointee.type {
        case XML_DOCUMENT_NODE, XML_HTML_DOCUMENT_NODE: return .document
        case XML_ELEMENT_NODE: return .element
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: return .text
        case XML_COMMENT_NODE: return .comment
        case XML_ATTRIBUTE_NODE: return .attribute
        case XML_PI_NODE: return .processingInstruction
        default: return .other
        }
    }

    public var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }

    /// The element or attribute name (`div`, `href`); `text` for text nodes.
    public var name: String {
        pointer.pointee.name.map { String(cString: $0) } ?? ""
    }

    /// Whether the node's name is `name`, compared in place (no string is made).
    public func hasName(_ name: String) -> Bool {
        guard let own = pointer.pointee.name else { return name.isEmpty }
        return name.withCString { xmlStrEqual(own, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) != 0 }
    }

    /// The text of the node and everything under it, entities already decoded.
    public var text: String {
        guard let content = xmlNodeGetContent(pointer) else { return "" }
        defer { esim_xmlFree(content) }
        return String(cString: content)
    }

    /// ``text`` with white space folded, no-break and other Unicode spaces as plain
    /// spaces, and zero-width characters removed; see ``TextNormalization``.
    public var normalizedText: String {
        TextNormalization.normalize(text)
    }

    /// The 1-based source line of the node, when libxml2 recorded one.
    public var line: Int {
        Int(xmlGetLineNo(pointer))
    }

    /// The value of an attribute, or `nil` when the element has none by that name.
    public func attribute(_ name: String) -> String? {
        guard isElement, let value = xmlGetProp(pointer, name) else { return nil }
        defer { esim_xmlFree(value) }
        return String(cString: value)
    }

    /// All attributes, in document order.
    public var attributes: [(name: String, value: String)] {
        guard isElement else { return [] }
        var result: [(String, String)] = []
        var attribute = pointer.pointee.properties
        while let current = attribute {
            let name = current.pointee.name.map { String(cString: $0) } ?? ""
            result.append((name, self.attribute(name) ?? ""))
            attribute = current.pointee.next
        }
        return result
    }

    /// Child nodes of every kind.
    public var children: [MarkupNode] {
        var result: [MarkupNode] = []
        var child = pointer.pointee.children
        while let current = child {
            result.append(MarkupNode(storage: storage, pointer: current))
            child = current.pointee.next
        }
        return result
    }

    /// Child elements only.
    public var elementChildren: [MarkupNode] {
        var result: [MarkupNode] = []
        var child = pointer.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(MarkupNode(storage: storage, pointer: current)) }
            child = current.pointee.next
        }
        return result
    }

    /// The parent node; `nil` for the document node.
    public var parent: MarkupNode? {
        guard kind != .document, let parent = pointer.pointee.parent else { return nil }
        return MarkupNode(storage: storage, pointer: parent)
    }

    // MARK: Queries

    /// Evaluates an XPath 1.0 expression with this node as the context node.
    public func evaluate(xpath expression: String) throws(MarkupError) -> XPathValue {
        try evaluate(XPathExpression(expression))
    }

    /// Evaluates a compiled expression with this node as the context node.
    public func evaluate(_ expression: XPathExpression) throws(MarkupError) -> XPathValue {
        try expression.evaluate(on: self)
    }

    /// The first node a compiled expression selects from here, if any.
    public func first(_ expression: XPathExpression) throws(MarkupError) -> MarkupNode? {
        try expression.evaluate(on: self, firstOnly: true).nodes.first
    }

    /// The nodes a relative XPath expression selects from here (empty for other results).
    public func select(xpath expression: String) throws(MarkupError) -> [MarkupNode] {
        if case .nodes(let nodes) = try evaluate(xpath: expression) { return nodes }
        return []
    }

    /// The descendant elements a CSS selector matches, in document order.
    public func select(css selector: String) throws(MarkupError) -> [MarkupNode] {
        select(try CSSSelector(selector, caseInsensitiveNames: storage.isHTML))
    }

    /// The first descendant element a CSS selector matches.
    public func first(css selector: String) throws(MarkupError) -> MarkupNode? {
        first(try CSSSelector(selector, caseInsensitiveNames: storage.isHTML))
    }

    /// The descendant elements a compiled selector matches, in document order, at most
    /// `limit` of them. The selector is matched against the tree directly; it selects
    /// what its ``CSSSelector/xpath`` would.
    public func select(_ selector: CSSSelector, limit: Int = .max) -> [MarkupNode] {
        selector.matcher.select(in: pointer, limit: limit).map { MarkupNode(storage: storage, pointer: $0) }
    }

    /// The first descendant element a compiled selector matches.
    public func first(_ selector: CSSSelector) -> MarkupNode? {
        selector.matcher.select(in: pointer, limit: 1).first.map { MarkupNode(storage: storage, pointer: $0) }
    }
}

extension MarkupNode {
    /// The text nodes (and CDATA sections) under this node that hold more than white
    /// space, in document order, leaving out everything inside `script`, `style`,
    /// `noscript` and `template` elements; at most `limit` of them. The same nodes as
    /// `.//text()[normalize-space()][not(ancestor::*[local-name()='script' or …])]`
    /// from the document, found in one walk of the tree.
    public func visibleTextNodes(limit: Int = .max) -> [MarkupNode] {
        var result: [MarkupNode] = []
        guard limit > 0 else { return result }
        func isSkipped(_ node: xmlNodePtr) -> Bool {
            guard let name = node.pointee.name else { return false }
            // The four names, compared in place (names are NUL-terminated).
            func equals(_ word: StaticString) -> Bool {
                let bytes = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
                for (index, byte) in bytes.enumerated() where name[index] != byte { return false }
                return name[bytes.count] == 0
            }
            switch name[0] {
            case UInt8(ascii: "s"): return equals("script") || equals("style")
            case UInt8(ascii: "n"): return equals("noscript")
            case UInt8(ascii: "t"): return equals("template")
            default: return false
            }
        }
        func hasVisibleText(_ node: xmlNodePtr) -> Bool {
            guard var byte = node.pointee.content else { return false }
            while byte.pointee != 0 {
                guard byte.pointee.isXPathSpace else { return true }
                byte += 1
            }
            return false
        }
        // Depth first, in document order; the descendant axis enters element and
        // document nodes only (not entity references or DTDs).
        var current = pointer.pointee.children
        while let node = current {
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if hasVisibleText(node) {
                    result.append(MarkupNode(storage: storage, pointer: node))
                    if result.count == limit { return result }
                }
            case XML_ELEMENT_NODE where !isSkipped(node), XML_DOCUMENT_NODE, XML_HTML_DOCUMENT_NODE:
                if let child = node.pointee.children {
                    current = child
                    continue
                }
            default:
                break
            }
            current = TreeWalk.next(after: node, within: pointer)
        }
        return result
    }
}

extension MarkupNode {
    /// The descendant elements whose local name (without any prefix) is `localName`, in
    /// document order: what `.//*[local-name()='…']` selects, found in one walk without
    /// XPath values.
    public func descendantElements(localName: String) -> [MarkupNode] {
        var result: [MarkupNode] = []
        let wanted = Array(localName.utf8)
        wanted.withUnsafeBufferPointer { wanted in
            TreeWalk.elements(under: pointer) { element in
                if CSSMatcher.equal(element.pointee.name, wanted) { result.append(MarkupNode(storage: storage, pointer: element)) }
                return true
            }
        }
        return result
    }
}

/// Walking libxml2's tree in document order without recursion.
enum TreeWalk {
    /// The node after `node`'s subtree in document order — its next sibling, else the
    /// nearest ancestor's next sibling — staying strictly inside `scope`.
    static func next(after node: xmlNodePtr, within scope: xmlNodePtr) -> xmlNodePtr? {
        var climb = node
        while true {
            if let next = climb.pointee.next { return next }
            guard let parent = climb.pointee.parent, parent != scope else { return nil }
            climb = parent
        }
    }

    /// Calls `visit` on each element inside `scope` (an element or document node), in
    /// document order, until it returns `false`.
    @inline(__always)
    static func elements(under scope: xmlNodePtr, _ visit: (xmlNodePtr) -> Bool) {
        let type = scope.pointee.type
        guard type == XML_ELEMENT_NODE || type == XML_DOCUMENT_NODE || type == XML_HTML_DOCUMENT_NODE else { return }
        var current = scope.pointee.children
        while let node = current {
            if node.pointee.type == XML_ELEMENT_NODE {
                guard visit(node) else { return }
                if let child = node.pointee.children {
                    current = child
                    continue
                }
            }
            current = next(after: node, within: scope)
        }
    }
}

extension UInt8 {
    /// XPath 1.0 white space (what normalize-space() strips): space, tab, CR, LF.
    var isXPathSpace: Bool { self == 0x20 || self == 0x09 || self == 0x0D || self == 0x0A }
}

extension MarkupNode: Hashable {
    public static func == (lhs: MarkupNode, rhs: MarkupNode) -> Bool { lhs.pointer == rhs.pointer }
    public func hash(into hasher: inout Hasher) { hasher.combine(pointer) }
}

extension MarkupNode: CustomStringConvertible {
    public var description: String {
        switch kind {
        case .element: return "<\(name)> (line \(line))"
        case .document: return "document"
        default: return "\(kind) \(TextNormalization.normalize(text).prefix(40))"
        }
    }
}
