import Testing
@testable import ESIMMarkup

@Suite("JSONValue")
struct JSONValueTests {
    @Test("parses JSON exactly, keeping number text and member order", arguments: [
        ("null", "null"), ("true", "true"), ("-0.50", "-0.50"), ("1e3", "1e3"), ("\"a\\u00e9\\n\"", "\"aé\\n\""),
        ("{\"b\":1,\"a\":[2,{\"c\":null}]}", "{\"b\":1,\"a\":[2,{\"c\":null}]}"),
        (" [ 1 , 2 ] ", "[1,2]"), ("\"\\ud83d\\ude00\"", "\"😀\""), ("{}", "{}"), ("[]", "[]"),
    ])
    func valid(_ text: String, _ canonical: String) throws {
        let value = try JSONValue(parsing: text)
        #expect(value.description == canonical)
        #expect(try JSONValue(parsing: value.description) == value)
    }

    @Test("string escapes, raw UTF-8 and broken surrogates", arguments: [
        (#""plain é text""#, "plain é text"),
        (#""a\"b\\c\/d\b\f\n\r\t""#, "a\"b\\c/d\u{8}\u{C}\n\r\t"),
        (#""é before \u00e9 after é""#, "é before é after é"),
        (#""\ud800x""#, "\u{FFFD}x"),
        (#""\ud83d\u0041""#, "\u{FFFD}A"),
        (#""\udc00""#, "\u{FFFD}"),
        (#""""#, ""),
    ])
    func strings(_ text: String, _ expected: String) throws {
        #expect(try JSONValue(parsing: text) == .string(expected))
    }

    @Test("rejects invalid JSON with its offset", arguments: [
        ("", 0), ("{", 1), ("[1,]", 3), ("{\"a\" 1}", 5), ("01", 1), ("1.", 2), ("-", 1), ("\"abc", 4),
        ("'a'", 0), ("{a:1}", 1), ("[1 2]", 3), ("tru", 0), ("\"\\x\"", 2), ("\"a\nb\"", 2), ("1 2", 2),
        ("\"a\\nb\nc\"", 5), ("\"a\\n", 4), ("\"\\u12\"", 3),
    ])
    func invalid(_ text: String, _ offset: Int) {
        #expect {
            try JSONValue(parsing: text)
        } throws: { error in
            guard let error = error as? MarkupError else { return false }
            return error.code == .invalidJSON && error.offset == offset
        }
    }

    @Test("every strict prefix of a JSON document fails cleanly")
    func dripFeed() {
        let full = "{\"lines\":[{\"usage\":{\"used\":\"2.5 GB\",\"left\":12.5}},true,null]}"
        for length in 0..<full.utf8.count {
            let prefix = String(decoding: full.utf8.prefix(length), as: UTF8.self)
            #expect(throws: MarkupError.self, "prefix \(length)") { try JSONValue(parsing: prefix) }
        }
    }

    @Test("nesting is limited, not a stack overflow")
    func depth() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: MarkupError.self) { try JSONValue(parsing: deep) }
    }
}

@Suite("JSONPath")
struct JSONPathTests {
    static let data = try! JSONValue(parsing: """
    {"props":{"pageProps":{"lines":[
      {"name":"Ann","usage":{"remaining":"3.2 GB","used":1.5}},
      {"name":"Bo","usage":{"remaining":"Unlimited","used":20}}
    ],"balance":{"amount":"12.34"}}}}
    """)

    @Test("paths", arguments: [
        ("$.props.pageProps.lines[0].usage.remaining", ["\"3.2 GB\""]),
        ("$.props.pageProps.lines[*].name", ["\"Ann\"", "\"Bo\""]),
        ("$.props.pageProps.lines[-1].name", ["\"Bo\""]),
        ("$['props']['pageProps'].balance.amount", ["\"12.34\""]),
        ("$..remaining", ["\"3.2 GB\"", "\"Unlimited\""]),
        ("$..usage.used", ["1.5", "20"]),
        ("$.props.pageProps.lines[5].name", []),
        ("$.props.missing", []),
        ("$.props.pageProps.balance.*", ["\"12.34\""]),
        ("$", ["(root)"]),
    ])
    func evaluate(_ path: String, _ expected: [String]) throws {
        let found = try JSONPath(path).evaluate(Self.data).map(\.description)
        if expected == ["(root)"] {
            #expect(found == [Self.data.description])
        } else {
            #expect(found == expected)
        }
    }

    /// The breadth-first evaluation the depth-first one replaced: each step maps every
    /// value reached so far, in order. Kept here as the reference, with values known by
    /// their position (indices from the root); with two or more `..` steps, a `..` step
    /// walks each position once.
    static func reference(_ path: JSONPath, _ root: JSONValue) -> [JSONValue] {
        typealias Node = (value: JSONValue, position: [Int])
        func children(_ node: Node) -> [Node] {
            switch node.value {
            case .array(let items): return items.enumerated().map { ($1, node.position + [$0]) }
            case .object(let members): return members.enumerated().map { ($1.value, node.position + [$0]) }
            default: return []
            }
        }
        let once = path.steps.filter { if case .descendant = $0 { return true } else { return false } }.count >= 2
        var current: [Node] = [(root, [])]
        for step in path.steps {
            var next: [Node] = []
            var walked = Set<[Int]>()
            for node in current {
                switch step {
                case .key(let key):
                    if case .object(let members) = node.value, let index = members.firstIndex(where: { $0.key == key }) {
                        next.append((members[index].value, node.position + [index]))
                    }
                case .index(let index):
                    if case .array(let items) = node.value {
                        let position = index < 0 ? items.count + index : index
                        if items.indices.contains(position) { next.append((items[position], node.position + [position])) }
                    }
                case .wildcard:
                    next += children(node)
                case .descendant(let key):
                    var stack = [node]
                    while let container = stack.popLast() {
                        if once, !children(container).isEmpty, !walked.insert(container.position).inserted { continue }
                        switch container.value {
                        case .object(let members):
                            next += children(container).enumerated().filter { key == nil || members[$0.offset].key == key }.map(\.element)
                        case .array:
                            if key == nil { next += children(container) }
                        default: break
                        }
                        stack += children(container).reversed()
                    }
                }
            }
            current = next
        }
        return current.map(\.value)
    }

    @Test("depth-first evaluation finds what breadth-first did, in the same order; a limit keeps a prefix")
    func againstReference() throws {
        var state: UInt64 = 0x9E3779B97F4A7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let keys = ["a", "b", "lines", "x"]
        func document(_ depth: Int) -> JSONValue {
            switch depth == 0 ? next(3) : next(8) {
            case 0: return .number(String(next(100)))
            case 1: return .string(keys[next(keys.count)])
            case 2: return .null
            case 3, 4, 5: return .object((0...next(4)).map { _ in JSONMember(key: keys[next(keys.count)], value: document(depth - 1)) })
            default: return .array((0...next(3)).map { _ in document(depth - 1) })
            }
        }
        let steps = [".a", ".b", ".lines", "[*]", ".*", "[0]", "[-1]", "[1]", "..a", "..x", "..*", "['b']", "..*", "..a"]
        var nonEmpty = 0
        for _ in 0..<400 {
            let root = JSONValue.array((0..<3).map { _ in document(4) })
            let path = try JSONPath("$" + (0..<(next(3) + 1)).map { _ in steps[next(steps.count)] }.joined())
            let expected = Self.reference(path, root)
            #expect(path.evaluate(root) == expected, "\(path) on \(root)")
            for limit in [1, 2, 5] {
                #expect(path.evaluate(root, limit: limit) == Array(expected.prefix(limit)), "\(path), limit \(limit)")
            }
            #expect(path.first(in: root) == expected.first)
            if !expected.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty >= 100)
    }

    @Test("paths with many '..' steps walk each part once; a few values are found without the rest")
    func multiplyingPaths() throws {
        // 10,000 small objects: `..*..*..*` would reach each value once per route to it.
        let document = try JSONValue(parsing: "[" + Array(repeating: #"{"a":{"b":{"c":[1,2,{"d":3}]}}}"#, count: 10_000).joined(separator: ",") + "]")
        let path = try JSONPath("$..*..*..*")
        // Each value once: those three or more levels below the root array, 6 per object.
        #expect(path.evaluate(document).count == 60_000)
        #expect(path.evaluate(document, limit: 8).count == 8)
        #expect(path.evaluate(document, limit: 8) == Array(path.evaluate(document).prefix(8)))
        #expect(try JSONPath("$..*..*..*..nothing").evaluate(document).isEmpty)
        #expect(try JSONPath("$[*]..*").evaluate(document).count == 70_000)
        #expect(try JSONPath("$..*[*]").evaluate(document, limit: 100).count == 100)
        #expect(try JSONPath("$..*..*..*..*..*..*").evaluate(document).count == 10_000)
        // A list longer than the result limit: the first `maximumResults` values.
        let long = JSONValue.array((0..<120_000).map { .number(String($0)) })
        #expect(try JSONPath("$..*").evaluate(long).count == JSONPath.maximumResults)
        #expect(try JSONPath("$[*]").evaluate(long).last == .number(String(JSONPath.maximumResults - 1)))
    }

    @Test("malformed paths", arguments: [("props", 0), ("$.", 2), ("$[", 1), ("$[x]", 2), ("$['a'", 5), ("$..", 3), ("$a", 1)])
    func invalid(_ path: String, _ offset: Int) {
        #expect {
            try JSONPath(path)
        } throws: { error in
            guard let error = error as? MarkupError else { return false }
            return error.code == .invalidJSONPath && error.offset == offset
        }
    }
}

@Suite("EmbeddedData")
struct EmbeddedDataTests {
    static let page = """
    <html><head>
    <script type="application/ld+json">{"@type":"Organization","name":"Example Wireless"}</script>
    <script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{"balance":"$12.34"}}}</script>
    <script>
      var unrelated = 1;
      window.__APP_STATE__ = {"lines":[{"mdn":"555-0100","dataLeft":"3.2 GB"}]};
      window["billing"] = [{"due":"Dec 3, 2026"}];
      if (window.flag == {}) {}
      window.notJSON = {lines: [1]};
    </script>
    <script type="text/template">{"not":"read"}</script>
    <script type="application/json" id="broken">{"a":</script>
    </head><body></body></html>
    """

    @Test("finds JSON scripts, Next.js data and window assignments")
    func finds() throws {
        let data = try HTMLDocument(string: Self.page).embeddedData()
        #expect(data.values.map(\.name) == [nil, "__NEXT_DATA__", "__APP_STATE__", "billing"])
        #expect(try data.named("__NEXT_DATA__").flatMap { try JSONPath("$.props.pageProps.balance").first(in: $0) }
            == .string("$12.34"))
        #expect(try data.values(at: JSONPath("$.lines[0].dataLeft")) == [.string("3.2 GB")])
        #expect(try data.values(at: JSONPath("$[0].due")) == [.string("Dec 3, 2026")])
        #expect(data.values.first?.value["name"] == .string("Example Wireless"))
        // The broken script and the JavaScript object literal are reported, not dropped silently.
        #expect(data.problems.count == 2)
        #expect(data.problems.allSatisfy { $0.code == .invalidJSON })
    }
}
