import ESIMKit

/// Every JSON text the tool prints is written here, by the library's one encoder (so one
/// escaper, one key order). Encoding the tool's own types cannot fail; `{}` stands in
/// if it ever did.
enum JSONOutput {
    static func text(_ value: some Encodable) -> String {
        (try? OrderedJSONEncoder().encode(value)) ?? "{}"
    }
}

/// A value's JSON object with one key in front: `{"file":…, …the value's keys}`.
struct Labelled<Value: Encodable>: Encodable {
    var key: String
    var label: String
    var value: Value

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: FailureJSON.Key.self)
        try container.encode(label, forKey: FailureJSON.Key(key))
        try value.encode(to: encoder)
    }
}

/// The object `--json` prints for an input that could not be read:
/// `{"file":…,"error":{"code":…,"message":…,"offset":…,"line":…}}` (offset and line only
/// when known; `"valid":false` after the first key for decode's images), so a JSON Lines
/// reader sees every input.
enum FailureJSON {
    static func line(key: String, value: String, valid: Bool? = nil, code: String, message: String, offset: Int? = nil,
                     line: Int? = nil) -> String {
        JSONOutput.text(Failure(key: key, value: value, valid: valid, code: code, message: message, offset: offset, line: line))
    }

    private struct Failure: Encodable {
        var key: String
        var value: String
        var valid: Bool?
        var code: String
        var message: String
        var offset: Int?
        var line: Int?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(value, forKey: Key(key))
            if let valid { try container.encode(valid, forKey: Key("valid")) }
            var error = container.nestedContainer(keyedBy: Key.self, forKey: Key("error"))
            try error.encode(code, forKey: Key("code"))
            try error.encode(message, forKey: Key("message"))
            if let offset { try error.encode(offset, forKey: Key("offset")) }
            if let line { try error.encode(line, forKey: Key("line")) }
        }
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
