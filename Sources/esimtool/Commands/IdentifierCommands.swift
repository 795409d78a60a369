import ArgumentParser
import ESIMKit

/// `esimtool eid`: check an EID, or complete a 30-digit body with its check digits.
struct EIDCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "eid",
        abstract: "Check an EID, or compute the check digits of a 30-digit EID body.",
        discussion: "Exit status: 0 valid, 1 invalid, 64 usage error.")

    @Argument(help: ArgumentHelp("The EID (32 digits), or with --complete its first 30 digits; '-' reads it from standard input.", valueName: "digits"))
    var digits: String

    @Flag(name: .long, help: "Append the two ISO 7064 MOD 97-10 check digits to a 30-digit body.")
    var complete = false

    @Flag(name: .long, help: "Print JSON, as 'decode --json'.")
    var json = false

    func execute(console: Console) -> ExitStatus {
        var digits = digits
        if digits == "-" {
            let (sole, status) = console.readSoleValue(command: "eid", oneLinePerValue: "'decode --file - --as eid' checks one per line")
            guard let sole else { return status }
            digits = sole
        }
        let result: DecodeResult
        if complete {
            result = .eid(Result { () throws(IdentifierError) in try EID.complete(digits) })
        } else {
            result = InputDecoder.decode(digits, as: .eid)
        }
        return IdentifierOutput.print(result, input: digits, completed: complete, json: json, console: console)
    }
}

/// `esimtool iccid`: check an ICCID, or complete a body with its Luhn check digit.
struct ICCIDCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "iccid",
        abstract: "Check an ICCID, or compute the Luhn check digit of an ICCID body.",
        discussion: "Exit status: 0 valid, 1 invalid, 64 usage error.")

    @Argument(help: ArgumentHelp("The ICCID, or with --complete the digits before its check digit; '-' reads it from standard input.", valueName: "digits"))
    var digits: String

    @Flag(name: .long, help: "Append the Luhn check digit to a 17-19 digit body.")
    var complete = false

    @Flag(name: .long, help: "Print JSON, as 'decode --json'.")
    var json = false

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    func execute(console: Console) -> ExitStatus {
        var digits = digits
        if digits == "-" {
            let (sole, status) = console.readSoleValue(command: "iccid", oneLinePerValue: "'decode --file - --as iccid' checks one per line")
            guard let sole else { return status }
            digits = sole
        }
        let result: DecodeResult
        if complete {
            result = .iccid(Result { () throws(IdentifierError) in
                let iccid = try ICCID.complete(digits)
                return try ICCID.decode(iccid.digits)
            })
        } else {
            result = InputDecoder.decode(digits, as: .iccid, strict: strict)
        }
        return IdentifierOutput.print(result, input: digits, completed: complete, json: json, console: console)
    }
}

enum IdentifierOutput {
    static func print(_ result: DecodeResult, input: String, completed: Bool, json: Bool,
                      console: Console) -> ExitStatus {
        if json {
            console.out(JSONOutput.text(DecodeReport(result)))
            return result.isValid ? .ok : .rejected
        }
        if let failure = result.failure {
            console.error("\(failure.message) (offset \(failure.offset))")
            for line in DecodeRenderer.caret(input: input, offset: failure.offset) { console.err(line) }
            return .rejected
        }
        if completed {
            switch result {
            case .eid(.success(let eid)): console.out(eid.digits)
            case .iccid(.success(let decoded)): console.out(decoded.iccid.digits)
            default: break
            }
            return .ok
        }
        for line in DecodeRenderer.block(result) { console.out(line) }
        for warning in result.warnings { console.warning("\(result.kind.displayName): \(warning.message)") }
        return .ok
    }
}
