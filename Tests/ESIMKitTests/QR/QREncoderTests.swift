import Foundation
import Testing
@testable import ESIMKit

@Suite("QREncoder")
struct QREncoderTests {
    /// The worked example of ISO/IEC 18004 tutorials: "HELLO WORLD" at 1-Q.
    @Test("data and Reed–Solomon codewords of HELLO WORLD, 1-Q")
    func helloWorld() throws {
        let data: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236]
        let ecc = ReedSolomon.remainder(data, divisor: ReedSolomon.divisor(degree: 13))
        #expect(ecc == [168, 72, 22, 82, 217, 54, 156, 0, 46, 15, 180, 122, 16])
        let symbol = try QREncoder.encode("HELLO WORLD", correction: .quartile, boost: false)
        #expect(symbol.version == 1 && symbol.mode == .alphanumeric && symbol.size == 21)
    }

    @Test("format and version information bits")
    func bchCodes() {
        #expect(Matrix.formatBits(level: .medium, mask: 0) == 0b101010000010010)
        #expect(Matrix.formatBits(level: .low, mask: 0) == 0b111011111000100)
        #expect(Matrix.formatBits(level: .high, mask: 7) == 0b000100000111011)
        #expect(Matrix.versionBits(7) == 0x07C94)
        #expect(Matrix.versionBits(40) == 0x28C69)
    }

    @Test("alignment pattern centres match ISO/IEC 18004 Annex E")
    func alignment() {
        let expected: [Int: [Int]] = [1: [], 2: [6, 18], 7: [6, 22, 38], 14: [6, 26, 46, 66], 22: [6, 26, 50, 74, 98],
                                      32: [6, 34, 60, 86, 112, 138], 36: [6, 24, 50, 76, 102, 128, 154], 40: [6, 30, 58, 86, 114, 142, 170]]
        for (version, positions) in expected { #expect(Matrix(version: version).alignmentPositions == positions, "version \(version)") }
    }

    @Test("capacities: every version holds the data codewords the tables give")
    func capacities() {
        // Spot values of ISO/IEC 18004 Table 7 (data codewords).
        #expect(QREncoder.dataCodewords(1, .low) == 19 && QREncoder.dataCodewords(1, .high) == 9)
        #expect(QREncoder.dataCodewords(10, .medium) == 216 && QREncoder.dataCodewords(40, .low) == 2956)
        #expect(QREncoder.dataCodewords(40, .high) == 1276)
    }

    @Test("function patterns: finders, timing, the dark module")
    func patterns() throws {
        let symbol = try QREncoder.encode("LPA:1$SMDP.EXAMPLE.COM$04386-AGYFT-A74Y8-3F815")
        for (x, y) in [(0, 0), (symbol.size - 7, 0), (0, symbol.size - 7)] {
            #expect(symbol[x, y] && symbol[x + 6, y + 6] && !symbol[x + 1, y + 1] && symbol[x + 3, y + 3])
        }
        for index in 8..<(symbol.size - 8) { #expect(symbol[index, 6] == (index % 2 == 0)) }
        #expect(symbol[8, symbol.size - 8])
    }

    @Test("too much text is an error that says how much fits")
    func tooLong() {
        #expect(throws: QRError.self) { try QREncoder.encode(String(repeating: "x", count: 3000), correction: .high) }
    }

    @Test("PNG files are well formed: signature, chunk CRCs, stored deflate")
    func png() throws {
        let bytes = try QREncoder.encode("TEST").png(scale: 2)
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        var offset = 8
        var types: [String] = []
        while offset < bytes.count {
            let length = Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            let body = Array(bytes[(offset + 4)..<(offset + 8 + length)])
            let crc = bytes[(offset + 8 + length)..<(offset + 12 + length)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            #expect(PNG.crc32(body) == crc)
            types.append(String(decoding: body.prefix(4), as: UTF8.self))
            offset += 12 + length
        }
        #expect(types == ["IHDR", "IDAT", "IEND"])
    }
}

/// Round trips through an independent decoder: zbar, run on the PNGs the encoder writes.
enum Zbar {
    static let path: String? = ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static func read(_ symbol: QRCode, directory: URL) throws -> [String] {
        let file = directory.appendingPathComponent("qr-\(UUID().uuidString).png")
        try Data(symbol.png(scale: 4)).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try QRImageReader.read(file.path)
    }
}

@Suite("QR round trips through zbar",
       .enabled(if: Zbar.path != nil, "zbarimg is not installed (apt-get install zbar-tools); .ci/run installs it"))
struct QRRoundTripTests {
    static let directory = FileManager.default.temporaryDirectory

    @Test("every mask, in both modes, reads back")
    func masks() throws {
        for text in ["LPA:1$SMDP.EXAMPLE.COM$04386-AGYFT-A74Y8-3F815", "LPA:1$rsp.example.net$K2-4FX9-QQ7L-8MZT$1.3.6.1.4.1.31746$1"] {
            for version in [1, 7] {
                for mask in 0..<8 {
                    guard let symbol = try? QREncoder.encode(text, correction: .low, boost: false, minimumVersion: version, mask: mask) else { continue }
                    #expect(symbol.mask == mask)
                    #expect(try Zbar.read(symbol, directory: Self.directory) == [text], "version \(symbol.version) mask \(mask)")
                }
            }
        }
    }

    @Test("every version from 1 to 40 reads back", arguments: Array(1...40))
    func versions(_ version: Int) throws {
        // Just more bytes than the version before holds, so this version is the one chosen.
        let previous = version == 1 ? 0
            : (QREncoder.dataCodewords(version - 1, .medium) * 8 - 4 - QRMode.byte.countBits(version: version - 1)) / 8
        let text = String((0..<(previous + 1)).map { Character(UnicodeScalar(UInt8(97 + $0 % 26))) })
        let symbol = try QREncoder.encode(text, correction: .medium, boost: false)
        #expect(symbol.version == version)
        #expect(try Zbar.read(symbol, directory: Self.directory) == [text])
    }

    @Test("every error-correction level reads back", arguments: QRErrorCorrection.allCases)
    func levels(_ level: QRErrorCorrection) throws {
        for length in [10, 60, 400] {
            let text = "LPA:1$SMDP.EXAMPLE.COM$" + String(repeating: "A1B2-", count: length / 5)
            let symbol = try QREncoder.encode(text, correction: level, boost: false)
            #expect(symbol.errorCorrection == level)
            #expect(try Zbar.read(symbol, directory: Self.directory) == [text])
        }
    }

    @Test("an image with two codes reports both; one without a code, and a broken file, are clear errors")
    func images() throws {
        let a = try QREncoder.encode("LPA:1$SMDP.EXAMPLE.COM$AAAA-1111")
        let b = try QREncoder.encode("LPA:1$SMDP.EXAMPLE.COM$BBBB-2222")
        let scale = 4, border = QRCode.quietZone
        let width = (a.size + b.size + 4 * border) * scale
        let height = (max(a.size, b.size) + 2 * border) * scale
        let both = PNG.monochrome(width: width, height: height) { x, y in
            let left = (a.size + 2 * border) * scale
            return x < left ? a[x / scale - border, y / scale - border] : b[(x - left) / scale - border, y / scale - border]
        }
        let file = Self.directory.appendingPathComponent("two-\(UUID().uuidString).png")
        try Data(both).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(Set(try QRImageReader.read(file.path)) == ["LPA:1$SMDP.EXAMPLE.COM$AAAA-1111", "LPA:1$SMDP.EXAMPLE.COM$BBBB-2222"])

        let blank = Self.directory.appendingPathComponent("blank-\(UUID().uuidString).png")
        try Data(PNG.monochrome(width: 64, height: 64) { _, _ in false }).write(to: blank)
        defer { try? FileManager.default.removeItem(at: blank) }
        let blankError = #expect(throws: QRError.self) { try QRImageReader.read(blank.path) }
        #expect(blankError?.code == .noCode)

        let broken = Self.directory.appendingPathComponent("broken-\(UUID().uuidString).png")
        try Data("not an image".utf8).write(to: broken)
        defer { try? FileManager.default.removeItem(at: broken) }
        let brokenError = #expect(throws: QRError.self) { try QRImageReader.read(broken.path) }
        #expect(brokenError?.code == .unreadableImage)
    }
}
