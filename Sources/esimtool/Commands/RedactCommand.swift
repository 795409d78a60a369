import ArgumentParser
import ESIMKit

/// Where the redaction key and allow-list come from.
struct RedactionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The key placeholders are derived from (default: ~/.config/esimtool/redact.key, created on first use). Keep it out of the repository.", valueName: "file"))
    var keyFile: String?

    @Option(name: .long, help: ArgumentHelp("Values known to be synthetic or public (one per line, # comments): never reported or replaced.", valueName: "file"))
    var allow: String?

    func redactor(console: Console, needsKey: Bool) -> Redactor? {
        var allowed = Set<String>()
        if let allow {
            do {
                allowed = Redactor.allowList(String(decoding: try FileReader.read(allow), as: UTF8.self))
            } catch {
                console.error(error.description)
                return nil
            }
        }
        guard needsKey else { return Redactor(key: Array("check-only".utf8), allowed: allowed) }
        guard let path = keyFile ?? RedactionKey.defaultPath else {
            console.error("no place for the redaction key: set HOME or pass --key-file")
            return nil
        }
        do {
            return Redactor(key: try RedactionKey.load(path), allowed: allowed)
        } catch {
            console.error(error.description)
            return nil
        }
    }
}

struct RedactCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "redact",
        abstract: "Replace personal data in saved pages (HTML, XML, JSON) with stable placeholders.",
        discussion: """
        Finds phone numbers, e-mail addresses, names, street addresses and ZIP codes, \
        account numbers, ICCIDs, EIDs, IMEIs, IMSIs, activation codes' matching IDs, card \
        last fours, tokens and keys, and IP addresses — in text, attributes, comments, URLs \
        and embedded scripts — and replaces each with a placeholder of the same format \
        (a 555-01xx number, an ICCID with a valid check digit). Amounts, data figures and \
        dates are left exactly as they are. The same value gets the same placeholder \
        wherever it appears, for one key; redacting twice changes nothing.

        With one file and no -o, the redacted text goes to standard output. --check only \
        reports what it finds (line, column, kind, a masked hint) and exits 1 if anything is \
        found: use it in CI over Samples/. Binary files met while walking a directory \
        (images, archives) are skipped with a warning; one named on the command line is an \
        error.

        Exit status: 0 done (or, with --check, nothing found), 1 something found, a named \
        file is binary, or a file could not be read or written, 64 usage error.
        """)

    @Argument(help: ArgumentHelp("Files or directories (walked; hidden entries skipped); '-' reads one page from standard input.", valueName: "path"))
    var paths: [String]

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write: a file for one input, else a directory.", valueName: "out"))
    var output: String?

    @Flag(name: .long, help: "Rewrite the files in place (each written whole, then renamed over the original).")
    var inPlace = false

    @Flag(name: .long, help: "Only report what would be replaced; exit 1 if anything is found.")
    var check = false

    @Flag(name: .long, help: "Print findings as JSON Lines.")
    var json = false

    @OptionGroup var options: RedactionOptions

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or directory") }
        if check && (inPlace || output != nil) { throw ValidationError("--check writes nothing; drop -o and --in-place") }
        if inPlace && output != nil { throw ValidationError("choose -o or --in-place, not both") }
        if paths.contains("-") {
            if paths.count > 1 { throw ValidationError("standard input ('-') is redacted alone, not with other paths") }
            if inPlace { throw ValidationError("standard input ('-') cannot be rewritten in place; give -o FILE, or none for standard output") }
            if let output, FileStatus.isDirectory(output) {
                throw ValidationError("-o \(output) is a directory; standard input ('-') needs a file name to be written to")
            }
        }
    }

    func execute(console: Console) -> ExitStatus {
        guard let redactor = options.redactor(console: console, needsKey: !check) else { return .rejected }
        let batch: RedactionBatch
        if paths == ["-"] {
            batch = RedactionBatch(standardInput: console.readAll())
        } else {
            do { batch = try RedactionBatch(paths: paths) } catch {
                if json { console.out(FailureJSON.line(key: "file", value: error.file ?? "", code: error.code.rawValue, message: error.message)) }
                console.error(error.description)
                return .rejected
            }
        }
        if batch.files.isEmpty {
            console.error("\(paths.joined(separator: ", ")): no files to \(check ? "check" : "redact") (hidden entries are skipped)")
            return .rejected
        }
        if !check && !inPlace && output == nil && !batch.isSingleFile {
            console.error("\(batch.files.count) files: give -o DIR or --in-place")
            return .rejected
        }
        var status = ExitStatus.ok
        var tally = RedactionTally()
        for file in batch.files {
            let name = file == "-" ? "<stdin>" : file
            switch batch.read(file) {
            case .unreadable(let error):
                if json { console.out(FailureJSON.line(key: "file", value: name, code: error.code.rawValue, message: error.message)) }
                console.error(error.description)
                status = .rejected
            case .binary(named: true):
                // Asked for by name: nothing redacted or checked is an error, not a skip.
                let message = "binary data, not a text page; nothing \(check ? "checked" : "written")"
                if json { console.out(FailureJSON.line(key: "file", value: name, code: "binary", message: message)) }
                console.error("\(name): \(message)")
                status = .rejected
            case .binary(named: false):
                if !check { console.warning("\(file): binary, skipped") }
            case .text(let text, let encoding):
                let findings = check ? redactor.findings(in: text) : write(redactor.redact(text), encoding, of: file, batch, console, &status)
                tally.count(findings)
                if check && !findings.isEmpty { status = .rejected }
                for finding in findings where check || json {
                    let line = json ? JSONOutput.text(Labelled(key: "file", label: name, value: finding)) : RedactionRenderer.line(name, finding)
                    if check { console.out(line) } else { console.err(line) }
                }
            }
        }
        console.err(RedactionRenderer.summary(tally, files: batch.files.count, checking: check))
        return status
    }

    /// Writes one redacted file where the options say (in place only when something
    /// changed); returns what was replaced.
    private func write(_ redaction: (text: String, findings: [RedactionFinding]), _ encoding: FileText.Encoding, of file: String,
                       _ batch: RedactionBatch, _ console: Console, _ status: inout ExitStatus) -> [RedactionFinding] {
        let bytes = FileText.encode(redaction.text, as: encoding)
        do {
            if inPlace {
                if !redaction.findings.isEmpty { try FileWriter.write(bytes, to: file) }
            } else if let output {
                try RedactionBatch.write(bytes, to: batch.destination(for: file, in: output))
            } else {
                console.outBytes(bytes)
            }
        } catch {
            console.error(error.description)
            status = .rejected
        }
        return redaction.findings
    }
}
