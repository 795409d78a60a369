import ArgumentParser
import ESIMKit

struct EncodeCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "encode",
        abstract: "Build an activation code (the QR text) and its setup links from fields.",
        discussion: """
        The fields are checked with the same rules as 'decode'; the output is the \
        canonical text, which decodes back to the same fields.

        Exit status: 0 built, 1 a field is invalid, 64 usage error.
        """)

    enum Output: String, ExpressibleByArgument, CaseIterable {
        case all, text, apple, android
    }

    @Option(name: .customLong("smdp"), help: ArgumentHelp("SM-DP+ address (host name).", valueName: "host"))
    var smdpAddress: String

    @Option(name: .customLong("matching-id"), help: ArgumentHelp("Matching ID (A-Z a-z 0-9 -); may be empty.", valueName: "id"))
    var matchingID = ""

    @Option(name: .customLong("oid"), help: ArgumentHelp("SM-DP+ OID, dotted decimal.", valueName: "oid"))
    var smdpOID: String?

    @Flag(name: .customLong("confirmation-code-required"), help: "The user must enter a confirmation code.")
    var confirmationCodeRequired = false

    @Option(name: .customLong("ci-public-key-id"), help: ArgumentHelp("CI public key indicator, hex (SGP.22 v3).", valueName: "hex"))
    var ciPublicKeyID: String?

    @Option(name: .long, help: "What to print: all, text (the QR text), apple or android (a setup link).")
    var print: Output = .all

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    @Flag(name: .long, help: "Print JSON: {\"text\",\"appleSetupLink\",\"androidSetupLink\",\"warnings\"}.")
    var json = false

    func execute(console: Console) -> ExitStatus {
        let code = ActivationCode(smdpAddress: smdpAddress, matchingID: matchingID, smdpOID: smdpOID,
                                  confirmationCodeRequired: confirmationCodeRequired, ciPublicKeyID: ciPublicKeyID)
        let decoded: DecodedActivationCode
        do {
            decoded = try code.validated(strict: strict)
        } catch {
            if json {
                console.out(JSONOutput.text(DecodeReport(.activationCode(.failure(error)))))
            } else {
                console.error("activation code: \(error.message)")
            }
            return .rejected
        }
        let text = decoded.code.canonicalText
        if json {
            console.out(JSONOutput.text(EncodeReport(decoded)))
            return .ok
        }
        switch print {
        case .text: console.out(text)
        case .apple: console.out(decoded.code.setupLinkText(.apple))
        case .android: console.out(decoded.code.setupLinkText(.android))
        case .all:
            for line in DecodeRenderer.table([
                ("QR text", text),
                ("Apple link", decoded.code.setupLinkText(.apple)),
                ("Android link", decoded.code.setupLinkText(.android)),
            ]) { console.out(String(line.dropFirst(2))) }
        }
        for warning in decoded.warnings { console.warning("activation code: \(warning.message)") }
        return .ok
    }
}
