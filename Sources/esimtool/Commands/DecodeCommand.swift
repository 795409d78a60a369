import ArgumentParser
import ESIMKit
import ESIMSupport

extension InputKind: ExpressibleByArgument {
    public init?(argument: String) {
        switch argument.lowercased() {
        case "activation-code", "activationcode", "code", "lpa": self = .activationCode
        case "iccid": self = .iccid
        case "eid": self = .eid
        case "imsi": self = .imsi
        default: return nil
        }
    }

    public static var allValueStrings: [String] { ["activation-code", "iccid", "eid", "imsi"] }
}

struct DecodeCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode an activation code, setup link, ICCID, EID or IMSI.",
        discussion: """
        The kind is detected: text with '$' or 'LPA:' is an activation code, an \
        esimsetup.apple.com or esimsetup.android.com link wraps one, 32 digits are an \
        EID, 18-20 digits starting 89 an ICCID, up to 15 digits an IMSI.

        Default mode accepts what phones accept and warns about deviations from \
        SGP.22; --strict makes every warning an error.

        Examples:
          esimtool decode 'LPA:1$smdp.example.com$ABC-123'
          esimtool decode --json 'https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=…'
          esimtool decode 8901260000000000048F
          esimtool decode --file codes.txt --json > results.jsonl
          generate-codes | esimtool decode --file - --jobs 2
          esimtool decode screenshot.png

        An image (PNG, JPEG, GIF, BMP, TIFF, WebP) is read for QR codes with zbarimg \
        (Debian: zbar-tools) and each code found is decoded; everything else works \
        without zbar.

        Exit status: 0 all valid, 1 any invalid (or no QR code in an image), 64 usage error.
        """)

    @Argument(help: ArgumentHelp("The text to decode; '-' reads it from standard input.", valueName: "input"))
    var input: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("Decode as this kind instead of detecting it.", valueName: "kind"))
    var kind: InputKind?

    @Option(name: .long, help: ArgumentHelp(
        "Decode each line of a file ('-' for standard input); blank lines and lines starting with '#' are skipped.",
        valueName: "path"))
    var file: String?

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    @Flag(name: .long, help: "Print JSON (one object per input; JSON Lines with --file, each with its \"line\" number).")
    var json = false

    @Option(name: .long, help: ArgumentHelp(
        "With --file: decode on this many cores at once, output still in input order (default: one per core).",
        valueName: "n"))
    var jobs: Int?

    @Flag(name: .shortAndLong, help: "With --file: no progress line and no closing summary on standard error.")
    var quiet = false

    func validate() throws {
        if input != nil && file != nil {
            throw ValidationError("Give either an input or --file, not both.")
        }
        if input == nil && file == nil {
            throw ValidationError("Give an input to decode, '-' for standard input, or --file <path>.")
        }
        if let jobs, !(1...256).contains(jobs) {
            throw ValidationError("--jobs must be between 1 and 256, not \(jobs).")
        }
        if file == nil && (jobs != nil || quiet) {
            throw ValidationError("--jobs and --quiet apply to --file only.")
        }
    }

    func execute(console: Console) -> ExitStatus {
        DecodeRun(input: input, kind: kind, file: file, strict: strict, json: json, jobs: jobs, quiet: quiet).execute(console: console)
    }

    /// `decode ARG`, `decode --json ARG`, `decode --strict ARG` (in any order, one input
    /// that is no option): the command's whole work, without building the command tree
    /// (ArgumentParser's reflection over every option costs more than decoding). `nil`
    /// for anything else, which ArgumentParser parses as usual.
    static func fastPath(_ arguments: [String]) -> DecodeRun? {
        guard arguments.first == "decode", arguments.count <= 4 else { return nil }
        var input: String?
        var json = false
        var strict = false
        for argument in arguments.dropFirst() {
            switch argument {
            case "--json" where !json: json = true
            case "--strict" where !strict: strict = true
            default:
                guard input == nil, argument == "-" || !argument.hasPrefix("-") else { return nil }
                input = argument
            }
        }
        guard let input else { return nil }
        return DecodeRun(input: input, kind: nil, file: nil, strict: strict, json: json, jobs: nil, quiet: false)
    }
}

/// What `esimtool decode` does once its arguments are known.
struct DecodeRun {
    var input: String?
    var kind: InputKind?
    var file: String?
    var strict: Bool
    var json: Bool
    var jobs: Int?
    var quiet: Bool

    func execute(console: Console) -> ExitStatus {
        if let path = file ?? input, path != "-", QRImageReader.isImageFile(path) { return decodeImage(path, console: console) }
        if let file {
            // A binary file (an archive, an image that is no QR picture): no line of it is a code.
            let bulk = BulkDecode(kind: kind, strict: strict, json: json, jobs: jobs ?? Environment.processorCount,
                                  showsProgress: console.mayDrawProgress && !quiet, showsSummary: !quiet)
            if file != "-", FileText.isBinaryFile(file) {
                let message = "binary data, not a list of codes (one per line)"
                return bulk.fail(file, code: "binary", message, "\(file): \(message)", console: console)
            }
            return bulk.run(file, console: console)
        }
        guard var text = input else { return .usage }
        // A file name that is no file: say so, rather than decode the name as a code.
        if text != "-", Self.looksLikePath(text), !FileStatus.exists(text) {
            if json { console.out(FailureJSON.line(key: "input", value: text, valid: false, code: "noSuchFile", message: "no such file")) }
            console.error("\(text): no such file")
            return .rejected
        }
        if text == "-" {
            let (sole, status) = console.readSoleValue(command: "decode", oneLinePerValue: "use --file - to decode one per line")
            guard let sole else { return status }
            text = sole
        }
        let result = InputDecoder.decode(text, as: kind, strict: strict)
        let carriers = CarrierMentions().mentions(for: result)
        if json {
            console.out(JSONOutput.text(DecodeReport(result, carriers: carriers)))
        } else if result.isValid {
            DecodeRenderer.block(result, carriers: carriers).forEach(console.out)
            for warning in result.warnings { console.warning("\(result.kind.displayName): \(warning.message)") }
        } else {
            DecodeRenderer.report(failureOf: result, input: text, fromStandardInput: input == "-", console: console)
        }
        return result.isValid ? .ok : .rejected
    }

    /// Whether an argument reads as a file name rather than a code or number: no `$` or
    /// `%24`, and a directory part or a file extension such as `.png` or `.txt`.
    static func looksLikePath(_ text: String) -> Bool {
        guard !text.contains("$"), !text.lowercased().contains("%24"), !text.lowercased().hasPrefix("http") else { return false }
        if text.contains("/") { return true }
        let extensions = [".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".txt", ".lines", ".csv", ".json", ".html"]
        return extensions.contains { text.lowercased().hasSuffix($0) }
    }

    /// Every QR code in the image, decoded as if given on the command line.
    private func decodeImage(_ path: String, console: Console) -> ExitStatus {
        let texts: [String]
        do {
            texts = try QRImageReader.read(path)
        } catch {
            if json {
                console.out(FailureJSON.line(key: "image", value: path, valid: false, code: error.code.rawValue, message: error.message))
            }
            console.error(error.description)
            return .rejected
        }
        let carriers = CarrierMentions()
        let results = texts.map { InputDecoder.decode($0, as: kind, strict: strict) }
        for (index, (text, result)) in zip(texts, results).enumerated() {
            if json {
                console.out(JSONOutput.text(DecodeReport(result, carriers: carriers.mentions(for: result))))
            } else {
                DecodeRenderer.imageCode(result, text: text, index: index, of: texts.count, in: path,
                                         carriers: carriers.mentions(for: result), console: console)
            }
        }
        return results.allSatisfy(\.isValid) ? .ok : .rejected
    }
}
