import Yams

/// A YAML node with the file and key path it was reached by, and typed accessors that
/// throw ``SpecError`` naming both.
struct SpecNode {
    let node: Node
    let file: String
    let path: String

    var line: Int { node.mark?.line ?? 0 }
    var column: Int { node.mark?.column ?? 0 }

    func error(_ code: SpecErrorCode, _ message: String) -> SpecError {
        SpecError(code, message, file: file, line: line, column: column > 0 ? column : nil, keyPath: path.isEmpty ? nil : path)
    }

    static func parse(_ text: String, file: String) throws(SpecError) -> SpecNode {
        let root: Node?
        do {
            // Every value is read as text and checked here, so no tag resolution (and none
            // of the regular expressions the default resolver compiles) is needed. UTF-8
            // said outright: Yams' default reads the whole environment on every call.
            root = try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch let error as YamlError {
            throw Self.translate(error, file: file)
        } catch {
            throw SpecError(.invalidYAML, "\(error)", file: file, line: 0)
        }
        guard let root else { throw SpecError(.notAMapping, "the file is empty", file: file, line: 1) }
        return SpecNode(node: root, file: file, path: "")
    }

    static func translate(_ error: YamlError, file: String) -> SpecError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let text = [context.map { "\($0.text)" }, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return SpecError(.invalidYAML, "invalid YAML: \(text)", file: file, line: mark.line, column: mark.column > 0 ? mark.column : nil)
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams reports the first occurrence; the user needs the repeat, so look
            // for the next line that starts the same key at the same column.
            let key = duplicates.first ?? ""
            let first = context.mark
            let line = repeatLine(of: key, after: first, in: context.text) ?? first.line
            return SpecError(.duplicateKey, "key '\(key)' appears more than once (first on line \(first.line))",
                             file: file, line: line, column: first.column, keyPath: key)
        case .reader(let problem, _, _, _):
            return SpecError(.invalidYAML, "unreadable YAML: \(problem)", file: file, line: 0)
        default:
            return SpecError(.invalidYAML, "invalid YAML: \(error)", file: file, line: 0)
        }
    }

    /// The 1-based line after `mark` on which `key` starts at the same column, if any.
    static func repeatLine(of key: String, after mark: Mark, in text: String) -> Int? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard mark.line >= 1, mark.column >= 1, mark.line < lines.count else { return nil }
        let candidates = [key + ":", "\"" + key + "\":", "'" + key + "':"]
        for index in mark.line..<lines.count {
            let line = lines[index].utf8
            guard line.count >= mark.column - 1 else { continue }
            var rest = Substring(line.dropFirst(mark.column - 1))
            // A tagged key (`!!str name:`) is the same key.
            if rest.hasPrefix("!"), let space = rest.firstIndex(of: " ") {
                rest = rest[rest.index(after: space)...].drop { $0 == " " }
            }
            let indent = line.prefix(mark.column - 1)
            guard indent.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "-") }) else { continue }
            if candidates.contains(where: { rest.hasPrefix($0) }) { return index + 1 }
        }
        return nil
    }

    func child(_ node: Node, _ key: String) -> SpecNode {
        SpecNode(node: node, file: file, path: path.isEmpty ? key : path + "." + key)
    }

    /// The mapping's entries in document order, refusing repeated and non-string keys.
    func entries() throws(SpecError) -> [(key: String, value: SpecNode)] {
        guard case .mapping(let mapping) = node else {
            throw error(.notAMapping, "expected a mapping of keys to values")
        }
        var result: [(key: String, value: SpecNode)] = []
        result.reserveCapacity(mapping.count)
        // Behind Yams' own check (which compares keys as strings, whatever their quoting or
        // tag), in case a parser lets one through. Most mappings have a handful of keys: a
        // scan of them beats hashing.
        var seen: Set<String>? = mapping.count > 16 ? [] : nil
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else {
                throw SpecNode(node: keyNode, file: file, path: path).error(.wrongType, "keys must be plain strings")
            }
            let repeated = seen == nil ? result.contains { $0.key == key } : !seen!.insert(key).inserted
            guard !repeated else {
                throw SpecNode(node: keyNode, file: file, path: path.isEmpty ? key : path + "." + key)
                    .error(.duplicateKey, "'\(key)' appears twice")
            }
            result.append((key, child(value, key)))
        }
        return result
    }

    /// The mapping's entries by key, refusing keys outside `allowed`.
    func mapping(allowed: Set<String>) throws(SpecError) -> [String: SpecNode] {
        var result: [String: SpecNode] = [:]
        for (key, value) in try entries() {
            guard allowed.contains(key) else {
                let known = allowed.sorted().joined(separator: ", ")
                throw keyError(key).error(.unknownKey, "unknown key '\(key)'; known here: \(known)")
            }
            result[key] = value
        }
        return result
    }

    /// A node standing for `key` itself (for errors about the key, at its position).
    func keyError(_ key: String) -> SpecNode {
        guard case .mapping(let mapping) = node,
              let keyNode = mapping.first(where: { $0.key.string == key })?.key else { return self }
        return SpecNode(node: keyNode, file: file, path: path.isEmpty ? key : path + "." + key)
    }

    func string() throws(SpecError) -> String {
        guard case .scalar(let scalar) = node else { throw error(.wrongType, "expected a string") }
        return scalar.string
    }

    func nonEmptyString() throws(SpecError) -> String {
        let value = try string()
        guard !value.trimmed(of: " \t").isEmpty else { throw error(.invalidValue, "must not be empty") }
        return value
    }

    func bool() throws(SpecError) -> Bool {
        switch try string().lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw error(.wrongType, "expected true or false")
        }
    }

    func sequence() throws(SpecError) -> [SpecNode] {
        guard case .sequence(let sequence) = node else { throw error(.wrongType, "expected a list") }
        return sequence.enumerated().map { index, item in
            SpecNode(node: item, file: file, path: "\(path)[\(index)]")
        }
    }

    /// A list of strings, or a single string taken as a list of one.
    func stringList() throws(SpecError) -> [String] {
        if case .scalar = node { return [try nonEmptyString()] }
        var result: [String] = []
        for item in try sequence() { result.append(try item.nonEmptyString()) }
        return result
    }

    /// A value among `choices`.
    func oneOf(_ choices: [String]) throws(SpecError) -> String {
        let value = try string()
        guard choices.contains(value) else {
            throw error(.invalidValue, "'\(value)' is not one of \(choices.joined(separator: ", "))")
        }
        return value
    }
}

extension [String: SpecNode] {
    func required(_ key: String, in parent: SpecNode) throws(SpecError) -> SpecNode {
        guard let node = self[key] else { throw parent.error(.missingKey, "'\(key)' is required") }
        return node
    }
}

extension String {
    func trimmed(of set: String) -> String {
        // ASCII sets (all of ours) work on UTF-8 bytes: an ASCII byte is always a whole scalar.
        var trimSet = set
        var text = self
        let trimmedASCII: String?? = trimSet.withUTF8 { trim in
            guard trim.allSatisfy({ $0 < 0x80 }) else { return .none }
            return text.withUTF8 { bytes in
                var start = 0
                var end = bytes.count
                while start < end, trim.contains(bytes[start]) { start += 1 }
                while end > start, trim.contains(bytes[end - 1]) { end -= 1 }
                // Most texts need nothing trimmed: answer without copying.
                if start == 0 && end == bytes.count { return .some(nil) }
                return .some(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
            }
        }
        if let trimmedASCII { return trimmedASCII ?? self }
        guard let first = self.first, let last = self.last else { return self }
        if !set.contains(first) && !set.contains(last) { return self }
        var scalars = Substring(self)
        while let first = scalars.first, set.contains(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, set.contains(last) { scalars = scalars.dropLast() }
        return String(scalars)
    }
}

/// The `.yaml` files of a specs directory, each read whole (at most 4 MiB).
enum SpecFiles {
    static let maximumBytes = 4 << 20

    /// The directory's `.yaml` and `.yml` files, in name order.
    static func list(_ directory: String) throws(SpecError) -> [String] {
        let names: [String]
        do { names = try DirectoryWalk.names(in: directory) } catch {
            throw SpecError(.unreadableFile, "cannot open the directory", file: directory, line: 0)
        }
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            .map { directory.hasSuffix("/") ? directory + $0 : directory + "/" + $0 }
    }

    static func read(_ path: String) throws(SpecError) -> String {
        do {
            return String(decoding: try FileReader.read(path, limit: maximumBytes), as: UTF8.self)
        } catch {
            let message = error.code == .tooLarge ? "the file is larger than 4 MiB" : "cannot open the file"
            throw SpecError(.unreadableFile, message, file: path, line: 0)
        }
    }
}
