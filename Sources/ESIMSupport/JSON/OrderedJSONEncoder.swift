/// A JSON encoder that keeps object keys in the order `encode(to:)` writes them, so a
/// documented schema reads the same in every output. Pure Swift; no trailing newline.
/// Every JSON the tools print goes through it (and so through ``JSONWriter``'s escaping).
package struct OrderedJSONEncoder: Sendable {
    /// One member or item a line, indented by two spaces a level.
    package var prettyPrinted: Bool

    package init(prettyPrinted: Bool = false) {
        self.prettyPrinted = prettyPrinted
    }

    package func encode(_ value: some Encodable) throws -> String {
        var writer = JSONWriter(prettyPrinted: prettyPrinted)
        writer.write(try encodeValue(value))
        return writer.output
    }

    /// The value `encode(to:)` describes, as a ``JSONValue``.
    package func encodeValue(_ value: some Encodable) throws -> JSONValue {
        let encoder = NodeEncoder(codingPath: [])
        try value.encode(to: encoder)
        return encoder.root.value.jsonValue
    }
}

/// A JSON value being encoded: containers hold boxes, so they can be filled after they
/// are handed out.
indirect enum JSONNode {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONBox])
    case object([(String, JSONBox)])

    /// The finished value.
    var jsonValue: JSONValue {
        switch self {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .number(let text): .number(text)
        case .string(let text): .string(text)
        case .array(let items): .array(items.map(\.value.jsonValue))
        case .object(let members): .object(members.map { JSONMember(key: $0.0, value: $0.1.value.jsonValue) })
        }
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
