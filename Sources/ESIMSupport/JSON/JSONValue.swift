/// A JSON value as embedded in a page. Numbers keep their source text, so amounts are
/// never rounded through floating point; objects keep their member order.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// The number exactly as written (`12.50`, `-3e2`).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])

    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    public subscript(index: Int) -> JSONValue? {
        guard case .array(let items) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }

    /// The value as text: strings as they are, numbers and booleans as written, `nil`
    /// for null, arrays and objects.
    public var scalarText: String? {
        switch self {
        case .string(let text): return text
        case .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        default: return nil
        }
    }
}

public struct JSONMember: Hashable, Sendable {
    public var key: String
    public var value: JSONValue

    public init(key: String, value: JSONValue) {
        self.key = key
        self.value = value
    }
}

extension JSONValue: CustomStringConvertible {
    /// Compact JSON text, written as ``OrderedJSONEncoder`` writes (``JSONWriter``);
    /// parsing it gives back an equal value.
    public var description: String {
        var writer = JSONWriter()
        writer.write(self)
        return writer.output
    }
}
