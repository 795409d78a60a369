import ESIMYAML

extension FuzzTarget {
    /// libyaml's events composed into nodes, on any text: every mark lies inside the
    /// text, every node's weight is itself plus its children's, no mapping holds a key
    /// twice, and the limits hold.
    static let yaml = FuzzTarget("yaml", "YAMLDocument on any text: marks, weights, keys and limits",
                                 samples: ["Specs/*.yaml"], seeds: { Seeds.utf8([SpecSeeds.alerts]) }) { input in
        let text = Fuzz.text(input)
        guard let root = try? YAMLDocument(text).root else { return }
        let lines = text.utf8.reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        var total = 0
        func check(_ node: YAMLNode, depth: Int) -> Int {
            Fuzz.require(depth <= YAMLDocument.maximumDepth + 1, "deeper than the limit")
            Fuzz.require((1...lines).contains(node.mark.line) && node.mark.column >= 1, "mark \(node.mark) outside the text")
            total += 1
            Fuzz.require(total <= YAMLDocument.maximumNodes, "more nodes than the limit")
            var weight = 1
            switch node.content {
            case .scalar: break
            case .sequence(let items):
                for item in items { weight += check(item, depth: depth + 1) }
            case .mapping(let pairs):
                var keys = Set<String>()
                for pair in pairs {
                    if let key = pair.key.string { Fuzz.require(keys.insert(key).inserted, "key '\(key)' twice") }
                    weight += check(pair.key, depth: depth + 1) + check(pair.value, depth: depth + 1)
                }
            }
            Fuzz.require(node.weight == weight, "weight \(node.weight), counted \(weight)")
            return weight
        }
        _ = check(root, depth: 1)
    }
}
