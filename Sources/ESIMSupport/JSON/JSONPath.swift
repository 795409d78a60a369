/// A small JSON path: `$` followed by steps — `.name`, `['name']`, `[2]` (negative
/// counts from the end), `[*]` or `.*` (every member or item), and `..name` (that key at
/// any depth). For example `$.props.pageProps.lines[0].usage.remaining` or
/// `$.lines[*].plan.name`.
public struct JSONPath: Hashable, Sendable, CustomStringConvertible {
    enum Step: Hashable, Sendable {
        case key(String)
        case index(Int)
        case wildcard
        /// `..name`, or `..*` with `nil`.
        case descendant(String?)
    }

    public let source: String
    let steps: [Step]

    public var description: String { source }

    public init(_ source: String) throws(JSONError) {
        let characters = Array(source)
        func fail(_ message: String, _ index: Int) -> JSONError {
            JSONError(.invalidJSONPath, "JSON path '\(source)': \(message)", offset: index)
        }
        func isNameCharacter(_ character: Character) -> Bool {
            // ASCII answered directly (Unicode properties cost hundreds of instructions).
            if let byte = character.asciiValue {
                return (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10 || byte == 0x5F || byte == 0x24 || byte == 0x2D
            }
            return character.isLetter || character.isNumber
        }
        guard characters.first == "$" else { throw fail("must start with '$'", 0) }
        var steps: [Step] = []
        var index = 1
        func name() -> String {
            var text = ""
            while index < characters.count, isNameCharacter(characters[index]) {
                text.append(characters[index])
                index += 1
            }
            return text
        }
        while index < characters.count {
            switch characters[index] {
            case ".":
                index += 1
                if index < characters.count, characters[index] == "." {
                    index += 1
                    if index < characters.count, characters[index] == "*" {
                        index += 1
                        steps.append(.descendant(nil))
                    } else {
                        let key = name()
                        guard !key.isEmpty else { throw fail("'..' needs a key or '*' after it", index) }
                        steps.append(.descendant(key))
                    }
                } else if index < characters.count, characters[index] == "*" {
                    index += 1
                    steps.append(.wildcard)
                } else {
                    let key = name()
                    guard !key.isEmpty else { throw fail("'.' needs a key after it", index) }
                    steps.append(.key(key))
                }
            case "[":
                let open = index
                index += 1
                guard index < characters.count else { throw fail("'[' is not closed", open) }
                if characters[index] == "*" {
                    index += 1
                    steps.append(.wildcard)
                } else if characters[index] == "'" || characters[index] == "\"" {
                    let quote = characters[index]
                    index += 1
                    var key = ""
                    while index < characters.count, characters[index] != quote {
                        if characters[index] == "\\", index + 1 < characters.count { index += 1 }
                        key.append(characters[index])
                        index += 1
                    }
                    guard index < characters.count else { throw fail("the quoted key is not closed", open) }
                    index += 1
                    steps.append(.key(key))
                } else {
                    var digits = ""
                    if characters[index] == "-" {
                        digits.append("-")
                        index += 1
                    }
                    while index < characters.count, characters[index].isASCII, characters[index].isNumber {
                        digits.append(characters[index])
                        index += 1
                    }
                    guard let number = Int(digits) else { throw fail("expected an index, '*' or a quoted key", open + 1) }
                    steps.append(.index(number))
                }
                guard index < characters.count, characters[index] == "]" else { throw fail("expected ']'", index) }
                index += 1
            default:
                throw fail("unexpected '\(characters[index])'", index)
            }
        }
        self.source = source
        self.steps = steps
    }

    /// The most values one evaluation returns unless told otherwise. Each `..` step
    /// multiplies what a path can reach (`$..*..*..*` on a 1 MB document reaches tens of
    /// millions of values, duplicates included); past this many the evaluation stops.
    public static let maximumResults = 100_000

    /// Every value the path reaches, in document order, at most `limit`: the path is
    /// followed depth first and stops as soon as `limit` values are found, so asking for
    /// the first few costs little whatever the path and the document.
    ///
    /// With two or more `..` steps, each later `..` walks any part of the document once:
    /// `$..a..b` where one `a` holds another gives each `b` once, not once per `a` above it
    /// (XPath's node-set rule rather than RFC 9535's duplicates). Without that, a path such
    /// as `$..*..*..*..x` visits a node once for every combination of its ancestors —
    /// 21 s on a 1.2 MB document; with it, a node once per step.
    public func evaluate(_ root: JSONValue, limit: Int = JSONPath.maximumResults) -> [JSONValue] {
        var result: [JSONValue] = []
        guard limit > 0 else { return result }
        let walked = steps.count(where: { if case .descendant = $0 { return true } else { return false } }) >= 2 ? Walked() : nil
        _ = follow(root, step: 0, into: &result, limit: limit, walked: walked)
        return result
    }

    /// The objects and arrays each `..` step has walked, by their storage (a parsed
    /// document's containers each have their own, shared by every copy of the value).
    private final class Walked {
        var containers: [Int: Set<UnsafeRawPointer>] = [:]

        /// Whether `value` is new to step `step` (now marked walked). Empty containers hold
        /// nothing to walk twice, and share one storage: always new.
        func isNew(_ value: JSONValue, step: Int) -> Bool {
            let storage: UnsafeRawPointer?
            switch value {
            case .object(let members) where !members.isEmpty:
                storage = members.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
            case .array(let items) where !items.isEmpty:
                storage = items.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
            default:
                return true
            }
            guard let storage else { return true }
            return containers[step, default: []].insert(storage).inserted
        }
    }

    /// The first value the path reaches.
    public func first(in root: JSONValue) -> JSONValue? {
        evaluate(root, limit: 1).first
    }

    /// Follows steps `step…` from `value`, appending the values they reach; `false` once
    /// `limit` values are in. Recursion is one level per step, never per level of the
    /// document (`..` walks with its own stack).
    private func follow(_ value: JSONValue, step: Int, into result: inout [JSONValue], limit: Int, walked: Walked?) -> Bool {
        guard step < steps.count else {
            result.append(value)
            return result.count < limit
        }
        let next = step + 1
        switch steps[step] {
        case .key(let key):
            guard let member = value[key] else { return true }
            return follow(member, step: next, into: &result, limit: limit, walked: walked)
        case .index(let index):
            guard case .array(let items) = value else { return true }
            let position = index < 0 ? items.count + index : index
            guard items.indices.contains(position) else { return true }
            return follow(items[position], step: next, into: &result, limit: limit, walked: walked)
        case .wildcard:
            switch value {
            case .array(let items):
                for item in items where !follow(item, step: next, into: &result, limit: limit, walked: walked) { return false }
            case .object(let members):
                for member in members where !follow(member.value, step: next, into: &result, limit: limit, walked: walked) { return false }
            default:
                break
            }
            return true
        case .descendant(let key):
            // Depth first from `value`: at each object or array, its members named `key`
            // (or all of them) in order, then its children's.
            var stack = [value]
            while let current = stack.popLast() {
                if let walked, !walked.isNew(current, step: step) { continue }
                switch current {
                case .object(let members):
                    for member in members where key == nil || member.key == key {
                        if !follow(member.value, step: next, into: &result, limit: limit, walked: walked) { return false }
                    }
                    for member in members.reversed() where member.value.isContainer { stack.append(member.value) }
                case .array(let items):
                    if key == nil {
                        for item in items where !follow(item, step: next, into: &result, limit: limit, walked: walked) { return false }
                    }
                    for item in items.reversed() where item.isContainer { stack.append(item) }
                default:
                    break
                }
            }
            return true
        }
    }
}

extension JSONValue {
    /// An object or an array.
    package var isContainer: Bool {
        switch self {
        case .object, .array: return true
        default: return false
        }
    }
}
