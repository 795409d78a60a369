import Foundation
import Testing
@testable import ESIMSupport

@Suite("LineBatches")
struct LineBatchesTests {
    /// Every line of `text` read through a pipe-free temporary file in blocks of `blockSize`.
    static func lines(of bytes: [UInt8], blockSize: Int) throws -> [(Int, String)] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("esimtool-lines-\(UUID().uuidString)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var reader = try LineBatches(path: path, blockSize: blockSize)
        defer { reader.close() }
        var lines: [(Int, String)] = []
        while let batch = try reader.next() {
            #expect(batch.firstNumber == (lines.last?.0 ?? 0) + 1)
            for (index, range) in batch.lines.enumerated() {
                lines.append((batch.firstNumber + index, String(decoding: batch.bytes[range], as: UTF8.self)))
            }
        }
        return lines
    }

    /// The reference: split on `\n`, drop a final empty piece, strip trailing `\r`s.
    static func expected(_ text: String) -> [String] {
        // On bytes: "\r\n" is one Character, so String.split would not cut it.
        var pieces = Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        if pieces.last == [] { pieces.removeLast() }
        return pieces.map { line in
            var line = line[...]
            while line.last == 0x0D { line = line.dropLast() }
            return String(decoding: line, as: UTF8.self)
        }
    }

    @Test("every block size from one byte up cuts the same lines, numbered from 1")
    func everyBlockSize() throws {
        let text = "LPA:1$a.example$X\r\n\n# comment\nsecond\r\r\n  \nlast without end"
        let expected = Self.expected(text)
        for blockSize in 1...(text.utf8.count + 2) {
            let lines = try Self.lines(of: Array(text.utf8), blockSize: blockSize)
            #expect(lines.map(\.1) == expected, "block size \(blockSize)")
            #expect(lines.map(\.0) == Array(1...expected.count))
        }
    }

    @Test("a final line end adds no empty line; an empty file has no lines")
    func ends() throws {
        #expect(try Self.lines(of: Array("a\nb\n".utf8), blockSize: 3).map(\.1) == ["a", "b"])
        #expect(try Self.lines(of: [], blockSize: 8).isEmpty)
        #expect(try Self.lines(of: Array("\n".utf8), blockSize: 8).map(\.1) == [""])
    }

    @Test("an over-long line keeps its first bytes and the count goes on", arguments: [7, 4096, 1 << 20])
    func overLongLine(blockSize: Int) throws {
        let long = String(repeating: "x", count: LineBatches.maximumLineBytes * 2 + 5)
        let lines = try Self.lines(of: Array("first\n\(long)\nthird\n\(long)".utf8), blockSize: blockSize)
        #expect(lines.map(\.0) == [1, 2, 3, 4])
        #expect(lines[0].1 == "first")
        #expect(lines[1].1.utf8.count == LineBatches.maximumLineBytes + 1)
        #expect(lines[2].1 == "third")
        #expect(lines[3].1.utf8.count == LineBatches.maximumLineBytes + 1)
    }

    @Test("a missing file and a directory are named errors")
    func openErrors() {
        #expect(throws: FileError.self) { try LineBatches(path: "/nonexistent/esimtool/lines.txt") }
        do {
            _ = try LineBatches(path: "/nonexistent/esimtool/lines.txt")
        } catch {
            #expect(error.code == .cannotOpen)
            #expect(error.description == "/nonexistent/esimtool/lines.txt: cannot open (No such file or directory)")
        }
        do {
            _ = try LineBatches(path: FileManager.default.temporaryDirectory.path)
            Issue.record("a directory opened as lines")
        } catch {
            #expect(error.code == .isDirectory)
        }
    }
}

@Suite("LineBatches, byte-order mark")
struct LineBatchesBOMTests {
    @Test("a UTF-8 byte-order mark at the start of the input is not part of the first line")
    func byteOrderMark() throws {
        // Every block size, down to a byte at a time (a pipe may deliver the mark in pieces).
        for blockSize in [1, 2, 3, 4, 5, 1 << 17] {
            let lines = try LineBatchesTests.lines(of: [0xEF, 0xBB, 0xBF] + Array("LPA:1$a.example$X\r\nsecond\n".utf8), blockSize: blockSize)
            #expect(lines.map(\.1) == ["LPA:1$a.example$X", "second"], "block size \(blockSize)")
            #expect(lines.map(\.0) == [1, 2])
        }
        // Input that is only the start of a mark, or shorter than one, is its own line.
        #expect(try LineBatchesTests.lines(of: [0xEF, 0xBB], blockSize: 1).count == 1)
        #expect(try LineBatchesTests.lines(of: Array("a".utf8), blockSize: 1).map(\.1) == ["a"])
        #expect(try LineBatchesTests.lines(of: [0xEF, 0xBB, 0xBF], blockSize: 1).isEmpty)
        // Only at the start: the same bytes later are the line's.
        let later = try LineBatchesTests.lines(of: Array("a\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("b\n".utf8), blockSize: 1 << 17)
        #expect(later.map(\.1) == ["a", "\u{FEFF}b"])
    }
}
