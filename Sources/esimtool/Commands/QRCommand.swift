import ArgumentParser
import ESIMKit

extension QRErrorCorrection: ExpressibleByArgument {
    public init?(argument: String) {
        switch argument.uppercased() {
        case "L", "LOW": self = .low
        case "M", "MEDIUM": self = .medium
        case "Q", "QUARTILE": self = .quartile
        case "H", "HIGH": self = .high
        default: return nil
        }
    }

    public static var allValueStrings: [String] { ["L", "M", "Q", "H"] }
}

struct QRCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "qr",
        abstract: "Draw an activation code as a QR code: in the terminal, or as a PNG or SVG file.",
        discussion: """
        The code is checked first, as `decode` checks it (--strict makes warnings errors), \
        and its canonical form is drawn. Upper-case codes use the QR alphanumeric mode, \
        which makes smaller symbols. Error correction is at least M by default and raised \
        when that fits in the same symbol size.

        In the terminal the symbol is drawn with half blocks, light modules as blocks, so a \
        phone camera reads it from a dark-background screen; --invert for light backgrounds.

        Exit status: 0 drawn, 1 the code is invalid or the file cannot be written, 64 usage error.
        """)

    @Argument(help: ArgumentHelp("The activation code or setup link ('-' reads it from standard input).", valueName: "code"))
    var code: String

    @Option(name: .long, help: ArgumentHelp("Write a PNG image here instead of drawing in the terminal.", valueName: "file"))
    var png: String?

    @Option(name: .long, help: ArgumentHelp("Write an SVG image here instead of drawing in the terminal.", valueName: "file"))
    var svg: String?

    @Option(name: .long, help: ArgumentHelp("Least error correction: L, M, Q or H.", valueName: "level"))
    var correction: QRErrorCorrection = .medium

    @Option(name: .long, help: ArgumentHelp("Pixels a module in PNG and SVG (default 8).", valueName: "pixels"))
    var scale: Int = 8

    @Flag(name: .long, help: "Treat the decoder's warnings as errors.")
    var strict = false

    @Flag(name: .long, help: "In the terminal, draw dark modules as blocks (for light backgrounds).")
    var invert = false

    func validate() throws {
        if png != nil && svg != nil { throw ValidationError("choose --png or --svg, not both") }
        if !(1...64).contains(scale) { throw ValidationError("--scale is 1 to 64 pixels") }
    }

    func execute(console: Console) -> ExitStatus {
        var text = code
        if text == "-" { text = console.readLine() ?? "" }
        let result = InputDecoder.decode(text, as: .activationCode, strict: strict)
        guard case .activationCode(.success(let decoded)) = result else {
            if let failure = result.failure {
                console.error("activation code: \(failure.message) (offset \(failure.offset))")
                for line in DecodeRenderer.caret(input: text, offset: failure.offset) { console.err(line) }
            }
            return .rejected
        }
        for warning in result.warnings { console.warning("activation code: \(warning.message)") }
        let canonical = decoded.code.canonicalText
        let symbol: QRCode
        do {
            symbol = try QREncoder.encode(canonical, correction: correction)
        } catch {
            console.error(error.description)
            return .rejected
        }
        let summary = "QR version \(symbol.version)-\(symbol.errorCorrection.rawValue), \(symbol.size)×\(symbol.size) modules, mask \(symbol.mask), \(symbol.mode.rawValue) mode"
        do {
            if let png {
                try FileWriter.write(symbol.png(scale: scale), to: png)
                console.err("wrote \(png): \(summary)")
            } else if let svg {
                try FileWriter.write(Array(symbol.svg(scale: scale).utf8), to: svg)
                console.err("wrote \(svg): \(summary)")
            } else {
                for line in symbol.terminalText(invert: invert) { console.out(line) }
                console.err(summary)
            }
        } catch {
            console.error(error.description)
            return .rejected
        }
        if canonical != String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()) {
            console.err("drawn as its canonical form: \(canonical)")
        }
        return .ok
    }
}
