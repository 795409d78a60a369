#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file, refusing anything larger than ``MarkupLimits/maximumInputBytes``.
///
/// A regular file is read straight into an array of its size (one `fstat`, reads until
/// end of file: the size may change underneath); anything else (a pipe, a device) is
/// read in growing chunks.
public enum FileBytes {
    public static func read(_ path: String) throws(MarkupError) -> [UInt8] {
        do {
            return try read(path, limit: MarkupLimits.maximumInputBytes)
        } catch {
            switch error {
            case .tooLarge(let limit): throw MarkupError(.inputTooLarge, "'\(path)' is larger than \(limit) bytes")
            default: throw MarkupError(.unreadableFile, "cannot \(error.verb) '\(path)': \(error.reason)")
            }
        }
    }

    /// Why a file could not be read, without its path (callers name it their own way).
    public enum Failure: Error, Hashable, Sendable {
        case cannotOpen(errno: Int32)
        case cannotRead(errno: Int32)
        case directory
        case tooLarge(limit: Int)

        /// `open` or `read`.
        public var verb: String {
            if case .cannotOpen = self { return "open" }
            return "read"
        }

        /// `No such file or directory`, `it is a directory`, `larger than 67108864 bytes`.
        public var reason: String {
            switch self {
            case .cannotOpen(let code), .cannotRead(let code): String(cString: strerror(code))
            case .directory: "it is a directory"
            case .tooLarge(let limit): "larger than \(limit) bytes"
            }
        }
    }

    /// Reads `path`, failing with ``Failure/tooLarge(limit:)`` past `limit` bytes.
    public static func read(_ path: String, limit: Int) throws(Failure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotOpen(errno: errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .cannotRead(errno: errno) }
        if (status.st_mode & S_IFMT) == S_IFDIR { throw .directory }
        let size = (status.st_mode & S_IFMT) == S_IFREG ? Int(status.st_size) : 0
        if size > limit { throw .tooLarge(limit: limit) }
        // One byte more than the size, so that end of file is seen by the first short read.
        var capacity = max(size + 1, 4096)
        var bytes: [UInt8] = []
        while true {
            var failure: Int32 = 0
            let before = bytes.count
            let chunk = [UInt8](unsafeUninitializedCapacity: capacity - before) { buffer, initialized in
                initialized = 0
                while initialized < buffer.count {
                    let count = systemRead(descriptor, buffer.baseAddress! + initialized, buffer.count - initialized)
                    if count < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        return
                    }
                    if count == 0 { return }
                    initialized += count
                }
            }
            if failure != 0 { throw .cannotRead(errno: failure) }
            if before == 0 { bytes = chunk } else { bytes.append(contentsOf: chunk) }
            if bytes.count > limit { throw .tooLarge(limit: limit) }
            if bytes.count < capacity { return bytes }
            capacity *= 2
        }
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
#elseif canImport(Musl)
private let systemRead = Musl.read
#elseif canImport(Darwin)
private let systemRead = Darwin.read
#endif
