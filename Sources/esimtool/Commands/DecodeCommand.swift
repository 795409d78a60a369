import ArgumentParser
import ESIMKit

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

    @Flag(name: .long, help: "Print JSON (one object per input; JSON Lines with --file).")
    var json = false

    func validate() throws {
        if input != nil && file != nil {
            throw ValidationError("Give either an input or --file, not both.")
        }
        if input == nil && file == nil {
            throw ValidationError("Give an input to decode, '-' for standard input, or --file <path>.")
        }
    }

    func execute(console: Console) -> ExitStatus {
        // An image (by name or first bytes): read the QR codes in it, then decode each.
        if let path = file ?? input, path != "-", FileStatus.exists(path), QRImageReader.looksLikeImage(path: path) {
            return decodeImage(path, console: console)
        }
        if let file {
            // A binary file (an archive, an image that is no QR picture): no line of it is a code.
            if file != "-", FileText.isBinary(FileReader.head(file, count: 8192)) {
                console.error("\(file): binary data, not a list of codes (one per line)")
                return .rejected
            }
            return decodeLines(LineSource(path: file), console: console)
        }
        guard var text = input else { return .usage }
        if text == "-" {
            var lines: [String] = []
            while let line = console.readLine() { lines.append(line) }
            let nonEmpty = lines.filter { !$0.allSatisfy(\.isWhitespace) }
            if nonEmpty.count > 1 {
                console.error("standard input holds \(nonEmpty.count) lines; use --file - to decode one per line")
                return .usage
            }
            text = nonEmpty.first ?? ""
        }
        let result = InputDecoder.decode(text, as: kind, strict: strict)
        let carriers = CarrierMentions()
        if json {
            console.out(DecodeJSON.line(result, carriers: carriers.mentions(for: result)))
            return result.isValid ? .ok : .rejected
        }
        if let failure = result.failure {
            let subject = result.kind.displayName
            console.error("\(subject): \(failure.message) (offset \(failure.offset))")
            for line in DecodeRenderer.caret(input: text, offset: failure.offset) { console.err(line) }
            if result.failedOnlyUnderStrict {
                console.err("  (a deviation phones accept; --strict makes it an error)")
            }
            if failure.code == ActivationCodeError.Code.missingDelimiter.rawValue, input != "-" {
                console.err("  (in a shell, put the code in single quotes: '$' starts a variable there)")
            }
            return .rejected
        }
        for line in DecodeRenderer.block(result, carriers: carriers.mentions(for: result)) { console.out(line) }
        for warning in result.warnings { console.warning("\(result.kind.displayName): \(warning.message)") }
        return .ok
    }

    /// Every QR code in the image, decoded as if given on the command line.
    private func decodeImage(_ path: String, console: Console) -> ExitStatus {
        let texts: [String]
        do {
            texts = try QRImageReader.read(path)
        } catch {
            if json {
                console.out(#"{"image":\#(DecodeJSON.quoted(path)),"valid":false,"error":{"code":"\#(error.code.rawValue)","message":\#(DecodeJSON.quoted(error.message))}}"#)
            }
            console.error(error.description)
            return .rejected
        }
        var status = ExitStatus.ok
        let carriers = CarrierMentions()
        for (index, text) in texts.enumerated() {
            let result = InputDecoder.decode(text, as: kind, strict: strict)
            if !result.isValid { status = .rejected }
            if json {
                console.out(DecodeJSON.line(result, carriers: carriers.mentions(for: result)))
                continue
            }
            if texts.count > 1 {
                if index > 0 { console.out("") }
                console.out("QR code \(index + 1) of \(texts.count) in \(path)")
            }
            if let failure = result.failure {
                let shown = text.count > 80 ? String(text.prefix(80)) + "…" : text
                console.error("QR code \(index + 1) in \(path) holds '\(shown)': \(result.kind.displayName): \(failure.message) (offset \(failure.offset))")
                continue
            }
            for line in DecodeRenderer.block(result, carriers: carriers.mentions(for: result)) { console.out(line) }
            for warning in result.warnings { console.warning("\(result.kind.displayName): \(warning.message)") }
        }
        return status
    }

    private func decodeLines(_ source: LineSource, console: Console) -> ExitStatus {
        var valid = 0
        var warned = 0
        var invalid = 0
        let carriers = CarrierMentions()
        let failure = source.forEachLine(console: console) { line, number in
            if InputDecoder.isSkippedLine(line) { return }
            let result = InputDecoder.decode(line, as: kind, strict: strict)
            if !result.isValid {
                invalid += 1
            } else if result.warnings.isEmpty {
                valid += 1
            } else {
                warned += 1
            }
            console.out(json ? DecodeJSON.line(result, carriers: carriers.mentions(for: result))
                             : DecodeRenderer.line(result, number: number))
        }
        if let failure {
            console.error(failure)
            return .rejected
        }
        let total = valid + warned + invalid
        guard total > 0 else {
            console.error("\(source.path == "-" ? "standard input" : source.path): no codes (only blank lines and '#' comments, or nothing)")
            return .rejected
        }
        console.err("\(total) input\(total == 1 ? "" : "s"): \(valid + warned) valid (\(warned) with warnings), \(invalid) invalid")
        return invalid == 0 ? .ok : .rejected
    }
}

/// The JSON text of a decode result (schema in the README): for a valid ICCID or IMSI,
/// a final `carriers` key lists the carriers it points to.
enum DecodeJSON {
    struct Output: Encodable {
        var result: DecodeResult
        var carriers: [CarrierMentions.Mention]?

        enum Key: String, CodingKey { case carriers }

        func encode(to encoder: any Encoder) throws {
            try result.encode(to: encoder)
            if let carriers {
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(carriers, forKey: .carriers)
            }
        }
    }

    /// A JSON string literal.
    static func quoted(_ text: String) -> String {
        (try? OrderedJSONEncoder().encode(text)) ?? "\"\""
    }

    static func line(_ result: DecodeResult, carriers: [CarrierMentions.Mention]? = nil) -> String {
        // Encoding our own Encodable types cannot fail; a failure would be a bug worth seeing.
        do {
            return try OrderedJSONEncoder().encode(Output(result: result, carriers: carriers))
        } catch {
            return #"{"kind":"\#(result.kind.rawValue)","valid":false,"error":{"code":"internal","message":"JSON encoding failed","offset":0}}"#
        }
    }
}

/// Which carriers a decoded ICCID or IMSI points to. The registry (curated specs and the
/// system provider database) is read on first use only, so activation codes never pay
/// for it.
final class CarrierMentions {
    struct Mention: Encodable {
        var id: String
        var name: String
        var reason: String
    }

    private var registries: [Bool: CarrierRegistry?] = [:]

    /// ICCID prefixes come only from the curated specs, so an ICCID skips the system
    /// provider database (a 0.5 MB XML read); an IMSI needs it for the world's networks.
    private func load(withProviders: Bool) -> CarrierRegistry? {
        if let cached = registries[withProviders] { return cached }
        let registry = withProviders
            ? try? CarrierRegistry.load()
            : try? CarrierRegistry.load(providers: nil, apns: nil)
        registries[withProviders] = registry
        return registry
    }

    /// `nil` for results that are not a valid ICCID or IMSI.
    func mentions(for result: DecodeResult) -> [Mention]? {
        switch result {
        case .iccid(.success(let decoded)):
            guard let registry = load(withProviders: false) else { return [] }
            return registry.carriers(iccid: decoded.iccid).map {
                Mention(id: $0.carrier.id, name: $0.carrier.name,
                        reason: "ICCID prefix \($0.prefix.prefix), \($0.prefix.confidence.rawValue) confidence")
            }
        case .imsi(.success(let decoded)):
            guard let registry = load(withProviders: true) else { return [] }
            return registry.carriers(imsi: decoded.imsi).map {
                Mention(id: $0.carrier.id, name: $0.carrier.name,
                        reason: $0.host.map { "MVNO on \(registry.carrier(id: $0)?.name ?? $0)'s network code" } ?? "network code \($0.code.mcc)-\($0.code.mnc)")
            }
        default:
            return nil
        }
    }
}
