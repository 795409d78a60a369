import Foundation
import Testing
@testable import esimtool

@Suite("DecodeCommand")
struct DecodeCommandTests {
    @Test("a valid code prints a summary and exits 0")
    func valid() {
        let run = runCLI(["decode", "LPA:1$smdp.example.com$ABC-123$$1"])
        #expect(run.status == 0)
        #expect(run.out.contains("SM-DP+ address     smdp.example.com"))
        #expect(run.out.contains("Matching ID        ABC-123"))
        #expect(run.out.contains("required: the operator gives it to you separately"))
        #expect(run.out.contains("Canonical          LPA:1$smdp.example.com$ABC-123$$1"))
        #expect(run.err.isEmpty)
    }

    @Test("warnings go to stderr and still exit 0; --strict exits 1")
    func warnings() {
        let lenient = runCLI(["decode", "LPA:1$smdp.example.com:443$ABC"])
        #expect(lenient.status == 0)
        #expect(lenient.err.hasPrefix("warning: activation code: the SM-DP+ address has a port"))
        let strict = runCLI(["decode", "--strict", "LPA:1$smdp.example.com:443$ABC"])
        #expect(strict.status == 1)
        #expect(strict.out.isEmpty)
        #expect(strict.err.contains("error: activation code: the SM-DP+ address has a port"))
        #expect(strict.err.contains("--strict makes it an error"))
    }

    @Test("an invalid code names the problem and position, with a caret, and exits 1")
    func invalid() {
        let run = runCLI(["decode", "LPA:1$smdp_x.example.com$ABC"])
        #expect(run.status == 1)
        #expect(run.out.isEmpty)
        let lines = run.err.split(separator: "\n").map(String.init)
        #expect(lines.first == "error: activation code: the SM-DP+ address contains an underscore ('_'); host names use only letters, digits, '-' and '.' (offset 10)")
        #expect(lines.dropFirst().first == "  LPA:1$smdp_x.example.com$ABC")
        #expect(lines.dropFirst(2).first == "            ^")
    }

    @Test("JSON output for valid and invalid input, exit statuses unchanged")
    func json() {
        let valid = runCLI(["decode", "--json", "1$smdp.example.com$ABC"])
        #expect(valid.status == 0)
        #expect(valid.out == #"{"kind":"activationCode","valid":true,"format":"1","smdpAddress":"smdp.example.com","matchingId":"ABC","oid":null,"confirmationCodeRequired":false,"ciPublicKeyId":null,"wrapper":null,"warnings":[],"canonical":"LPA:1$smdp.example.com$ABC"}"# + "\n")
        let invalid = runCLI(["decode", "--json", "LPA:1$smdp.example.com$ABC$$2"])
        #expect(invalid.status == 1)
        #expect(invalid.out == #"{"kind":"activationCode","valid":false,"error":{"code":"invalidConfirmationFlag","message":"the confirmation flag must be '1' or empty","offset":28}}"# + "\n")
        #expect(invalid.err.isEmpty)
    }

    @Test("identifiers are detected; --as forces a kind")
    func identifiers() {
        let iccid = runCLI(["decode", "8901 2600 0000 0000 048"])
        #expect(iccid.status == 0)
        #expect(iccid.out.hasPrefix("ICCID (ITU-T E.118)"))
        let eid = runCLI(["decode", "89044011112233441122334411223321"])
        #expect(eid.out.hasPrefix("EID"))
        let imsi = runCLI(["decode", "310260000000001"])
        #expect(imsi.out.firstMatch(of: /\n  MNC +260 \(3 digits/) != nil)
        let forced = runCLI(["decode", "--as", "eid", "310260000000001", "--json"])
        #expect(forced.status == 1)
        #expect(forced.out.hasPrefix(#"{"kind":"eid","valid":false,"error":{"code":"invalidLength""#))
    }

    @Test("'-' reads one input from standard input")
    func standardInput() {
        let run = runCLI(["decode", "-", "--json"], stdin: ["", "  LPA:1$smdp.example.com$ABC  ", ""])
        #expect(run.status == 0)
        #expect(run.out.contains(#""canonical":"LPA:1$smdp.example.com$ABC""#))
        let two = runCLI(["decode", "-"], stdin: ["LPA:1$a.example$A", "LPA:1$b.example$B"])
        #expect(two.status == 64)
        #expect(two.err.contains("use --file -"))
    }

    @Test("--file decodes each line, skips blanks and comments, summarises on stderr")
    func file() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("esimtool-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try """
        # carrier batch
        LPA:1$smdp.example.com$ABC

        1$smdp.example.com:8443$DEF
        LPA:1$$broken
        89014100000000000129
        """.write(toFile: path, atomically: true, encoding: .utf8)

        let run = runCLI(["decode", "--file", path])
        #expect(run.status == 1)
        #expect(run.outLines == [
            "2: valid activation code: LPA:1$smdp.example.com$ABC",
            "4: valid activation code: LPA:1$smdp.example.com:8443$DEF  [warnings: portInAddress]",
            "5: invalid activation code: the SM-DP+ address is empty (offset 6)",
            "6: valid ICCID: 89014100000000000129",
        ])
        #expect(run.err == "4 inputs: 3 valid (1 with warnings), 1 invalid\n")

        let json = runCLI(["decode", "--file", path, "--json"])
        #expect(json.outLines.count == 4)
        // Each JSON line leads with its input line number, as the text lines do.
        #expect(json.outLines.map { $0.prefix(while: { $0 != "," }) } == ["{\"line\":2", "{\"line\":4", "{\"line\":5", "{\"line\":6"])
        #expect(json.outLines.allSatisfy { $0.hasSuffix("}") })
        #expect(json.outLines[2].hasPrefix("{\"line\":5,\"kind\":\"activationCode\",\"valid\":false,\"error\":{\"code\":\"emptyAddress\""))
    }

    @Test("--file - reads lines from standard input; all valid exits 0")
    func fileFromStandardInput() {
        let run = runCLI(["decode", "--file", "-"], stdin: ["LPA:1$smdp.example.com$A", "# note", "310260000000001"])
        #expect(run.status == 0)
        #expect(run.outLines.count == 2)
        #expect(run.err == "2 inputs: 2 valid (0 with warnings), 0 invalid\n")
    }

    @Test("an unreadable file is an error, exit 1")
    func missingFile() {
        let run = runCLI(["decode", "--file", "/nonexistent/esimtool/codes.txt"])
        #expect(run.status == 1)
        #expect(run.err == "error: /nonexistent/esimtool/codes.txt: cannot open (No such file or directory)\n")
        #expect(run.out.isEmpty)
    }

    @Test("a binary file, an empty one, or one holding only comments is an error, exit 1")
    func noCodes() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("esimtool-decode-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let binary = directory + "/codes.bin"
        try Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00] + Array("LPA:1$a.example$X\n".utf8)).write(to: URL(fileURLWithPath: binary))
        let refused = runCLI(["decode", "--file", binary])
        #expect(refused.status == 1 && refused.out.isEmpty && refused.err.contains("binary data, not a list of codes"))
        let empty = directory + "/empty.txt"
        try "".write(toFile: empty, atomically: true, encoding: .utf8)
        #expect(runCLI(["decode", "--file", empty]).err.contains("no codes"))
        let comments = runCLI(["decode", "--file", "-"], stdin: ["# only a note", ""])
        #expect(comments.status == 1 && comments.err.contains("standard input: no codes"))
        // Under --json each refusal is a JSON line on standard output as well.
        let binaryJSON = runCLI(["decode", "--file", binary, "--json"])
        #expect(binaryJSON.status == 1 && binaryJSON.outLines == [
            #"{"file":"\#(binary)","error":{"code":"binary","message":"binary data, not a list of codes (one per line)"}}"#])
        let emptyJSON = runCLI(["decode", "--file", "-", "--json"], stdin: [""])
        #expect(emptyJSON.outLines == [#"{"file":"<stdin>","error":{"code":"noCodes","message":"no codes (only blank lines and '#' comments, or nothing)"}}"#])
        let missingJSON = runCLI(["decode", "--file", directory + "/nope.txt", "--json"])
        #expect(missingJSON.status == 1 && missingJSON.out.contains(#""error":{"code":"cannotOpen""#), "\(missingJSON.out)")
        let notAFile = runCLI(["decode", directory + "/nope.txt", "--json"])
        #expect(notAFile.status == 1 && notAFile.out.contains(#""valid":false,"error":{"code":"noSuchFile""#), "\(notAFile.out)")
    }

    @Test("usage errors exit 64", arguments: [
        ["decode"],
        ["decode", "x", "--file", "y"],
        ["decode", "--as", "passport", "x"],
        ["frobnicate"],
        ["decode", "--bogus", "x"],
    ])
    func usage(_ arguments: [String]) {
        #expect(runCLI(arguments).status == 64)
    }
}

@Suite("EncodeCommand")
struct EncodeCommandTests {
    @Test("builds the QR text and both setup links")
    func all() {
        let run = runCLI(["encode", "--smdp", "smdp.example.com", "--matching-id", "ABC-1", "--confirmation-code-required"])
        #expect(run.status == 0)
        #expect(run.outLines == [
            "QR text       LPA:1$smdp.example.com$ABC-1$$1",
            "Apple link    https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=LPA%3A1%24smdp.example.com%24ABC-1%24%241",
            "Android link  https://esimsetup.android.com/esim_qrcode_provisioning?carddata=LPA%3A1%24smdp.example.com%24ABC-1%24%241",
        ])
    }

    @Test("what encode prints decodes back to the same fields")
    func roundTrip() {
        let text = runCLI(["encode", "--smdp", "smdp.example.com", "--matching-id", "Q-9", "--oid", "1.3.6.1.4.1.31746", "--print", "text"])
        #expect(text.outLines == ["LPA:1$smdp.example.com$Q-9$1.3.6.1.4.1.31746"])
        let link = runCLI(["encode", "--smdp", "smdp.example.com", "--matching-id", "Q-9", "--oid", "1.3.6.1.4.1.31746", "--print", "apple"])
        let decoded = runCLI(["decode", "--json", link.outLines[0]])
        #expect(decoded.status == 0)
        #expect(decoded.out.contains(#""matchingId":"Q-9","oid":"1.3.6.1.4.1.31746""#))
        #expect(decoded.out.contains(#""wrapper":"apple""#))
    }

    @Test("invalid fields exit 1 with the rule broken")
    func invalid() {
        let run = runCLI(["encode", "--smdp", "localhost", "--matching-id", "A"])
        #expect(run.status == 1)
        #expect(run.err.contains("single label"))
        let dollar = runCLI(["encode", "--smdp", "smdp.example.com", "--matching-id", "A$B", "--json"])
        #expect(dollar.status == 1)
        #expect(dollar.out.contains(#""code":"delimiterInField""#))
    }

    @Test("JSON output")
    func json() {
        let run = runCLI(["encode", "--smdp", "smdp.example.com:443", "--matching-id", "A", "--json"])
        #expect(run.status == 0)
        #expect(run.out.hasPrefix(#"{"text":"LPA:1$smdp.example.com:443$A","appleSetupLink":"https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=LPA%3A1%24smdp.example.com%3A443%24A","androidSetupLink":"#))
        #expect(run.out.contains(#""warnings":[{"code":"portInAddress""#))
        #expect(runCLI(["encode", "--smdp", "smdp.example.com:443", "--matching-id", "A", "--strict"]).status == 1)
    }
}

@Suite("Identifier commands")
struct IdentifierCommandTests {
    @Test("eid --complete appends MOD 97-10 check digits")
    func eidComplete() {
        let run = runCLI(["eid", "--complete", "8904 4011 1122 3344 1122 3344 1122 33"])
        #expect(run.status == 0)
        #expect(run.outLines == ["89044011112233441122334411223321"])
        #expect(runCLI(["eid", "--complete", "123"]).status == 1)
    }

    @Test("iccid --complete appends the Luhn digit")
    func iccidComplete() {
        let run = runCLI(["iccid", "--complete", "8901410000000000012"])
        #expect(run.outLines == ["89014100000000000129"])
    }

    @Test("eid and iccid check their argument")
    func check() {
        #expect(runCLI(["eid", "89044011112233441122334411223321"]).status == 0)
        #expect(runCLI(["eid", "89044011112233441122334411223322"]).status == 1)
        #expect(runCLI(["iccid", "89014100000000000128"]).status == 1)
        #expect(runCLI(["iccid", "--json", "89014100000000000129"]).out.hasPrefix(#"{"kind":"iccid","valid":true"#))
    }

    @Test("a byte-order mark on standard input is not part of the code; a file name that is no file is named")
    func inputConventions() {
        let bom = runCLI(["decode", "-"], stdin: ["\u{FEFF}LPA:1$smdp.example.com$A"])
        #expect(bom.status == 0)
        let bulk = runCLI(["decode", "--file", "-"], stdin: ["\u{FEFF}LPA:1$smdp.example.com$A", "LPA:1$smdp.example.com$B"])
        #expect(bulk.status == 0)
        #expect(bulk.outLines.first == "1: valid activation code: LPA:1$smdp.example.com$A")
        let missing = runCLI(["decode", "missing.png"])
        #expect(missing.status == 1)
        #expect(missing.err == "error: missing.png: no such file\n")
        // Codes and numbers are still codes and numbers.
        #expect(runCLI(["decode", "LPA:1$files.example.png$A"]).status == 0)
        #expect(runCLI(["decode", "89014100000000000129"]).status == 0)
    }

    @Test("decode with one input runs before the command tree is built, and answers as the parsed command does")
    func fastPath() throws {
        #expect(DecodeCommand.fastPath(["decode", "LPA:1$a.example$B"]) != nil)
        #expect(DecodeCommand.fastPath(["decode", "--strict", "x", "--json"])?.json == true)
        #expect(DecodeCommand.fastPath(["decode", "-"]) != nil)
        for parsedOnly in [["decode"], ["decode", "--help"], ["decode", "a", "b"], ["decode", "--json", "--json", "a"],
                           ["decode", "--file", "f"], ["decode", "--as", "iccid", "1"], ["decode", "-x"], ["encode", "a"]] {
            #expect(DecodeCommand.fastPath(parsedOnly) == nil, "\(parsedOnly)")
        }
        let cases: [[String]] = [
            ["decode", "LPA:1$smdp.example.com$ABC"], ["decode", "--json", "LPA:1$smdp.example.com$ABC"],
            ["decode", "LPA:1$smdp.example.com:443$A", "--strict"], ["decode", "--strict", "--json", "LPA:1$smdp.example.com:443$A"],
            ["decode", "89014100000000000129"], ["decode", "LPA:2$x$y"], ["decode", "missing.png", "--json"],
        ]
        for arguments in cases {
            let parsed = runCLI(arguments)
            let process = try SmokeTests().run(arguments)
            #expect(process.status == parsed.status && process.out == parsed.out && process.err == parsed.err,
                    "\(arguments): \(process.out)\(process.err) against \(parsed.out)\(parsed.err)")
        }
    }
}
