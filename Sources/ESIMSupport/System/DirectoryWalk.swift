#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SystemPackage

/// Directory listings and walks.
package enum DirectoryWalk {
    /// A file found by ``files(under:maximumDepth:failBeyondDepth:)``.
    package struct Entry: Hashable, Sendable {
        package var path: String
        package var name: String
        package var isRegularFile: Bool
    }

    /// Why a directory could not be opened, in words: `no such directory`, `not a directory`.
    static func reason(_ number: Int32) -> String {
        switch number {
        case ENOENT: "no such directory"
        case ENOTDIR: "not a directory"
        case EACCES: "cannot open the directory (permission denied)"
        default: "cannot open the directory (\(Errno(rawValue: number).description))"
        }
    }

    /// The names in `directory` (`.` and `..` left out), in the order the system gives them.
    package static func names(in directory: String) throws(FileError) -> [String] {
        guard let handle = opendir(directory) else {
            throw FileError(.cannotOpenDirectory, Self.reason(errno), file: directory)
        }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Every entry below `directory` that is not a directory, depth first with the names of
    /// each directory in order; hidden entries (a name starting with `.`) are skipped, and so
    /// is an entry that cannot be looked at. Directories deeper than `maximumDepth` below
    /// `directory` are not entered — or, with `failBeyondDepth`, are an error.
    package static func files(under directory: String, maximumDepth: Int, failBeyondDepth: Bool) throws(FileError) -> [Entry] {
        var result: [Entry] = []
        try walk(directory, depth: 0, maximumDepth: maximumDepth, failBeyondDepth: failBeyondDepth, into: &result)
        return result
    }

    private static func walk(_ directory: String, depth: Int, maximumDepth: Int, failBeyondDepth: Bool,
                             into result: inout [Entry]) throws(FileError) {
        guard depth <= maximumDepth else {
            if failBeyondDepth { throw FileError(.cannotOpenDirectory, "nested more than \(maximumDepth) directories deep", file: directory) }
            return
        }
        for name in try names(in: directory).sorted() where !name.hasPrefix(".") {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            guard let status = Stat.at(path) else { continue }
            if status.type == .directory {
                try walk(path, depth: depth + 1, maximumDepth: maximumDepth, failBeyondDepth: failBeyondDepth, into: &result)
            } else {
                result.append(Entry(path: path, name: name, isRegularFile: status.type == .regular))
            }
        }
    }
}

extension DirectoryWalk {
    /// Every regular file under `paths`: a file as given, a directory walked (hidden entries
    /// skipped, at most 32 levels deep), in path order within each directory.
    package static func regularFiles(in paths: [String]) throws(FileError) -> [String] {
        var result: [String] = []
        for path in paths {
            guard let status = Stat.at(path) else { throw FileError(.notFound, "no such file or directory", file: path) }
            if status.type == .directory {
                result += try files(under: path, maximumDepth: 31, failBeyondDepth: true).filter(\.isRegularFile).map(\.path)
            } else {
                result.append(path)
            }
        }
        return result
    }
}
