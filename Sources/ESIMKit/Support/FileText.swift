/// A file's bytes as text and back, in the file's own encoding (for redaction and
/// fixtures); the files themselves are read and written by ESIMSupport.
package enum FileText {
    /// How a file's bytes were read as text. Files that are not UTF-8 are read one byte
    /// per character (Latin-1) and written back the same way, so their bytes outside
    /// the replaced spans never change; placeholders are ASCII.
    package enum Encoding: String, Sendable {
        case utf8 = "UTF-8"
        case singleByte = "single-byte (not UTF-8)"
    }

    package static func decode(_ bytes: [UInt8]) -> (text: String, encoding: Encoding) {
        if let text = String(validating: bytes, as: UTF8.self) { return (text, .utf8) }
        var scalars = String.UnicodeScalarView()
        for byte in bytes { scalars.append(Unicode.Scalar(byte)) }
        return (String(scalars), .singleByte)
    }

    package static func encode(_ text: String, as encoding: Encoding) -> [UInt8] {
        switch encoding {
        case .utf8: return Array(text.utf8)
        case .singleByte: return text.unicodeScalars.map { $0.value < 256 ? UInt8($0.value) : UInt8(ascii: "?") }
        }
    }

    /// Where the content of `bytes` starts: past a UTF-8 byte-order mark and leading white
    /// space (`bytes.count` when there is nothing else).
    package static func contentStart(_ bytes: [UInt8]) -> Int {
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count, ASCII.isWhitespace(bytes[start]) { start += 1 }
        return start
    }

    /// Whether the file at `path` looks like a binary file, by its first 8 KiB (a file that
    /// cannot be opened does not).
    package static func isBinaryFile(_ path: String) -> Bool {
        isBinary(FileReader.head(path, count: 8192))
    }

    /// Whether the bytes look like a binary file rather than text with a stray control byte
    /// (see ``sniff(_:)``).
    package static func isBinary(_ bytes: [UInt8]) -> Bool {
        if case .binary = sniff(bytes[...]) { return true }
        return false
    }

    /// What a file's bytes are, by their first bytes and their control bytes.
    package enum Sniff: Equatable, Sendable {
        /// No control byte other than tab, line breaks, form feed and escape.
        case text
        /// Text with a few control bytes (NUL, say) that no text file means to hold: a page
        /// saved with a stray byte, which a browser shows all the same.
        case strayControls(count: Int, firstOffset: Int, firstByte: UInt8)
        /// A known binary format by its magic number, or many control bytes.
        case binary(offset: Int, byte: UInt8, format: String?)

        /// "binary data (byte 0x1a at offset 6)", "a PNG image": what the refusal says.
        package var description: String {
            switch self {
            case .text: return "text"
            case .strayControls(let count, let offset, let byte):
                return "\(count) control byte\(count == 1 ? "" : "s") (0x\(Self.hex(byte)) at offset \(offset)\(count == 1 ? "" : " first"))"
            case .binary(_, _, let format?): return format
            case .binary(let offset, let byte, nil): return "binary data (byte 0x\(Self.hex(byte)) at offset \(offset))"
            }
        }

        static func hex(_ byte: UInt8) -> String {
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }
    }

    /// Magic numbers of binary formats people might hand a command by mistake.
    static let magicNumbers: [(bytes: [UInt8], format: String)] = [
        ([0x89, 0x50, 0x4E, 0x47], "a PNG image"), ([0xFF, 0xD8, 0xFF], "a JPEG image"),
        (Array("GIF8".utf8), "a GIF image"), (Array("%PDF-".utf8), "a PDF document"),
        ([0x50, 0x4B, 0x03, 0x04], "a ZIP archive"), ([0x1F, 0x8B], "gzip-compressed data"),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "xz-compressed data"), ([0x28, 0xB5, 0x2F, 0xFD], "zstd-compressed data"),
        ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], "a 7z archive"), ([0x7F, 0x45, 0x4C, 0x46], "an ELF executable"),
        (Array("SQLite format 3".utf8) + [0], "an SQLite database"),
    ]

    /// Sorts bytes into text, text with stray control bytes, and binary data: a known magic
    /// number is binary; so are control bytes (other than tab, line breaks, form feed and
    /// escape) more than 32 in all or more than one in a hundred bytes. Fewer are strays.
    package static func sniff(_ bytes: ArraySlice<UInt8>) -> Sniff {
        for (magic, format) in magicNumbers where bytes.starts(with: magic) {
            return .binary(offset: bytes.startIndex, byte: bytes.first!, format: format)
        }
        guard let first = firstControlByte(bytes) else { return .text }
        var count = 0
        for byte in bytes[first...] where isControl(byte) {
            count += 1
            if count > 32 { break }
        }
        if count > 32 || count * 100 > bytes.count {
            return .binary(offset: first - bytes.startIndex, byte: bytes[first], format: nil)
        }
        return .strayControls(count: count, firstOffset: first - bytes.startIndex, firstByte: bytes[first])
    }

    /// A control byte no text file holds: NUL and the C0 controls other than tab, line
    /// breaks, form feed and escape.
    @inline(__always)
    package static func isControl(_ byte: UInt8) -> Bool {
        byte < 0x20 && (byte < 0x09 || (byte > 0x0D && byte != 0x1B))
    }

    /// The index of the first control byte (see ``isControl(_:)``).
    package static func firstControlByte(_ bytes: ArraySlice<UInt8>) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            let raw = UnsafeRawPointer(base)
            var offset = 0
            while offset < buffer.count {
                // Eight bytes at a time: a word with no byte below 0x20 is skipped whole
                // (most of a page); one with a line break or tab is read byte by byte.
                if offset + 8 <= buffer.count {
                    let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    if (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080 == 0 {
                        offset += 8
                        continue
                    }
                }
                for index in offset..<min(offset + 8, buffer.count) where isControl(buffer[index]) {
                    return bytes.startIndex + index
                }
                offset += 8
            }
            return nil
        }
    }

    /// The index of the first NUL byte, a word at a time.
    package static func firstNUL(in bytes: ArraySlice<UInt8>) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            let raw = UnsafeRawPointer(base)
            var offset = 0
            while offset + 8 <= buffer.count {
                let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                // Exact for "some byte is zero" (the usual SWAR test).
                if (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0 { break }
                offset += 8
            }
            while offset < buffer.count {
                if buffer[offset] == 0 { return bytes.startIndex + offset }
                offset += 1
            }
            return nil
        }
    }

    /// The bytes without their control bytes: what a browser shows of a page with strays
    /// (the HTML parser drops NUL in text; the other controls are parse errors).
    package static func removingControls(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        for byte in bytes where !isControl(byte) { result.append(byte) }
        return result
    }
}
