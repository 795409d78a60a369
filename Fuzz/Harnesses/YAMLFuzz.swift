import ESIMYAML

extension FuzzTarget {
    /// libyaml's events composed into nodes, on any text: every mark lies inside the
    /// text, every node's weight is itself plus its children's, no mapping holds a key
    /// twice, and the limits hold (aliases included); the encoded form reads back the same.
    static let yaml = FuzzTarget("yaml", "YAMLDocument on any text: marks, weights, keys and limits",
                                 samples: ["Specs/*.yaml"], seeds: { Seeds.utf8([SpecSeeds.alerts]) }) { input in
        let text = Fuzz.text(input)
        guard let root = try? YAMLDocument(text).root else { return }
        // Just past the last character, with lines and columns as libyaml counts them.
        let end = Array(text.utf8).withUnsafeBufferPointer { YAMLMark.position(ofByte: $0.count, in: $0) }
        var total = 0
        /// The node's weight and height, counted again.
        func check(_ node: YAMLNode, depth: Int) -> (weight: Int, height: Int) {
            Fuzz.require(depth <= YAMLDocument.maximumDepth + 1, "deeper than the limit")
            Fuzz.require(node.mark.line >= 1 && node.mark.column >= 1
                         && (node.mark.line < end.line || (node.mark.line == end.line && node.mark.column <= end.column)),
                         "mark \(node.mark) outside the text (which ends at \(end))")
            total += 1
            Fuzz.require(total <= YAMLDocument.maximumNodes, "more nodes than the limit")
            var weight = 1, height = 0
            switch node.content {
            case .scalar: break
            case .sequence(let items):
                for item in items {
                    let counted = check(item, depth: depth + 1)
                    weight += counted.weight
                    height = max(height, counted.height + 1)
                }
                height = max(height, 1)
            case .mapping(let pairs):
                var keys = Set<String>()
                for pair in pairs {
                    if let key = pair.key.string { Fuzz.require(keys.insert(key).inserted, "key '\(key)' twice") }
                    let key = check(pair.key, depth: depth + 1), value = check(pair.value, depth: depth + 1)
                    weight += key.weight + value.weight
                    height = max(height, key.height + 1, value.height + 1)
                }
                height = max(height, 1)
            }
            Fuzz.require(node.weight == weight, "weight \(node.weight), counted \(weight)")
            Fuzz.require(node.height == height, "height \(node.height), counted \(height)")
            return (weight, height)
        }
        _ = check(root, depth: 1)
        // The encoded form reads back as the same nodes, marks included.
        func same(_ a: YAMLNode, _ b: YAMLNode) -> Bool {
            guard a.mark == b.mark, a.weight == b.weight, a.height == b.height else { return false }
            switch (a.content, b.content) {
            case (.scalar(let x), .scalar(let y)): return x == y
            case (.sequence(let x), .sequence(let y)): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
            case (.mapping(let x), .mapping(let y)):
                return x.count == y.count && zip(x, y).allSatisfy { same($0.key, $1.key) && same($0.value, $1.value) }
            default: return false
            }
        }
        let encoded = YAMLDocument.encode([.init(name: "fuzz.yaml", fingerprint: YAMLDocument.fingerprint(of: text), root: root)])
        let decoded = try? YAMLDocument.decode(encoded)
        Fuzz.require(decoded?.first?.root.map { same($0, root) } == true, "the encoded nodes do not read back the same")
    }
}
