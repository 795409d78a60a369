import CLibXML2

/// What a document's elements are made of — their names, attribute names and class
/// tokens — gathered in one walk, so that a CSS selector that cannot match anywhere in
/// the document is told without walking it (``CSSSelector/mayMatch(in:)``). Worth it
/// when many selectors are tried on one page and most of them are not for that page.
package struct ElementSummary: Sendable {
    // Hashes of the byte strings: a collision can only make a selector look possible,
    // never rule one out, and nothing is copied while walking.
    private var elementNames: Set<Int> = []
    private var attributeNames: Set<Int> = []
    /// Tokens of `class` attributes, split on XPath white space (space, tab, CR, LF).
    private var classTokens: Set<Int> = []

    /// The elements under `node` (the whole document from its document node).
    package init(_ node: MarkupNode) {
        // libxml2 keeps names in a dictionary: each distinct pointer is hashed once.
        var seenNames: Set<UnsafeRawPointer> = []
        var seenAttributeNames: Set<UnsafeRawPointer> = []
        TreeWalk.elements(under: node.pointer) { element in
            if let name = element.pointee.name, seenNames.insert(UnsafeRawPointer(name)).inserted {
                elementNames.insert(Self.hash(name))
            }
            var attribute = element.pointee.properties
            while let current = attribute {
                if let name = current.pointee.name {
                    if seenAttributeNames.insert(UnsafeRawPointer(name)).inserted { attributeNames.insert(Self.hash(name)) }
                    if Self.isClass(name) { recordTokens(of: current) }
                }
                attribute = current.pointee.next
            }
            return true
        }
    }

    private mutating func recordTokens(of attribute: xmlAttrPtr) {
        _ = CSSMatcher.withValue(of: attribute) { value in
            var start = 0
            for index in 0...value.count {
                guard index == value.count || value[index].isXPathSpace else { continue }
                if index > start { classTokens.insert(Self.hash(UnsafeBufferPointer(rebasing: value[start..<index]))) }
                start = index + 1
            }
            return true
        }
    }

    /// Whether a NUL-terminated name is `class`.
    static func isClass(_ name: UnsafePointer<xmlChar>) -> Bool {
        name[0] == 0x63 && name[1] == 0x6C && name[2] == 0x61 && name[3] == 0x73 && name[4] == 0x73 && name[5] == 0
    }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        return hasher.finalize()
    }

    static func hash(_ string: UnsafePointer<xmlChar>) -> Int {
        hash(UnsafeBufferPointer(start: string, count: Int(xmlStrlen(string))))
    }

    static func hash(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { hash($0) }
    }

    /// Whether an element with this name, these attributes and class tokens may exist.
    func mayHold(name: [UInt8]?, attributes: [[UInt8]], classTokens tokens: [[UInt8]]) -> Bool {
        if let name, !elementNames.contains(Self.hash(name)) { return false }
        return attributes.allSatisfy { attributeNames.contains(Self.hash($0)) } && tokens.allSatisfy { classTokens.contains(Self.hash($0)) }
    }
}

extension CSSSelector {
    /// `false` when no element of the summarised document can match: for every
    /// alternative, the rightmost compound needs an element name, attribute or class
    /// token the document does not have (or can never match). `true` says nothing.
    package func mayMatch(in summary: ElementSummary) -> Bool {
        matcher.rightmostRequirements.contains { requirement in
            !requirement.never && summary.mayHold(name: requirement.name, attributes: requirement.attributes,
                                                   classTokens: requirement.classTokens)
        }
    }
}

extension CSSMatcher {
    /// What an element must have to match an alternative's rightmost compound.
    struct Requirement: Hashable, Sendable {
        var never = false
        var name: [UInt8]?
        var attributes: [[UInt8]] = []
        var classTokens: [[UInt8]] = []
    }

    /// One requirement per alternative.
    var rightmostRequirements: [Requirement] {
        alternativeSpans.map { alternative in
            let compound = compoundEntry(Int(alternative.start + alternative.count) - 1)
            var requirement = Requirement(name: compound.name.count >= 0 ? poolBytes(compound.name) : nil)
            for index in Int(compound.tests.start)..<Int(compound.tests.start + compound.tests.count) {
                let test = instruction(index)
                switch test.kind {
                case .never:
                    requirement.never = true
                case .exists:
                    requirement.attributes.append(poolBytes(test.name))
                case .attribute:
                    let name = poolBytes(test.name)
                    requirement.attributes.append(name)
                    // `.x` and `[class~=x]`: the token itself, when compared exactly.
                    if test.operation == .token, !test.caseInsensitive, name == Array("class".utf8) {
                        let value = poolBytes(test.value)
                        if !value.isEmpty, !value.contains(where: \.isXPathSpace) {
                            requirement.classTokens.append(value)
                        }
                    }
                default:
                    break
                }
            }
            return requirement
        }
    }
}
