import ESIMMarkup

/// Why a file could not be read as an account page at all.
package enum PageErrorCode: String, ErrorCode, Codable {
    case unreadableFile
    case empty
    /// NUL bytes or other control bytes: an image, an archive, a PDF.
    case binary
    /// Text with no markup and no JSON.
    case notMarkup
    case invalidJSON
    /// libxml2 refused it (too large, too deep, …).
    case unparseable
    /// `--carrier` or `--page` names something the specs do not have.
    case unknownSpec
}

/// A file that is not an account page: `overview.html: the file is empty`.
package typealias PageError = CodedError<PageErrorCode>

/// A saved page: its name (for messages) and bytes.
package struct PageInput: Sendable {
    package var name: String
    package var bytes: [UInt8]

    package init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    /// The SHA-256 of the bytes, in hex: the same page saved twice has the same one.
    package var fingerprint: String { SHA256.hexDigest(bytes) }

    package init(contentsOfFile path: String) throws(PageError) {
        do {
            bytes = try MarkupLimits.readFile(path)
        } catch {
            throw PageError(.unreadableFile, error.message, file: path)
        }
        name = path
    }
}

/// A page loaded for extraction: markup (HTML, or XML such as an entitlement response)
/// or a JSON document (an account API response).
enum LoadedPage {
    case markup(any MarkupDocument, savedFrom: String?)
    case json(JSONValue)

    /// Reads the bytes as the kind of document they are, refusing what is not a page.
    static func load(_ input: PageInput) throws(PageError) -> LoadedPage {
        var notes: [SnapshotDiagnostic] = []
        return try load(input, notes: &notes)
    }

    /// Reads the bytes as the kind of document they are, refusing what is not a page; a
    /// few stray control bytes (a NUL, say) are left out, as a browser does, with a note.
    static func load(_ input: PageInput, notes: inout [SnapshotDiagnostic]) throws(PageError) -> LoadedPage {
        var bytes = input.bytes
        var start = FileText.contentStart(bytes)
        guard start < bytes.count else {
            throw PageError(.empty, bytes.isEmpty ? "the file is empty" : "the file holds only white space", file: input.name)
        }
        let isUTF16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        if !isUTF16 {
            // Binary or not by the first 4 KiB; past them only a NUL is looked for (a word at
            // a time), the byte that would cut the parse short.
            let headEnd = min(bytes.count, start + 4096)
            var verdict = FileText.sniff(bytes[..<headEnd])
            if verdict == .text, headEnd < bytes.count, FileText.firstNUL(in: bytes[headEnd...]) != nil {
                verdict = FileText.sniff(bytes[...])
            } else if case .strayControls = verdict {
                // How many in all (the whole file decides whether they are strays).
                verdict = FileText.sniff(bytes[...])
            }
            switch verdict {
            case .text: break
            case .binary(let offset, let byte, let format):
                let what = format ?? "binary data (byte 0x\(FileText.Sniff.hex(byte)) at offset \(offset))"
                throw PageError(.binary, "\(what), not a saved page", file: input.name)
            case let strays:
                notes.append(SnapshotDiagnostic(.page, "the page holds \(strays.description); read without them, as a browser shows it"))
                bytes = FileText.removingControls(bytes)
                start = FileText.contentStart(bytes)
                guard start < bytes.count else {
                    throw PageError(.empty, "the file holds only white space and control bytes", file: input.name)
                }
            }
        }
        let head = bytes[start..<min(bytes.count, start + 4096)]
        let first = bytes[start]
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            do {
                return .json(try JSONValue(parsing: String(decoding: bytes[start...], as: UTF8.self)))
            } catch {
                throw PageError(.invalidJSON, "not valid JSON: \(error.message)\(error.offset.map { " (offset \($0))" } ?? "")",
                                file: input.name)
            }
        }
        guard isUTF16 || head.contains(UInt8(ascii: "<")) else {
            throw PageError(.notMarkup, "no markup in the first \(head.count) bytes: not an HTML, XML or JSON page", file: input.name)
        }
        do {
            if head.starts(with: Array("<?xml".utf8)) {
                let prefix = String(decoding: head.prefix(512), as: UTF8.self).lowercased()
                if !prefix.contains("<html") && !prefix.contains("xhtml") {
                    return .markup(try XMLDocument(bytes: bytes), savedFrom: nil)
                }
            }
            return .markup(try HTMLDocument(bytes: bytes), savedFrom: savedFromURL(bytes[start...]))
        } catch {
            throw PageError(.unparseable, error.detail, file: input.name)
        }
    }

    /// The address in a browser's `<!-- saved from url=(0042)https://… -->` comment,
    /// looked for in the first bytes of the page.
    static func savedFromURL(_ bytes: ArraySlice<UInt8>) -> String? {
        let marker: [UInt8] = Array("saved from url=(".utf8)
        let head = bytes.prefix(1024)
        var found: Int?
        var index = head.startIndex
        while index + marker.count <= head.endIndex {
            // The comment comes before any markup; stop at the first element.
            if head[index] == UInt8(ascii: "<") && index + 1 < head.endIndex && ASCII.isLetter(head[index + 1]) && head[index + 1] != UInt8(ascii: "h") {
                break
            }
            if head[index] == UInt8(ascii: "s") {
                var matched = 1
                while matched < marker.count && head[index + matched] == marker[matched] { matched += 1 }
                if matched == marker.count { found = index; break }
            }
            index += 1
        }
        guard let start = found else { return nil }
        index = start + marker.count
        while index < head.endIndex, head[index] != UInt8(ascii: ")") { index += 1 }
        index += 1
        var end = index
        while end < head.endIndex, !ASCII.isWhitespace(head[end]),
              !(head[end] == UInt8(ascii: "-") && end + 2 < head.endIndex && head[end + 1] == UInt8(ascii: "-")
                && head[end + 2] == UInt8(ascii: ">")) {
            end += 1
        }
        guard index < end else { return nil }
        return String(decoding: head[index..<end], as: UTF8.self)
    }
}
