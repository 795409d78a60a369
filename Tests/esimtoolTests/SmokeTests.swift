import Foundation
import Testing

/// Runs the built `esimtool` binary as a separate process.
@Suite("esimtool binary")
struct SmokeTests {
    static var binary: URL? {
        // The test bundle lives in the build products directory, beside the executable.
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [products, products.deletingLastPathComponent()]
            .map { $0.appendingPathComponent("esimtool") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    func run(_ arguments: [String], stdin: String? = nil) throws -> (status: Int32, out: String, err: String) {
        let binary = try #require(Self.binary, "esimtool was not built beside the tests")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    @Test("decode, exit statuses 0, 1 and 64, and stdin, as a real process")
    func smoke() throws {
        let ok = try run(["decode", "--json", "LPA:1$smdp.example.com$ABC"])
        #expect(ok.status == 0)
        #expect(ok.out.hasPrefix(#"{"kind":"activationCode","valid":true"#))

        let bad = try run(["decode", "LPA:1$$ABC"])
        #expect(bad.status == 1)
        #expect(bad.err.hasPrefix("error: activation code: the SM-DP+ address is empty (offset 6)"))

        let usage = try run(["decode"])
        #expect(usage.status == 64)

        let piped = try run(["decode", "--file", "-"], stdin: "LPA:1$smdp.example.com$A\n310260000000001\n")
        #expect(piped.status == 0)
        #expect(piped.out.split(separator: "\n").count == 2)

        let help = try run(["--help"])
        #expect(help.status == 0)
        #expect(help.out.contains("decode"))
    }
}
