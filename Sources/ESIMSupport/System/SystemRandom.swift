import SystemPackage

/// Random bytes from the system (`/dev/urandom`), for keys.
package enum SystemRandom {
    /// `count` random bytes, or `nil` when the system cannot give them.
    package static func bytes(_ count: Int) -> [UInt8]? {
        guard let descriptor = try? FileDescriptor.open("/dev/urandom", .readOnly, options: [.closeOnExec]) else { return nil }
        defer { try? descriptor.close() }
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let read = bytes.withUnsafeMutableBytes { buffer in
                try? descriptor.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            }
            guard let read, read > 0 else { return nil }
            filled += read
        }
        return bytes
    }
}
