import Testing
@testable import ESIMYAML
import ESIMSupport

@Suite("YAMLDocument encoding")
struct YAMLEncodingTests {
    /// A node with its marks and weight, written out as one line.
    static func marked(_ node: YAMLNode?) -> String {
        guard let node else { return "nil" }
        let at = "@\(node.mark.line):\(node.mark.column)/\(node.weight)"
        switch node.content {
        case .scalar(let text): return "\"" + text + "\"" + at
        case .sequence(let items): return "[" + items.map { marked($0) }.joined(separator: ",") + "]" + at
        case .mapping(let pairs): return "{" + pairs.map { marked($0.key) + ":" + marked($0.value) }.joined(separator: ",") + "}" + at
        }
    }

    static let texts = [
        YAMLDocumentTests.sample,
        "base: &b {unit: GB, value: '1'}\ncopy: *b\n",
        "- a\n- [b, {c: d}]\n- {}\n- []\n",
        "plain",
        "",
        "a: \u{1F600} é 日本\nb: \"tab\\tand\\nline\"\n",
        (1...300).map { "k\($0): [\($0), \"\(String(repeating: "x", count: $0))\"]\n" }.joined(),
    ]

    static func documents() throws -> [YAMLDocument.Encoded] {
        try texts.enumerated().map { index, text in
            YAMLDocument.Encoded(name: "doc\(index).yaml", fingerprint: YAMLDocument.fingerprint(of: text), root: try YAMLDocument(text).root)
        }
    }

    @Test("documents read back with the same names, fingerprints, nodes, marks and weights")
    func roundTrip() throws {
        let documents = try Self.documents()
        let decoded = try YAMLDocument.decode(YAMLDocument.encode(documents))
        #expect(decoded.count == documents.count)
        for (original, copy) in zip(documents, decoded) {
            #expect(copy.name == original.name)
            #expect(copy.fingerprint == original.fingerprint)
            #expect(Self.marked(copy.root) == Self.marked(original.root))
        }
    }

    @Test("random trees read back the same (the weights worked out again)")
    func randomTrees() throws {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<300 {
            let tree = YAMLDocumentTests.randomTree(&generator, depth: 5)
            let decoded = try YAMLDocument.decode(YAMLDocument.encode([.init(name: "t", fingerprint: 1, root: tree)]))
            #expect(YAMLDocumentTests.shape(decoded.first?.root) == YAMLDocumentTests.shape(tree))
        }
    }

    @Test("a fingerprint is the text's: equal texts agree, a changed byte does not")
    func fingerprints() {
        #expect(YAMLDocument.fingerprint(of: "id: att\n") == YAMLDocument.fingerprint(of: "id: att\n"))
        #expect(YAMLDocument.fingerprint(of: "id: att\n") != YAMLDocument.fingerprint(of: "id: atu\n"))
        #expect(YAMLDocument.fingerprint(of: "") == 0xcbf2_9ce4_8422_2325)
    }

    @Test("every cut of an encoding is refused with its offset, never read as less")
    func dripFeed() throws {
        let bytes = YAMLDocument.encode(try Self.documents())
        for end in 0..<bytes.count {
            let error = #expect(throws: YAMLError.self) { try YAMLDocument.decode(Array(bytes[..<end])) }
            #expect(error?.code == .invalidEncoding)
            #expect((error?.location.offset ?? -1) <= end)
        }
        #expect(try YAMLDocument.decode(bytes).count == Self.texts.count)
    }

    static let header = YAMLDocument.encodingMagic

    /// (bytes, what the message says)
    static let rejects: [([UInt8], String)] = [
        (Array("esimtool-yaml-nodes 2\n".utf8) + [0], "no 'esimtool-yaml-nodes 1' header"),
        (header + [1, 1, 0x61] + Array(repeating: 0, count: 8) + [2], "root flag"),
        (header + [1, 1, 0x61] + Array(repeating: 0, count: 8) + [1, 9, 1, 1, 0], "unknown node kind 9"),
        (header + [1, 1, 0x61] + Array(repeating: 0, count: 8) + [1, 0, 1, 1, 0x7F], "runs past the end"),
        (header + [1, 1, 0x61] + Array(repeating: 0, count: 8) + [1, 1, 1, 1, 0xFF, 0xFF, 0x7F], "cannot fit"),
        (header + [0, 0], "bytes after the last document"),
        (header + [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], "longer than 8 bytes"),
        (header + [1, 1, 0x61] + Array(repeating: 0, count: 8) + [1]
            + Array(repeating: [UInt8]([1, 1, 1, 1]), count: YAMLDocument.maximumDepth + 1).flatMap { $0 }, "nested deeper"),
    ]

    @Test("out-of-shape encodings are refused by code, saying why", arguments: rejects)
    func rejected(_ bytes: [UInt8], _ why: String) {
        let error = #expect(throws: YAMLError.self) { try YAMLDocument.decode(bytes) }
        #expect(error?.code == .invalidEncoding)
        #expect(error?.message.contains(why) == true, "\(error?.message ?? "")")
    }
}
