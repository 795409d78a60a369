import Foundation
import Testing
import ESIMMarkup

/// The inputs libFuzzer found (Tests/FuzzRegressions/TARGET/, replayed through their
/// harnesses by `Scripts/fuzz replay`), fed here to the same entry points: each must give
/// a clean result. This file covers the ESIMMarkup targets.
@Suite("Fuzz regressions (ESIMMarkup)")
struct MarkupFuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("FuzzRegressions")
    static let targets = ["css", "xpath", "jsonpath", "json", "html", "xml"]

    static func input(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent(name)))
    }

    /// A selector the fuzzer found, and how many elements it matches on `page`.
    static let selectors: [(file: String, matches: Int)] = [
        // The CSS `p\` + NUL over-read (fixed before the harnesses were committed).
        ("css/escaped-nul", 0),
        // Escaped characters went into the XPath translation as they were: `\*` (an
        // element named `*`) became every element, an escaped space vanished from the name.
        ("css/escaped-asterisk", 0),
        ("css/escaped-asterisk-attribute", 0),
        ("css/escaped-space", 0),
    ]

    static let page = "<html><body><h2 a='1'>x</h2><p class='c'>y</p><div><p>z</p></div></body></html>"

    @Test("selectors compile, and match natively what their XPath translation selects", arguments: selectors)
    func selector(_ file: String, _ matches: Int) throws {
        let source = String(decoding: try Self.input(file), as: UTF8.self)
        let document = try HTMLDocument(string: Self.page)
        let selector = try CSSSelector(source)
        let native = document.select(selector)
        #expect(native.count == matches)
        #expect(try document.select(xpath: selector.xpath) == native, "translation: \(selector.xpath)")
    }

    @Test("a charset libxml2 converts through iconv reads (its encoding handler is closed, no longer leaked)")
    func legacyCharsets() throws {
        let html = try HTMLDocument(bytes: try Self.input("html/legacy-charset"))
        #expect(html.charset.name.lowercased() == "shift_jis")
        #expect(html.title == "日本")
        let xml = try XMLDocument(bytes: try Self.input("xml/legacy-encoding"))
        #expect(xml.isWellFormed)
        #expect(try xml.select(xpath: "//a").first?.text == "日本")
    }

    /// Resident memory in bytes, from /proc (Linux); `nil` elsewhere.
    static var residentBytes: Int? {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
              let pages = statm.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Each page leaked its encoding handler and two iconv descriptors: 600 pages held
    /// 7.5 MB more resident memory (0.6 MB once the handler is closed).
    @Test("reading pages in an iconv charset does not grow memory",
          .enabled(if: residentBytes != nil, "needs /proc/self/statm"))
    func legacyCharsetsDoNotLeak() throws {
        let bytes = try Self.input("html/legacy-charset")
        func read(_ count: Int) throws { for _ in 0..<count { _ = try HTMLDocument(bytes: bytes) } }
        try read(30)
        // Resident memory is the whole process's, and other tests run beside this one: a
        // leak grows it in every round, another test's allocations only in some. The
        // smallest growth of three rounds is this code's.
        var growths: [Int] = []
        for _ in 0..<3 {
            let before = try #require(Self.residentBytes)
            try read(600)
            growths.append(try #require(Self.residentBytes) - before)
        }
        let grown = growths.min() ?? 0
        #expect(grown < 2 << 20, "resident memory grew by at least \(grown) bytes in each of three rounds of 600 pages: \(growths)")
    }

    @Test("every regression input of these targets is checked here")
    func complete() throws {
        let checked = Set(Self.selectors.map(\.file) + ["html/legacy-charset", "xml/legacy-encoding"])
        for target in Self.targets {
            let directory = Self.root.appendingPathComponent(target)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for name in names where !name.hasPrefix(".") {
                #expect(checked.contains(target + "/" + name), "\(target)/\(name) has no test")
            }
        }
    }
}
