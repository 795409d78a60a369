import ESIMKit

/// The object `--json` prints for an input that could not be read:
/// `{"file":…,"error":{"code":…,"message":…,"offset":…,"line":…}}` (offset and line only
/// when known), so a JSON Lines reader sees every input.
enum FailureJSON {
    static func line(key: String, value: String, code: String, message: String, offset: Int? = nil, line: Int? = nil) -> String {
        (try? OrderedJSONEncoder().encode(Failure(key: key, value: value, code: code, message: message, offset: offset, line: line))) ?? "{}"
    }

    private struct Failure: Encodable {
        var key: String
        var value: String
        var code: String
        var message: String
        var offset: Int?
        var line: Int?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(value, forKey: Key(key))
            var error = container.nestedContainer(keyedBy: Key.self, forKey: Key("error"))
            try error.encode(code, forKey: Key("code"))
            try error.encode(message, forKey: Key("message"))
            if let offset { try error.encode(offset, forKey: Key("offset")) }
            if let line { try error.encode(line, forKey: Key("line")) }
        }
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
