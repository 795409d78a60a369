/// A strict RFC 8259 JSON parser over UTF-8 bytes, with named limits and errors that
/// give the byte offset.
package enum JSONParser {
    /// Deepest nesting of arrays and objects accepted.
    package static let maximumDepth = 512

    /// Parses one complete JSON text (white space around it allowed).
    package static func parse(_ text: String) throws(JSONError) -> JSONValue {
        var copy = text
        return try copy.withUTF8 { bytes in
            Result { () throws(JSONError) in
                var parser = Cursor(bytes: bytes)
                let value = try parser.value(depth: 0)
                parser.skipWhitespace()
                guard parser.position == bytes.count else { throw parser.error("unexpected text after the JSON value") }
                return value
            }
        }.get()
    }

    /// Parses the JSON value that starts at `start` and returns it with the offset just
    /// past it; what follows is not looked at.
    package static func parsePrefix(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) throws(JSONError) -> (JSONValue, Int) {
        var parser = Cursor(bytes: bytes, position: start)
        let value = try parser.value(depth: 0)
        return (value, parser.position)
    }

    struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        func error(_ message: String) -> JSONError {
            JSONError(.invalidJSON, "JSON: \(message)", offset: position)
        }

        mutating func skipWhitespace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x09, 0x0A, 0x0D: position += 1
                default: return
                }
            }
        }

        mutating func value(depth: Int) throws(JSONError) -> JSONValue {
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of input") }
            switch bytes[position] {
            case 0x7B: return try object(depth: depth + 1)
            case 0x5B: return try array(depth: depth + 1)
            case 0x22: return .string(try string())
            case 0x74: try literal("true"); return .bool(true)
            case 0x66: try literal("false"); return .bool(false)
            case 0x6E: try literal("null"); return .null
            case 0x2D, 0x30...0x39: return .number(try number())
            default: throw error("unexpected character '\(Character(Unicode.Scalar(bytes[position])))'")
            }
        }

        mutating func literal(_ word: StaticString) throws(JSONError) {
            let count = word.utf8CodeUnitCount
            guard position + count <= bytes.count,
                  (0..<count).allSatisfy({ bytes[position + $0] == word.utf8Start[$0] }) else {
                throw error("invalid literal")
            }
            position += count
        }

        mutating func object(depth: Int) throws(JSONError) -> JSONValue {
            guard depth <= JSONParser.maximumDepth else { throw error("nesting deeper than \(JSONParser.maximumDepth)") }
            position += 1
            var members: [JSONMember] = []
            skipWhitespace()
            if position < bytes.count, bytes[position] == 0x7D {
                position += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard position < bytes.count, bytes[position] == 0x22 else { throw error("expected a quoted key") }
                let key = try string()
                skipWhitespace()
                guard position < bytes.count, bytes[position] == 0x3A else { throw error("expected ':' after a key") }
                position += 1
                members.append(JSONMember(key: key, value: try value(depth: depth)))
                skipWhitespace()
                guard position < bytes.count else { throw error("unexpected end of input in an object") }
                if bytes[position] == 0x2C {
                    position += 1
                    continue
                }
                guard bytes[position] == 0x7D else { throw error("expected ',' or '}'") }
                position += 1
                return .object(members)
            }
        }

        mutating func array(depth: Int) throws(JSONError) -> JSONValue {
            guard depth <= JSONParser.maximumDepth else { throw error("nesting deeper than \(JSONParser.maximumDepth)") }
            position += 1
            var items: [JSONValue] = []
            skipWhitespace()
            if position < bytes.count, bytes[position] == 0x5D {
                position += 1
                return .array(items)
            }
            while true {
                items.append(try value(depth: depth))
                skipWhitespace()
                guard position < bytes.count else { throw error("unexpected end of input in an array") }
                if bytes[position] == 0x2C {
                    position += 1
                    continue
                }
                guard bytes[position] == 0x5D else { throw error("expected ',' or ']'") }
                position += 1
                return .array(items)
            }
        }

        mutating func number() throws(JSONError) -> String {
            let start = position
            if bytes[position] == 0x2D { position += 1 }
            func digits() -> Int {
                let from = position
                while position < bytes.count, bytes[position] &- 0x30 < 10 { position += 1 }
                return position - from
            }
            guard position < bytes.count else { throw error("a number needs digits") }
            if bytes[position] == 0x30 {
                position += 1
            } else if digits() == 0 {
                throw error("a number needs digits")
            }
            if position < bytes.count, bytes[position] == 0x2E {
                position += 1
                guard digits() > 0 else { throw error("a decimal point needs digits after it") }
            }
            if position < bytes.count, bytes[position] | 0x20 == 0x65 {
                position += 1
                if position < bytes.count, bytes[position] == 0x2B || bytes[position] == 0x2D { position += 1 }
                guard digits() > 0 else { throw error("an exponent needs digits") }
            }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }

        mutating func string() throws(JSONError) -> String {
            position += 1
            let start = position
            // Most strings have no escape: one pass to the closing quote, one decode.
            while position < bytes.count {
                let byte = bytes[position]
                if byte == 0x22 {
                    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                    position += 1
                    return text
                }
                if byte < 0x20 { throw error("a control character inside a string") }
                if byte == 0x5C { break }
                position += 1
            }
            guard position < bytes.count else { throw error("the string is not closed") }
            return try escapedString(from: start)
        }

        /// The rest of a string with escapes, as UTF-8 bytes decoded once at the end.
        private mutating func escapedString(from start: Int) throws(JSONError) -> String {
            var utf8: [UInt8] = []
            utf8.reserveCapacity(position - start + 16)
            utf8.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position]))
            while position < bytes.count {
                let byte = bytes[position]
                if byte == 0x22 {
                    position += 1
                    return String(decoding: utf8, as: UTF8.self)
                }
                if byte < 0x20 { throw error("a control character inside a string") }
                guard byte == 0x5C else {
                    utf8.append(byte)
                    position += 1
                    continue
                }
                position += 1
                guard position < bytes.count else { break }
                let escape = bytes[position]
                position += 1
                switch escape {
                case 0x22, 0x5C, 0x2F: utf8.append(escape)
                case 0x62: utf8.append(0x08)
                case 0x66: utf8.append(0x0C)
                case 0x6E: utf8.append(0x0A)
                case 0x72: utf8.append(0x0D)
                case 0x74: utf8.append(0x09)
                case 0x75:
                    var value = try hex4()
                    if (0xD800...0xDBFF).contains(value), position + 1 < bytes.count,
                       bytes[position] == 0x5C, bytes[position + 1] == 0x75 {
                        position += 2
                        let low = try hex4()
                        if (0xDC00...0xDFFF).contains(low) {
                            value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            utf8.append(contentsOf: Self.replacement)
                            value = low
                        }
                    }
                    utf8.append(contentsOf: (Unicode.Scalar(value) ?? "\u{FFFD}").utf8)
                default:
                    position -= 1
                    throw error("invalid escape '\\\(Character(Unicode.Scalar(escape)))'")
                }
            }
            throw error("the string is not closed")
        }

        private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

        mutating func hex4() throws(JSONError) -> UInt32 {
            guard position + 4 <= bytes.count else { throw error("a \\u escape needs four hex digits") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[position]
                let digit: UInt32
                switch byte {
                case 0x30...0x39: digit = UInt32(byte - 0x30)
                case 0x41...0x46: digit = UInt32(byte - 0x37)
                case 0x61...0x66: digit = UInt32(byte - 0x57)
                default: throw error("a \\u escape needs four hex digits")
                }
                value = value << 4 | digit
                position += 1
            }
            return value
        }
    }
}

extension JSONValue {
    /// Parses JSON text.
    public init(parsing text: String) throws(JSONError) {
        self = try JSONParser.parse(text)
    }
}
