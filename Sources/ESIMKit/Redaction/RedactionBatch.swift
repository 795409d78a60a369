/// The files one `redact` run works on, and what it decides about each: paths as given
/// (files, and directories walked), which were named on the command line, and where each
/// one's redacted copy goes.
package struct RedactionBatch: Sendable {
    /// Every regular file under the paths, in order.
    package let files: [String]
    /// The paths given.
    package let paths: [String]
    /// Files named on the command line rather than found by walking a directory: a binary
    /// one is an error, not a skip.
    package let named: Set<String>

    /// What standard input held, for a batch of it alone (its one file is `-`).
    private let standardInput: [UInt8]?

    package init(paths: [String]) throws(FileError) {
        self.paths = paths
        files = try DirectoryWalk.regularFiles(in: paths)
        named = Set(paths.filter { !FileStatus.isDirectory($0) })
        standardInput = nil
    }

    /// A batch of standard input alone, already read: its one file is `-`.
    package init(standardInput bytes: [UInt8]) {
        paths = ["-"]
        files = ["-"]
        named = ["-"]
        standardInput = bytes
    }

    /// One file given as a file: its redacted text may go to standard output.
    package var isSingleFile: Bool { standardInput != nil || (files.count == 1 && !FileStatus.isDirectory(paths[0])) }

    /// A file of the batch, read.
    package enum Item {
        case unreadable(FileError)
        /// Binary data; `named`: asked for by name.
        case binary(named: Bool)
        case text(String, FileText.Encoding)
    }

    package func read(_ file: String) -> Item {
        let bytes: [UInt8]
        if let standardInput, file == "-" {
            bytes = standardInput
        } else {
            do { bytes = try FileReader.read(file) } catch { return .unreadable(error) }
        }
        if FileText.isBinary(bytes) { return .binary(named: named.contains(file)) }
        let (text, encoding) = FileText.decode(bytes)
        return .text(text, encoding)
    }

    /// Where `file`'s redacted copy goes under `output`: `output` itself for a single file
    /// when it is not a directory, else the file's path below the directory it was found
    /// in (`in/a/b.html` → `out/a/b.html`), or its name for a file given by name.
    package func destination(for file: String, in output: String) -> String {
        if isSingleFile && !FileStatus.isDirectory(output) { return output }
        var relative = file
        for path in paths where FileStatus.isDirectory(path) && file.hasPrefix(path) {
            relative = String(String(file.dropFirst(path.count)).drop { $0 == "/" })
            break
        }
        if relative == file { relative = file.split(separator: "/").last.map(String.init) ?? file }
        return (output.hasSuffix("/") ? output : output + "/") + relative
    }

    /// Writes `bytes` to `path`, making its directory first.
    package static func write(_ bytes: [UInt8], to path: String) throws(FileError) {
        let directory = String(path.dropLast(path.split(separator: "/").last?.count ?? 0))
        if !directory.isEmpty { try FileWriter.makeDirectory(directory) }
        try FileWriter.write(bytes, to: path)
    }
}

/// What a redaction run found, by kind, and in how many files.
package struct RedactionTally: Sendable {
    package private(set) var counts: [PersonalDataKind: Int] = [:]
    package private(set) var files = 0

    package init() {}

    package mutating func count(_ findings: [RedactionFinding]) {
        for finding in findings { counts[finding.kind, default: 0] += 1 }
        if !findings.isEmpty { files += 1 }
    }

    package var total: Int { counts.values.reduce(0, +) }

    /// `1 token or key, 2 e-mail address`, in the kinds' order.
    package var breakdown: [String] {
        PersonalDataKind.allCases.compactMap { kind in counts[kind].map { "\($0) \(kind.label)" } }
    }
}
