import Foundation
import Testing

/// Every command that reads a file, on the same bad inputs, through the real binary: a
/// missing file, a directory, an empty file, binary data, text that is not UTF-8, a UTF-8
/// byte-order mark with CRLF line ends, a file over the 64 MiB limit, and `-` with nothing
/// on standard input. Each refusal exits 1 and names the input and the problem; a BOM is
/// read as the file's encoding, not as content.
@Suite("bad input, every command")
struct BadInputTests {
    enum Input: String, CaseIterable {
        case missing, directory, empty, binary, notUTF8, byteOrderMark, huge, emptyStandardInput
    }

    /// A command reading `{in}`, with what a good input holds (read with a BOM and CRLF),
    /// and how it answers where it differs from the rule (exit 1, the input named, one of
    /// `problem`'s words).
    struct Command {
        var arguments: [String]
        /// A valid input for the command; `nil` when the command takes no file content (a
        /// directory argument).
        var good: [UInt8]
        /// Latin-1 text in the command's format, and the status it gets.
        var notUTF8: (bytes: [UInt8], status: Int32)
        var overrides: [Input: (status: Int32, words: [String])] = [:]
    }

    static let page = (try? Array(Data(contentsOf: root.appendingPathComponent("Samples/Pages/att/overview.html")))) ?? []
    static let latin1Page = Array("<html><head><meta charset=\"iso-8859-1\"><title>Cr".utf8) + [0xE9]
        + Array("dit</title></head><body><p>Amount due (cr".utf8) + [0xE9] + Array("dit): $5.00</p></body></html>\n".utf8)
    static let providers = Array("""
        <?xml version="1.0"?>
        <serviceproviders format="2.0"><country code="us"><provider><name>Example Wireless</name>\
        <gsm><network-id mcc="310" mnc="999"/></gsm></provider></country></serviceproviders>

        """.utf8)

    static let commands: [String: Command] = [
        "decode --file": Command(arguments: ["decode", "--file", "{in}"], good: Array("LPA:1$smdp.example.com$ABC\n".utf8),
                                 notUTF8: (Array("LPA:1$smdp.example.com$AB".utf8) + [0xC9, 0x0A], 1),
                                 overrides: [.empty: (1, ["no codes"]), .huge: (1, ["binary"]), .emptyStandardInput: (1, ["no codes"])]),
        "profiles": Command(arguments: ["profiles", "{in}"],
                            good: (try? Array(Data(contentsOf: root.appendingPathComponent("Samples/Profiles/lpac-documented.json")))) ?? [],
                            notUTF8: ([0x7B, 0xE9, 0x7D], 1),
                            overrides: [.binary: (1, ["tag", "DER"]), .huge: (1, ["larger than"])]),
        "plan": Command(arguments: ["plan", "{in}"], good: Array("USA 5GB 30 days $11\n".utf8),
                        notUTF8: (Array("Caf".utf8) + [0xE9] + Array(" 5GB 30 days $11\n".utf8), 0)),
        "inspect": Command(arguments: ["inspect", "{in}"], good: page, notUTF8: (latin1Page, 0)),
        "query": Command(arguments: ["query", "{in}", "--css", "p"], good: page, notUTF8: (latin1Page, 0)),
        "redact": Command(arguments: ["redact", "--check", "{in}"], good: page, notUTF8: (latin1Page, 0),
                          overrides: [.empty: (0, []), .emptyStandardInput: (0, []), .directory: (1, ["no files"])]),
        "track": Command(arguments: ["track", "{in}", "--db", "{db}"], good: page, notUTF8: (latin1Page, 1)),
        "fixture add": Command(arguments: ["fixture", "add", "{in}", "--carrier", "att", "--kind", "overview", "--samples", "{scratch}/S",
                                           "--key-file", "{scratch}/key", "--force"], good: page, notUTF8: (latin1Page, 1)),
        "spec draft": Command(arguments: ["spec", "draft", "{in}", "--carrier", "acme", "--value", "amountDue=$187.42"],
                              good: page, notUTF8: (latin1Page, 1)),
        "carrier --providers": Command(arguments: ["carrier", "310-999", "--providers", "{in}"], good: providers,
                                       notUTF8: (Array("<serviceproviders><country code=\"fr\"><provider><name>Soci".utf8) + [0xE9]
                                                 + Array("t</name></provider></country></serviceproviders>".utf8), 1),
                                       overrides: [.emptyStandardInput: (64, ["not standard input"])]),
    ]

    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The input's path (or `-`) in a scratch directory, made for `command`.
    static func make(_ input: Input, for command: Command, in scratch: URL) throws -> String {
        let path = scratch.appendingPathComponent("input-\(input.rawValue)").path
        switch input {
        case .missing: return scratch.appendingPathComponent("missing.html").path
        case .directory:
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        case .empty: try Data().write(to: URL(fileURLWithPath: path))
        case .binary: try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48]).write(to: URL(fileURLWithPath: path))
        case .notUTF8: try Data(command.notUTF8.bytes).write(to: URL(fileURLWithPath: path))
        case .byteOrderMark:
            // CRLF line ends too.
            var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
            for byte in command.good {
                if byte == 0x0A, bytes.last != 0x0D { bytes.append(0x0D) }
                bytes.append(byte)
            }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        case .huge:
            // 65 MiB of holes: nothing is written to disk.
            FileManager.default.createFile(atPath: path, contents: nil)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.truncate(atOffset: 65 << 20)
            try handle.close()
        case .emptyStandardInput: return "-"
        }
        return path
    }

    @Test("'-' reads the one value of iccid, eid, carrier and decode from standard input, BOM and CRLF included")
    func standardInputValues() throws {
        let cases: [(arguments: [String], stdin: String, shows: String)] = [
            (["iccid", "-"], "\u{FEFF}8901260000000000048\r\n", "8901 2600 0000 0000 048"),
            (["eid", "-"], "\n89049032123451234512345678901235\n", "ISO 7064 MOD 97-10, valid"),
            (["carrier", "-", "--no-providers"], "att\r\n", "AT&T"),
            (["decode", "-"], "\u{FEFF}LPA:1$smdp.example.com$ABC\r\n", "smdp.example.com"),
        ]
        for (arguments, stdin, shows) in cases {
            let run = try SmokeTests().run(arguments, stdin: stdin, in: Self.root.path)
            #expect(run.status == 0 && run.out.contains(shows), "esimtool \(arguments.joined(separator: " ")): \(run.out)\(run.err)")
            let empty = try SmokeTests().run(arguments, stdin: "", in: Self.root.path)
            #expect(empty.status == 1 && empty.err.contains("standard input is empty"), "\(arguments): \(empty.err)")
            let two = try SmokeTests().run(arguments, stdin: "a\nb\n", in: Self.root.path)
            #expect(two.status == 64 && two.err.contains("standard input holds 2 lines"), "\(arguments): \(two.err)")
        }
    }

    @Test("each refusal exits 1 and names the input and the problem; a BOM and CRLF read as good input",
          arguments: commands.keys.sorted())
    func badInputs(_ name: String) throws {
        let command = try #require(Self.commands[name])
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("esimtool-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        for input in Input.allCases {
            let path = try Self.make(input, for: command, in: scratch)
            let arguments = command.arguments.map {
                $0.replacingOccurrences(of: "{in}", with: path).replacingOccurrences(of: "{scratch}", with: scratch.path)
                    .replacingOccurrences(of: "{db}", with: scratch.appendingPathComponent("history.sqlite").path)
            }
            let expected: (status: Int32, words: [String])
            switch input {
            case .byteOrderMark: expected = command.overrides[input] ?? (0, [])
            case .notUTF8: expected = command.overrides[input] ?? (command.notUTF8.status, [])
            default:
                let words: [Input: [String]] = [.missing: ["no such", "cannot open"], .directory: ["directory"], .empty: ["empty"],
                                                .binary: ["binary", "PNG"], .huge: ["larger than"], .emptyStandardInput: ["empty"]]
                expected = command.overrides[input] ?? (1, words[input]!)
            }
            let run = try SmokeTests().run(arguments, stdin: "", in: Self.root.path)
            let shown = "esimtool \(arguments.joined(separator: " ")) → \(run.status): \(run.err.prefix(300))"
            #expect(run.status == expected.status, "\(input): \(shown)")
            #expect(!run.err.contains("Fatal error") && !run.err.contains("Stack dump"), "\(input): \(shown)")
            guard expected.status != 0, input != .notUTF8 else { continue }
            let named = input == .emptyStandardInput ? ["<stdin>", "standard input", "'-'"] : [path]
            #expect(named.contains { run.err.contains($0) }, "\(input): the message names the input: \(shown)")
            #expect(expected.words.contains { run.err.localizedCaseInsensitiveContains($0) }, "\(input): the message says why: \(shown)")
        }
    }
}
