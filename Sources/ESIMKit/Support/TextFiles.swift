#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Musl)
private let systemWrite = Musl.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif

import ESIMMarkup

/// Whole files as text: read, written atomically, decoded and encoded in their own
/// encoding (for redaction, fixtures and expected files).
public enum TextFiles {
    /// How a file's bytes were read as text. Files that are not UTF-8 are read one byte
    /// per character (Latin-1) and written back the same way, so their bytes outside
    /// the replaced spans never change; placeholders are ASCII.
    public enum TextEncoding: String, Sendable {
        case utf8 = "UTF-8"
        case singleByte = "single-byte (not UTF-8)"
    }

    public static func decode(_ bytes: [UInt8]) -> (text: String, encoding: TextEncoding) {
        if let text = String(validating: bytes, as: UTF8.self) { return (text, .utf8) }
        var scalars = String.UnicodeScalarView()
        for byte in bytes { scalars.append(Unicode.Scalar(byte)) }
        return (String(scalars), .singleByte)
    }

    public static func encode(_ text: String, as encoding: TextEncoding) -> [UInt8] {
        switch encoding {
        case .utf8: return Array(text.utf8)
        case .singleByte: return text.unicodeScalars.map { $0.value < 256 ? UInt8($0.value) : UInt8(ascii: "?") }
        }
    }

    /// Whether the bytes look like a binary file (NUL or other control bytes early on).
    public static func isBinary(_ bytes: [UInt8]) -> Bool {
        bytes.prefix(8192).contains { $0 == 0 || ($0 < 0x09) || ($0 > 0x0D && $0 < 0x20 && $0 != 0x1B) }
    }

    /// Every regular file under the given paths (files as given, directories walked,
    /// hidden entries skipped), in path order.
    public static func list(_ paths: [String]) throws(RedactionError) -> [String] {
        var result: [String] = []
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else { throw RedactionError("no such file or directory", file: path) }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                try walk(path, into: &result, depth: 0)
            } else {
                result.append(path)
            }
        }
        return result
    }

    static func walk(_ directory: String, into result: inout [String], depth: Int) throws(RedactionError) {
        guard depth < 32, let handle = opendir(directory) else {
            throw RedactionError("cannot open the directory", file: directory)
        }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if !name.hasPrefix(".") { names.append(name) }
        }
        for name in names.sorted() {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                try walk(path, into: &result, depth: depth + 1)
            } else if (info.st_mode & S_IFMT) == S_IFREG {
                result.append(path)
            }
        }
    }

    public static func read(_ path: String) throws(RedactionError) -> [UInt8] {
        do {
            return try FileBytes.read(path, limit: 64 << 20)
        } catch {
            if case .tooLarge = error { throw RedactionError("larger than 64 MiB", file: path) }
            throw RedactionError("cannot \(error.verb) (\(error.reason))", file: path)
        }
    }

    /// Writes beside the target and renames over it: a reader never sees half a file,
    /// and a failure leaves the old file as it was.
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws(RedactionError) {
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, mode)
        guard descriptor >= 0 else { throw RedactionError("cannot write (\(String(cString: strerror(errno))))", file: path) }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            written += count
        }
        let closed = close(descriptor)
        guard written == bytes.count, closed == 0, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw RedactionError("cannot write (\(String(cString: strerror(errno))))", file: path)
        }
    }

    /// Creates a directory and its parents (mode 0700 when `private`).
    public static func makeDirectory(_ path: String, private isPrivate: Bool = false) throws(RedactionError) {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            var info = stat()
            if stat(current, &info) == 0 { continue }
            guard mkdir(current, isPrivate ? 0o700 : 0o755) == 0 || errno == EEXIST else {
                throw RedactionError("cannot create the directory (\(String(cString: strerror(errno))))", file: current)
            }
        }
    }

    /// The file's first `count` bytes (fewer for a shorter file; none when it cannot be
    /// opened): enough to tell what kind of file it is without reading it all.
    public static func head(_ path: String, count: Int) -> [UInt8] {
        guard let file = fopen(path, "rb") else { return [] }
        defer { fclose(file) }
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.removeLast(count - fread(&bytes, 1, count, file))
        return bytes
    }

    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}

/// The redaction key: 32 random bytes kept outside the repository, so placeholders are
/// stable across a fixture set and nobody without the key can test guesses against them.
public enum RedactionKey {
    /// `$XDG_CONFIG_HOME/esimtool/redact.key`, else `~/.config/esimtool/redact.key`.
    public static var defaultPath: String? {
        if let config = getenv("XDG_CONFIG_HOME").map({ String(cString: $0) }), !config.isEmpty {
            return config + "/esimtool/redact.key"
        }
        guard let home = getenv("HOME").map({ String(cString: $0) }), !home.isEmpty else { return nil }
        return home + "/.config/esimtool/redact.key"
    }

    /// Reads the key at `path`, creating it (mode 0600) with fresh random bytes if absent.
    public static func load(_ path: String, create: Bool = true) throws(RedactionError) -> [UInt8] {
        if TextFiles.exists(path) {
            let bytes = try TextFiles.read(path)
            guard bytes.count >= 16 else { throw RedactionError("a redaction key needs at least 16 bytes", file: path) }
            return bytes
        }
        guard create else { throw RedactionError("no redaction key here", file: path) }
        var key = [UInt8](repeating: 0, count: 32)
        guard let random = fopen("/dev/urandom", "rb"), fread(&key, 1, 32, random) == 32 else {
            throw RedactionError("cannot read random bytes for a new key", file: path)
        }
        fclose(random)
        let directory = String(path.dropLast(path.split(separator: "/").last?.count ?? 0))
        if !directory.isEmpty { try TextFiles.makeDirectory(directory, private: true) }
        try TextFiles.write(key, to: path, mode: 0o600)
        return key
    }
}

public struct RedactionError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var file: String

    public init(_ message: String, file: String) {
        self.message = message
        self.file = file
    }

    public var description: String { "\(file): \(message)" }
}
