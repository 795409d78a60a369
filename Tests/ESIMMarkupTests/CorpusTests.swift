import Foundation
import Testing
@testable import ESIMMarkup

/// The shared corpus of 200 real saved pages, beside the repository. A user's clone
/// does not have it; these tests then skip and say why.
enum Corpus {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/bench-corpus/html")

    static let files: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".html") }.sorted()
    }()

    static var isPresent: Bool { !files.isEmpty }

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// How many `<name` start tags the raw bytes hold (some may sit inside scripts).
    static func startTagCount(_ bytes: [UInt8]) -> Int {
        var count = 0
        for index in 0..<(bytes.count - 1) where bytes[index] == 0x3C {
            let next = bytes[index + 1] | 0x20
            if next >= 0x61 && next <= 0x7A { count += 1 }
        }
        return count
    }

    /// Whether the raw page has a non-empty `<title>` (a rough byte-level look).
    static func hasTitle(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self).lowercased()
        guard let open = text.range(of: "<title"), let close = text.range(of: "</title>", range: open.upperBound..<text.endIndex),
              let end = text.range(of: ">", range: open.upperBound..<close.lowerBound) else { return false }
        return !text[end.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }
}

@Suite("Shared corpus", .enabled(if: Corpus.isPresent, "the shared page corpus (../shared/bench-corpus/html) is not beside this clone"))
struct CorpusTests {
    @Test("the corpus holds 200 pages")
    func count() {
        #expect(Corpus.files.count == 200)
    }

    @Test("every page parses into a real tree, with its title where it has one", arguments: Corpus.files)
    func parses(_ name: String) throws {
        let bytes = try Corpus.bytes(name)
        let document = try HTMLDocument(bytes: bytes)
        let elements = try document.evaluate(xpath: "count(//*)")
        guard case .number(let count) = elements else {
            Issue.record("count() did not return a number")
            return
        }
        let startTags = Corpus.startTagCount(bytes)
        // Some `<tag` text sits inside scripts; the lowest real ratio in the corpus is 0.36.
        #expect(count >= 10 && count * 4 >= Double(startTags), "\(name): \(Int(count)) elements from \(startTags) start tags")
        #expect(try !document.evaluate(xpath: "normalize-space(//body)").stringValue.isEmpty, "\(name): empty body")
        if Corpus.hasTitle(bytes) {
            #expect(document.title != nil, "\(name): the title was lost")
        }
    }

    @Test("the visible-text and script walks find exactly the nodes their XPath selects, in order", arguments: Corpus.files)
    func visibleTexts(_ name: String) throws {
        let document = try HTMLDocument(bytes: try Corpus.bytes(name))
        let walked = document.node.visibleTextNodes()
        let selected = try document.select(xpath: VisibleTextTests.xpath)
        #expect(walked == selected, "\(name): \(walked.count) walked, \(selected.count) selected")
        #expect(document.node.visibleTextNodes(limit: 7) == Array(selected.prefix(7)))
        // And the scripts embedded data is read from.
        let scripts = document.node.descendantElements(localName: "script")
        #expect(scripts == (try document.select(xpath: "//*[local-name()='script']")), "\(name): scripts")
    }

    @Test("the two pages whose declared charset does not match their bytes come out whole", arguments: [
        ("postlight--www.elecom.co.jp.html", "Shift_JIS"),
        ("readability--qq.html", "GBK"),
    ])
    func mislabelled(_ name: String, _ declared: String) throws {
        let bytes = try Corpus.bytes(name)
        let document = try HTMLDocument(bytes: bytes)
        #expect(document.charset == DocumentCharset(name: "UTF-8", source: .fallback))
        #expect(document.diagnostics.first?.message.contains(declared) == true)
        let text = try document.evaluate(xpath: "string(/)").stringValue
        // Whole: most of the page's text survives (the raw bytes hold markup too).
        #expect(text.utf8.count * 5 > bytes.count, "\(name): \(text.utf8.count) bytes of text from \(bytes.count)")
        #expect(try document.evaluate(xpath: "count(//*)").stringValue.count >= 3)
    }
}
