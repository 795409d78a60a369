import Foundation
import ESIMMarkup
import Testing
@testable import ESIMKit

@Suite("Plans and profile lists over the shared corpus",
       .enabled(if: !SharedCorpus.files.isEmpty, "the shared page corpus (../shared/bench-corpus/html) is not beside this clone"))
struct PlanCorpusTests {
    @Test("real page text read as plan text: no crash, offsets inside the text, spans quote it")
    func planText() throws {
        var recognised = 0
        for name in SharedCorpus.files {
            let document = try HTMLDocument(contentsOfFile: SharedCorpus.directory + "/" + name)
            let text = String((document.root?.normalizedText ?? "").unicodeScalars.prefix(Plan.maximumTextLength))
            guard !text.isEmpty, let plan = try? Plan(text: text) else { continue }
            let scalars = Array(PlanTokenizer.scalars(text))
            for span in plan.unparsed {
                #expect(span.offset >= 0 && span.offset + span.length <= scalars.count, "\(name)")
            }
            if plan.price != nil || plan.data != nil { recognised += 1 }
        }
        // Prose mentions prices and gigabytes now and then; most pages are not plans.
        #expect(recognised < SharedCorpus.files.count)
    }

    @Test("real pages given as profile lists are refused with an error, never a crash")
    func profileLists() throws {
        for name in SharedCorpus.files.prefix(60) {
            let bytes = try FileReader.read(SharedCorpus.directory + "/" + name)
            do {
                let list = try ProfileList(reading: bytes)
                Issue.record("\(name) read as a profile list: \(list.format)")
            } catch {
                #expect([.notEntitlement, .unrecognisedFormat, .invalidDER, .truncatedDER, .unexpectedTag].contains(error.code), "\(name): \(error)")
            }
        }
    }
}
