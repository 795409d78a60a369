import Foundation
import Testing
@testable import ESIMYAML

/// The inputs libFuzzer found for the `yaml` target (Tests/FuzzRegressions/yaml/, replayed
/// through the harness by `Scripts/fuzz replay`), and the positions they now get.
@Suite("Fuzz regressions (ESIMYAML)")
struct YAMLFuzzRegressionTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("FuzzRegressions/yaml")

    /// (file, the mark of the node the harness found out of place)
    static let cases: [(String, YAMLMark)] = [
        // libyaml starts a line at a lone CR; the harness counted only LF.
        ("lone-carriage-return", YAMLMark(line: 2, column: 1)),
        // An empty value at the very end: libyaml puts it on a line after the last.
        ("empty-value-at-end", YAMLMark(line: 1, column: 2)),
        ("empty-document-at-end", YAMLMark(line: 1, column: 4)),
    ]

    @Test("every node of a found input stands inside the text", arguments: cases)
    func insideTheText(_ file: String, _ expected: YAMLMark) throws {
        let bytes = try Array(Data(contentsOf: Self.directory.appendingPathComponent(file)))
        var deepest = try #require(try YAMLDocument(String(decoding: bytes, as: UTF8.self)).root)
        while true {
            if case .mapping(let pairs) = deepest.content, let last = pairs.last { deepest = last.value; continue }
            if case .sequence(let items) = deepest.content, let last = items.last { deepest = last; continue }
            break
        }
        #expect(deepest.mark == expected)
        let end = bytes.withUnsafeBufferPointer { YAMLMark.position(ofByte: $0.count, in: $0) }
        #expect(deepest.mark.line <= end.line)
    }

    @Test("every input in the folder has a case here")
    func complete() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { !$0.hasPrefix(".") }
        #expect(Set(names) == Set(Self.cases.map(\.0)))
    }
}
