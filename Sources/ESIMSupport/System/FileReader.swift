import SystemPackage

/// Reads whole files, with one limit policy: the size is checked before reading (one
/// `fstat`) and again while reading (the file may grow, and pipes and devices have no
/// size), and a file past the limit is refused with ``FileErrorCode/tooLarge``, not cut.
///
/// A regular file is read straight into an array of its size (reading until end of file:
/// the size may change underneath); anything else (a pipe, a device) is read in growing
/// chunks. Interrupted calls are retried.
package enum FileReader {
    /// The largest file read unless a caller asks for less (64 MiB).
    package static let maximumBytes = 64 << 20

    package static func read(_ path: String, limit: Int = maximumBytes) throws(FileError) -> [UInt8] {
        let descriptor: FileDescriptor
        do { descriptor = try FileDescriptor.open(path, .readOnly, options: [.closeOnExec]) } catch {
            throw FileError(.cannotOpen, reason(error), file: path)
        }
        defer { try? descriptor.close() }
        let status: Stat
        do { status = try Stat(descriptor) } catch { throw FileError(.cannotRead, reason(error), file: path) }
        if status.type == .directory { throw FileError(.isDirectory, "it is a directory", file: path) }
        let size = status.type == .regular ? Int(status.size) : 0
        if size > limit { throw tooLarge(path, limit: limit) }
        // One byte more than the size, so that end of file is seen by the first short read.
        var capacity = max(size + 1, 4096)
        var bytes: [UInt8] = []
        while true {
            var failure: Errno?
            let before = bytes.count
            let chunk = [UInt8](unsafeUninitializedCapacity: capacity - before) { buffer, initialized in
                initialized = 0
                while initialized < buffer.count {
                    let count: Int
                    do {
                        count = try descriptor.read(into: UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[initialized...])))
                    } catch {
                        failure = error as? Errno ?? .ioError
                        return
                    }
                    if count == 0 { return }
                    initialized += count
                }
            }
            if let failure { throw FileError(.cannotRead, failure.description, file: path) }
            if before == 0 { bytes = chunk } else { bytes.append(contentsOf: chunk) }
            if bytes.count > limit { throw tooLarge(path, limit: limit) }
            if bytes.count < capacity { return bytes }
            capacity *= 2
        }
    }

    /// The file's first `count` bytes (fewer for a shorter file; none when it cannot be
    /// opened): enough to tell what kind of file it is without reading it all.
    package static func head(_ path: String, count: Int) -> [UInt8] {
        guard let descriptor = try? FileDescriptor.open(path, .readOnly, options: [.closeOnExec]) else { return [] }
        defer { try? descriptor.close() }
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = 0
            while initialized < buffer.count {
                guard let read = try? descriptor.read(into: UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[initialized...]))),
                      read > 0 else { return }
                initialized += read
            }
        }
    }

    private static func tooLarge(_ path: String, limit: Int) -> FileError {
        let size = limit % (1 << 20) == 0 ? "\(limit >> 20) MiB" : "\(limit) bytes"
        return FileError(.tooLarge, "larger than \(size)", file: path)
    }

    /// The system's words for why a call failed.
    static func reason(_ error: any Error) -> String {
        (error as? Errno)?.description ?? "\(error)"
    }
}
