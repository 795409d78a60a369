import Foundation
import Testing
import ESIMKit
@testable import esimtool

@Suite("QRCommand")
struct QRCommandTests {
    static let zbar = FileManager.default.isExecutableFile(atPath: "/usr/bin/zbarimg")

    @Test("the terminal drawing is square with a quiet zone; the summary goes to stderr")
    func terminal() {
        let run = runCLI(["qr", "LPA:1$SMDP.EXAMPLE.COM$04386-AGYFT-A74Y8-3F815"])
        #expect(run.status == 0)
        // 29 modules + 8 of quiet zone, two rows a line.
        #expect(run.outLines.count == 19)
        #expect(run.outLines.allSatisfy { $0.count == 37 })
        #expect(run.outLines.first == String(repeating: "█", count: 37))
        #expect(run.err == "QR version 3-Q, 29×29 modules, mask 0, alphanumeric mode\n")
    }

    @Test("an invalid code is refused before anything is drawn; --strict refuses warnings")
    func invalid() {
        let bad = runCLI(["qr", "LPA:1$$ABC"])
        #expect(bad.status == 1 && bad.out.isEmpty)
        #expect(bad.err.hasPrefix("error: activation code: the SM-DP+ address is empty (offset 6)"))
        #expect(runCLI(["qr", "LPA:1$smdp.example.com:8443$TEST-0001"]).status == 0)
        #expect(runCLI(["qr", "--strict", "LPA:1$smdp.example.com:8443$TEST-0001"]).status == 1)
        #expect(runCLI(["qr", "LPA:1$A.EXAMPLE.COM$B", "--png", "a.png", "--svg", "a.svg"]).status == 64)
    }

    @Test("--png and --svg write files; a PNG reads back through decode", .enabled(if: zbar, "zbarimg is not installed"))
    func files() throws {
        let scratch = try ScratchDirectory()
        let code = "LPA:1$rsp.example.net$K2-4FX9-QQ7L-8MZT$$1"
        let png = scratch.path + "/code.png"
        let run = runCLI(["qr", code, "--png", png, "--correction", "H"])
        #expect(run.status == 0)
        #expect(run.err.contains("-H, "))
        let decoded = runCLI(["decode", png, "--json"])
        #expect(decoded.status == 0)
        #expect(decoded.out.contains(#""canonical":"LPA:1$rsp.example.net$K2-4FX9-QQ7L-8MZT$$1""#))
        let svg = scratch.path + "/code.svg"
        #expect(runCLI(["qr", code, "--svg", svg]).status == 0)
        #expect(try scratch.read("code.svg").hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    }

    @Test("decode reports a QR that is not an activation code, and an unreadable image, with exit 1",
          .enabled(if: zbar, "zbarimg is not installed"))
    func badImages() throws {
        let scratch = try ScratchDirectory()
        let other = scratch.path + "/url.png"
        try Data(try QREncoder.encode("https://example.com/help").png()).write(to: URL(fileURLWithPath: other))
        let run = runCLI(["decode", other])
        #expect(run.status == 1)
        #expect(run.err.contains("QR code 1 in \(other) holds 'https://example.com/help': activation code:"))
        let broken = try scratch.write("not an image", to: "broken.png")
        let brokenRun = runCLI(["decode", broken])
        #expect(brokenRun.status == 1)
        #expect(brokenRun.err.contains("not an image zbar can read"))
    }
}

@Suite("QR without zbar")
struct QRWithoutZbarTests {
    @Test("without zbarimg, reading an image says what to install; drawing still works")
    func missingReader() throws {
        let binary = try #require(SmokeTests.binary, "esimtool was not built beside the tests")
        let scratch = try ScratchDirectory()
        let png = scratch.path + "/code.png"
        func run(_ arguments: [String]) throws -> (Int32, String) {
            let process = Process()
            process.executableURL = binary
            process.arguments = arguments
            process.environment = ["PATH": scratch.path, "HOME": scratch.path]
            let err = Pipe()
            process.standardError = err
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let data = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }
        #expect(try run(["qr", "LPA:1$SMDP.EXAMPLE.COM$ABC-123", "--png", png]).0 == 0)
        let (status, message) = try run(["decode", png])
        #expect(status == 1)
        #expect(message.contains("needs zbarimg (Debian or Ubuntu: apt-get install zbar-tools)"))
    }
}
