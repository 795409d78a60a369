import Foundation
import Testing
@testable import ESIMKit

/// Every input under `Samples/` decodes to the JSON stored beside it.
///
/// Set `ESIMTOOL_RECORD_GOLDEN=1` to rewrite the expected files; that run fails on purpose.
@Suite("Sample golden files")
struct SampleGoldenTests {
    static let samplesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Samples")

    static var recording: Bool { ProcessInfo.processInfo.environment["ESIMTOOL_RECORD_GOLDEN"] == "1" }

    /// Sample inputs, relative to `Samples/`: `.txt` holds one input, `.lines` a batch.
    static let cases: [String] = {
        let root = samplesDirectory.path
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        return enumerator.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".txt") || $0.hasSuffix(".lines") || ($0.hasPrefix("Plans/") && $0.hasSuffix(".json"))
                || (($0.hasPrefix("Profiles/") || $0.hasPrefix("Generic/")) && $0.contains(".")) }
            .filter { $0.hasPrefix("ActivationCodes/") || $0.hasPrefix("Identifiers/") || $0.hasPrefix("Batches/") || $0.hasPrefix("Plans/")
                || $0.hasPrefix("Profiles/") || $0.hasPrefix("Generic/") }
            .filter { !$0.contains(".expected.") }
            .sorted()
    }()

    static func render(_ path: String) throws -> String {
        let encoder = OrderedJSONEncoder()
        if path.hasPrefix("Profiles/") {
            // The list, or the error that stopped it.
            let bytes = try [UInt8](Data(contentsOf: samplesDirectory.appendingPathComponent(path)))
            let list: ProfileList
            do {
                list = try ProfileList(reading: bytes)
            } catch {
                return "{\"error\":\"\(error.code.rawValue)\",\"message\":\"\(error.description)\"}\n"
            }
            return try encoder.encode(list) + "\n"
        }
        if path.hasPrefix("Generic/") {
            // What the generic reader reads, with the built-in specs tried first.
            let bytes = try [UInt8](Data(contentsOf: samplesDirectory.appendingPathComponent(path)))
            let extractor = try PageExtractor(specs: try CuratedSpecs.load().pageSpecs)
            let snapshot = try extractor.inspect(PageInput(name: path, bytes: bytes),
                                                 options: .init(reference: CalendarDate(year: 2026, month: 11, day: 20)))
            return try encoder.encode(snapshot) + "\n"
        }
        let text = try String(contentsOf: samplesDirectory.appendingPathComponent(path), encoding: .utf8)
        if path.hasPrefix("Plans/") {
            // One plan per line, then what could not be read.
            let reading = try PlanReading.read(text: text)
            return try reading.plans.map { try encoder.encode($0) + "\n" }.joined()
                + reading.notes.map { "# \($0)\n" }.joined()
        }
        if path.hasSuffix(".lines") {
            return try text.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !InputDecoder.isSkippedLine($0) }
                .map { try encoder.encode(InputDecoder.decode(String($0))) + "\n" }
                .joined()
        }
        let input = text.hasSuffix("\n") ? String(text.dropLast()) : text
        return try encoder.encode(InputDecoder.decode(input)) + "\n"
    }

    static func expectedURL(_ path: String) -> URL {
        let base: String
        if path.hasPrefix("Plans/") {
            base = String(path[..<path.lastIndex(of: ".")!]) + ".expected.jsonl"
        } else if path.hasPrefix("Profiles/") || path.hasPrefix("Generic/") {
            base = String(path[..<path.lastIndex(of: ".")!]) + ".expected.json"
        } else {
            base = path.hasSuffix(".lines") ? String(path.dropLast(6)) + ".expected.jsonl"
                                            : String(path.dropLast(4)) + ".expected.json"
        }
        return samplesDirectory.appendingPathComponent(base)
    }

    @Test("the samples directory is found and not empty")
    func found() {
        #expect(Self.cases.count >= 10, "no samples under \(Self.samplesDirectory.path)")
    }

    @Test("decoding matches the expected JSON", arguments: cases)
    func golden(_ path: String) throws {
        let actual = try Self.render(path)
        let url = Self.expectedURL(path)
        if Self.recording {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded \(url.lastPathComponent); unset ESIMTOOL_RECORD_GOLDEN and review the diff")
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "\(path)")
    }
}
