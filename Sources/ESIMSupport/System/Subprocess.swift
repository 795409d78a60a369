#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SystemPackage

/// Runs a program to completion and collects what it writes. Both pipes are drained
/// together (`poll`), so a child that writes much to one of them while the other is
/// unread cannot block; standard input is `/dev/null`.
package enum Subprocess {
    package struct Output: Sendable {
        /// The exit status, or 128 + the signal that ended it.
        package var status: Int32
        package var standardOutput: [UInt8]
        package var standardError: [UInt8]
    }

    /// Runs `arguments[0]`, found on `PATH`, with the rest as its arguments; `nil` when it
    /// cannot be started (not installed, not executable).
    package static func run(_ arguments: [String]) -> Output? {
        guard let (outRead, outWrite) = try? FileDescriptor.pipe() else { return nil }
        guard let (errRead, errWrite) = try? FileDescriptor.pipe() else {
            for descriptor in [outRead, outWrite] { try? descriptor.close() }
            return nil
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, outWrite.rawValue, 1)
        posix_spawn_file_actions_adddup2(&actions, errWrite.rawValue, 2)
        posix_spawn_file_actions_addclose(&actions, outRead.rawValue)
        posix_spawn_file_actions_addclose(&actions, errRead.rawValue)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ)
        try? outWrite.close()
        try? errWrite.close()
        guard spawned == 0 else {
            try? outRead.close()
            try? errRead.close()
            return nil
        }
        let (out, err) = drain(outRead, errRead)
        var exitStatus: Int32 = 0
        while waitpid(pid, &exitStatus, 0) == -1 && errno == EINTR {}
        let status: Int32 = (exitStatus & 0x7F) == 0 ? (exitStatus >> 8) & 0xFF : 128 + (exitStatus & 0x7F)
        // posix_spawnp reports a missing program as exit 127 from the child on Linux.
        if status == 127 { return nil }
        return Output(status: status, standardOutput: out, standardError: err)
    }

    /// Reads both descriptors until each reaches end of file, whichever has data first,
    /// then closes them.
    private static func drain(_ first: FileDescriptor, _ second: FileDescriptor) -> ([UInt8], [UInt8]) {
        var collected: [[UInt8]] = [[], []]
        var open = [true, true]
        let descriptors = [first, second]
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while open[0] || open[1] {
            var watched = (0..<2).map { pollfd(fd: open[$0] ? descriptors[$0].rawValue : -1, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&watched, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            for index in 0..<2 where open[index] && watched[index].revents != 0 {
                let count = buffer.withUnsafeMutableBytes { try? descriptors[index].read(into: $0) }
                if let count, count > 0 {
                    collected[index] += buffer[0..<count]
                } else {
                    open[index] = false
                }
            }
        }
        for descriptor in descriptors { try? descriptor.close() }
        return (collected[0], collected[1])
    }
}
