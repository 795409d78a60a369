#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SystemPackage

/// Buffered writes to a file descriptor (stdio's `stdout` is shared mutable state Swift 6
/// will not touch). A reader that goes away (`EPIPE`) drops the rest of the output.
package final class DescriptorWriter {
    private let descriptor: FileDescriptor
    private let bufferSize: Int
    private var buffer: [UInt8] = []
    /// Set once a write failed because the reader went away (`EPIPE`); later writes are dropped.
    package private(set) var isClosed = false

    package init(descriptor: FileDescriptor, bufferSize: Int) {
        self.descriptor = descriptor
        self.bufferSize = bufferSize
        buffer.reserveCapacity(bufferSize)
    }

    /// Standard output, buffered by 64 KiB; standard error, unbuffered.
    package static func standardOutput() -> DescriptorWriter { DescriptorWriter(descriptor: .standardOutput, bufferSize: 1 << 16) }
    package static func standardError() -> DescriptorWriter { DescriptorWriter(descriptor: .standardError, bufferSize: 0) }

    deinit { flush() }

    package func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= bufferSize { flush() }
    }

    package func write(bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { write(buffer: $0) }
    }

    /// Bytes in place (a bulk decode's output block), without a copy when the block is large.
    package func write(buffer bytes: UnsafeBufferPointer<UInt8>) {
        // A large block goes out as it is, without a copy into the buffer.
        if bytes.count >= bufferSize, !bytes.isEmpty {
            flush()
            if !isClosed {
                do { _ = try descriptor.writeAll(UnsafeRawBufferPointer(bytes)) } catch {
                    if (error as? Errno) == .brokenPipe { isClosed = true }
                }
            }
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= bufferSize { flush() }
    }

    package func flush() {
        guard !buffer.isEmpty else { return }
        if !isClosed {
            do { _ = try descriptor.writeAll(buffer) } catch {
                if (error as? Errno) == .brokenPipe { isClosed = true }
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// The process's standard input and error as the command line uses them.
package enum StandardStreams {
    /// All of standard input, as bytes.
    package static func readAllInput() -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while let count = buffer.withUnsafeMutableBytes({ try? FileDescriptor.standardInput.read(into: $0) }), count > 0 {
            bytes.append(contentsOf: buffer[..<count])
        }
        return bytes
    }

    /// Whether standard error is a terminal (where diagnostics may use colour).
    package static var errorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Whether standard output is a terminal.
    package static var outputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
}
