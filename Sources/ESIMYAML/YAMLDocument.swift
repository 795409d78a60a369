import CLibYAML
import ESIMSupport

/// A YAML text read into nodes by the system libyaml: its events composed straight into
/// ``YAMLNode`` values with the line and column of each, no tag resolved and nothing
/// constructed. One text is one document; a repeated key, an undefined alias, more than
/// ``maximumDepth`` levels or ``maximumNodes`` nodes are errors, each at its position.
package struct YAMLDocument: Sendable {
    /// Collections nested deeper than this are refused.
    package static let maximumDepth = 256
    /// Nodes in all, each alias counted as the nodes it stands for.
    package static let maximumNodes = 1 << 22

    /// The document's root; `nil` for a text with no document (empty, or only comments).
    package let root: YAMLNode?

    package init(_ text: String) throws(YAMLError) {
        var text = text
        let result = text.withUTF8 { bytes -> Result<YAMLNode?, YAMLError> in
            // libyaml wants a pointer even for nothing; an empty text holds no document.
            guard !bytes.isEmpty else { return .success(nil) }
            var composer = Composer(bytes)
            do throws(YAMLError) { return .success(try composer.compose()) } catch { return .failure(error) }
        }
        root = try result.get()
    }
}

/// One parse: libyaml's parser, owned for its lifetime, and the collections still open.
private struct Composer: ~Copyable {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let bytes: UnsafeBufferPointer<UInt8>
    private var stack: [Frame] = []
    private var anchors: [String: YAMLNode] = [:]
    private var nodes = 0
    private var root: YAMLNode?
    private var documents = 0
    /// Just past the last character.
    private let end: YAMLMark

    /// A collection being read: its items so far, or its entries and a key waiting for
    /// its value.
    private struct Frame {
        var mark: YAMLMark
        var anchor: String?
        var isMapping: Bool
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: YAMLNode?
        /// The keys so far, once a mapping has more than a handful (a scan beats hashing
        /// below that).
        var keys: [String: Int]?
        var weight = 1
        /// The highest item's height so far.
        var itemHeight = 0
    }

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        end = YAMLMark.position(ofByte: bytes.count, in: bytes)
        parser = .allocate(capacity: 1)
        // Initialisation only fails when memory runs out; parse() then reports that.
        if yaml_parser_initialize(parser) == 1 {
            yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        }
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
    }

    mutating func compose() throws(YAMLError) -> YAMLNode? {
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) == 1 else { throw parserError() }
            defer { yaml_event_delete(&event) }
            let mark = clamped(YAMLMark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1))
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return root
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                guard documents == 1 else {
                    throw Self.error(.multipleDocuments, "expected a single document in the stream, but found another document", at: mark)
                }
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                try add(YAMLNode(.scalar(text), mark: mark), anchor: Self.string(scalar.anchor), newNodes: 1)
            case YAML_ALIAS_EVENT:
                let name = Self.string(event.data.alias.anchor) ?? ""
                guard var node = anchors[name] else {
                    throw Self.error(.undefinedAlias, "found undefined alias '\(name)'", at: mark)
                }
                node.mark = mark
                // An alias stands for its collections too: they count against the depth
                // where it stands.
                guard stack.count + node.height <= YAMLDocument.maximumDepth else {
                    throw Self.error(.tooDeep, "collections nested deeper than \(YAMLDocument.maximumDepth) levels (through alias '\(name)')",
                                     at: mark)
                }
                try add(node, anchor: nil, newNodes: node.weight)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                guard stack.count < YAMLDocument.maximumDepth else {
                    throw Self.error(.tooDeep, "collections nested deeper than \(YAMLDocument.maximumDepth) levels", at: mark)
                }
                let isMapping = event.type == YAML_MAPPING_START_EVENT
                let anchor = isMapping ? Self.string(event.data.mapping_start.anchor) : Self.string(event.data.sequence_start.anchor)
                stack.append(Frame(mark: mark, anchor: anchor, isMapping: isMapping))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                let frame = stack.removeLast()
                let content: YAMLNode.Content = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
                // Its items were counted as they came; the collection itself is one more.
                try add(YAMLNode(content, mark: frame.mark, weight: frame.weight, height: frame.itemHeight + 1),
                        anchor: frame.anchor, newNodes: 1)
            default:
                // Stream start, document end: nothing to build.
                break
            }
        }
    }

    /// libyaml puts an empty value at the very end (`key:` as the last text, with no line
    /// break after it) on a line after the last; it is at the end of the text instead.
    private func clamped(_ mark: YAMLMark) -> YAMLMark {
        mark.line < end.line || (mark.line == end.line && mark.column <= end.column) ? mark : end
    }

    /// Puts a finished node where it belongs: the root, the open sequence, or the open
    /// mapping (as a key, checked against the keys before it, or as the value of one).
    /// `newNodes` is what it adds to the document's count (an alias: all it stands for).
    private mutating func add(_ node: YAMLNode, anchor: String?, newNodes: Int) throws(YAMLError) {
        nodes += newNodes
        guard nodes <= YAMLDocument.maximumNodes else {
            throw Self.error(.tooManyNodes, "more than \(YAMLDocument.maximumNodes) nodes (aliases counted as what they stand for)",
                             at: node.mark)
        }
        if let anchor { anchors[anchor] = node }
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        stack[top].weight += node.weight
        stack[top].itemHeight = max(stack[top].itemHeight, node.height)
        if !stack[top].isMapping {
            stack[top].items.append(node)
        } else if let key = stack[top].pendingKey {
            stack[top].pairs.append(YAMLPair(key: key, value: node))
            stack[top].pendingKey = nil
        } else {
            if let text = node.string, let first = Self.firstMark(of: text, in: &stack[top]) {
                throw Self.error(.duplicateKey, "key '\(text)' appears more than once (first on line \(first.line))",
                                 at: node.mark, keyPath: text)
            }
            stack[top].pendingKey = node
        }
    }

    /// Where `key` first stood in the mapping, if it did; records it otherwise. Keys are
    /// compared as text, whatever their quoting or tag.
    private static func firstMark(of key: String, in frame: inout Frame) -> YAMLMark? {
        if frame.keys == nil && frame.pairs.count >= 16 {
            var keys: [String: Int] = [:]
            for (index, pair) in frame.pairs.enumerated() {
                if let text = pair.key.string { keys[text] = index }
            }
            frame.keys = keys
        }
        if frame.keys != nil {
            if let index = frame.keys![key] { return frame.pairs[index].key.mark }
            frame.keys![key] = frame.pairs.count
            return nil
        }
        return frame.pairs.first { $0.key.string == key }?.key.mark
    }

    private static func error(_ code: YAMLErrorCode, _ message: String, at mark: YAMLMark?, keyPath: String? = nil) -> YAMLError {
        YAMLError(code, message, at: SourceLocation(line: mark?.line, column: mark?.column, keyPath: keyPath))
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    /// libyaml's own account of why it stopped, at its position.
    private func parserError() -> YAMLError {
        let state = parser.pointee
        let problem = state.problem.map { String(cString: $0) } ?? "unknown error"
        switch state.error {
        case YAML_MEMORY_ERROR:
            return Self.error(.outOfMemory, "out of memory", at: nil)
        case YAML_READER_ERROR:
            let value = state.problem_value == -1 ? "" : " (U+\(String(UInt32(bitPattern: state.problem_value), radix: 16, uppercase: true)))"
            return Self.error(.unreadable, problem + value, at: YAMLMark.position(ofByte: state.problem_offset, in: bytes))
        default:
            let context = state.context.map { String(cString: $0) }
            let text = [context, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            let mark = state.problem_mark
            return Self.error(.invalidSyntax, text, at: YAMLMark(line: Int(mark.line) + 1, column: Int(mark.column) + 1))
        }
    }
}
