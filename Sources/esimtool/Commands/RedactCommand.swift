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

    @Argument(help: ArgumentHelp("Files or directories (walked; hidden entries skipped).", valueName: "path"))
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
    }

    func execute(console: Console) -> ExitStatus {
        guard let redactor = options.redactor(console: console, needsKey: !check) else { return .rejected }
        let files: [String]
        do {
            files = try DirectoryWalk.regularFiles(in: paths)
        } catch {
            console.error(error.description)
            return .rejected
        }
        let single = files.count == 1 && !FileStatus.isDirectory(paths[0])
        if !check && !inPlace && output == nil && !single {
            console.error("\(files.count) files: give -o DIR or --in-place")
            return .rejected
        }
        var status = ExitStatus.ok
        var counts: [PersonalDataKind: Int] = [:]
        var changedFiles = 0
        // Files named on the command line, not found by walking a directory.
        let named = Set(paths.filter { !FileStatus.isDirectory($0) })
        for file in files {
            let bytes: [UInt8]
            do {
                bytes = try FileReader.read(file)
            } catch {
                console.error(error.description)
                status = .rejected
                continue
            }
            if FileText.isBinary(bytes) {
                if named.contains(file) {
                    // Asked for by name: nothing redacted or checked is an error, not a skip.
                    console.error("\(file): binary data, not a text page; nothing \(check ? "checked" : "written")")
                    status = .rejected
                } else if !check {
                    console.warning("\(file): binary, skipped")
                }
                continue
            }
            let (text, encoding) = FileText.decode(bytes)
            if check {
                let findings = redactor.findings(in: text)
                for finding in findings {
                    if json {
                        console.out(JSONOutput.text(Labelled(key: "file", label: file, value: finding)))
                    } else {
                        console.out("\(file):\(finding.line):\(finding.column): \(finding.kind.label): \(finding.hint)")
                    }
                    counts[finding.kind, default: 0] += 1
                }
                if !findings.isEmpty { changedFiles += 1; status = .rejected }
                continue
            }
            let (redacted, findings) = redactor.redact(text)
            for finding in findings { counts[finding.kind, default: 0] += 1 }
            if !findings.isEmpty { changedFiles += 1 }
            let out = FileText.encode(redacted, as: encoding)
            do {
                if inPlace {
                    if !findings.isEmpty { try FileWriter.write(out, to: file) }
                } else if let output {
                    let target = single && !FileStatus.isDirectory(output) ? output : destination(for: file, in: output)
                    let directory = String(target.dropLast(target.split(separator: "/").last?.count ?? 0))
                    if !directory.isEmpty { try FileWriter.makeDirectory(directory) }
                    try FileWriter.write(out, to: target)
                } else {
                    console.outBytes(out)
                }
            } catch {
                console.error(error.description)
                status = .rejected
            }
            if json { for finding in findings { console.err(JSONOutput.text(Labelled(key: "file", label: file, value: finding))) } }
        }
        let total = counts.values.reduce(0, +)
        let breakdown = PersonalDataKind.allCases.compactMap { kind in counts[kind].map { "\($0) \(kind.label)" } }
        let verb = check ? "found" : "replaced"
        console.err("\(files.count) file\(files.count == 1 ? "" : "s"): \(total) \(verb)" + (breakdown.isEmpty ? "" : " (" + breakdown.joined(separator: ", ") + ")")
                    + (check ? "" : " in \(changedFiles) file\(changedFiles == 1 ? "" : "s")"))
        return status
    }

    /// `in/a/b.html` under `out/`: the path below the input directory is kept.
    func destination(for file: String, in directory: String) -> String {
        var relative = file
        for path in paths where FileStatus.isDirectory(path) && file.hasPrefix(path) {
            relative = String(file.dropFirst(path.count)).trimmed(leading: "/")
            break
        }
        if relative == file { relative = file.split(separator: "/").last.map(String.init) ?? file }
        return (directory.hasSuffix("/") ? directory : directory + "/") + relative
    }
}

extension String {
    func trimmed(leading character: Character) -> String {
        String(drop { $0 == character })
    }
}
