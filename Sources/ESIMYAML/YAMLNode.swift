/// A position in a YAML text, 1-based as libyaml counts them: a line ends at a line feed,
/// a carriage return (CR LF counting once), U+0085, U+2028 or U+2029; columns count
/// characters (Unicode scalars), not bytes.
package struct YAMLMark: Hashable, Sendable {
    package var line: Int
    package var column: Int

    package init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// Where the byte at `offset` of a UTF-8 text stands (`offset` = the length: just past
    /// the last character).
    package static func position(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> YAMLMark {
        let end = min(max(offset, 0), bytes.count)
        var line = 1, column = 1, index = 0
        while index < end {
            let byte = bytes[index]
            var breakLength = 0
            switch byte {
            case 0x0A: breakLength = 1
            case 0x0D: breakLength = index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
            case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0x85: breakLength = 2
            case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                breakLength = 3
            default: break
            }
            if breakLength > 0 {
                line += 1
                column = 1
                index += breakLength
                continue
            }
            // A character starts at every byte that is not a UTF-8 continuation byte.
            if byte & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        // An offset in the middle of a character stands at that character.
        if end < bytes.count, bytes[end] & 0xC0 == 0x80, column > 1 { column -= 1 }
        return YAMLMark(line: line, column: column)
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
    /// Levels of collections from this node down (0 for a scalar, 1 for a collection of
    /// scalars), aliases counted as what they stand for.
    package var height: Int

    package init(_ content: Content, mark: YAMLMark, weight: Int = 1, height: Int? = nil) {
        self.content = content
        self.mark = mark
        self.weight = weight
        if let height {
            self.height = height
        } else if case .scalar = content {
            self.height = 0
        } else {
            self.height = 1
        }
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
