/// JSON a page carries for its own scripts: `<script type="application/json">`,
/// `application/ld+json`, Next.js `__NEXT_DATA__`, and `window.NAME = {…};` or
/// `window["NAME"] = […];` assignments in inline scripts.
public struct EmbeddedJSON: Hashable, Sendable {
    public enum Source: Hashable, Sendable {
        /// A `<script>` whose whole content is JSON, with its `type` and `id`.
        case script(type: String, id: String?)
        /// A `window.NAME = …` assignment in an inline script.
        case assignment(name: String)
    }

    public var source: Source
    public var value: JSONValue
    /// The line of the `<script>` element.
    public var line: Int

    /// The `id` or assigned name that identifies this data (`__NEXT_DATA__`, `APP_STATE`).
    public var name: String? {
        switch source {
        case .script(_, let id): return id
        case .assignment(let name): return name
        }
    }
}

/// The JSON embedded in a document, and the scripts that looked like JSON but were not.
public struct EmbeddedData: Sendable {
    public var values: [EmbeddedJSON]
    /// Script content declared as JSON (or assigned like JSON) that did not parse.
    public var problems: [MarkupError]

    /// The embedded value with this id or name, if any.
    public func named(_ name: String) -> JSONValue? {
        values.first { $0.name == name }?.value
    }

    /// Every value `path` reaches in every embedded value, in page order.
    public func values(at path: JSONPath) -> [JSONValue] {
        values.flatMap { path.evaluate($0.value) }
    }
}

extension MarkupDocument {
    /// Finds and parses the JSON embedded in the page's scripts.
    public func embeddedData() -> EmbeddedData {
        var values: [EmbeddedJSON] = []
        var problems: [MarkupError] = []
        let scripts = node.descendantElements(localName: "script")
        for script in scripts {
            let type = (script.attribute("type") ?? "").trimmingASCIISpace().lowercased()
            let id = script.attribute("id")
            let text = script.text
            if type == "application/json" || type == "application/ld+json" || id == "__NEXT_DATA__" {
                do {
                    let value = try JSONParser.parse(text)
                    values.append(EmbeddedJSON(source: .script(type: type, id: id), value: value, line: script.line))
                } catch {
                    problems.append(MarkupError(.invalidJSON, error.message + " in the script on line \(script.line)",
                                                line: script.line, offset: error.offset))
                }
                continue
            }
            guard type.isEmpty || type.contains("javascript") || type == "module" else { continue }
            AssignmentScanner.scan(text) { name, result in
                switch result {
                case .success(let value):
                    values.append(EmbeddedJSON(source: .assignment(name: name), value: value, line: script.line))
                case .failure(let error):
                    problems.append(MarkupError(.invalidJSON, "window.\(name): " + error.message,
                                                line: script.line, offset: error.offset))
                }
            }
        }
        return EmbeddedData(values: values, problems: problems)
    }
}

/// Finds `window.NAME = ` and `window["NAME"] = ` followed by `{` or `[` in script text.
enum AssignmentScanner {
    static func scan(_ script: String, _ found: (String, Result<JSONValue, JSONError>) -> Void) {
        var text = script
        text.withUTF8 { bytes in
            var index = 0
            let marker: [UInt8] = Array("window".utf8)
            while index + marker.count < bytes.count {
                guard bytes[index] == 0x77, (0..<marker.count).allSatisfy({ bytes[index + $0] == marker[$0] }),
                      index == 0 || !isIdentifier(bytes[index - 1]) else {
                    index += 1
                    continue
                }
                var cursor = index + marker.count
                var name = ""
                if cursor < bytes.count, bytes[cursor] == 0x2E {
                    cursor += 1
                    let start = cursor
                    while cursor < bytes.count, isIdentifier(bytes[cursor]) { cursor += 1 }
                    name = String(decoding: bytes[start..<cursor], as: UTF8.self)
                } else if cursor + 1 < bytes.count, bytes[cursor] == 0x5B,
                          bytes[cursor + 1] == 0x22 || bytes[cursor + 1] == 0x27 {
                    let quote = bytes[cursor + 1]
                    cursor += 2
                    let start = cursor
                    while cursor < bytes.count, bytes[cursor] != quote { cursor += 1 }
                    name = String(decoding: bytes[start..<min(cursor, bytes.count)], as: UTF8.self)
                    cursor += 1
                    guard cursor < bytes.count, bytes[cursor] == 0x5D else {
                        index = cursor
                        continue
                    }
                    cursor += 1
                }
                index = max(cursor, index + 1)
                guard !name.isEmpty else { continue }
                while cursor < bytes.count, bytes[cursor] == 0x20 || bytes[cursor] == 0x09 { cursor += 1 }
                // `=` but not `==`.
                guard cursor < bytes.count, bytes[cursor] == 0x3D,
                      cursor + 1 >= bytes.count || bytes[cursor + 1] != 0x3D else { continue }
                cursor += 1
                while cursor < bytes.count, bytes[cursor] == 0x20 || bytes[cursor] == 0x09 || bytes[cursor] == 0x0A
                    || bytes[cursor] == 0x0D { cursor += 1 }
                guard cursor < bytes.count, bytes[cursor] == 0x7B || bytes[cursor] == 0x5B else { continue }
                let parsed = Result { () throws(JSONError) in try JSONParser.parsePrefix(bytes, from: cursor) }
                switch parsed {
                case .success(let (value, end)):
                    found(name, .success(value))
                    index = end
                case .failure(let error):
                    found(name, .failure(error))
                }
            }
        }
    }

    static func isIdentifier(_ byte: UInt8) -> Bool {
        byte == 0x5F || byte == 0x24 || (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10
    }
}
