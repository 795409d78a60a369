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

    /// Whether the file at `path` looks like a binary file, by its first 8 KiB (a file that
    /// cannot be opened does not).
    package static func isBinaryFile(_ path: String) -> Bool {
        isBinary(FileReader.head(path, count: 8192))
    }

    /// Whether the bytes look like a binary file (NUL or other control bytes early on).
    package static func isBinary(_ bytes: [UInt8]) -> Bool {
        bytes.prefix(8192).contains { $0 == 0 || ($0 < 0x09) || ($0 > 0x0D && $0 < 0x20 && $0 != 0x1B) }
    }
}
