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
        var heuristicValues = 0
        for name in SharedCorpus.files {
            let input = try PageInput(contentsOfFile: SharedCorpus.directory + "/" + name)
            let snapshot = try extractor.inspect(input, options: .init(reference: CalendarDate(year: 2026, month: 11, day: 20)))
            #expect(snapshot.carrierID == nil, "\(name) read as \(snapshot.carrierID ?? "")")
            #expect(snapshot.isHeuristic, "\(name)")
            heuristicValues += snapshot.values.count + snapshot.lines.reduce(0) { $0 + $1.values.count }
        }
        // News pages hold few "amount due"-like labels; most read as nothing at all.
        #expect(heuristicValues < SharedCorpus.files.count * 2)
    }
}
