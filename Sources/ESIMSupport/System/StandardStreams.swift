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
        buffer.append(contentsOf: bytes)
        if buffer.count >= bufferSize { flush() }
    }

    package func flush() {
        _ = try? descriptor.writeAll(buffer)
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
}

/// Reads a text file line by line without loading it whole.
package struct LineReader {
    package let path: String

    package init(path: String) {
        self.path = path
    }

    /// Calls `body` with each line (line ending removed) and its 1-based number. Returns
    /// an error message when the file cannot be opened or read.
    package func forEachLine(_ body: (String, Int) -> Void) -> String? {
        guard let file = fopen(path, "r") else {
            return "cannot open '\(path)': \(String(cString: strerror(errno)))"
        }
        defer { fclose(file) }
        var buffer: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(buffer) }
        var number = 0
        while true {
            let length = getline(&buffer, &capacity, file)
            if length < 0 { break }
            number += 1
            guard let buffer else { continue }
            var end = length
            while end > 0, buffer[end - 1] == 0x0A || buffer[end - 1] == 0x0D { end -= 1 }
            let line = UnsafeRawBufferPointer(start: buffer, count: end)
            body(String(decoding: line, as: UTF8.self), number)
        }
        if ferror(file) != 0 {
            return "cannot read '\(path)': \(String(cString: strerror(errno)))"
        }
        return nil
    }
}
