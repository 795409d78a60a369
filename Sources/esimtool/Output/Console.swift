import ESIMSupport

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
        let noColor = Environment.value("NO_COLOR") != nil
        let stdoutWriter = DescriptorWriter.standardOutput()
        let stderrWriter = DescriptorWriter.standardError()
        return Console(
            writeOut: { stdoutWriter.write($0) },
            writeOutBytes: { stdoutWriter.write(bytes: $0) },
            writeErr: { text in
                stdoutWriter.flush()
                stderrWriter.write(text)
            },
            flushOut: { stdoutWriter.flush() },
            readLine: { Swift.readLine(strippingNewline: true) },
            readBytes: StandardStreams.readAllInput,
            colorDiagnostics: StandardStreams.errorIsTerminal && !noColor)
    }

    func out(_ line: String) { writeOut(line + "\n") }

    /// All of standard input, as bytes; lines joined with `\n` when only lines can be read.
    func readAll() -> [UInt8] {
        if let readBytes { return readBytes() }
        var lines: [String] = []
        while let line = readLine() { lines.append(line) }
        return Array(lines.joined(separator: "\n").utf8)
    }

    /// Every line of standard input.
    func readLines() -> [String] {
        var lines: [String] = []
        while let line = readLine() { lines.append(line) }
        return lines
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
        guard path == "-" else { return LineReader(path: path).forEachLine(body) }
        var number = 0
        while let line = console.readLine() {
            number += 1
            body(line, number)
        }
        return nil
    }
}
