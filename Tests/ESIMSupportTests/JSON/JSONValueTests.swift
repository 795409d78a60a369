import Testing
@testable import ESIMSupport

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
        let error = #expect(throws: JSONError.self) { try JSONValue(parsing: text) }
        #expect(error?.code == .invalidJSON)
        #expect(error?.offset == offset)
    }

    @Test("every strict prefix of a JSON document fails cleanly")
    func dripFeed() {
        let full = "{\"lines\":[{\"usage\":{\"used\":\"2.5 GB\",\"left\":12.5}},true,null]}"
        for length in 0..<full.utf8.count {
            let prefix = String(decoding: full.utf8.prefix(length), as: UTF8.self)
            #expect(throws: JSONError.self, "prefix \(length)") { try JSONValue(parsing: prefix) }
        }
    }

    @Test("nesting is limited, not a stack overflow")
    func depth() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONError.self) { try JSONValue(parsing: deep) }
    }
}
