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

    @Test("every regression input of these targets is checked here")
    func complete() throws {
        let checked = Set(Self.selectors.map(\.file))
        for target in Self.targets {
            let directory = Self.root.appendingPathComponent(target)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for name in names where !name.hasPrefix(".") {
                #expect(checked.contains(target + "/" + name), "\(target)/\(name) has no test")
            }
        }
    }
}
