#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command's output goes: results to `out`, diagnostics to `err`. Tests pass a
/// capturing console; ``standard()`` writes to the process's stdout and stderr.
final class Console {
    private let writeOut: (String) -> Void
    /// Raw bytes to standard output (a redacted file in its own encoding).
    private let writeOutBytes: ([UInt8]) -> Void
    private let writeErr: (String) -> Void
    private let flushOut: () -> Void
    /// Reads the next line of standard input without its line ending, `nil` at the end.
    let readLine: () -> String?
    /// Reads all of standard input as bytes (binary input such as DER).
    private let readBytes: (() -> [UInt8])?
    /// Whether diagnostics may use ANSI colour (a terminal, and NO_COLOR unset).
    let colorDiagnostics: Bool

    init(writeOut: @escaping (String) -> Void, writeOutBytes: (([UInt8]) -> Void)? = nil, writeErr: @escaping (String) -> Void,
         flushOut: @escaping () -> Void = {}, readLine: @escaping () -> String? = { nil },
         readBytes: (() -> [UInt8])? = nil, colorDiagnostics: Bool = false) {
        self.readBytes = readBytes
        self.writeOut = writeOut
        self.writeOutBytes = writeOutBytes ?? { writeOut(String(decoding: $0, as: UTF8.self)) }
        self.writeErr = writeErr
        self.flushOut = flushOut
        self.readLine = readLine
        self.colorDiagnostics = colorDiagnostics
    }

    static func standard() -> Console {
        let noColor = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
        let stdoutWriter = DescriptorWriter(descriptor: STDOUT_FILENO, bufferSize: 1 << 16)
        let stderrWriter = DescriptorWriter(descriptor: STDERR_FILENO, bufferSize: 0)
        return Console(
            writeOut: { stdoutWriter.write($0) },
            writeOutBytes: { stdoutWriter.write(bytes: $0) },
            writeErr: { text in
                stdoutWriter.flush()
                stderrWriter.write(text)
            },
            flushOut: { stdoutWriter.flush() },
            readLine: { Swift.readLine(strippingNewline: true) },
            readBytes: {
                var bytes: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 1 << 16)
                while true {
                    let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
                    if count > 0 {
                        bytes.append(contentsOf: buffer[..<count])
                    } else if count < 0 && errno == EINTR {
                        continue
                    } else {
                        break
                    }
                }
                return bytes
            },
            colorDiagnostics: isatty(STDERR_FILENO) == 1 && !noColor)
    }

    func out(_ line: String) { writeOut(line + "\n") }

    /// All of standard input, as bytes; lines joined with `\n` when only lines can be read.
    func readAll() -> [UInt8] {
        if let readBytes { return readBytes() }
        var lines: [String] = []
        while let line = readLine() { lines.append(line) }
        return Array(lines.joined(separator: "\n").utf8)
    }

    func outBytes(_ bytes: [UInt8]) { writeOutBytes(bytes) }

    func err(_ line: String) { writeErr(line + "\n") }

    func flush() { flushOut() }

    func error(_ message: String) {
        err(paint("error:", "31;1") + " " + message)
    }

    func warning(_ message: String) {
        err(paint("warning:", "33;1") + " " + message)
    }

    private func paint(_ text: String, _ sgr: String) -> String {
        colorDiagnostics ? "\u{1B}[\(sgr)m\(text)\u{1B}[0m" : text
    }
}

/// Reads a text file line by line (`-` is standard input) without loading it whole.
struct LineSource {
    let path: String

    /// Calls `body` with each line (line ending removed) and its 1-based number.
    /// Returns an error message when the file cannot be opened or read.
    func forEachLine(console: Console, _ body: (String, Int) -> Void) -> String? {
        if path == "-" {
            var number = 0
            while let line = console.readLine() {
                number += 1
                body(line, number)
            }
            return nil
        }
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

/// Buffered writes to a file descriptor (stdio's `stdout` is shared mutable state
/// Swift 6 will not touch).
final class DescriptorWriter {
    private let descriptor: Int32
    private let bufferSize: Int
    private var buffer: [UInt8] = []

    init(descriptor: Int32, bufferSize: Int) {
        self.descriptor = descriptor
        self.bufferSize = bufferSize
        buffer.reserveCapacity(bufferSize)
    }

    deinit { flush() }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= bufferSize { flush() }
    }

    func write(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= bufferSize { flush() }
    }

    func flush() {
        var start = 0
        while start < buffer.count {
            let written = buffer[start...].withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                break // EPIPE and the like: the reader is gone, drop the output.
            }
            start += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
