import ESIMKit
import ESIMSupport

/// Where a command's output goes: results to `out`, diagnostics to `err`. Tests pass a
/// capturing console; ``standard()`` writes to the process's stdout and stderr.
final class Console {
    private let writeOut: (String) -> Void
    /// Raw bytes to standard output (a redacted file in its own encoding, a bulk decode's
    /// output block in place).
    private let writeOutBytes: (UnsafeBufferPointer<UInt8>) -> Void
    private let writeErr: (String) -> Void
    private let flushOut: () -> Void
    /// Reads the next line of standard input without its line ending, `nil` at the end.
    let readLine: () -> String?
    /// Reads all of standard input as bytes (binary input such as DER).
    private let readBytes: (() -> [UInt8])?
    /// Whether diagnostics may use ANSI colour (a terminal, and NO_COLOR unset).
    let colorDiagnostics: Bool
    /// Whether standard error is a terminal and standard output is not (a progress line
    /// may be drawn there without mixing into the results).
    let mayDrawProgress: Bool
    /// Whether standard input is the process's own descriptor 0, to be read in blocks
    /// (test consoles feed lines through ``readLine`` instead).
    let readsStandardInputDescriptor: Bool
    /// Whether the reader of standard output has gone away (`| head`): there is no point
    /// in producing more.
    let outputClosed: () -> Bool

    init(writeOut: @escaping (String) -> Void, writeOutBytes: ((UnsafeBufferPointer<UInt8>) -> Void)? = nil, writeErr: @escaping (String) -> Void,
         flushOut: @escaping () -> Void = {}, readLine: @escaping () -> String? = { nil },
         readBytes: (() -> [UInt8])? = nil, colorDiagnostics: Bool = false, mayDrawProgress: Bool = false,
         readsStandardInputDescriptor: Bool = false, outputClosed: @escaping () -> Bool = { false }) {
        self.readBytes = readBytes
        self.writeOut = writeOut
        self.writeOutBytes = writeOutBytes ?? { writeOut(String(decoding: $0, as: UTF8.self)) }
        self.writeErr = writeErr
        self.flushOut = flushOut
        self.readLine = readLine
        self.colorDiagnostics = colorDiagnostics
        self.mayDrawProgress = mayDrawProgress
        self.readsStandardInputDescriptor = readsStandardInputDescriptor
        self.outputClosed = outputClosed
    }

    static func standard() -> Console {
        let noColor = Environment.value("NO_COLOR") != nil
        let stdoutWriter = DescriptorWriter.standardOutput()
        let stderrWriter = DescriptorWriter.standardError()
        return Console(
            writeOut: { stdoutWriter.write($0) },
            writeOutBytes: { stdoutWriter.write(buffer: $0) },
            writeErr: { text in
                stdoutWriter.flush()
                stderrWriter.write(text)
            },
            flushOut: { stdoutWriter.flush() },
            readLine: { Swift.readLine(strippingNewline: true) },
            readBytes: StandardStreams.readAllInput,
            colorDiagnostics: StandardStreams.errorIsTerminal && !noColor,
            mayDrawProgress: StandardStreams.errorIsTerminal && !StandardStreams.outputIsTerminal,
            readsStandardInputDescriptor: true,
            outputClosed: { stdoutWriter.isClosed })
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

    func outBytes(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { writeOutBytes($0) } }

    /// Bytes to standard output in place, not copied first.
    func outBytes(_ bytes: UnsafeBufferPointer<UInt8>) { writeOutBytes(bytes) }

    func err(_ line: String) { writeErr(line + "\n") }

    /// Text to standard error as it is, without a line end (a progress line redrawn in place).
    func errRaw(_ text: String) { writeErr(text) }

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

extension Console {
    /// The one value given on standard input (`-` in place of an argument): its first line
    /// that is not blank, without a UTF-8 byte-order mark or line ending. `nil`, with the
    /// error reported, when standard input is empty or holds more than one value.
    func readSoleValue(command: String, oneLinePerValue hint: String? = nil) -> (value: String?, status: ExitStatus) {
        var lines = readLines()
        if let first = lines.first, first.unicodeScalars.first == "\u{FEFF}" { lines[0] = String(first.unicodeScalars.dropFirst()) }
        let (sole, count) = InputDecoder.soleInput(of: lines)
        if count == 0 {
            error("standard input is empty: '\(command) -' reads one value from it")
            return (nil, .rejected)
        }
        if count > 1 {
            error("standard input holds \(count) lines; '\(command) -' reads one" + (hint.map { " (\($0))" } ?? ""))
            return (nil, .usage)
        }
        return (sole, .ok)
    }
}

/// The lines of a file or of standard input (`-`), a batch at a time: read in large
/// blocks from a descriptor, or through the console's `readLine` when a test feeds it.
struct LineSource {
    let path: String
    private var batches: LineBatches?
    private let console: Console
    private var nextNumber = 1
    private var finished = false

    init(path: String, console: Console) throws(FileError) {
        self.path = path
        self.console = console
        if path != "-" || console.readsStandardInputDescriptor {
            batches = try LineBatches(path: path)
        }
    }

    /// What to call the input in messages.
    var name: String { path == "-" ? "standard input" : path }

    mutating func next() throws(FileError) -> LineBatches.Batch? {
        if batches != nil { return try batches!.next() }
        guard !finished else { return nil }
        var batch = LineBatches.Batch(firstNumber: nextNumber)
        while batch.lines.count < 4096, var line = console.readLine() {
            if nextNumber == 1, batch.lines.isEmpty, line.unicodeScalars.first == "\u{FEFF}" { line = String(line.unicodeScalars.dropFirst()) }
            let start = batch.bytes.count
            batch.bytes.append(contentsOf: line.utf8)
            batch.lines.append(start..<batch.bytes.count)
        }
        if batch.lines.isEmpty {
            finished = true
            return nil
        }
        nextNumber += batch.lines.count
        return batch
    }

    func close() { batches?.close() }
}
