import Foundation
import Testing
@testable import ESIMKit

/// Real captures of carrier data with what a person reads from them (`truth.json`),
/// beside the repository. A user's clone does not have them; these tests then skip.
enum RealCaptures {
    static let directory = PageSamples.root.deletingLastPathComponent().appendingPathComponent("shared/real-captures").path

    static let truth: CaptureTruth? = {
        guard let data = FileManager.default.contents(atPath: directory + "/truth.json") else { return nil }
        return try? CaptureTruth(json: String(decoding: data, as: UTF8.self))
    }()

    /// Every capture read with `extractor`, scored; the table printed.
    static func score(_ extractor: PageExtractor, title: String) throws -> CaptureTruth.Score {
        var total = CaptureTruth.Score()
        var report = "\(title)\n"
        for entry in truth?.entries ?? [] {
            let input = try PageInput(contentsOfFile: directory + "/" + entry.file)
            let snapshot = try extractor.inspect(input, options: .init(reference: CalendarDate(year: 2026, month: 11, day: 20)))
            let score = CaptureTruth.score(snapshot, against: entry)
            total = total + score
            report += "  \(entry.file): \(score.right) right, \(score.wrong) wrong, \(score.missed) missed, \(score.invented) invented\n"
            for field in score.fields where field.outcome != .right {
                report += "      \(field.outcome.rawValue) \(field.field.rawValue)\(field.line.map { "[\($0)]" } ?? ""): expected \(field.expected?.description ?? "nothing"), read \(field.read?.description ?? "nothing")\n"
            }
        }
        report += "  total: \(total.right) right, \(total.wrong) wrong, \(total.missed) missed, \(total.invented) invented; "
            + "recall \(percent(total.recall)), precision \(percent(total.precision))\n"
        print(report)
        return total
    }

    static func percent(_ value: Double) -> String { String(Int((value * 1000).rounded()) / 10) + "%" }
}

@Suite("Real captures", .enabled(if: RealCaptures.truth != nil, "the real captures (../shared/real-captures) are not beside this clone"))
struct RealCaptureTests {
    @Test("the generic reader alone: nothing wrong, nothing invented")
    func generic() throws {
        let score = try RealCaptures.score(PageExtractor(specs: []), title: "generic reader alone")
        #expect(score.wrong == 0)
        #expect(score.invented == 0)
        #expect(score.precision >= 0.98)
    }

    @Test("with the built-in specs: nothing wrong, nothing invented, more read than the generic reader alone")
    func withSpecs() throws {
        let specs = try CuratedSpecs.load().pageSpecs
        let score = try RealCaptures.score(PageExtractor(specs: specs), title: "with the built-in specs")
        let generic = try RealCaptures.score(PageExtractor(specs: []), title: "generic reader alone (for comparison)")
        #expect(score.wrong == 0)
        #expect(score.invented == 0)
        #expect(score.right > generic.right)
    }
}
