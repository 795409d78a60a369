import SystemPackage

// Paths arrive as Swift strings and go to the system as C strings: building a FilePath
// (which normalizes separators) for every call cost more than the call itself.

extension Stat {
    /// `stat` of `path` (symbolic links followed); `nil` when there is nothing to look at.
    static func at(_ path: String) -> Stat? {
        path.withCString { try? Stat($0) }
    }
}

extension FileDescriptor {
    /// Opens `path`; interrupted calls are retried.
    static func open(_ path: String, _ mode: AccessMode, options: OpenOptions = [],
                     permissions: FilePermissions? = nil) throws -> FileDescriptor {
        try path.withCString { try FileDescriptor.open($0, mode, options: options, permissions: permissions) }
    }
}
