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

    public init(_ source: String) throws(MarkupError) {
        let characters = Array(source)
        func fail(_ message: String, _ index: Int) -> MarkupError {
            MarkupError(.invalidJSONPath, "JSON path '\(source)': \(message)", offset: index)
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

    /// Every value the path reaches, in document order.
    public func evaluate(_ root: JSONValue) -> [JSONValue] {
        var current = [root]
        for step in steps {
            var next: [JSONValue] = []
            for value in current {
                switch step {
                case .key(let key):
                    if let member = value[key] { next.append(member) }
                case .index(let index):
                    if case .array(let items) = value {
                        let position = index < 0 ? items.count + index : index
                        if items.indices.contains(position) { next.append(items[position]) }
                    }
                case .wildcard:
                    next.append(contentsOf: Self.children(of: value))
                case .descendant(let key):
                    Self.collect(value, key: key, into: &next)
                }
            }
            current = next
        }
        return current
    }

    /// The first value the path reaches.
    public func first(in root: JSONValue) -> JSONValue? {
        evaluate(root).first
    }

    static func children(of value: JSONValue) -> [JSONValue] {
        switch value {
        case .array(let items): return items
        case .object(let members): return members.map(\.value)
        default: return []
        }
    }

    /// Members named `key` (or every value, for `nil`) at any depth below `value`.
    static func collect(_ value: JSONValue, key: String?, into result: inout [JSONValue]) {
        var stack = [value]
        var found: [JSONValue] = []
        while let current = stack.popLast() {
            switch current {
            case .object(let members):
                for member in members where key == nil || member.key == key { found.append(member.value) }
            case .array(let items):
                if key == nil { found.append(contentsOf: items) }
            default:
                break
            }
            stack.append(contentsOf: children(of: current).reversed())
        }
        result.append(contentsOf: found)
    }
}
