/// Writes JSON text: compact on one line, or pretty-printed with two-space indentation
/// and `": "` after keys (the layout of the expected files). The one place JSON is written
/// and strings are escaped, for every output.
///
/// Escaping: `"` and `\` with a backslash; line feed, carriage return and tab as `\n`,
/// `\r`, `\t`; every other C0 control character, DEL (U+007F), and the line and paragraph
/// separators U+2028 and U+2029 as `\u` and four upper-case hex digits, so the text is one
/// line for line-based readers and safe to embed in JavaScript; everything else as it is.
package struct JSONWriter {
    package private(set) var output = ""
    private let indent: String?
    private var depth = 0

    /// - Parameter prettyPrinted: one member or item a line, indented by two spaces a level.
    package init(prettyPrinted: Bool = false) {
        indent = prettyPrinted ? "  " : nil
    }

    package mutating func write(_ value: JSONValue) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let text): output += text
        case .string(let text): Self.writeString(text, to: &output)
        case .array(let items):
            writeContainer(open: "[", close: "]", count: items.count) { writer, index in writer.write(items[index]) }
        case .object(let members):
            writeContainer(open: "{", close: "}", count: members.count) { writer, index in
                Self.writeString(members[index].key, to: &writer.output)
                writer.output += writer.indent == nil ? ":" : ": "
                writer.write(members[index].value)
            }
        }
    }

    private mutating func writeContainer(open: String, close: String, count: Int, item: (inout JSONWriter, Int) -> Void) {
        output += open
        guard count > 0 else {
            output += close
            return
        }
        depth += 1
        for index in 0..<count {
            if index > 0 { output += "," }
            newline()
            item(&self, index)
        }
        depth -= 1
        newline()
        output += close
    }

    private mutating func newline() {
        guard let indent else { return }
        output += "\n"
        for _ in 0..<depth { output += indent }
    }

    /// `text` as a JSON string literal, escaped as the type's documentation says.
    package static func writeString(_ text: String, to output: inout String) {
        // Most strings need no escape: copied whole, not a scalar at a time.
        if JSONBytes.needsNoEscape(text) {
            output += "\""
            output += text
            output += "\""
            return
        }
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{2028}", "\u{2029}": output += "\\u" + hex4(scalar.value)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    output += "\\u" + hex4(scalar.value)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }

    /// `text` as a JSON string literal.
    package static func quoted(_ text: String) -> String {
        var output = ""
        writeString(text, to: &output)
        return output
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
