/// Where a document's character set came from.
public enum CharsetSource: String, Hashable, Sendable, Codable {
    /// A byte order mark at the start.
    case byteOrderMark
    /// `<meta charset>`, `<meta http-equiv="Content-Type">` or the XML declaration.
    case declaration
    /// Nothing said; UTF-8 assumed.
    case defaultUTF8
    /// What was declared (or assumed) did not fit the bytes; this one was used instead.
    case fallback
}

/// The character set a document was read in.
public struct DocumentCharset: Hashable, Sendable {
    /// The canonical name (`UTF-8`, `windows-1252`, `Shift_JIS`, …).
    public var name: String
    public var source: CharsetSource
}

/// Finds the declared character set of HTML or XML bytes without parsing them.
enum CharsetSniffer {
    /// How far into an HTML document a `<meta>` declaration is looked for.
    static let prescanLimit = 8192

    enum ByteOrderMark {
        case utf8, utf16LittleEndian, utf16BigEndian

        var length: Int { self == .utf8 ? 3 : 2 }
    }

    static func byteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> ByteOrderMark? {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { return .utf8 }
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return .utf16LittleEndian }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return .utf16BigEndian }
        return nil
    }

    /// The `encoding` of an `<?xml …?>` declaration at the start.
    static func xmlDeclaration(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.count > 5, bytes[0] == 0x3C, bytes[1] == 0x3F, lowerEquals(bytes, 2, "xml") else { return nil }
        var end = 5
        while end < min(bytes.count, 512), bytes[end] != 0x3E { end += 1 }
        let declaration = UnsafeBufferPointer(rebasing: bytes[0..<end])
        guard let position = find(declaration, "encoding", from: 5) else { return nil }
        return attributeValue(declaration, after: position + 8)
    }

    /// The charset named by the first `<meta charset>` or `<meta http-equiv=content-type>`
    /// within ``prescanLimit`` bytes, skipping comments.
    static func htmlMeta(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let limit = min(bytes.count, prescanLimit)
        var index = 0
        while index < limit {
            guard bytes[index] == 0x3C else {
                index += 1
                continue
            }
            if index + 3 < limit, bytes[index + 1] == 0x21, bytes[index + 2] == 0x2D, bytes[index + 3] == 0x2D {
                // <!-- … -->
                index = (find(bytes, "-->", from: index + 4, limit: limit) ?? limit) + 3
                continue
            }
            guard index + 5 < limit, lowerEquals(bytes, index + 1, "meta"),
                  isSpace(bytes[index + 5]) || bytes[index + 5] == 0x2F else {
                index += 1
                continue
            }
            var end = index + 5
            while end < limit, bytes[end] != 0x3E { end += 1 }
            let tag = UnsafeBufferPointer(rebasing: bytes[index..<end])
            if let charset = charsetAttribute(tag) { return charset }
            index = end
        }
        return nil
    }

    /// `charset=…` directly, or inside `content` when `http-equiv` is Content-Type
    /// (WHATWG HTML §13.2.3.2: a `content` charset counts only with the pragma).
    private static func charsetAttribute(_ tag: UnsafeBufferPointer<UInt8>) -> String? {
        var charset: String?
        var content: String?
        var isContentType = false
        var cursor = 5 // after "<meta"
        while cursor < tag.count {
            while cursor < tag.count, isSpace(tag[cursor]) || tag[cursor] == 0x2F { cursor += 1 }
            let nameStart = cursor
            while cursor < tag.count, !isSpace(tag[cursor]), tag[cursor] != 0x3D, tag[cursor] != 0x2F { cursor += 1 }
            guard cursor > nameStart else { break }
            let name = String(decoding: tag[nameStart..<cursor], as: UTF8.self).lowercased()
            while cursor < tag.count, isSpace(tag[cursor]) { cursor += 1 }
            var value = ""
            if cursor < tag.count, tag[cursor] == 0x3D {
                cursor += 1
                while cursor < tag.count, isSpace(tag[cursor]) { cursor += 1 }
                if cursor < tag.count, tag[cursor] == 0x22 || tag[cursor] == 0x27 {
                    let quote = tag[cursor]
                    cursor += 1
                    let start = cursor
                    while cursor < tag.count, tag[cursor] != quote { cursor += 1 }
                    value = String(decoding: tag[start..<cursor], as: UTF8.self)
                    cursor += 1
                } else {
                    let start = cursor
                    while cursor < tag.count, !isSpace(tag[cursor]) { cursor += 1 }
                    value = String(decoding: tag[start..<cursor], as: UTF8.self)
                }
            }
            switch name {
            case "charset": if charset == nil { charset = value }
            case "content": if content == nil { content = value }
            case "http-equiv": isContentType = value.lowercased() == "content-type"
            default: break
            }
        }
        if let charset, !charset.isEmpty { return charset.trimmingASCIISpace() }
        guard isContentType, let content else { return nil }
        return charsetFromContent(content)
    }

    /// The charset in a Content-Type value: `text/html; charset=Shift_JIS`.
    static func charsetFromContent(_ content: String) -> String? {
        let bytes = Array(content.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> String? in
            guard let position = find(buffer, "charset", from: 0) else { return nil }
            var cursor = position + 7
            while cursor < buffer.count, isSpace(buffer[cursor]) { cursor += 1 }
            guard cursor < buffer.count, buffer[cursor] == 0x3D else { return nil }
            cursor += 1
            while cursor < buffer.count, isSpace(buffer[cursor]) || buffer[cursor] == 0x22 || buffer[cursor] == 0x27 {
                cursor += 1
            }
            let start = cursor
            while cursor < buffer.count, !isSpace(buffer[cursor]), buffer[cursor] != 0x3B, buffer[cursor] != 0x22,
                  buffer[cursor] != 0x27 { cursor += 1 }
            return cursor > start ? String(decoding: buffer[start..<cursor], as: UTF8.self) : nil
        }
    }

    /// The value of `name = "value"` where `position` is just after the name.
    private static func attributeValue(_ bytes: UnsafeBufferPointer<UInt8>, after position: Int) -> String? {
        var cursor = position
        while cursor < bytes.count, isSpace(bytes[cursor]) { cursor += 1 }
        guard cursor < bytes.count, bytes[cursor] == 0x3D else { return nil }
        cursor += 1
        while cursor < bytes.count, isSpace(bytes[cursor]) { cursor += 1 }
        guard cursor < bytes.count else { return nil }
        let quote = bytes[cursor]
        let quoted = quote == 0x22 || quote == 0x27
        if quoted { cursor += 1 }
        let start = cursor
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if quoted ? byte == quote : (isSpace(byte) || byte == 0x2F || byte == 0x3F || byte == 0x3B) { break }
            cursor += 1
        }
        guard cursor > start else { return nil }
        return String(decoding: bytes[start..<cursor], as: UTF8.self)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    private static func lowerEquals(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard start + count <= bytes.count else { return false }
        for offset in 0..<count {
            let byte = bytes[start + offset]
            let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            if lower != word.utf8Start[offset] { return false }
        }
        return true
    }

    private static func find(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString, from start: Int,
                             limit: Int? = nil) -> Int? {
        let end = (limit ?? bytes.count) - word.utf8CodeUnitCount
        guard start <= end else { return nil }
        for index in start...end where lowerEquals(bytes, index, word) { return index }
        return nil
    }

    /// The canonical name for a declared label (WHATWG Encoding labels, shortened):
    /// `latin1`, `ascii` and `iso-8859-1` are read as windows-1252, `gb2312` as GBK.
    static func canonicalName(_ label: String) -> String {
        let trimmed = label.trimmingASCIISpace().lowercased()
        switch trimmed {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8": return "UTF-8"
        case "utf-16", "utf-16le", "unicode", "ucs-2": return "UTF-16LE"
        case "utf-16be": return "UTF-16BE"
        case "iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii", "ascii", "ansi_x3.4-1968", "windows-1252",
             "cp1252", "x-cp1252", "cp819", "ibm819", "iso_8859-1", "iso-ir-100":
            return "windows-1252"
        case "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "windows-31j", "csshiftjis": return "Shift_JIS"
        case "euc-jp", "x-euc-jp", "cseucpkdfmtjapanese": return "EUC-JP"
        case "gb2312", "gbk", "x-gbk", "cp936", "chinese", "csgb2312", "gb_2312-80": return "GBK"
        case "gb18030": return "GB18030"
        case "big5", "big5-hkscs", "x-x-big5", "cn-big5": return "BIG5"
        case "euc-kr", "ks_c_5601-1987", "windows-949", "cseuckr": return "EUC-KR"
        case "koi8-r", "koi8", "cskoi8r": return "KOI8-R"
        default: return trimmed.isEmpty ? "UTF-8" : trimmed.uppercased()
        }
    }
}

extension String {
    func trimmingASCIISpace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" || first == "\n" || first == "\r" {
            scalars = scalars.dropFirst()
        }
        while let last = scalars.last, last == " " || last == "\t" || last == "\n" || last == "\r" {
            scalars = scalars.dropLast()
        }
        return String(scalars)
    }
}
