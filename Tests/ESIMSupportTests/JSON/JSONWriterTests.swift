import Testing
@testable import ESIMSupport

@Suite("JSONWriter")
struct JSONWriterTests {
    @Test("one escaper: controls, DEL and U+2028/U+2029 as \\u escapes, the rest as is; parsed back equal", arguments: [
        ("a\"b\\c", #""a\"b\\c""#),
        ("\n\r\t", #""\n\r\t""#),
        ("\u{0}\u{7}\u{1F}", #""\u0000\u0007\u001F""#),
        ("del \u{7F}", #""del \u007F""#),
        ("line\u{2028}para\u{2029}", #""line\u2028para\u2029""#),
        ("é € 😀 \u{85}", "\"é € 😀 \u{85}\""),
    ])
    func escapes(_ text: String, _ literal: String) throws {
        #expect(JSONWriter.quoted(text) == literal)
        #expect(JSONValue.string(text).description == literal)
        #expect(try OrderedJSONEncoder().encode(text) == literal)
        #expect(try JSONValue(parsing: literal) == .string(text))
    }

    @Test("pretty printing: two spaces a level, ': ' after keys, empty containers on one line")
    func pretty() throws {
        let value = JSONValue.object([
            JSONMember(key: "a", value: .number("1")),
            JSONMember(key: "empty", value: .object([])),
            JSONMember(key: "list", value: .array([.object([JSONMember(key: "b", value: .null)]), .array([])])),
        ])
        var writer = JSONWriter(prettyPrinted: true)
        writer.write(value)
        #expect(writer.output == """
        {
          "a": 1,
          "empty": {},
          "list": [
            {
              "b": null
            },
            []
          ]
        }
        """)
        #expect(try JSONValue(parsing: writer.output) == value)
    }
}
