import Testing
@testable import ESIMSupport

@Suite("JSONPath")
struct JSONPathTests {
    static let data = try! JSONValue(parsing: """
    {"props":{"pageProps":{"lines":[
      {"name":"Ann","usage":{"remaining":"3.2 GB","used":1.5}},
      {"name":"Bo","usage":{"remaining":"Unlimited","used":20}}
    ],"balance":{"amount":"12.34"}}}}
    """)

    @Test("paths", arguments: [
        ("$.props.pageProps.lines[0].usage.remaining", ["\"3.2 GB\""]),
        ("$.props.pageProps.lines[*].name", ["\"Ann\"", "\"Bo\""]),
        ("$.props.pageProps.lines[-1].name", ["\"Bo\""]),
        ("$['props']['pageProps'].balance.amount", ["\"12.34\""]),
        ("$..remaining", ["\"3.2 GB\"", "\"Unlimited\""]),
        ("$..usage.used", ["1.5", "20"]),
        ("$.props.pageProps.lines[5].name", []),
        ("$.props.missing", []),
        ("$.props.pageProps.balance.*", ["\"12.34\""]),
        ("$", ["(root)"]),
    ])
    func evaluate(_ path: String, _ expected: [String]) throws {
        let found = try JSONPath(path).evaluate(Self.data).map(\.description)
        if expected == ["(root)"] {
            #expect(found == [Self.data.description])
        } else {
            #expect(found == expected)
        }
    }

    /// The breadth-first evaluation the depth-first one replaced: each step maps every
    /// value reached so far, in order. Kept here as the reference, with values known by
    /// their position (indices from the root); with two or more `..` steps, a `..` step
    /// walks each position once.
    static func reference(_ path: JSONPath, _ root: JSONValue) -> [JSONValue] {
        typealias Node = (value: JSONValue, position: [Int])
        func children(_ node: Node) -> [Node] {
            switch node.value {
            case .array(let items): return items.enumerated().map { ($1, node.position + [$0]) }
            case .object(let members): return members.enumerated().map { ($1.value, node.position + [$0]) }
            default: return []
            }
        }
        let once = path.steps.filter { if case .descendant = $0 { return true } else { return false } }.count >= 2
        var current: [Node] = [(root, [])]
        for step in path.steps {
            var next: [Node] = []
            var walked = Set<[Int]>()
            for node in current {
                switch step {
                case .key(let key):
                    if case .object(let members) = node.value, let index = members.firstIndex(where: { $0.key == key }) {
                        next.append((members[index].value, node.position + [index]))
                    }
                case .index(let index):
                    if case .array(let items) = node.value {
                        let position = index < 0 ? items.count + index : index
                        if items.indices.contains(position) { next.append((items[position], node.position + [position])) }
                    }
                case .wildcard:
                    next += children(node)
                case .descendant(let key):
                    var stack = [node]
                    while let container = stack.popLast() {
                        if once, !children(container).isEmpty, !walked.insert(container.position).inserted { continue }
                        switch container.value {
                        case .object(let members):
                            next += children(container).enumerated().filter { key == nil || members[$0.offset].key == key }.map(\.element)
                        case .array:
                            if key == nil { next += children(container) }
                        default: break
                        }
                        stack += children(container).reversed()
                    }
                }
            }
            current = next
        }
        return current.map(\.value)
    }

    @Test("depth-first evaluation finds what breadth-first did, in the same order; a limit keeps a prefix")
    func againstReference() throws {
        var state: UInt64 = 0x9E3779B97F4A7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let keys = ["a", "b", "lines", "x"]
        func document(_ depth: Int) -> JSONValue {
            switch depth == 0 ? next(3) : next(8) {
            case 0: return .number(String(next(100)))
            case 1: return .string(keys[next(keys.count)])
            case 2: return .null
            case 3, 4, 5: return .object((0...next(4)).map { _ in JSONMember(key: keys[next(keys.count)], value: document(depth - 1)) })
            default: return .array((0...next(3)).map { _ in document(depth - 1) })
            }
        }
        let steps = [".a", ".b", ".lines", "[*]", ".*", "[0]", "[-1]", "[1]", "..a", "..x", "..*", "['b']", "..*", "..a"]
        var nonEmpty = 0
        for _ in 0..<400 {
            let root = JSONValue.array((0..<3).map { _ in document(4) })
            let path = try JSONPath("$" + (0..<(next(3) + 1)).map { _ in steps[next(steps.count)] }.joined())
            let expected = Self.reference(path, root)
            #expect(path.evaluate(root) == expected, "\(path) on \(root)")
            for limit in [1, 2, 5] {
                #expect(path.evaluate(root, limit: limit) == Array(expected.prefix(limit)), "\(path), limit \(limit)")
            }
            #expect(path.first(in: root) == expected.first)
            if !expected.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty >= 100)
    }

    @Test("paths with many '..' steps walk each part once; a few values are found without the rest")
    func multiplyingPaths() throws {
        // 10,000 small objects: `..*..*..*` would reach each value once per route to it.
        let document = try JSONValue(parsing: "[" + Array(repeating: #"{"a":{"b":{"c":[1,2,{"d":3}]}}}"#, count: 10_000).joined(separator: ",") + "]")
        let path = try JSONPath("$..*..*..*")
        // Each value once: those three or more levels below the root array, 6 per object.
        #expect(path.evaluate(document).count == 60_000)
        #expect(path.evaluate(document, limit: 8).count == 8)
        #expect(path.evaluate(document, limit: 8) == Array(path.evaluate(document).prefix(8)))
        #expect(try JSONPath("$..*..*..*..nothing").evaluate(document).isEmpty)
        #expect(try JSONPath("$[*]..*").evaluate(document).count == 70_000)
        #expect(try JSONPath("$..*[*]").evaluate(document, limit: 100).count == 100)
        #expect(try JSONPath("$..*..*..*..*..*..*").evaluate(document).count == 10_000)
        // A list longer than the result limit: the first `maximumResults` values.
        let long = JSONValue.array((0..<120_000).map { .number(String($0)) })
        #expect(try JSONPath("$..*").evaluate(long).count == JSONPath.maximumResults)
        #expect(try JSONPath("$[*]").evaluate(long).last == .number(String(JSONPath.maximumResults - 1)))
    }

    @Test("malformed paths", arguments: [("props", 0), ("$.", 2), ("$[", 1), ("$[x]", 2), ("$['a'", 5), ("$..", 3), ("$a", 1)])
    func invalid(_ path: String, _ offset: Int) {
        let error = #expect(throws: JSONError.self) { try JSONPath(path) }
        #expect(error?.code == .invalidJSONPath)
        #expect(error?.offset == offset)
    }
}
