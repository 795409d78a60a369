/// A JSON encoder that keeps object keys in the order `encode(to:)` writes them, so a
/// documented schema reads the same in every output. Pure Swift; compact output, one
/// line, no trailing newline.
public struct OrderedJSONEncoder: Sendable {
    public init() {}

    public func encode(_ value: some Encodable) throws -> String {
        let encoder = NodeEncoder(codingPath: [])
        try value.encode(to: encoder)
        var output = ""
        encoder.root.value.write(to: &output)
        return output
    }
}

/// A JSON value with ordered object members.
indirect enum JSONNode {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONBox])
    case object([(String, JSONBox)])

    func write(to output: inout String) {
        switch self {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let text): output += text
        case .string(let text): Self.writeString(text, to: &output)
        case .array(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                item.value.write(to: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, (key, item)) in members.enumerated() {
                if index > 0 { output += "," }
                Self.writeString(key, to: &output)
                output += ":"
                item.value.write(to: &output)
            }
            output += "}"
        }
    }

    static func writeString(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{2028}": output += "\\u2028"
            case "\u{2029}": output += "\\u2029"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    output += "\\u" + ASCII.hex4(scalar.value)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}

/// A mutable slot, so containers can be filled after they are handed out.
final class JSONBox {
    var value: JSONNode
    init(_ value: JSONNode) { self.value = value }
}

final class NodeEncoder: Encoder {
    let codingPath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any] = [:]
    /// Where the encoded value goes; a slot of the parent for super-encoders.
    let root: JSONBox

    init(codingPath: [any CodingKey], root: JSONBox = JSONBox(.null)) {
        self.codingPath = codingPath
        self.root = root
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = root.value {} else { root.value = .object([]) }
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(box: root, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = root.value {} else { root.value = .array([]) }
        return UnkeyedNodeContainer(box: root, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleNodeContainer(box: root, codingPath: codingPath)
    }
}

private func node(for value: some Encodable, codingPath: [any CodingKey]) throws -> JSONNode {
    switch value {
    case let text as String: return .string(text)
    case let flag as Bool: return .bool(flag)
    case let number as Int: return .number(String(number))
    // Every other integer width: their `encode(to:)` asks the container back for themselves.
    case let number as any BinaryInteger: return .number("\(number)")
    case let number as Float:
        guard number.isFinite else {
            throw EncodingError.invalidValue(number, .init(codingPath: codingPath, debugDescription: "JSON has no NaN or infinity"))
        }
        return .number(String(number))
    case let number as Double:
        guard number.isFinite else {
            throw EncodingError.invalidValue(number, .init(codingPath: codingPath,
                                                           debugDescription: "JSON has no NaN or infinity"))
        }
        return .number(String(number))
    default:
        let encoder = NodeEncoder(codingPath: codingPath)
        try value.encode(to: encoder)
        return encoder.root.value
    }
}

private struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: JSONBox
    let codingPath: [any CodingKey]

    private func append(_ key: Key, _ value: JSONNode) -> JSONBox {
        let child = JSONBox(value)
        if case .object(var members) = box.value {
            members.append((key.stringValue, child))
            box.value = .object(members)
        }
        return child
    }

    mutating func encodeNil(forKey key: Key) throws { _ = append(key, .null) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        _ = append(key, try node(for: value, codingPath: codingPath + [key]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                       forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(box: append(key, .object([])),
                                                             codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        UnkeyedNodeContainer(box: append(key, .array([])), codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        NodeEncoder(codingPath: codingPath + [key], root: append(key, .null))
    }
}

private struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let box: JSONBox
    let codingPath: [any CodingKey]

    var count: Int {
        if case .array(let items) = box.value { return items.count }
        return 0
    }

    private func append(_ value: JSONNode) -> JSONBox {
        let child = JSONBox(value)
        if case .array(var items) = box.value {
            items.append(child)
            box.value = .array(items)
        }
        return child
    }

    mutating func encodeNil() throws { _ = append(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        _ = append(try node(for: value, codingPath: codingPath))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(box: append(.object([])), codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedNodeContainer(box: append(.array([])), codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder {
        NodeEncoder(codingPath: codingPath, root: append(.null))
    }
}

private struct SingleNodeContainer: SingleValueEncodingContainer {
    let box: JSONBox
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { box.value = .null }

    mutating func encode<T: Encodable>(_ value: T) throws {
        box.value = try node(for: value, codingPath: codingPath)
    }
}
