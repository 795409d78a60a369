import Foundation
import Testing
@testable import ESIMKit

/// Real captures of carrier data with what a person reads from them (`truth.json`),
/// beside the repository. A user's clone does not have them; these tests then skip.
enum RealCaptures {
    static let directory = PageSamples.root.deletingLastPathComponent().appendingPathComponent("shared/real-captures").path
    /// The real captures the repository keeps (`Samples/Real`), with their own truth.
    static let samplesDirectory = PageSamples.root.appendingPathComponent("Samples/Real").path

    static let truth: CaptureTruth? = load(directory)
    static let samplesTruth: CaptureTruth? = load(samplesDirectory)

    static func load(_ directory: String) -> CaptureTruth? {
        guard let data = FileManager.default.contents(atPath: directory + "/truth.json") else { return nil }
        return try? CaptureTruth(json: String(decoding: data, as: UTF8.self))
    }

    /// Every capture read with `extractor`, scored; the table printed. Each is read as its
    /// user would run `inspect`: with `--country` of the country the truth names.
    static func score(_ extractor: PageExtractor, title: String, in directory: String = directory,
                      truth: CaptureTruth? = truth) throws -> CaptureTruth.Score {
        var total = CaptureTruth.Score()
        var report = "\(title)\n"
        for entry in truth?.entries ?? [] {
            let input = try PageInput(contentsOfFile: directory + "/" + entry.file)
            let snapshot = try extractor.inspect(input, options: .init(reference: CalendarDate(year: 2026, month: 11, day: 20),
                                                                                 country: entry.country))
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

/// The real captures kept in `Samples/Real` (there on every clone).
@Suite("Real captures in Samples")
struct SampleRealCaptureTests {
    @Test("the truth file lists every capture in Samples/Real, and each file exists")
    func truthCoversFiles() throws {
        let truth = try #require(RealCaptures.samplesTruth, "Samples/Real/truth.json is missing or unreadable")
        let listed = Set(truth.entries.map(\.file))
        let root = RealCaptures.samplesDirectory
        let files = try FileManager.default.subpathsOfDirectory(atPath: root).filter { path in
            [".json", ".html", ".xml"].contains { path.hasSuffix($0) } && path != "truth.json"
        }
        #expect(Set(files) == listed)
    }

    @Test("the generic reader alone: nothing wrong, nothing invented")
    func generic() throws {
        let score = try RealCaptures.score(PageExtractor(specs: []), title: "Samples/Real, generic reader alone",
                                           in: RealCaptures.samplesDirectory, truth: RealCaptures.samplesTruth)
        #expect(score.wrong == 0)
        #expect(score.invented == 0)
        #expect(score.right > 0)
    }

    @Test("with the built-in specs: nothing wrong, nothing invented")
    func withSpecs() throws {
        let specs = try CuratedSpecs.load().pageSpecs
        let score = try RealCaptures.score(PageExtractor(specs: specs), title: "Samples/Real, with the built-in specs",
                                           in: RealCaptures.samplesDirectory, truth: RealCaptures.samplesTruth)
        #expect(score.wrong == 0)
        #expect(score.invented == 0)
    }
}

/// Captures of your own, with a `truth.json` in the same format, scored when
/// `ESIMTOOL_CAPTURES` names their folder (`ESIMTOOL_CAPTURES=~/captures swift test --filter
/// OwnCaptureTests`): what the readers make of material that cannot be committed.
@Suite("Own captures (ESIMTOOL_CAPTURES)", .enabled(if: OwnCaptures.directory != nil, "ESIMTOOL_CAPTURES is not set"))
struct OwnCaptureTests {
    @Test("scored with the generic reader alone and with the built-in specs")
    func score() throws {
        let directory = try #require(OwnCaptures.directory)
        let truth = try #require(RealCaptures.load(directory), "\(directory)/truth.json is missing or unreadable")
        let specs = try CuratedSpecs.load().pageSpecs
        let generic = try RealCaptures.score(PageExtractor(specs: []), title: "\(directory), generic reader alone", in: directory, truth: truth)
        let withSpecs = try RealCaptures.score(PageExtractor(specs: specs), title: "\(directory), with the built-in specs", in: directory, truth: truth)
        #expect(generic.wrong == 0 && generic.invented == 0)
        #expect(withSpecs.wrong == 0 && withSpecs.invented == 0)
    }
}

enum OwnCaptures {
    static let directory: String? = ProcessInfo.processInfo.environment["ESIMTOOL_CAPTURES"].flatMap { $0.isEmpty ? nil : $0 }
}
