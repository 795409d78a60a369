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
