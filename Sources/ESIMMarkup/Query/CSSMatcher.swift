import CLibXML2

/// A parsed CSS selector, matched against libxml2's tree directly: the same elements, in
/// the same order, as the selector's XPath translation selects, without building XPath
/// values. Each rule of the translation (``CSSSelector/xpath``) has its twin here, and a
/// test compares the two on every page of the shared corpus.
///
/// The parser builds the tree (``Complex``, ``Compound``, ``Test``); it is flattened into
/// plain-data instructions over one byte pool, so matching an element copies no arrays
/// and touches no reference counts.
struct CSSMatcher: Hashable, Sendable {
    /// Compounds joined by combinators, left to right: `combinators[i]` joins
    /// `compounds[i]` and `compounds[i + 1]`.
    struct Complex: Hashable, Sendable {
        var compounds: [Compound]
        var combinators: [Combinator]
    }

    enum Combinator: Hashable, Sendable {
        case descendant, child, adjacent, sibling
    }

    /// An element name (`nil` for `*`) and the tests that follow it.
    struct Compound: Hashable, Sendable {
        var name: [UInt8]?
        var tests: [Test]
    }

    enum Test: Hashable, Sendable {
        /// A selector that can never match (`[a^='']`, `[a~='x y']`).
        case never
        case exists(name: [UInt8])
        case attribute(AttributeTest)
        case firstChild, lastChild, onlyChild, empty, root
        case firstOfType([UInt8]), lastOfType([UInt8])
        /// `:nth-child(an+b)`, or `:nth-last-child` counted from the end.
        case nth(a: Int, b: Int, fromEnd: Bool)
        /// `:not(…)`: matches when none of the compounds does.
        case not([Compound])
    }

    struct AttributeTest: Hashable, Sendable {
        enum Operation: Hashable, Sendable {
            /// `=`, `~=` (and `.class`), `|=`, `^=`, `$=`, `*=`.
            case equals, token, dashPrefix, prefix, suffix, substring
        }
        var name: [UInt8]
        var operation: Operation
        /// UTF-8, lower-cased when `caseInsensitive` (as the translation lower-cases it).
        var value: [UInt8]
        /// ASCII letters of the attribute's value are lower-cased before comparing.
        var caseInsensitive: Bool
        /// For `$=`: how many Unicode scalars of the value's end are compared.
        var suffixScalars: Int
    }

    // MARK: Flat form

    /// Bytes of every name and value.
    private var pool: [UInt8] = []
    private var instructions: [Instruction] = []
    private var compounds: [CompoundEntry] = []
    /// Each alternative's compounds: a range of `compounds`, left to right.
    private var alternatives: [Span] = []
    /// Whether any compound counts positions (`:nth-child`, `:nth-last-child`).
    private var countsPositions = false
    /// Whether any compound is joined by `~` (its scans are remembered on long sibling lists).
    private var hasSiblingCombinator = false

    /// A range of `pool`, `instructions` or `compounds`.
    struct Span: Hashable, Sendable {
        var start: Int32
        var count: Int32
        static let none = Span(start: 0, count: -1)
    }

    struct CompoundEntry: Hashable, Sendable {
        /// `none` for `*`.
        var name: Span
        var tests: Span
        /// How it joins the compound to its left (unused for the first).
        var combinator: Combinator
    }

    struct Instruction: Hashable, Sendable {
        enum Kind: Hashable, Sendable {
            case never, exists, attribute, firstChild, lastChild, onlyChild, empty, root, firstOfType, lastOfType, nth, not
        }
        var kind: Kind
        /// The attribute or element name.
        var name = Span.none
        var value = Span.none
        var operation = AttributeTest.Operation.equals
        var caseInsensitive = false
        var suffixScalars = 0
        var a = 0
        var b = 0
        var fromEnd = false
        /// For `:not`: its compounds.
        var inner = Span.none
    }

    init(_ group: [Complex]) {
        for complex in group {
            // Reserve the alternative's compounds first: they must be contiguous, and
            // `:not` lists inside them are appended after.
            let first = Int32(compounds.count)
            for _ in complex.compounds { compounds.append(CompoundEntry(name: .none, tests: .none, combinator: .descendant)) }
            for (index, compound) in complex.compounds.enumerated() {
                compounds[Int(first) + index] = entry(compound, combinator: index == 0 ? .descendant : complex.combinators[index - 1])
            }
            alternatives.append(Span(start: first, count: Int32(complex.compounds.count)))
        }
    }

    private mutating func store(_ bytes: [UInt8]) -> Span {
        let span = Span(start: Int32(pool.count), count: Int32(bytes.count))
        pool += bytes
        return span
    }

    private mutating func entry(_ compound: Compound, combinator: Combinator) -> CompoundEntry {
        if combinator == .sibling { hasSiblingCombinator = true }
        let name = compound.name.map { store($0) } ?? .none
        var flat: [Instruction] = []
        for test in compound.tests {
            switch test {
            case .never: flat.append(Instruction(kind: .never))
            case .exists(let attribute): flat.append(Instruction(kind: .exists, name: store(attribute)))
            case .attribute(let test):
                flat.append(Instruction(kind: .attribute, name: store(test.name), value: store(test.value), operation: test.operation,
                                        caseInsensitive: test.caseInsensitive, suffixScalars: test.suffixScalars))
            case .firstChild: flat.append(Instruction(kind: .firstChild))
            case .lastChild: flat.append(Instruction(kind: .lastChild))
            case .onlyChild: flat.append(Instruction(kind: .onlyChild))
            case .empty: flat.append(Instruction(kind: .empty))
            case .root: flat.append(Instruction(kind: .root))
            case .firstOfType(let element): flat.append(Instruction(kind: .firstOfType, name: store(element)))
            case .lastOfType(let element): flat.append(Instruction(kind: .lastOfType, name: store(element)))
            case .nth(let a, let b, let fromEnd):
                flat.append(Instruction(kind: .nth, a: a, b: b, fromEnd: fromEnd))
                countsPositions = true
            case .not(let inner):
                let first = Int32(compounds.count)
                for _ in inner { compounds.append(CompoundEntry(name: .none, tests: .none, combinator: .descendant)) }
                for (index, compound) in inner.enumerated() { compounds[Int(first) + index] = entry(compound, combinator: .descendant) }
                flat.append(Instruction(kind: .not, inner: Span(start: first, count: Int32(inner.count))))
            }
        }
        let tests = Span(start: Int32(instructions.count), count: Int32(flat.count))
        instructions += flat
        return CompoundEntry(name: name, tests: tests, combinator: combinator)
    }

    // MARK: Reading the flat form

    var alternativeSpans: [Span] { alternatives }
    func compoundEntry(_ index: Int) -> CompoundEntry { compounds[index] }
    func instruction(_ index: Int) -> Instruction { instructions[index] }
    func poolBytes(_ span: Span) -> [UInt8] { Array(pool[Int(span.start)..<Int(span.start + span.count)]) }

    // MARK: Selecting

    /// The descendant elements of `scope` that match, in document order, at most `limit`.
    func select(in scope: xmlNodePtr, limit: Int = .max) -> [xmlNodePtr] {
        guard limit > 0 else { return [] }
        return pool.withUnsafeBufferPointer { pool in
            instructions.withUnsafeBufferPointer { instructions in
                compounds.withUnsafeBufferPointer { compounds in
                    alternatives.withUnsafeBufferPointer { alternatives in
                        Run(pool: pool, instructions: instructions, compounds: compounds, alternatives: alternatives, scope: scope,
                            positions: countsPositions ? SiblingPositions() : nil, scans: hasSiblingCombinator ? SiblingScans() : nil)
                            .select(limit: limit)
                    }
                }
            }
        }
    }
}

/// One selection: the flat program as buffers, and the scope.
private struct Run {
    let pool: UnsafeBufferPointer<UInt8>
    let instructions: UnsafeBufferPointer<CSSMatcher.Instruction>
    let compounds: UnsafeBufferPointer<CSSMatcher.CompoundEntry>
    let alternatives: UnsafeBufferPointer<CSSMatcher.Span>
    let scope: xmlNodePtr
    /// For `:nth-child` and `:nth-last-child`; `nil` when the selector has neither.
    let positions: SiblingPositions?
    /// For `~`; `nil` when the selector has none.
    let scans: SiblingScans?

    func select(limit: Int) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        // TreeWalk.elements(under:) written out: its closure cost 1–2K instructions a
        // sample page here, the hottest loop of a reading (callgrind).
        let type = scope.pointee.type
        var current = type == XML_ELEMENT_NODE || type == XML_DOCUMENT_NODE || type == XML_HTML_DOCUMENT_NODE ? scope.pointee.children : nil
        while let node = current {
            if node.pointee.type == XML_ELEMENT_NODE {
                if matches(node) {
                    result.append(node)
                    if result.count == limit { return result }
                }
                if let child = node.pointee.children {
                    current = child
                    continue
                }
            }
            current = TreeWalk.next(after: node, within: scope)
        }
        return result
    }

    func matches(_ element: xmlNodePtr) -> Bool {
        for alternative in alternatives
        where match(element, compound: Int(alternative.start + alternative.count) - 1, first: Int(alternative.start)) == .matched {
            return true
        }
        return false
    }

    /// How a right-to-left match failed, which tells the caller's loop whether trying
    /// further candidates can help (Servo's `SelectorMatchingResult`, after WebKit).
    /// Without it, a selector of several descendant steps on a deeply nested page would
    /// try every combination of ancestors: exponential in the number of steps.
    enum Outcome {
        case matched
        case restartFromClosestLaterSibling
        case restartFromClosestDescendant
        case notMatchedGlobally
    }

    /// Whether `element` matches compounds `first...index` of one alternative, read right
    /// to left; every element the left part matches lies strictly inside the scope, as
    /// the translation's leading `descendant::` step requires.
    func match(_ element: xmlNodePtr, compound index: Int, first: Int) -> Outcome {
        guard matches(element, compounds[index]) else { return .restartFromClosestLaterSibling }
        if index == first { return .matched }
        let combinator = compounds[index].combinator
        let isSibling = combinator == .adjacent || combinator == .sibling
        var candidate = next(after: element, isSibling)
        if combinator == .sibling, let scans { return scan(from: candidate, compound: index, first: first, scans) }
        while let current = candidate {
            let outcome = match(current, compound: index - 1, first: first)
            switch (outcome, combinator) {
            case (.matched, _), (.notMatchedGlobally, _), (_, .adjacent):
                return outcome
            case (_, .child):
                return .restartFromClosestDescendant
            case (.restartFromClosestDescendant, .sibling):
                return outcome
            default:
                candidate = next(after: current, isSibling)
            }
        }
        return isSibling ? .restartFromClosestDescendant : .notMatchedGlobally
    }

    /// The loop above for `~`: earlier siblings from `start` back, until one settles the
    /// outcome. The outcome of a scan depends only on where it starts, and each sibling
    /// passed on the way would have given the same, so past `SiblingScans.directSteps`
    /// steps a scan stops at a sibling an earlier scan passed and records the ones it
    /// passes: `h1 ~ li` over a list of n items takes n steps, not n²/2.
    func scan(from start: xmlNodePtr?, compound index: Int, first: Int, _ scans: SiblingScans) -> Outcome {
        var candidate = start
        var steps = 0
        var passed: [xmlNodePtr] = []
        var outcome = Outcome.restartFromClosestDescendant
        while let current = candidate {
            if steps >= SiblingScans.directSteps {
                if let known = scans.outcome(from: current, compound: index) {
                    outcome = known
                    break
                }
                passed.append(current)
            }
            steps += 1
            let found = match(current, compound: index - 1, first: first)
            if found == .matched || found == .notMatchedGlobally || found == .restartFromClosestDescendant {
                outcome = found
                break
            }
            candidate = CSSMatcher.previousElement(current)
        }
        for node in passed { scans.record(outcome, from: node, compound: index) }
        return outcome
    }

    /// The next candidate for a combinator: the previous element sibling, or the parent
    /// element inside the scope.
    func next(after element: xmlNodePtr, _ sibling: Bool) -> xmlNodePtr? {
        if sibling { return CSSMatcher.previousElement(element) }
        guard let parent = element.pointee.parent, parent != scope, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
        return parent
    }

    func bytes(_ span: CSSMatcher.Span) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: pool[Int(span.start)..<Int(span.start + span.count)])
    }

    func matches(_ element: xmlNodePtr, _ compound: CSSMatcher.CompoundEntry) -> Bool {
        if compound.name.count >= 0 {
            // An XPath name test without a prefix: the name, and no namespace.
            guard element.pointee.ns == nil, CSSMatcher.equal(element.pointee.name, bytes(compound.name)) else { return false }
        }
        for index in Int(compound.tests.start)..<Int(compound.tests.start + compound.tests.count)
        where !matches(element, instructions[index]) {
            return false
        }
        return true
    }

    func matches(_ element: xmlNodePtr, _ test: CSSMatcher.Instruction) -> Bool {
        switch test.kind {
        case .never:
            return false
        case .exists:
            return CSSMatcher.attribute(of: element, named: bytes(test.name)) != nil
        case .attribute:
            guard let attribute = CSSMatcher.attribute(of: element, named: bytes(test.name)) else { return false }
            let value = bytes(test.value)
            return CSSMatcher.withValue(of: attribute) {
                CSSMatcher.compare($0, test.operation, value, caseInsensitive: test.caseInsensitive, suffixScalars: test.suffixScalars)
            }
        case .firstChild:
            return CSSMatcher.previousElement(element) == nil
        case .lastChild:
            return CSSMatcher.nextElement(element) == nil
        case .onlyChild:
            return CSSMatcher.previousElement(element) == nil && CSSMatcher.nextElement(element) == nil
        case .empty:
            var child = element.pointee.children
            while let node = child {
                let type = node.pointee.type
                if type == XML_ELEMENT_NODE || type == XML_TEXT_NODE || type == XML_CDATA_SECTION_NODE { return false }
                child = node.pointee.next
            }
            return true
        case .root:
            return element.pointee.parent.map { $0.pointee.type != XML_ELEMENT_NODE } ?? true
        case .firstOfType, .lastOfType:
            let forward = test.kind == .lastOfType
            let name = bytes(test.name)
            var sibling = CSSMatcher.elementSibling(of: element, forward: forward)
            while let candidate = sibling {
                if candidate.pointee.ns == nil, CSSMatcher.equal(candidate.pointee.name, name) { return false }
                sibling = CSSMatcher.elementSibling(of: candidate, forward: forward)
            }
            return true
        case .nth:
            let index = positions?.position(of: element, fromEnd: test.fromEnd) ?? SiblingPositions.counted(element, fromEnd: test.fromEnd) ?? 1
            let (a, b) = (test.a, test.b)
            if a == 0 { return index == b }
            if a > 0 { return index >= b && (index - b) % a == 0 }
            return index <= b && (b - index) % -a == 0
        case .not:
            for index in Int(test.inner.start)..<Int(test.inner.start + test.inner.count) where matches(element, compounds[index]) {
                return false
            }
            return true
        }
    }
}

extension CSSMatcher {
    /// Compares an attribute's value (UTF-8) with `value` as the XPath translation does.
    static func compare(_ subject: UnsafeBufferPointer<UInt8>, _ operation: AttributeTest.Operation, _ value: UnsafeBufferPointer<UInt8>,
                        caseInsensitive folded: Bool, suffixScalars: Int) -> Bool {
        func byte(_ index: Int) -> UInt8 {
            let current = subject[index]
            return folded && current >= 0x41 && current <= 0x5A ? current | 0x20 : current
        }
        func equal(from start: Int, count: Int) -> Bool {
            guard start >= 0, count == value.count, start + count <= subject.count else { return false }
            for offset in 0..<count where byte(start + offset) != value[offset] { return false }
            return true
        }
        switch operation {
        case .equals:
            return equal(from: 0, count: subject.count)
        case .prefix:
            return !value.isEmpty && subject.count >= value.count && equal(from: 0, count: value.count)
        case .dashPrefix:
            if equal(from: 0, count: subject.count) { return true }
            guard subject.count > value.count, equal(from: 0, count: value.count) else { return false }
            return subject[value.count] == UInt8(ascii: "-")
        case .substring:
            guard !value.isEmpty, subject.count >= value.count else { return false }
            for start in 0...(subject.count - value.count) where equal(from: start, count: value.count) { return true }
            return false
        case .suffix:
            // `substring(s, string-length(s) - n + 1) = value`: the last `suffixScalars`
            // scalars, or all of the text when it is shorter.
            guard !value.isEmpty else { return false }
            var start = subject.count
            var scalars = 0
            while start > 0 && scalars < suffixScalars {
                start -= 1
                if subject[start] & 0xC0 != 0x80 { scalars += 1 }
            }
            return equal(from: start, count: subject.count - start)
        case .token:
            return tokenMatches(subject, value, folded: folded)
        }
    }

    /// `contains(concat(' ', normalize-space(s), ' '), ' value ')`.
    static func tokenMatches(_ subject: UnsafeBufferPointer<UInt8>, _ value: UnsafeBufferPointer<UInt8>, folded: Bool) -> Bool {
        func fold(_ byte: UInt8) -> UInt8 { folded && byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
        guard !value.isEmpty else { return false }
        if value.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) { return false }
        if value.contains(0x20) {
            // A value with spaces (an escaped class name): search the normalised text.
            var normalized: [UInt8] = [0x20]
            var pendingSpace = false
            for current in subject {
                if current.isXPathSpace {
                    pendingSpace = normalized.count > 1
                    continue
                }
                if pendingSpace { normalized.append(0x20); pendingSpace = false }
                normalized.append(fold(current))
            }
            normalized.append(0x20)
            let wanted = [0x20] + Array(value) + [0x20]
            guard normalized.count >= wanted.count else { return false }
            for start in 0...(normalized.count - wanted.count) where normalized[start..<(start + wanted.count)].elementsEqual(wanted) {
                return true
            }
            return false
        }
        var index = 0
        while index < subject.count {
            while index < subject.count, subject[index].isXPathSpace { index += 1 }
            let start = index
            while index < subject.count, !subject[index].isXPathSpace { index += 1 }
            if index - start == value.count {
                var same = true
                for offset in 0..<value.count where fold(subject[start + offset]) != value[offset] {
                    same = false
                    break
                }
                if same { return true }
            }
        }
        return false
    }
}

/// Outcomes of `~` scans by the sibling they start from and the compound, for one selection.
private final class SiblingScans {
    static let directSteps = 16
    private struct Key: Hashable {
        var node: xmlNodePtr
        var compound: Int
    }
    private var outcomes: [Key: Run.Outcome] = [:]

    func outcome(from node: xmlNodePtr, compound: Int) -> Run.Outcome? { outcomes[Key(node: node, compound: compound)] }
    func record(_ outcome: Run.Outcome, from node: xmlNodePtr, compound: Int) { outcomes[Key(node: node, compound: compound)] = outcome }
}

/// Elements' positions among their element siblings (1-based), for `:nth-child`.
/// Counting the siblings before an element costs its position, so a selector tried on
/// every item of a list of n would count n²/2 siblings (100,000 items: 17 s). A short
/// count is still done directly; past `directLimit` the parent's children are numbered
/// once, and every later question about them is a lookup.
final class SiblingPositions {
    static let directLimit = 32
    /// Position from the start, and the number of element siblings (the element included).
    private var numbered: [xmlNodePtr: (index: Int, count: Int)] = [:]

    func position(of element: xmlNodePtr, fromEnd: Bool) -> Int {
        if let known = numbered[element] { return fromEnd ? known.count - known.index + 1 : known.index }
        if let index = Self.counted(element, fromEnd: fromEnd, limit: Self.directLimit) { return index }
        number(siblingsOf: element)
        guard let known = numbered[element] else { return 1 }
        return fromEnd ? known.count - known.index + 1 : known.index
    }

    /// Numbers every element among `element`'s siblings (its parent's children; for a node
    /// without a parent, the siblings reachable from it).
    private func number(siblingsOf element: xmlNodePtr) {
        var first = element
        if let parent = element.pointee.parent, let child = parent.pointee.children {
            first = child
        } else {
            while let previous = first.pointee.prev { first = previous }
        }
        var elements: [xmlNodePtr] = []
        var current: xmlNodePtr? = first
        while let node = current {
            if node.pointee.type == XML_ELEMENT_NODE { elements.append(node) }
            current = node.pointee.next
        }
        numbered.reserveCapacity(numbered.count + elements.count)
        for (offset, node) in elements.enumerated() { numbered[node] = (offset + 1, elements.count) }
    }

    /// The position counted sibling by sibling; `nil` past `limit`.
    static func counted(_ element: xmlNodePtr, fromEnd: Bool, limit: Int = .max) -> Int? {
        var index = 1
        var sibling = CSSMatcher.elementSibling(of: element, forward: fromEnd)
        while let candidate = sibling {
            index += 1
            if index > limit { return nil }
            sibling = CSSMatcher.elementSibling(of: candidate, forward: fromEnd)
        }
        return index
    }
}

// MARK: - libxml2 tree access

extension CSSMatcher {
    /// The nearest element sibling after (`forward`) or before the node.
    static func elementSibling(of node: xmlNodePtr, forward: Bool) -> xmlNodePtr? {
        var sibling = forward ? node.pointee.next : node.pointee.prev
        while let candidate = sibling {
            if candidate.pointee.type == XML_ELEMENT_NODE { return candidate }
            sibling = forward ? candidate.pointee.next : candidate.pointee.prev
        }
        return nil
    }

    static func previousElement(_ node: xmlNodePtr) -> xmlNodePtr? { elementSibling(of: node, forward: false) }
    static func nextElement(_ node: xmlNodePtr) -> xmlNodePtr? { elementSibling(of: node, forward: true) }

    /// Whether a NUL-terminated libxml2 name equals `name` (UTF-8, no terminator).
    ///
    /// Reading stops at the terminator whatever `name` holds: a name with a NUL byte in it
    /// (which no libxml2 name has) never matches, and never reads past the string.
    static func equal(_ string: UnsafePointer<xmlChar>?, _ name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let string else { return name.isEmpty }
        for index in 0..<name.count where string[index] != name[index] || string[index] == 0 { return false }
        return string[name.count] == 0
    }

    /// The element's attribute of that name and no namespace prefix (as `@name` selects).
    static func attribute(of element: xmlNodePtr, named name: UnsafeBufferPointer<UInt8>) -> xmlAttrPtr? {
        var attribute = element.pointee.properties
        while let current = attribute {
            if current.pointee.ns.map({ $0.pointee.prefix == nil }) ?? true, equal(current.pointee.name, name) { return current }
            attribute = current.pointee.next
        }
        return nil
    }

    /// Runs `body` on the attribute's string value: in place when it is one text node
    /// (nearly always), else through a copy libxml2 makes.
    static func withValue(of attribute: xmlAttrPtr, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        guard let child = attribute.pointee.children else {
            return body(UnsafeBufferPointer(start: nil, count: 0))
        }
        if child.pointee.next == nil, child.pointee.type == XML_TEXT_NODE || child.pointee.type == XML_CDATA_SECTION_NODE {
            guard let content = child.pointee.content else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
            return body(UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
        }
        guard let copy = xmlNodeGetContent(UnsafeMutableRawPointer(attribute).assumingMemoryBound(to: xmlNode.self)) else {
            return body(UnsafeBufferPointer(start: nil, count: 0))
        }
        defer { esim_xmlFree(copy) }
        return body(UnsafeBufferPointer(start: copy, count: Int(xmlStrlen(copy))))
    }
}
