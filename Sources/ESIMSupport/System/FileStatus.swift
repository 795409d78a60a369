#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SystemPackage

/// What is at a path, from `stat` (symbolic links followed).
package enum FileStatus {
    package static func exists(_ path: String) -> Bool {
        Stat.at(path) != nil
    }

    package static func isDirectory(_ path: String) -> Bool {
        Stat.at(path)?.type == .directory
    }

    /// Whether the process may read the file.
    package static func isReadable(_ path: String) -> Bool {
        access(path, R_OK) == 0
    }

    /// When the file was last modified, in whole seconds since 1970-01-01 UTC.
    package static func modificationTime(_ path: String) -> Int64? {
        Stat.at(path).map { Int64($0.st_mtim.tv_sec) }
    }
}
