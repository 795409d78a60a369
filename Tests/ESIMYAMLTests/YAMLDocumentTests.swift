import Testing
@testable import ESIMYAML
import ESIMSupport

@Suite("YAMLDocument")
struct YAMLDocumentTests {
    /// A node written out as one line: scalars quoted, collections in brackets.
    static func shape(_ node: YAMLNode?) -> String {
        guard let node else { return "nil" }
        switch node.content {
        case .scalar(let text): return "\"" + text + "\""
        case .sequence(let items): return "[" + items.map { shape($0) }.joined(separator: ",") + "]"
        case .mapping(let pairs): return "{" + pairs.map { shape($0.key) + ":" + shape($0.value) }.joined(separator: ",") + "}"
        }
    }

    static func parse(_ text: String) throws -> YAMLNode? { try YAMLDocument(text).root }

    @Test("scalars of every style are their text; no tag is resolved", arguments: [
        ("a: b", #"{"a":"b"}"#),
        ("a: 'it''s'", #"{"a":"it's"}"#),
        (#"a: "tab\tand \u00e9""#, "{\"a\":\"tab\tand é\"}"),
        ("a: |\n  one\n  two\n", "{\"a\":\"one\ntwo\n\"}"),
        ("a: >\n  one\n  two\n", "{\"a\":\"one two\n\"}"),
        ("a: yes\nb: 1\nc: null\nd: ~\ne:", #"{"a":"yes","b":"1","c":"null","d":"~","e":""}"#),
        ("a: !!int 12\n!!str b: c", #"{"a":"12","b":"c"}"#),
        ("- x\n- [y, {z: w}]\n- {}\n- []", #"["x",["y",{"z":"w"}],{},[]]"#),
        ("# only a comment\na: b # and another\n", #"{"a":"b"}"#),
        ("---\na: b\n...\n", #"{"a":"b"}"#),
        ("plain", #""plain""#),
        ("a: \u{1F600} é 日本", #"{"a":"😀 é 日本"}"#),
    ])
    func scalars(_ text: String, _ expected: String) throws {
        #expect(Self.shape(try Self.parse(text)) == expected)
    }

    @Test("no document: empty text, white space, only comments", arguments: ["", "\n\n", "  ", "# nothing\n"])
    func empty(_ text: String) throws {
        #expect(try Self.parse(text) == nil)
    }

    @Test("every node knows its 1-based line and column")
    func marks() throws {
        let root = try #require(try Self.parse("id: x\nlist:\n  - one\n  - {k: v}\n"))
        guard case .mapping(let pairs) = root.content else { Issue.record("not a mapping"); return }
        #expect(root.mark == YAMLMark(line: 1, column: 1))
        #expect(pairs[1].key.mark == YAMLMark(line: 2, column: 1))
        guard case .sequence(let items) = pairs[1].value.content else { Issue.record("not a list"); return }
        #expect(items[0].mark == YAMLMark(line: 3, column: 5))
        #expect(items[1].mark == YAMLMark(line: 4, column: 5))
        guard case .mapping(let inner) = items[1].content else { Issue.record("not a mapping"); return }
        #expect(inner[0].value.mark == YAMLMark(line: 4, column: 9))
    }

    @Test("an alias is the node its anchor names, at the alias's position")
    func aliases() throws {
        let root = try Self.parse("base: &b {unit: GB, value: '1'}\ncopy: *b\nlist: [&s x, *s]\n")
        #expect(Self.shape(root) == #"{"base":{"unit":"GB","value":"1"},"copy":{"unit":"GB","value":"1"},"list":["x","x"]}"#)
        guard case .mapping(let pairs) = root?.content else { Issue.record("not a mapping"); return }
        #expect(pairs[1].value.mark.line == 2)
        #expect(pairs[1].value.weight == 5)
    }

    /// (text, code, line, column)
    static let rejects: [(String, YAMLErrorCode, Int, Int)] = [
        ("a: 1\nb: 2\na: 3\n", .duplicateKey, 3, 1),
        ("a: 1\n'a': 2\n", .duplicateKey, 2, 1),
        ("a: 1\n!!str a: 2\n", .duplicateKey, 2, 1),
        ("m: {x: 1, y: 2, x: 3}\n", .duplicateKey, 1, 17),
        ("copy: *nowhere\n", .undefinedAlias, 1, 7),
        ("loop: &a [*a]\n", .undefinedAlias, 1, 11),
        ("a: 1\n---\nb: 2\n", .multipleDocuments, 2, 1),
        ("id: x\n  name: [unclosed\n", .invalidSyntax, 2, 7),
        ("a: [b\n", .invalidSyntax, 2, 1),
        ("a: \"open\n", .invalidSyntax, 2, 1),
        ("a:\tb: c\n", .invalidSyntax, 1, 5),
        ("a: b\nc: \u{7}\n", .unreadable, 2, 4),
        (String(repeating: "[", count: YAMLDocument.maximumDepth + 1), .tooDeep, 1, YAMLDocument.maximumDepth + 1),
    ]

    @Test("refused, by code, at the position", arguments: rejects)
    func rejected(_ text: String, _ code: YAMLErrorCode, _ line: Int, _ column: Int) {
        let error = #expect(throws: YAMLError.self) { try YAMLDocument(text) }
        #expect(error?.code == code)
        #expect(error?.line == line)
        #expect(error?.location.column == column)
    }

    @Test("an alias cannot carry collections past the depth limit")
    func aliasDepth() {
        let depth = YAMLDocument.maximumDepth
        // 200 levels under an anchor, used 100 levels down: 300 levels in all.
        let text = "a: &deep " + String(repeating: "[", count: 200) + String(repeating: "]", count: 200) + "\n"
            + "b: " + String(repeating: "[", count: 100) + "*deep" + String(repeating: "]", count: 100) + "\n"
        let error = #expect(throws: YAMLError.self) { try YAMLDocument(text) }
        #expect(error?.code == .tooDeep)
        #expect(error?.line == 2)
        // The same alias where it fits is read, and counts its levels.
        let fits = "a: &deep " + String(repeating: "[", count: 200) + String(repeating: "]", count: 200) + "\n"
            + "b: " + String(repeating: "[", count: depth - 201) + "*deep" + String(repeating: "]", count: depth - 201) + "\n"
        #expect(throws: Never.self) { _ = try YAMLDocument(fits) }
        #expect((try? YAMLDocument(fits).root?.height) == depth)
    }

    @Test("lines end where libyaml ends them, columns count characters", arguments: [
        ("a: 1\rb: \u{7}\n", 2, 4), ("a: 1\r\nb: \u{7}\n", 2, 4), ("a: 1\u{85}b: \u{7}", 2, 4),
        ("a: 1\u{2028}b: \u{7}", 2, 4), ("m: \"éé\u{7}\"", 1, 7),
    ])
    func positions(_ text: String, _ line: Int, _ column: Int) {
        let error = #expect(throws: YAMLError.self) { try YAMLDocument(text) }
        #expect(error?.code == .unreadable)
        #expect(error?.line == line)
        #expect(error?.location.column == column)
    }

    @Test("a repeated key's column counts characters too")
    func duplicateColumn() {
        let error = #expect(throws: YAMLError.self) { try YAMLDocument("m: {éé: 1, éé: 2}") }
        #expect(error?.code == .duplicateKey)
        #expect(error?.location.column == 12)
    }

    @Test("a repeated key is named, with where it first stood")
    func duplicateMessage() {
        let error = #expect(throws: YAMLError.self) { try YAMLDocument("id: x\nurl: a\nname: n\nurl: b\n") }
        #expect(error?.location.keyPath == "url")
        #expect(error?.message == "key 'url' appears more than once (first on line 2)")
    }

    @Test("a repeated key past the first sixteen is found as well")
    func duplicateInLargeMapping() {
        let text = (1...40).map { "k\($0): v\n" }.joined() + "k7: again\n"
        let error = #expect(throws: YAMLError.self) { try YAMLDocument(text) }
        #expect(error?.code == .duplicateKey)
        #expect(error?.line == 41)
        #expect(error?.message.hasSuffix("(first on line 7)") == true)
    }

    @Test("nested aliases cannot grow past the node limit (a billion laughs)")
    func billionLaughs() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let error = #expect(throws: YAMLError.self) { try YAMLDocument(text) }
        #expect(error?.code == .tooManyNodes)
        #expect((error?.line ?? 0) >= 6)
    }

    @Test("nesting up to the limit is read")
    func deepButAllowed() throws {
        let depth = YAMLDocument.maximumDepth
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        var node = try #require(try Self.parse(text))
        var levels = 1
        while case .sequence(let items) = node.content, let first = items.first {
            node = first
            levels += 1
        }
        #expect(levels == depth)
    }

    static let sample = """
        id: example
        name: "Example Wireless"   # a comment
        aliases: [ex, 'e.x.']
        sources:
          site: {title: "Example — support", url: "https://example.com/support"}
        support:
          - {kind: shortCode, contact: "611", source: site}
          - kind: tollFree
            contact: '+1 800 555 0100'
            notes: |
              Line one.
              Line two.
        pages:
          overview:
            fields:
              amountDue: {css: ".amount", required: true}
        """

    @Test("every prefix of a document reads or is refused with a position inside it; whole lines read")
    func dripFeed() {
        let bytes = Array(Self.sample.utf8)
        for end in 0...bytes.count {
            let prefix = String(decoding: bytes[..<end], as: UTF8.self)
            let lines = prefix.split(separator: "\n", omittingEmptySubsequences: false).count
            do {
                _ = try YAMLDocument(prefix)
            } catch {
                #expect((1...lines + 1).contains(error.line ?? 0), "prefix of \(end) bytes: \(error)")
                // Cut after a line, the sample is still a document.
                #expect(end < bytes.count && bytes[end - 1] != UInt8(ascii: "\n"), "prefix of \(end) bytes: \(error)")
            }
        }
    }

    /// A random tree of scalars (with quotes, colons, hashes, line breaks, non-ASCII),
    /// sequences and mappings with distinct keys.
    static func randomTree(_ generator: inout some RandomNumberGenerator, depth: Int) -> YAMLNode {
        let pieces = ["a", "b c", "x: y", "#", "'", "\"", "-", "1", "yes", "\n", "é", "日", "\\", "{", "]", "&", "*", "!", " ", "\t"]
        func text() -> String { (0..<Int.random(in: 0...5, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined() }
        let mark = YAMLMark(line: 0, column: 0)
        switch depth == 0 ? 0 : Int.random(in: 0...2, using: &generator) {
        case 0: return YAMLNode(.scalar(text()), mark: mark)
        case 1:
            return YAMLNode(.sequence((0..<Int.random(in: 0...4, using: &generator)).map { _ in randomTree(&generator, depth: depth - 1) }), mark: mark)
        default:
            var keys: [String] = []
            for _ in 0..<Int.random(in: 0...4, using: &generator) {
                let key = text()
                if !keys.contains(key) { keys.append(key) }
            }
            return YAMLNode(.mapping(keys.map { YAMLPair(key: YAMLNode(.scalar($0), mark: mark), value: randomTree(&generator, depth: depth - 1)) }), mark: mark)
        }
    }

    /// `node` as block YAML with double-quoted scalars (flow brackets for empty collections).
    static func write(_ node: YAMLNode, indent: String = "") -> String {
        func quoted(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\t": out += "\\t"
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
        switch node.content {
        case .scalar(let text): return quoted(text)
        case .sequence(let items):
            if items.isEmpty { return "[]" }
            return items.map { "\n" + indent + "- " + write($0, indent: indent + "  ") }.joined()
        case .mapping(let pairs):
            if pairs.isEmpty { return "{}" }
            return pairs.map { "\n" + indent + quoted($0.key.string!) + ": " + write($0.value, indent: indent + "  ") }.joined()
        }
    }

    @Test("random trees written as YAML read back as the same tree")
    func roundTrip() throws {
        var generator = SplitMix64(seed: 2026)
        for _ in 0..<500 {
            let tree = Self.randomTree(&generator, depth: 4)
            let text = Self.write(tree)
            let read = try YAMLDocument(text).root
            #expect(Self.shape(read) == Self.shape(tree), "\(text)")
        }
    }
}
