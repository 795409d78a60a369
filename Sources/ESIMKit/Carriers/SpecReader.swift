import ESIMYAML

/// A YAML node with the file and key path it was reached by, and typed accessors that
/// throw ``SpecError`` naming both.
struct SpecNode {
    let node: YAMLNode
    let file: String
    let path: String

    var line: Int { node.mark.line }
    var column: Int { node.mark.column }

    func error(_ code: SpecErrorCode, _ message: String) -> SpecError {
        SpecError(code, message, file: file, line: line, column: column > 0 ? column : nil, keyPath: path.isEmpty ? nil : path)
    }

    /// The text's one document. Every value is read as text and checked by the accessors,
    /// so no tags are resolved.
    static func parse(_ text: String, file: String) throws(SpecError) -> SpecNode {
        let root: YAMLNode?
        do {
            root = try YAMLDocument(text).root
        } catch {
            throw Self.translate(error, file: file)
        }
        guard let root else { throw SpecError(.notAMapping, "the file is empty", file: file, line: 1) }
        return SpecNode(node: root, file: file, path: "")
    }

    /// A YAML error as a spec error: a repeated key as ``SpecErrorCode/duplicateKey`` at
    /// the repeat, everything else as ``SpecErrorCode/invalidYAML``.
    static func translate(_ error: YAMLError, file: String) -> SpecError {
        let code: SpecErrorCode
        let message: String
        switch error.code {
        case .duplicateKey: (code, message) = (.duplicateKey, error.message)
        case .unreadable: (code, message) = (.invalidYAML, "unreadable YAML: \(error.message)")
        default: (code, message) = (.invalidYAML, "invalid YAML: \(error.message)")
        }
        return SpecError(code, message, file: file, line: error.line ?? 0, column: error.location.column,
                         keyPath: error.location.keyPath)
    }

    func child(_ node: YAMLNode, _ key: String) -> SpecNode {
        SpecNode(node: node, file: file, path: path.isEmpty ? key : path + "." + key)
    }

    /// The mapping's entries in document order (the parser has refused repeated keys),
    /// refusing keys that are not text.
    func entries() throws(SpecError) -> [(key: String, value: SpecNode)] {
        guard case .mapping(let mapping) = node.content else {
            throw error(.notAMapping, "expected a mapping of keys to values")
        }
        var result: [(key: String, value: SpecNode)] = []
        result.reserveCapacity(mapping.count)
        for pair in mapping {
            guard let key = pair.key.string else {
                throw SpecNode(node: pair.key, file: file, path: path).error(.wrongType, "keys must be plain strings")
            }
            result.append((key, child(pair.value, key)))
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
        guard case .mapping(let mapping) = node.content,
              let keyNode = mapping.first(where: { $0.key.string == key })?.key else { return self }
        return SpecNode(node: keyNode, file: file, path: path.isEmpty ? key : path + "." + key)
    }

    func string() throws(SpecError) -> String {
        guard case .scalar(let text) = node.content else { throw error(.wrongType, "expected a string") }
        return text
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
        guard case .sequence(let sequence) = node.content else { throw error(.wrongType, "expected a list") }
        return sequence.enumerated().map { index, item in
            SpecNode(node: item, file: file, path: "\(path)[\(index)]")
        }
    }

    /// A list of strings, or a single string taken as a list of one.
    func stringList() throws(SpecError) -> [String] {
        if case .scalar = node.content { return [try nonEmptyString()] }
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
            throw SpecError(.unreadableFile, error.message, file: directory)
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
