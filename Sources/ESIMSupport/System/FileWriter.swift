#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SystemPackage

/// Writes whole files atomically, and makes directories.
package enum FileWriter {
    /// Writes beside the target and renames over it: a reader never sees half a file, and
    /// a failure leaves the old file as it was. Every byte is written (interrupted and short
    /// writes are continued) before the rename.
    package static func write(_ bytes: [UInt8], to path: String, permissions: FilePermissions = [.ownerReadWrite, .groupRead, .otherRead])
        throws(FileError) {
        let temporary = path + ".tmp-\(getpid())"
        do {
            let descriptor = try FileDescriptor.open(temporary, .writeOnly, options: [.create, .truncate, .closeOnExec],
                                                     permissions: permissions)
            try descriptor.closeAfter { _ = try descriptor.writeAll(bytes) }
            try rename(temporary, path)
        } catch {
            unlink(temporary)
            throw FileError(.cannotWrite, FileReader.reason(error), file: path)
        }
    }

    private static func rename(_ from: String, _ to: String) throws(Errno) {
        guard systemRename(from, to) == 0 else { throw Errno(rawValue: errno) }
    }

    /// Creates a directory and its parents (mode 0700 when `private`, else 0755).
    package static func makeDirectory(_ path: String, private isPrivate: Bool = false) throws(FileError) {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if FileStatus.exists(current) { continue }
            guard mkdir(current, isPrivate ? 0o700 : 0o755) == 0 || errno == EEXIST else {
                throw FileError(.cannotCreateDirectory, Errno(rawValue: errno).description, file: current)
            }
        }
    }
}

#if canImport(Glibc)
private let systemRename = Glibc.rename
#elseif canImport(Musl)
private let systemRename = Musl.rename
#elseif canImport(Darwin)
private let systemRename = Darwin.rename
#endif
