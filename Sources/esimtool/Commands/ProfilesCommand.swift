import ArgumentParser
import ESIMKit

struct ProfilesCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "profiles",
        abstract: "List the eSIM profiles in lpac output, SGP.22 DER or a TS.43 entitlement response.",
        discussion: """
        The form is detected: lpac's JSON (`lpac chip info`, `lpac profile list`, one \
        message per line or pretty-printed), SGP.22 DER (ProfileInfoListResponse \
        BF2D, EID response BF3E, EUICCInfo2 BF22) as binary, hex or base64, or a GSMA TS.43 entitlement \
        response (XML wap-provisioningdoc or its JSON form), whose activation codes are \
        decoded as by `esimtool decode`.

        Examples:
          lpac profile list | esimtool profiles -
          esimtool profiles --json profiles.der
          esimtool profiles entitlement.xml

        Exit status: 0 read, 1 the input could not be read, a line was not JSON, lpac \
        reported an error, an ICCID or EID fails its check digits, or the entitlement \
        response reports an error result; 64 usage error.
        """)

    @Argument(help: ArgumentHelp("A file, or '-' for standard input.", valueName: "file"))
    var input: String

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func execute(console: Console) -> ExitStatus {
        let bytes: [UInt8]
        let name = input == "-" ? "<stdin>" : input
        if input == "-" {
            bytes = console.readAll()
        } else {
            do {
                bytes = try FileReader.read(input)
            } catch {
                if json {
                    console.out(FailureJSON.line(key: "file", value: name, code: "unreadableInput", message: error.description))
                }
                console.error(error.description)
                return .rejected
            }
        }
        let list: ProfileList
        do {
            list = try ProfileList(reading: bytes)
        } catch {
            if json {
                console.out(FailureJSON.line(key: "file", value: name, code: error.code.rawValue, message: error.message,
                                             offset: error.offset, line: error.line))
            }
            console.error("\(name): \(error)")
            return .rejected
        }
        if json {
            console.out(JSONOutput.text(list))
        } else {
            for line in ProfileRenderer.render(list, source: name) { console.out(line) }
        }
        for diagnostic in list.diagnostics {
            let text = "\(name): \(diagnostic)"
            if diagnostic.severity == .error { console.error(text) } else { console.warning(text) }
        }
        if let entitlement = list.entitlement, entitlement.hasError {
            console.error("\(name): the entitlement server reports an error result")
            return .rejected
        }
        return list.hasProblems ? .rejected : .ok
    }
}
