import Foundation
import Testing
@testable import ESIMKit

/// The shared corpus of 200 real saved pages (news, blogs, wikis: none a carrier's),
/// beside the repository. A user's clone does not have it; these tests then skip.
enum SharedCorpus {
    static let directory = PageSamples.root.deletingLastPathComponent().appendingPathComponent("shared/bench-corpus/html").path

    static let files: [String] = {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".html") }.sorted()
    }()
}

@Suite("PageExtractor over the shared corpus",
       .enabled(if: !SharedCorpus.files.isEmpty, "the shared page corpus (../shared/bench-corpus/html) is not beside this clone"))
struct PageCorpusTests {
    @Test("no real page crashes the reader or is taken for a carrier's")
    func corpus() throws {
        let extractor = try PageExtractor(specs: try CuratedSpecs.load().pageSpecs)
        var read: [String] = []
        for name in SharedCorpus.files {
            let input = try PageInput(contentsOfFile: SharedCorpus.directory + "/" + name)
            let snapshot = try extractor.inspect(input, options: .init(reference: CalendarDate(year: 2026, month: 11, day: 20)))
            #expect(snapshot.carrierID == nil, "\(name) read as \(snapshot.carrierID ?? "")")
            #expect(snapshot.isHeuristic, "\(name)")
            read += (snapshot.values + snapshot.lines.flatMap(\.values)).map { "\(name): \($0.field.rawValue) '\($0.raw)' (\($0.rule))" }
        }
        // None of these pages (news, shops, docs) holds account data: nothing may be read.
        #expect(read.isEmpty, "\(read.joined(separator: "\n"))")
    }
}

@Suite("RuleProbe over the shared corpus",
       .enabled(if: !SharedCorpus.files.isEmpty, "the shared page corpus (../shared/bench-corpus/html) is not beside this clone"))
struct RuleProbeCorpusTests {
    /// Every fourth page: a heading's text is found again, and every rule suggested for it,
    /// run, reads a text holding it — on real markup, not just ours.
    @Test("a heading found on a real page is found again by the rules suggested for it")
    func findHeadings() throws {
        var checked = 0
        for (index, name) in SharedCorpus.files.enumerated() where index % 4 == 0 {
            let probe = try RuleProbe(try PageInput(contentsOfFile: SharedCorpus.directory + "/" + name))
            let headings = try probe.run(ExtractionRule(.css("h1, h2")), limit: 5).map(\.text).filter { $0.count >= 4 }
            guard let wanted = headings.first.map({ String($0.prefix(40)) }) else { continue }
            checked += 1
            let suggestions = probe.suggest(wanted)
            #expect(!suggestions.isEmpty, "\(name): nothing suggested for '\(wanted)'")
            for suggestion in suggestions {
                let read = try probe.run(suggestion.rule, limit: 500)
                #expect(read.contains { $0.text.contains(wanted) }, "\(name): \(suggestion.rule.summary) does not read '\(wanted)'")
            }
        }
        #expect(checked >= 30, "only \(checked) of 50 pages had a heading to look for")
    }
}
