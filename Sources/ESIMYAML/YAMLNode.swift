/// A position in a YAML text, 1-based as editors count lines and columns (columns in
/// bytes).
package struct YAMLMark: Hashable, Sendable {
    package var line: Int
    package var column: Int

    package init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// One node of a YAML document: a scalar's text (whatever its quoting; no tag is
/// resolved, so `yes`, `1` and `null` are text too), a sequence or a mapping, and where
/// it starts. An alias is the node its anchor names.
package struct YAMLNode: Sendable {
    package enum Content: Sendable {
        case scalar(String)
        case sequence([YAMLNode])
        /// Entries in document order.
        case mapping([YAMLPair])
    }

    package var content: Content
    package var mark: YAMLMark
    /// This node and all below it, aliases counted as what they stand for.
    package var weight: Int

    package init(_ content: Content, mark: YAMLMark, weight: Int = 1) {
        self.content = content
        self.mark = mark
        self.weight = weight
    }

    /// The text of a scalar; `nil` for a collection.
    package var string: String? {
        if case .scalar(let text) = content { return text }
        return nil
    }
}

/// A mapping's entry.
package struct YAMLPair: Sendable {
    package var key: YAMLNode
    package var value: YAMLNode

    package init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}
