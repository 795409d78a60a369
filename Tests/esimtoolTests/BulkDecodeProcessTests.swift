import Foundation
import Testing

/// `decode --file` as a user runs it: the built binary, real files and pipes.
@Suite("decode --file, as a process")
struct BulkDecodeProcessTests {
    /// 12,000 lines (more than two read blocks, so batches, workers and line numbers meet
    /// block edges): codes of several shapes, identifiers, comments, blank lines, CRLF, and
    /// one broken line in the middle.
    static let input: String = {
        var lines: [String] = []
        for index in 0..<12_000 {
            switch index % 7 {
            case 0: lines.append("LPA:1$smdp\(index % 13).example.com$CODE-\(index)")
            case 1: lines.append("1$rsp.example.net$\(index)$$1\r")
            case 2: lines.append("89014100000000000129")
            case 3: lines.append(index % 2 == 0 ? "" : "# comment \(index)")
            case 4: lines.append("310260000000001")
            case 5: lines.append("LPA:1$smdp.example.com:443$A\(index)")
            default: lines.append("89044011112233441122334411223321")
            }
        }
        lines[6_000] = "LPA:1$$broken-in-the-middle"
        return lines.joined(separator: "\n") + "\n"
    }()

    static func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("esimtool-bulk-\(UUID().uuidString).txt").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs a shell command line with `$ESIMTOOL` set to the binary; output is collected
    /// through files, so neither stream can block the other.
    static func shell(_ command: String) throws -> (status: Int32, out: String, err: String) {
        let binary = try #require(SmokeTests.binary, "esimtool was not built beside the tests")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("esimtool-sh-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command + " >\"$D/out\" 2>\"$D/err\""]
        var environment = ProcessInfo.processInfo.environment
        environment["ESIMTOOL"] = binary.path
        environment["D"] = directory.path
        environment["NO_COLOR"] = "1"
        process.environment = environment
        try process.run()
        process.waitUntilExit()
        let out = (try? String(contentsOf: directory.appendingPathComponent("out"), encoding: .utf8)) ?? ""
        let err = (try? String(contentsOf: directory.appendingPathComponent("err"), encoding: .utf8)) ?? ""
        return (process.terminationStatus, out, err)
    }

    @Test("one job and two give the same lines in input order; the broken line is named, the rest decoded, exit 1")
    func jobsKeepOrder() throws {
        let path = try Self.write(Self.input)
        defer { try? FileManager.default.removeItem(atPath: path) }
        // Blank lines and comments (every seventh line) are skipped.
        let expectedCount = (0..<12_000).filter { $0 % 7 != 3 }.count
        for format in ["", "--json"] {
            let one = try Self.shell("\"$ESIMTOOL\" decode --file '\(path)' \(format) --jobs 1")
            let two = try Self.shell("\"$ESIMTOOL\" decode --file '\(path)' \(format) --jobs 2")
            // A real pipe: short reads, batches that end anywhere.
            let piped = try Self.shell("cat '\(path)' | \"$ESIMTOOL\" decode --file - \(format) --jobs 2")
            #expect(one.status == 1)
            #expect(two.status == 1 && piped.status == 1)
            #expect(one.out == two.out)
            #expect(one.out == piped.out)
            let lines = one.out.split(separator: "\n")
            #expect(lines.count == expectedCount)
            let numbers = lines.map { line in
                Int(format.isEmpty ? line.prefix(while: \.isNumber) : line.dropFirst(8).prefix(while: \.isNumber)) ?? -1
            }
            #expect(numbers == numbers.sorted() && Set(numbers).count == numbers.count && numbers.first == 1)
            let broken = lines.filter { $0.contains("invalid") || $0.contains("\"valid\":false") }
            #expect(broken.count == 1)
            #expect(broken.first.map { format.isEmpty ? $0.hasPrefix("6001: invalid activation code") : $0.hasPrefix("{\"line\":6001,") } == true)
            #expect(one.err.hasSuffix("1 invalid\n"))
        }
    }

    @Test("--quiet drops the summary; without a terminal there is no progress line")
    func quiet() throws {
        let path = try Self.write(Self.input)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let quiet = try Self.shell("\"$ESIMTOOL\" decode --file '\(path)' --quiet")
        #expect(quiet.status == 1)
        #expect(quiet.err.isEmpty)
        let loud = try Self.shell("\"$ESIMTOOL\" decode --file '\(path)'")
        #expect(!loud.err.contains("\r") && !loud.err.contains("decoding:"))
    }

    @Test("output to a closed pipe ends quietly, with SIGPIPE or with it ignored")
    func closedPipe() throws {
        var big = ""
        for index in 0..<200_000 { big += "LPA:1$smdp.example.com$CODE-\(index)\n" }
        let path = try Self.write(big)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let piped = try Self.shell("\"$ESIMTOOL\" decode --file '\(path)' --json | head -n 1")
        #expect(piped.out.hasPrefix("{\"line\":1,"))
        #expect(piped.out.split(separator: "\n").count == 1)
        #expect(piped.err.isEmpty)
        // A parent that ignores SIGPIPE: the write fails with EPIPE and decoding stops.
        let ignored = try Self.shell("trap '' PIPE; \"$ESIMTOOL\" decode --file '\(path)' | head -n 2")
        #expect(ignored.out.split(separator: "\n").count == 2)
        #expect(ignored.err.isEmpty)
    }

    @Test("an over-long line is refused with its number, even when its kept start is blank; the lines around it are decoded")
    func overLongLine() throws {
        let long = String(repeating: " ", count: 70_000) + "LPA:1$smdp.example.com$" + String(repeating: "A", count: 200_000)
        let path = try Self.write("LPA:1$smdp.example.com$A\n\(long)\nLPA:1$smdp.example.com$B\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try Self.shell("\"$ESIMTOOL\" decode --file '\(path)'")
        #expect(run.status == 1)
        let lines = run.out.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.first == "1: valid activation code: LPA:1$smdp.example.com$A")
        #expect(lines.dropFirst().first?.hasPrefix("2: invalid activation code:") == true)
        #expect(lines.last == "3: valid activation code: LPA:1$smdp.example.com$B")
    }

    @Test("on a terminal, a run over a second draws a progress line on stderr and clears it before the summary",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs script(1) (util-linux) for a terminal"))
    func progressOnATerminal() throws {
        var big = ""
        for index in 0..<1_500_000 { big += "LPA:1$smdp.example.com$C-\(index)\n" }
        let path = try Self.write(big)
        defer { try? FileManager.default.removeItem(atPath: path) }
        // script(1) gives the command a terminal; its standard output goes to a file.
        let run = try Self.shell("script -qec \"\\\"$ESIMTOOL\\\" decode --file '\(path)' --jobs 1 > /dev/null\" /dev/null")
        // With standard output on the terminal too, no progress line mixes into the results.
        let both = try Self.shell("script -qec \"\\\"$ESIMTOOL\\\" decode --file '\(path)' --jobs 1\" /dev/null")
        #expect(both.out.contains("1500000: valid activation code"))
        #expect(!both.out.contains("decoding: "))
        let screen = run.out
        #expect(screen.contains("\r\u{1B}[Kdecoding: "), "no progress line; the run may have taken under a second")
        #expect(screen.contains("/s, 0 invalid"))
        #expect(screen.contains("\r\u{1B}[K1500000 inputs: 1500000 valid"))
    }
}
