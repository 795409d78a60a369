/// A CSS selector, translated to an XPath 1.0 expression that selects the matching
/// descendant elements of the context node.
///
/// Supported: type and `*`; `#id`; `.class`; attribute presence and `=`, `~=`, `|=`,
/// `^=`, `$=`, `*=` (with an `i` flag for ASCII case-insensitive values); descendant
/// (space), child (`>`), adjacent (`+`) and general sibling (`~`) combinators; groups
/// (`,`); `:first-child`, `:last-child`, `:only-child`, `:nth-child(an+b)`,
/// `:nth-last-child(an+b)`, `:first-of-type` and `:last-of-type` after a type,
/// `:empty`, `:root` and `:not(…)` of compound selectors. Anything else is an error that
/// names it.
///
/// ``MarkupNode/select(_:limit:)`` matches the selector against the tree directly (the
/// same elements in the same order as the translation selects, several times faster than
/// evaluating it); ``xpath`` is there for combining with other XPath.
public struct CSSSelector: Hashable, Sendable {
    public let source: String
    let caseInsensitiveNames: Bool
    let matcher: CSSMatcher

    /// - Parameter caseInsensitiveNames: HTML element and attribute names are matched in
    ///   lower case, as libxml2's HTML parser stores them.
    public init(_ source: String, caseInsensitiveNames: Bool = true) throws(MarkupError) {
        // The matcher only: the XPath text is built when asked for (few callers need it,
        // and it cost about a third of a compile).
        var parser = CSSParser(source: source, lowercaseNames: caseInsensitiveNames, buildsXPath: false)
        self.source = source
        self.caseInsensitiveNames = caseInsensitiveNames
        (_, self.matcher) = try parser.parseGroup()
    }

    /// The XPath 1.0 translation (relative to the context node), built on each use.
    public var xpath: String {
        var parser = CSSParser(source: source, lowercaseNames: caseInsensitiveNames, buildsXPath: true)
        // The source parsed once already; it parses the same way again.
        return (try? parser.parseGroup().0) ?? ""
    }
}

private struct CSSParser {
    /// The source's Unicode scalars (offsets in messages count these).
    let characters: [Unicode.Scalar]
    let source: String
    let lowercaseNames: Bool
    /// Whether to build the XPath text beside the matcher (strings are left empty if not).
    let buildsXPath: Bool
    var position = 0

    init(source: String, lowercaseNames: Bool, buildsXPath: Bool = true) {
        self.source = source
        // CSS Syntax §3.3: U+0000, escaped or not, reads as U+FFFD (so no name or value
        // holds a NUL, which would stand for the end of a libxml2 string).
        self.characters = source.unicodeScalars.map { $0 == "\u{0}" ? "\u{FFFD}" : $0 }
        self.lowercaseNames = lowercaseNames
        self.buildsXPath = buildsXPath
    }

    // MARK: Errors

    func invalid(_ message: String, at index: Int? = nil) -> MarkupError {
        MarkupError(.invalidSelector, "CSS '\(source)': \(message)", offset: index ?? position)
    }

    func unsupported(_ what: String, at index: Int) -> MarkupError {
        MarkupError(.unsupportedSelector, "CSS '\(source)': \(what) is not supported", offset: index)
    }

    // MARK: Scanning

    var current: Unicode.Scalar? { position < characters.count ? characters[position] : nil }

    func peek(_ offset: Int) -> Unicode.Scalar? {
        position + offset < characters.count ? characters[position + offset] : nil
    }

    @discardableResult
    mutating func skipWhitespace() -> Bool {
        let start = position
        while let character = current, character == " " || character == "\t" || character == "\n"
            || character == "\r" || character == "\u{C}" { position += 1 }
        return position > start
    }

    /// `_`, an ASCII letter, or anything beyond ASCII.
    static func isNameStart(_ character: Unicode.Scalar) -> Bool {
        guard character.isASCII else { return true }
        let byte = UInt8(character.value)
        return byte == 0x5F || (byte | 0x20) &- 0x61 < 26
    }

    /// A name start, `-` or an ASCII digit.
    static func isName(_ character: Unicode.Scalar) -> Bool {
        guard character.isASCII else { return true }
        let byte = UInt8(character.value)
        return byte == 0x5F || byte == 0x2D || (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10
    }

    /// ASCII hex digits and their fullwidth forms (what `Character.isHexDigit` accepts).
    static func isHexDigit(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x46, 0x61...0x66, 0xFF10...0xFF19, 0xFF21...0xFF26, 0xFF41...0xFF46: return true
        default: return false
        }
    }

    /// A CSS identifier, with backslash escapes of single characters.
    mutating func identifier(_ what: String) throws(MarkupError) -> String {
        let start = position
        var name = ""
        if current == "-" {
            name.append("-")
            position += 1
        }
        guard let first = current, Self.isNameStart(first) || first == "\\" || (first == "-" && name == "-") else {
            throw invalid("expected \(what)", at: start)
        }
        while let character = current {
            if character == "\\" {
                guard let escaped = peek(1), escaped != "\n" else { throw invalid("a '\\' escapes nothing") }
                if Self.isHexDigit(escaped) { throw unsupported("a hexadecimal escape", at: position) }
                name.unicodeScalars.append(escaped)
                position += 2
            } else if Self.isName(character) {
                name.unicodeScalars.append(character)
                position += 1
            } else {
                break
            }
        }
        return name
    }

    mutating func quotedString() throws(MarkupError) -> String {
        let start = position
        guard let quote = current, quote == "\"" || quote == "'" else { throw invalid("expected a string") }
        position += 1
        var value = ""
        while let character = current {
            if character == quote {
                position += 1
                return value
            }
            if character == "\\" {
                guard let escaped = peek(1) else { break }
                if Self.isHexDigit(escaped) { throw unsupported("a hexadecimal escape", at: position) }
                if escaped != "\n" { value.unicodeScalars.append(escaped) }
                position += 2
                continue
            }
            if character == "\n" { break }
            value.unicodeScalars.append(character)
            position += 1
        }
        throw invalid("the string is not closed", at: start)
    }

    // MARK: Grammar

    mutating func parseGroup() throws(MarkupError) -> (String, CSSMatcher) {
        var alternatives: [String] = []
        var complexes: [CSSMatcher.Complex] = []
        repeat {
            skipWhitespace()
            let (path, complex) = try parseComplex()
            alternatives.append(path)
            complexes.append(complex)
            skipWhitespace()
            if current == "," {
                position += 1
                continue
            }
            if let character = current {
                throw invalid("unexpected '\(character)'")
            }
            break
        } while true
        return (buildsXPath ? alternatives.joined(separator: " | ") : "", CSSMatcher(complexes))
    }

    /// Compounds joined by combinators.
    mutating func parseComplex() throws(MarkupError) -> (String, CSSMatcher.Complex) {
        guard current != nil, current != "," else { throw invalid("empty selector") }
        var (path, first) = try parseCompound()
        if buildsXPath { path = "descendant::" + path }
        var complex = CSSMatcher.Complex(compounds: [first], combinators: [])
        while true {
            let sawSpace = skipWhitespace()
            guard let character = current, character != "," else { return (path, complex) }
            let step: String
            let combinator: CSSMatcher.Combinator
            switch character {
            case ">":
                position += 1
                skipWhitespace()
                (step, combinator) = ("/child::", .child)
            case "+":
                position += 1
                skipWhitespace()
                (step, combinator) = ("/following-sibling::*[1]/self::", .adjacent)
            case "~":
                position += 1
                skipWhitespace()
                (step, combinator) = ("/following-sibling::", .sibling)
            default:
                guard sawSpace else { throw invalid("unexpected '\(character)'") }
                (step, combinator) = ("/descendant::", .descendant)
            }
            let (test, compound) = try parseCompound()
            if buildsXPath { path += step + test }
            complex.combinators.append(combinator)
            complex.compounds.append(compound)
        }
    }

    /// A node test with predicates, e.g. `div[@id='x'][…]`.
    mutating func parseCompound() throws(MarkupError) -> (String, CSSMatcher.Compound) {
        let (element, predicates, compound) = try parseCompoundParts()
        return (buildsXPath ? element + predicates.map { "[\($0)]" }.joined() : "", compound)
    }

    mutating func parseCompoundParts() throws(MarkupError) -> (String, [String], CSSMatcher.Compound) {
        let start = position
        var element = "*"
        var predicates: [String] = []
        var compound = CSSMatcher.Compound(name: nil, tests: [])
        if current == "*" {
            position += 1
        } else if let character = current, Self.isNameStart(character) || character == "\\" || character == "-" {
            let name = try identifier("an element name")
            element = lowercaseNames ? name.lowercased() : name
            compound.name = Array(element.utf8)
        }
        let nodeTest = compound.name == nil ? "*" : Self.nodeTest(element)
        if current == "|" { throw unsupported("a namespace prefix", at: position) }
        loop: while let character = current {
            switch character {
            case "#":
                position += 1
                let id = try identifier("an id")
                if buildsXPath { predicates.append("@id=\(Self.literal(id))") }
                compound.tests.append(.attribute(.init(name: Array("id".utf8), operation: .equals, value: Array(id.utf8),
                                                       caseInsensitive: false, suffixScalars: 0)))
            case ".":
                position += 1
                let name = try identifier("a class name")
                if buildsXPath { predicates.append("contains(concat(' ',normalize-space(@class),' '),\(Self.literal(" \(name) ")))") }
                compound.tests.append(.attribute(.init(name: Array("class".utf8), operation: .token, value: Array(name.utf8),
                                                       caseInsensitive: false, suffixScalars: 0)))
            case "[":
                let (predicate, test) = try parseAttribute()
                if buildsXPath { predicates.append(predicate) }
                compound.tests.append(test)
            case ":":
                let (predicate, test) = try parsePseudo(element: compound.name == nil ? nil : element, nodeTest: nodeTest)
                if buildsXPath { predicates.append(predicate) }
                compound.tests.append(test)
            default:
                break loop
            }
        }
        if position == start {
            if let character = current {
                throw invalid("expected a selector, found '\(character)'")
            }
            throw invalid("expected a selector after a combinator")
        }
        return (nodeTest, predicates, compound)
    }

    mutating func parseAttribute() throws(MarkupError) -> (String, CSSMatcher.Test) {
        let open = position
        position += 1
        skipWhitespace()
        if current == "*" || current == "|" { throw unsupported("a namespace in an attribute selector", at: position) }
        var name = try identifier("an attribute name")
        if lowercaseNames { name = name.lowercased() }
        if current == "|" && peek(1) != "=" { throw unsupported("a namespace in an attribute selector", at: position) }
        let attribute = Self.nodeTest(name, attribute: true)
        skipWhitespace()
        if current == "]" {
            position += 1
            return (attribute, .exists(name: Array(name.utf8)))
        }
        let operatorStart = position
        var operation = ""
        if let character = current, "~|^$*".unicodeScalars.contains(character) {
            operation.unicodeScalars.append(character)
            position += 1
        }
        guard current == "=" else { throw invalid("expected '=', '~=', '|=', '^=', '$=', '*=' or ']'", at: operatorStart) }
        position += 1
        operation.append("=")
        skipWhitespace()
        let value: String
        if current == "\"" || current == "'" {
            value = try quotedString()
        } else {
            value = try identifier("an attribute value")
        }
        skipWhitespace()
        var caseInsensitive = false
        if let flag = current, flag == "i" || flag == "I" || flag == "s" || flag == "S" {
            caseInsensitive = flag == "i" || flag == "I"
            position += 1
            skipWhitespace()
        }
        guard current == "]" else { throw invalid("the attribute selector is not closed with ']'", at: open) }
        position += 1

        let compared = caseInsensitive ? value.lowercased() : value
        func test(_ operation: CSSMatcher.AttributeTest.Operation) -> CSSMatcher.Test {
            .attribute(.init(name: Array(name.utf8), operation: operation, value: Array(compared.utf8),
                             caseInsensitive: caseInsensitive, suffixScalars: value.unicodeScalars.count))
        }
        // What can never match: `[a~='']`, `[a~='x y']`, and `^=`, `$=`, `*=` with nothing.
        let never = operation == "~=" ? value.isEmpty || value.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" })
            : ["^=", "$=", "*="].contains(operation) && value.isEmpty
        let matched: CSSMatcher.Test
        switch operation {
        case _ where never: matched = .never
        case "=": matched = test(.equals)
        case "~=": matched = test(.token)
        case "|=": matched = test(.dashPrefix)
        case "^=": matched = test(.prefix)
        case "$=": matched = test(.suffix)
        default: matched = test(.substring)  // *=
        }
        guard buildsXPath else { return ("", matched) }
        guard !never else { return ("false()", matched) }
        let subject = caseInsensitive ? Self.lowercased(attribute) : attribute
        let wanted = Self.literal(compared)
        switch operation {
        case "=":
            return ("\(subject)=\(wanted)", matched)
        case "~=":
            return ("contains(concat(' ',normalize-space(\(subject)),' '),\(Self.literal(" \(compared) ")))", matched)
        case "|=":
            return ("(\(subject)=\(wanted) or starts-with(\(subject),\(Self.literal(compared + "-"))))", matched)
        case "^=":
            return ("starts-with(\(subject),\(wanted))", matched)
        case "$=":
            return ("substring(\(subject),string-length(\(subject))-\(value.unicodeScalars.count - 1))=\(wanted)", matched)
        default: // *=
            return ("contains(\(subject),\(wanted))", matched)
        }
    }

    /// - Parameters:
    ///   - element: the compound's element name, `nil` for `*` or none.
    ///   - nodeTest: the XPath node test for it.
    mutating func parsePseudo(element: String?, nodeTest: String) throws(MarkupError) -> (String, CSSMatcher.Test) {
        let start = position
        position += 1
        if current == ":" { throw unsupported("the pseudo-element '::\(rest(from: position + 1))'", at: start) }
        let name = try identifier("a pseudo-class name").lowercased()
        switch name {
        case "first-child": return ("not(preceding-sibling::*)", .firstChild)
        case "last-child": return ("not(following-sibling::*)", .lastChild)
        case "only-child": return ("not(preceding-sibling::*) and not(following-sibling::*)", .onlyChild)
        case "empty": return ("not(*) and not(text())", .empty)
        case "root": return ("not(parent::*)", .root)
        case "first-of-type", "last-of-type":
            guard let element else { throw unsupported("':\(name)' without an element name", at: start) }
            let first = name == "first-of-type"
            let axis = first ? "preceding-sibling" : "following-sibling"
            return ("not(\(axis)::\(nodeTest))", first ? .firstOfType(Array(element.utf8)) : .lastOfType(Array(element.utf8)))
        case "nth-child", "nth-last-child":
            guard current == "(" else { throw invalid("':\(name)' needs an argument in parentheses") }
            position += 1
            skipWhitespace()
            let (a, b) = try parseNth()
            skipWhitespace()
            guard current == ")" else { throw invalid("expected ')' to close ':\(name)('") }
            position += 1
            let axis = name == "nth-child" ? "preceding-sibling" : "following-sibling"
            let index = "(count(\(axis)::*)+1)"
            let offset = b < 0 ? "(\(b))" : "\(b)"
            let test = CSSMatcher.Test.nth(a: a, b: b, fromEnd: name == "nth-last-child")
            if a == 0 { return ("\(index)=\(offset)", test) }
            if a > 0 { return ("\(index)>=\(offset) and (\(index)-\(offset)) mod \(a)=0", test) }
            return ("\(index)<=\(offset) and (\(offset)-\(index)) mod \(-a)=0", test)
        case "not":
            guard current == "(" else { throw invalid("':not' needs a selector in parentheses") }
            position += 1
            var tests: [String] = []
            var compounds: [CSSMatcher.Compound] = []
            repeat {
                skipWhitespace()
                let (inner, predicates, compound) = try parseCompoundParts()
                tests.append("not(self::" + inner + predicates.map { "[\($0)]" }.joined() + ")")
                compounds.append(compound)
                let spaced = skipWhitespace()
                if current == "," {
                    position += 1
                    continue
                }
                if let character = current, character != ")", ">+~".unicodeScalars.contains(character) || spaced {
                    throw unsupported("a combinator inside ':not()'", at: position)
                }
                break
            } while true
            guard current == ")" else { throw invalid("expected ')' to close ':not('") }
            position += 1
            return (tests.joined(separator: " and "), .not(compounds))
        default:
            if current == "(" { throw unsupported("the pseudo-class ':\(name)()'", at: start) }
            throw unsupported("the pseudo-class ':\(name)'", at: start)
        }
    }

    /// `an+b`, `odd`, `even`, or an integer (CSS Syntax §6).
    mutating func parseNth() throws(MarkupError) -> (Int, Int) {
        let start = position
        var text = ""
        while let character = current, character != ")" {
            if character != " " && character != "\t" { text.unicodeScalars.append(character) }
            position += 1
        }
        let lower = text.lowercased()
        if lower == "odd" { return (2, 1) }
        if lower == "even" { return (2, 0) }
        func integer(_ part: Substring) -> Int? {
            guard !part.isEmpty, part.count <= 9 else { return nil }
            return Int(part.hasPrefix("+") ? part.dropFirst() : part)
        }
        if let nIndex = lower.firstIndex(of: "n") {
            let aPart = lower[..<nIndex]
            let a: Int?
            switch aPart {
            case "", "+": a = 1
            case "-": a = -1
            default: a = integer(aPart)
            }
            let bPart = lower[lower.index(after: nIndex)...]
            let b: Int? = bPart.isEmpty ? 0
                : (bPart.first == "+" || bPart.first == "-") ? integer(bPart) : nil
            if let a, let b { return (a, b) }
        } else if let b = integer(lower[...]) {
            return (0, b)
        }
        throw invalid("'\(text)' is not of the form an+b, odd or even", at: start)
    }

    func rest(from index: Int) -> String {
        String(String.UnicodeScalarView(characters[min(index, characters.count)...].prefix { Self.isName($0) }))
    }

    // MARK: XPath text

    /// An XPath 1.0 string literal for any text (XPath has no escapes: quotes are mixed
    /// with `concat`).
    static func literal(_ text: String) -> String {
        if !text.contains("'") { return "'\(text)'" }
        if !text.contains("\"") { return "\"\(text)\"" }
        let parts = text.split(separator: "'", omittingEmptySubsequences: false).map { "'\($0)'" }
        return "concat(" + parts.joined(separator: ",\"'\",") + ")"
    }

    /// The XPath node test for an element (or attribute) name: the name itself when it is
    /// an XPath name, else `*[name()='…']` (`@*[…]`). An escaped `*`, space, bracket or
    /// quote in a CSS name would otherwise change the expression (`\*` is an element
    /// named `*`, not every element).
    static func nodeTest(_ name: String, attribute: Bool = false) -> String {
        func isNameByte(_ byte: UInt8, first: Bool) -> Bool {
            let letter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
            return letter || byte == 0x5F || (!first && ((byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x2E))
        }
        let plain = name.utf8.enumerated().allSatisfy { isNameByte($0.element, first: $0.offset == 0) } && !name.isEmpty
        let prefix = attribute ? "@" : ""
        return plain ? prefix + name : prefix + "*[name()=\(literal(name))]"
    }

    static func lowercased(_ expression: String) -> String {
        "translate(\(expression),'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz')"
    }
}
