import ESIMSupport

/// Documents already read, as bytes: what a program keeps of YAML it ships (its built-in
/// files), so it does not read the YAML again on every run. Each document is its name and
/// its nodes in order, each node with its kind, line and column; decoding gives back the
/// same nodes, marks and weights as reading the YAML did, under the same limits.
///
/// Each document also carries a fingerprint of the text it was read from
/// (``fingerprint(of:)``), so a reader can tell an encoding made from other text.
///
/// Layout: ``encodingMagic``, a count, then per document its name, its fingerprint (8
/// bytes, little-endian), a byte saying whether it has a root, and the root: a kind byte (0 scalar, 1 sequence, 2 mapping), line and
/// column, then the scalar's text or the collection's count and items (a mapping's as
/// key, value, key, value…). Counts, lengths, lines and columns are LEB128 varints;
/// texts are a length and UTF-8 bytes.
extension YAMLDocument {
    package static let encodingMagic: [UInt8] = Array("esimtool-yaml-nodes 1\n".utf8)

    /// One document as encoded: its name, the fingerprint of its text, its root.
    package struct Encoded: Sendable {
        package var name: String
        package var fingerprint: UInt64
        package var root: YAMLNode?

        package init(name: String, fingerprint: UInt64, root: YAMLNode?) {
            self.name = name
            self.fingerprint = fingerprint
            self.root = root
        }
    }

    /// FNV-1a (64 bits) of the text's UTF-8 bytes: the same text, the same value.
    package static func fingerprint(of text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// `documents` as bytes.
    package static func encode(_ documents: [Encoded]) -> [UInt8] {
        var out = encodingMagic
        appendVarint(documents.count, to: &out)
        for document in documents {
            appendText(document.name, to: &out)
            for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: document.fingerprint >> UInt64(shift))) }
            if let root = document.root {
                out.append(1)
                append(root, to: &out)
            } else {
                out.append(0)
            }
        }
        return out
    }

    /// The documents `encode` wrote. A byte out of place is an
    /// ``YAMLErrorCode/invalidEncoding`` error at its offset, never a crash.
    package static func decode(_ bytes: [UInt8]) throws(YAMLError) -> [Encoded] {
        try bytes.withUnsafeBufferPointer { buffer throws(YAMLError) in
            var reader = EncodedReader(bytes: buffer)
            guard buffer.starts(with: encodingMagic) else { throw reader.failure("not encoded YAML nodes (no '\(String(decoding: encodingMagic.dropLast(), as: UTF8.self))' header)") }
            reader.offset = encodingMagic.count
            let count = try reader.varint()
            var documents: [Encoded] = []
            for _ in 0..<count {
                let name = try reader.text()
                var fingerprint: UInt64 = 0
                for shift in stride(from: 0, to: 64, by: 8) { fingerprint |= UInt64(try reader.byte()) << UInt64(shift) }
                reader.nodes = 0
                switch try reader.byte() {
                case 0: documents.append(Encoded(name: name, fingerprint: fingerprint, root: nil))
                case 1: documents.append(Encoded(name: name, fingerprint: fingerprint, root: try reader.node(depth: 1)))
                default: throw reader.failure("a document's root flag is neither 0 nor 1")
                }
            }
            guard reader.offset == buffer.count else { throw reader.failure("bytes after the last document") }
            return documents
        }
    }

    private static func append(_ node: YAMLNode, to out: inout [UInt8]) {
        switch node.content {
        case .scalar(let text):
            out.append(0)
            appendMark(node.mark, to: &out)
            appendText(text, to: &out)
        case .sequence(let items):
            out.append(1)
            appendMark(node.mark, to: &out)
            appendVarint(items.count, to: &out)
            for item in items { append(item, to: &out) }
        case .mapping(let pairs):
            out.append(2)
            appendMark(node.mark, to: &out)
            appendVarint(pairs.count, to: &out)
            for pair in pairs {
                append(pair.key, to: &out)
                append(pair.value, to: &out)
            }
        }
    }

    private static func appendMark(_ mark: YAMLMark, to out: inout [UInt8]) {
        appendVarint(mark.line, to: &out)
        appendVarint(mark.column, to: &out)
    }

    private static func appendText(_ text: String, to out: inout [UInt8]) {
        appendVarint(text.utf8.count, to: &out)
        out.append(contentsOf: text.utf8)
    }

    private static func appendVarint(_ value: Int, to out: inout [UInt8]) {
        var value = UInt(value)
        while value >= 0x80 {
            out.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        out.append(UInt8(value))
    }
}

/// Reads what ``YAMLDocument/encode(_:)`` wrote, checking every length against the bytes
/// left and the limits of reading YAML.
private struct EncodedReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var offset = 0
    /// Nodes of the current document, aliases' copies counted as YAML reading counts them.
    var nodes = 0

    func failure(_ message: String) -> YAMLError {
        YAMLError(.invalidEncoding, "encoded YAML nodes: \(message)", at: SourceLocation(offset: offset))
    }

    mutating func byte() throws(YAMLError) -> UInt8 {
        guard offset < bytes.count else { throw failure("ends in the middle of a node") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func varint() throws(YAMLError) -> Int {
        var value = 0
        var shift = 0
        while true {
            let next = try byte()
            guard shift < 56 else { throw failure("a number longer than 8 bytes") }
            value |= Int(next & 0x7F) << shift
            if next < 0x80 { return value }
            shift += 7
        }
    }

    mutating func text() throws(YAMLError) -> String {
        let length = try varint()
        guard length <= bytes.count - offset else { throw failure("a text of \(length) bytes runs past the end") }
        defer { offset += length }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<(offset + length)]), as: UTF8.self)
    }

    /// A count of items, each at least `minimumBytes` long, checked against the bytes left.
    mutating func count(minimumBytes: Int) throws(YAMLError) -> Int {
        let count = try varint()
        guard count <= (bytes.count - offset) / minimumBytes else { throw failure("\(count) items cannot fit in the bytes left") }
        return count
    }

    /// A node `depth` collections below the root's level (the root: 1).
    mutating func node(depth: Int) throws(YAMLError) -> YAMLNode {
        let start = offset
        let kind = try byte()
        if kind != 0, depth > YAMLDocument.maximumDepth {
            offset = start
            throw failure("collections nested deeper than \(YAMLDocument.maximumDepth) levels")
        }
        let mark = YAMLMark(line: try varint(), column: try varint())
        nodes += 1
        guard nodes <= YAMLDocument.maximumNodes else { throw failure("more than \(YAMLDocument.maximumNodes) nodes") }
        switch kind {
        case 0:
            return YAMLNode(.scalar(try text()), mark: mark)
        case 1:
            // A node takes at least four bytes: kind, line, column, and a length or count.
            let count = try count(minimumBytes: 4)
            var items: [YAMLNode] = []
            items.reserveCapacity(count)
            var weight = 1, height = 0
            for _ in 0..<count {
                let item = try node(depth: depth + 1)
                weight += item.weight
                height = max(height, item.height)
                items.append(item)
            }
            return YAMLNode(.sequence(items), mark: mark, weight: weight, height: height + 1)
        case 2:
            let count = try count(minimumBytes: 8)
            var pairs: [YAMLPair] = []
            pairs.reserveCapacity(count)
            var weight = 1, height = 0
            for _ in 0..<count {
                let key = try node(depth: depth + 1)
                let value = try node(depth: depth + 1)
                weight += key.weight + value.weight
                height = max(height, key.height, value.height)
                pairs.append(YAMLPair(key: key, value: value))
            }
            return YAMLNode(.mapping(pairs), mark: mark, weight: weight, height: height + 1)
        default:
            offset = start
            throw failure("unknown node kind \(kind)")
        }
    }
}
