import Foundation
import Testing
import Synchronization
@testable import ESIMMarkup

@Suite("XPathExpression")
struct XPathTests {
    static let document = """
    <html><body><div id="a" class="x">A<span>1</span></div><div id="b">B</div></body></html>
    """

    @Test("string, number and boolean results")
    func scalarResults() throws {
        let document = try HTMLDocument(string: Self.document)
        #expect(try document.evaluate(xpath: "string(//div[@id='b'])").stringValue == "B")
        guard case .number(let count) = try document.evaluate(xpath: "count(//div)") else {
            Issue.record("count() did not return a number")
            return
        }
        #expect(count == 2)
        guard case .boolean(let flag) = try document.evaluate(xpath: "boolean(//span)") else {
            Issue.record("boolean() did not return a boolean")
            return
        }
        #expect(flag)
    }

    @Test("a compiled expression is reused across documents")
    func compiled() throws {
        let expression = try XPathExpression("count(//li)")
        for count in 1...5 {
            let document = try HTMLDocument(string: "<ul>" + String(repeating: "<li/>", count: count) + "</ul>")
            #expect(try document.evaluate(expression).stringValue == String(count))
        }
    }

    @Test("bad expressions are errors with the position and reason", arguments: [
        ("//div[", 6), ("//div[@id='a']]", 14), ("//*[@", 5), ("1 +", 3),
    ])
    func badExpression(_ expression: String, _ offset: Int) {
        let error = #expect(throws: MarkupError.self) { try XPathExpression(expression) }
        #expect(error?.code == .invalidXPath)
        #expect(error?.offset == offset)
        #expect(error?.message.contains(expression) == true)
    }

    @Test("an expression that compiles but fails when evaluated is an error too")
    func evaluationError() throws {
        let document = try HTMLDocument(string: Self.document)
        #expect(throws: MarkupError.self) { try document.evaluate(xpath: "unknown-function(1)") }
        #expect(throws: MarkupError.self) { try document.evaluate(xpath: "count(") }
        #expect(throws: MarkupError.self) { try document.evaluate(xpath: "foo(") }
        #expect(throws: MarkupError.self) { try document.evaluate(xpath: "") }
    }

    @Test("an expression doing too much work on a page stops with its own error; the same expression on a small page runs")
    func operationLimit() throws {
        // 20,000 items, each counting the items before it: ~200 million steps.
        let items = (0..<20_000).map { "<li>\($0)</li>" }.joined()
        let large = try HTMLDocument(string: "<html><body><ul>\(items)</ul></body></html>")
        let expression = "//li[count(preceding-sibling::li) > 19990]"
        let error = #expect(throws: MarkupError.self) { try large.select(xpath: expression) }
        #expect(error?.code == .xpathTooMuchWork)
        #expect(error?.message.contains("million steps") == true)
        // The same document answers other queries afterwards (the count starts again).
        #expect(try large.select(xpath: "//li[. = '19995']").count == 1)
        let small = try HTMLDocument(string: "<ul>" + (0..<100).map { "<li>\($0)</li>" }.joined() + "</ul>")
        #expect(try small.select(xpath: "//li[count(preceding-sibling::li) > 97]").map(\.text) == ["98", "99"])
    }

    @Test("queries relative to a node")
    func relative() throws {
        let document = try HTMLDocument(string: Self.document)
        let first = try #require(document.select(css: "div").first)
        #expect(try first.select(xpath: "span").map(\.text) == ["1"])
        #expect(try first.evaluate(xpath: "string(@id)").stringValue == "a")
    }
}

@Suite("CSSSelector")
struct CSSSelectorTests {
    static let page = """
    <html><body>
      <main id="main" class="page account">
        <section class="usage card" data-line="1" lang="en-US">
          <h2>Line 1</h2><p class="used">2.5 GB</p><p class="left">12.5 GB</p><p class="note">x</p>
        </section>
        <section class="usage" data-line="2" lang="en">
          <h2>Line 2</h2><p class="used">7 GB</p><p class="left"></p>
        </section>
        <aside><a href="https://example.com/pay" title="Pay Now">Pay</a><a href="/bill.pdf">Bill</a></aside>
      </main>
      <ul><li>1</li><li>2</li><li>3</li><li>4</li><li>5</li></ul>
    </body></html>
    """

    /// Selector → the text of what it matches, in document order.
    static let table: [(String, [String])] = [
        ("h2", ["Line 1", "Line 2"]),
        ("H2", ["Line 1", "Line 2"]),
        ("#main > section > h2", ["Line 1", "Line 2"]),
        ("section.usage.card h2", ["Line 1"]),
        (".left", ["12.5 GB", ""]),
        ("section p.used", ["2.5 GB", "7 GB"]),
        ("[data-line='2'] .used", ["7 GB"]),
        ("[data-line=\"2\"] .used", ["7 GB"]),
        ("section[data-line] h2", ["Line 1", "Line 2"]),
        ("[class~=card] h2", ["Line 1"]),
        ("[lang|=en] h2", ["Line 1", "Line 2"]),
        ("a[href^='https']", ["Pay"]),
        ("a[href$='.pdf']", ["Bill"]),
        ("a[href*=example]", ["Pay"]),
        ("a[title='pay now' i]", ["Pay"]),
        ("a[title='pay now']", []),
        ("a[href^='']", []),
        ("li:first-child", ["1"]),
        ("li:last-child", ["5"]),
        ("li:nth-child(2)", ["2"]),
        ("li:nth-child(odd)", ["1", "3", "5"]),
        ("li:nth-child(even)", ["2", "4"]),
        ("li:nth-child(2n+1)", ["1", "3", "5"]),
        ("li:nth-child(-n+2)", ["1", "2"]),
        ("li:nth-child(n+4)", ["4", "5"]),
        ("li:nth-last-child(1)", ["5"]),
        ("li:not(:first-child):not(:last-child)", ["2", "3", "4"]),
        ("section p:not(.used, .note)", ["12.5 GB", ""]),
        ("h2 + p", ["2.5 GB", "7 GB"]),
        ("h2 ~ .note", ["x"]),
        ("p.left:empty", [""]),
        ("section:first-of-type h2", ["Line 1"]),
        ("aside a, li:nth-child(3)", ["Pay", "Bill", "3"]),
        ("main   >   aside   >   a:only-child", []),
        ("*:root > body > ul > li:nth-child(5)", ["5"]),
    ]

    @Test("selectors match what a browser would", arguments: table)
    func matches(_ selector: String, _ expected: [String]) throws {
        let document = try HTMLDocument(string: Self.page)
        #expect(try document.select(css: selector).map(\.normalizedText) == expected, "\(selector)")
    }

    @Test("a selector compiled for the thread equals a fresh one; a bad one still throws, every time")
    func threadCache() throws {
        let source = "li[class*=LineCard_card] > .used"
        #expect(try CSSSelector.cachedForThread(source) == CSSSelector(source))
        #expect(try CSSSelector.cachedForThread(source) == CSSSelector.cachedForThread(source))
        for _ in 0..<2 {
            #expect(throws: MarkupError.self) { try CSSSelector.cachedForThread("div[") }
        }
        // Another thread gets its own, equal one.
        let other = Mutex<(done: Bool, selector: CSSSelector?)>((false, nil))
        let thread = Thread { other.withLock { $0 = (true, try? CSSSelector.cachedForThread(source)) } }
        thread.start()
        for _ in 0..<5_000 where !other.withLock({ $0.done }) { usleep(1_000) }
        #expect(try other.withLock { $0.selector } == CSSSelector(source))
    }

    @Test("translations", arguments: [
        ("div", "descendant::div"),
        ("#a > .b", "descendant::*[@id='a']/child::*[contains(concat(' ',normalize-space(@class),' '),' b ')]"),
        ("a, b", "descendant::a | descendant::b"),
        ("[x=\"it's\"]", "descendant::*[@x=\"it's\"]"),
        ("[x='a\"b\\'c']", "descendant::*[@x=concat('a\"b',\"'\",'c')]"),
    ])
    func translation(_ selector: String, _ xpath: String) throws {
        #expect(try CSSSelector(selector).xpath == xpath)
    }

    @Test("the source is read by Unicode scalars: CR LF is white space, a combining mark belongs to the name")
    func scalars() throws {
        #expect(try CSSSelector("div\r\n span").xpath == "descendant::div/descendant::span")
        let decomposed = try CSSSelector(".cafe\u{301}")
        let document = try HTMLDocument(string: "<p class='cafe\u{301}'>x</p><p class='cafe'>y</p>")
        #expect(document.node.select(decomposed).map(\.normalizedText) == ["x"])
        // Offsets count scalars: the ')' is the sixth scalar (the fifth character).
        let error = #expect(throws: MarkupError.self) { try CSSSelector("a.e\u{301}x)") }
        #expect(error?.offset == 5)
    }

    @Test("malformed selectors are errors at their position", arguments: [
        ("", 0), ("div,", 4), ("div >", 5), ("div[", 4), ("div[x", 5), ("[x==y]", 3), ("a[x='y", 4),
        (".", 1), ("#", 1), ("div)", 3), ("li:nth-child(x)", 13), ("li:nth-child(2", 14),
    ])
    func invalid(_ selector: String, _ offset: Int) {
        let error = #expect(throws: MarkupError.self) { try CSSSelector(selector) }
        #expect(error?.code == .invalidSelector)
        #expect(error?.offset == offset)
    }

    @Test("unsupported syntax is named", arguments: [
        ("a:hover", ":hover"), ("p::before", "::before"), ("svg|rect", "namespace"), ("p:has(a)", ":has()"),
        ("*:first-of-type", ":first-of-type"), ("p:not(a b)", "combinator"), ("\\31 23", "hexadecimal"),
        ("#\\\u{FF21}", "hexadecimal"),
    ])
    func unsupported(_ selector: String, _ named: String) {
        let error = #expect(throws: MarkupError.self) { try CSSSelector(selector) }
        #expect(error?.code == .unsupportedSelector)
        #expect(error?.message.contains(named) == true)
    }

    @Test("XML names are case-sensitive")
    func xmlCase() throws {
        let document = try XMLDocument(string: "<r><Item>a</Item><item>b</item></r>")
        #expect(try document.select(css: "Item").map(\.text) == ["a"])
    }
}

@Suite("TextNormalization")
struct TextNormalizationTests {
    @Test("folds spaces, no-break spaces and invisible characters", arguments: [
        ("  a \n\t b  ", "a b"),
        ("$12.34\u{A0}due", "$12.34 due"),
        ("2.5\u{202F}GB", "2.5 GB"),
        ("Bal\u{200B}ance\u{FEFF}", "Balance"),
        ("soft\u{AD}hyphen", "softhyphen"),
        ("\u{2003}\u{3000}", ""),
        ("", ""),
    ])
    func normalize(_ input: String, _ expected: String) {
        #expect(TextNormalization.normalize(input) == expected)
    }

    @Test("ASCII text folds to its words joined by single spaces, whatever its white space")
    func asciiFolding() {
        var state: UInt64 = 0x9E3779B97F4A7C15
        let alphabet = Array(" \t\n\r\u{0B}\u{0C}ab$1.".utf8) + [0x01, 0x7F]
        for _ in 0..<2_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(state % 24) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                bytes.append(alphabet[Int((state >> 33) % UInt64(alphabet.count))])
            }
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let text = String(decoding: bytes, as: UTF8.self)
            let words = bytes.split(whereSeparator: { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) })
            let expected = words.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
            #expect(TextNormalization.normalize(text) == expected, "\(bytes)")
        }
    }

    @Test("entity-decoded text from a page")
    func fromPage() throws {
        let document = try HTMLDocument(string: "<p>You&nbsp;owe&#160;&#x24;5&nbsp;&amp;&nbsp;more&#8203;</p>")
        #expect(try document.select(css: "p").first?.normalizedText == "You owe $5 & more")
    }
}

/// The native matcher against the XPath translation it stands in for: the same nodes in
/// the same order, from the document and from elements inside it.
@Suite("CSSMatcher")
struct CSSMatcherTests {
    /// Selectors with every supported feature, chosen to match things on real pages.
    static let selectors = [
        "div", "*", "a[href]", "a[href^='http']", "a[href$='.html']", "a[href*=google]", "[class~=nav]",
        "div.container", ".active", "ul > li", "li + li", "h2 ~ p", "p:first-child", "li:last-child",
        "td:only-child", "li:nth-child(2n+1)", "tr:nth-last-child(-n+2)", "li:nth-child(3)", "div:empty",
        ":root > head > meta", "meta[charset]", "[lang|=en]", "input[type=HIDDEN i]", "li:not(.active, :first-child)",
        "div p a", "section h1, article h2, h3", "div > div > div span", "span:first-of-type", "p:last-of-type",
        "[class*=menu] a", "[id]", "[data-testid]", "body *", "div:not([class])", "[rel='STYLESHEET' i]",
        "[class$=item]", "a[title~=the]", "[class|=col]", "div a + a", "li ~ li > a", "[class*='nav' i] li",
        "[class$='BAR' i]", "[class^=foot]", "head title", "script:empty", "div:nth-last-child(odd)",
        "html", "body > *:first-child", "a:not([href^='#'])", "[class='']", "img[alt='']", "li:nth-child(-n+3)",
    ] + CSSSelectorTests.table.map(\.0)

    static func same(_ node: MarkupNode, _ selector: CSSSelector, _ label: String) throws {
        let native = node.select(selector)
        let translated = try node.select(xpath: selector.xpath)
        #expect(native == translated, "\(label): '\(selector.source)' matched \(native.count) natively, \(translated.count) by XPath")
        #expect(node.first(selector) == translated.first, "\(label): first of '\(selector.source)'")
        #expect(node.select(selector, limit: 2) == Array(translated.prefix(2)), "\(label): two of '\(selector.source)'")
    }

    /// `:nth-child` and `~` on long sibling lists: positions are counted directly up to
    /// `SiblingPositions.directLimit` and looked up past it, so both sides of that edge,
    /// nested lists (the lookup per parent) and text between items must agree with XPath;
    /// so must `~`, whose scans past `SiblingScans.directSteps` siblings are remembered.
    @Test("nth-child, nth-last-child and ~ on long sibling lists agree with XPath")
    func longSiblingLists() throws {
        var items = ""
        for index in 1...300 {
            items += index % 7 == 0 ? "<li>\(index)<ol><li>a</li><li>b</li></ol></li>" : "<li>\(index)</li>"
            if index % 11 == 0 { items += " text <!-- c --> <p>p\(index)</p>" }
        }
        let document = try HTMLDocument(string: "<html><body><ul>\(items)</ul><ol>\(items)</ol></body></html>")
        var sources = ["li:nth-child(2n+1)", "li:nth-last-child(3n)", "p:nth-child(odd)", "ol > li:nth-last-child(-n+40)",
                       "li:not(:nth-child(5n))", ":nth-child(n+300)", "ul > :nth-last-child(1)",
                       // `~` scans on long lists: outcomes remembered past the first steps.
                       "h1 ~ li", "p ~ li", "li:nth-child(40) ~ p", "ul > p ~ li > ol", "p ~ p ~ li", "li ~ p + li",
                       "li:nth-child(250) ~ li:nth-child(2n)", "ol li ~ li", "body > ul ~ ol > li:nth-child(3) ~ p"]
        let edge = SiblingPositions.directLimit
        for position in [1, edge - 1, edge, edge + 1, edge + 2, 2 * edge, 299, 300, 330, 331, 400] {
            sources.append("li:nth-child(\(position))")
            sources.append("li:nth-last-child(\(position))")
            sources.append("ul > *:nth-child(\(position)) + li")
        }
        for source in sources {
            let selector = try CSSSelector(source)
            try Self.same(document.node, selector, "long lists")
            for scope in try document.select(xpath: "//ul | //ol[li]") { try Self.same(scope, selector, "long lists, inside a list") }
        }
        #expect(try document.select(css: "ul > li:nth-child(200)").map(\.normalizedText) == ["184"])
    }

    @Test("the test page: every selector, from the document and from each section")
    func testPage() throws {
        let document = try HTMLDocument(string: CSSSelectorTests.page)
        let compiled = try Self.selectors.map { try CSSSelector($0) }
        for selector in compiled {
            try Self.same(document.node, selector, "document")
            #expect(document.first(selector) == document.node.first(selector) && document.select(selector) == document.node.select(selector))
            for scope in try document.select(xpath: "//section | //main | //ul") {
                try Self.same(scope, selector, scope.description)
            }
        }
    }

    @Test("XML: names and namespaces as XPath's name tests treat them")
    func xml() throws {
        let document = try XMLDocument(string: """
            <r xmlns:x="urn:x"><x:item a="1">p</x:item><item x:a="2">q</item><item a="3" b="A B">s</item><Item/></r>
            """)
        for source in ["item", "Item", "[a]", "item[a]", "*", "[b~=B]", "[b~='b' i]", "[b='a b' i]", "r > :first-child"] {
            try Self.same(document.node, try CSSSelector(source, caseInsensitiveNames: false), "xml")
        }
    }

    @Test("escaped class names with spaces, and values that can never match")
    func oddities() throws {
        let document = try HTMLDocument(string: """
            <div class=" a   b  c "><p class="x\ty">1</p><p class="a b">2</p><p title="">3</p></div>
            """)
        for source in [".a\\ b", ".b\\ c", ".x\\ty", "[class~='a b']", "[title^='']", "[title$='']", "[title*='']",
                       "[title='']", "[title|='']", "[class~='']"] {
            try Self.same(document.node, try CSSSelector(source), "oddities")
        }
    }

    /// Found by fuzzing: `p\` then a NUL byte made the matcher compare a name holding NUL
    /// with libxml2's terminator and read past the end of the element's name. CSS Syntax
    /// reads U+0000 (escaped or not) as U+FFFD, so such a name matches nothing.
    @Test("a NUL in a selector, escaped or not, reads as U+FFFD and matches nothing", arguments: [
        // ␀ stands for U+0000 (a NUL in a test's name cuts its report short).
        "p\\␀", "[a\\␀]", "p␀", "[a␀]", "[a='␀']", "[a*='x\\␀']", ".c\\␀", "#i␀", "p:not(q\\␀)",
    ])
    func nulInSelector(written: String) throws {
        let source = written.replacingOccurrences(of: "␀", with: "\u{0}")
        let document = try HTMLDocument(string: "<html><body><p a='x' class='c' id='i'>1</p><q>2</q></body></html>")
        let selector = try CSSSelector(source)
        let expected = source.hasPrefix("p:not") ? 1 : 0
        #expect(document.select(selector).count == expected)
        #expect(document.first(selector) == document.select(selector).first)
        #expect(!selector.xpath.unicodeScalars.contains("\u{0}"))
    }

    /// Found by fuzzing: escaped characters went into the XPath translation as they were,
    /// so `\*` (an element named `*`) selected every element and `h2+ \ p` lost its space.
    /// A name that is not an XPath name is now tested with `name()`.
    @Test("escaped names: the XPath translation selects what the matcher matches", arguments: [
        ("\\*", 0), ("[\\*]", 0), ("h2+ \\ p", 0), ("h2 + p", 1), ("p\\[x\\]", 0), ("x\\.y", 1), ("x.y", 0),
        ("x\\.y:last-of-type", 1), ("x\\.y:not(\\-x)", 1), ("[d\\ a]", 0), ("[data-v\\']", 0), ("p\\'\\\"", 0),
        ("\\*:first-of-type", 0), ("a\\:b", 0), ("\\-x", 0), ("[\\-k=v]", 0), ("\u{E9}t\u{E9}", 0), ("[\u{E9}]", 0),
    ])
    func escapedNames(source: String, matches: Int) throws {
        let document = try HTMLDocument(string: """
            <html><body><h2>t</h2><p>1</p><x.y>2</x.y><a:b>3</a:b><-x -k="v">4</-x><\u{E9}t\u{E9} \u{E9}="1">5</\u{E9}t\u{E9}></body></html>
            """)
        let selector = try CSSSelector(source)
        #expect(document.select(selector).count == matches, "\(source)")
        try Self.same(document.node, selector, "escaped")
    }

    @Test("deep nesting: many descendant steps that almost match finish, and agree with XPath")
    func deepNesting() throws {
        // Without pruning, `section div div div div p` would try every choice of four
        // ancestors among 500 for each element.
        let depth = 500
        let html = "<html><body>" + String(repeating: "<div class=d><span>x</span>", count: depth) + "<p>end</p>"
            + String(repeating: "</div>", count: depth) + "</body></html>"
        let document = try HTMLDocument(string: html)
        #expect(try document.select(xpath: "//div").count == depth)
        for source in ["section div div div div p", "div div div p", "div > div div > p", "span ~ div div p",
                       "span + div > div p", "body > div div:not(.d) p", "div.d div.d > span ~ div > p"] {
            try Self.same(document.node, try CSSSelector(source), "deep")
        }
    }

    /// Random selectors made of a page's own names, classes, ids and attribute values,
    /// so that most parts match something.
    static func randomSelectors(for document: HTMLDocument, count: Int, seed: UInt64) throws -> [String] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(max(bound, 1)))
        }
        func pick<T>(_ items: [T]) -> T? { items.isEmpty ? nil : items[next(items.count)] }
        func isIdentifier(_ text: String) -> Bool {
            guard let first = text.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
            return text.unicodeScalars.allSatisfy { scalar in
                ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
            }
        }
        var classes: [String] = []
        for node in try document.select(xpath: "(//@class)[position() <= 60]") {
            classes += node.text.split(separator: " ").map(String.init).filter(isIdentifier)
        }
        let ids: [String] = try document.select(xpath: "(//@id)[position() <= 30]").map(\.text).filter(isIdentifier)
        let names: [String] = ["div", "a", "li", "span", "p", "ul", "section", "td", "tr", "img", "*", "h2", "nav", "meta", "link"]
        let attributes: [String] = ["href", "class", "id", "rel", "title", "lang", "type", "alt", "data-id", "role"]
        let hrefs: [String] = try document.select(xpath: "(//@href)[position() <= 30]").map(\.text)
        func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'" }
        func compound() -> String {
            var parts = next(3) == 0 ? "" : (pick(names) ?? "*")
            for _ in 0..<next(3) {
                switch next(9) {
                case 0, 1: if let name = pick(classes) { parts += "." + name }
                case 2: if let id = pick(ids) { parts += "#" + id }
                case 3: parts += "[" + (pick(attributes) ?? "id") + "]"
                case 4:
                    let value: String = pick(hrefs).map { String($0.prefix(next(12) + 1)) } ?? "x"
                    let operation: String = ["^=", "*=", "$=", "="][next(4)]
                    parts += "[href" + operation + quoted(value) + (next(4) == 0 ? " i" : "") + "]"
                case 5:
                    if let name = pick(classes) {
                        let operation: String = ["~=", "|=", "^=", "*=", "$="][next(5)]
                        parts += "[class" + operation + quoted(String(name.prefix(next(8) + 1))) + "]"
                    }
                case 6:
                    let pseudo: [String] = [":first-child", ":last-child", ":only-child", ":empty", ":nth-child(2n+1)", ":nth-last-child(-n+3)", ":nth-child(3)"]
                    parts += pseudo[next(pseudo.count)]
                case 7: if let name = pick(classes) { parts += ":not(.\(name))" }
                default:
                    if parts.first?.isLetter == true, !parts.contains("*") { parts += next(2) == 0 ? ":first-of-type" : ":last-of-type" }
                }
            }
            return parts.isEmpty ? "*" : parts
        }
        return (0..<count).map { _ in
            var selector = compound()
            let combinators: [String] = [" ", " > ", " + ", " ~ "]
            for _ in 0..<next(4) { selector += combinators[next(4)] + compound() }
            if next(6) == 0 { selector += ", " + compound() }
            return selector
        }
    }

    @Test("random selectors from each page's own names agree with XPath (every fifth corpus page)",
          .enabled(if: Corpus.isPresent, "the shared page corpus (../shared/bench-corpus/html) is not beside this clone"),
          arguments: Corpus.files.enumerated().filter { $0.offset % 5 == 0 }.map(\.element))
    func randomSelectors(_ name: String) throws {
        let document = try HTMLDocument(bytes: try Corpus.bytes(name))
        let scopes = [document.node] + (try document.select(xpath: "(//ul | //section | //nav)[position() <= 2]"))
        var compiled = 0
        var matching = 0
        for source in try Self.randomSelectors(for: document, count: 60, seed: UInt64(name.utf8.count)) {
            guard let selector = try? CSSSelector(source) else { continue }
            compiled += 1
            if document.first(selector) != nil { matching += 1 }
            for scope in scopes { try Self.same(scope, selector, "\(name) \(scope.description)") }
        }
        #expect(compiled >= 50, "\(name): only \(compiled) of 60 random selectors compiled")
        // Not a vacuous comparison: a good share of them select something.
        #expect(matching >= 10, "\(name): only \(matching) random selectors matched anything")
    }

    @Test("every page of the shared corpus: native matching selects what XPath selects",
          .enabled(if: Corpus.isPresent, "the shared page corpus (../shared/bench-corpus/html) is not beside this clone"),
          arguments: Corpus.files)
    func corpus(_ name: String) throws {
        let document = try HTMLDocument(bytes: try Corpus.bytes(name))
        let compiled = try Self.selectors.map { try CSSSelector($0) }
        // From the document, and from a few elements deep inside it.
        let scopes = [document.node] + (try document.select(xpath: "(//ul | //table | //section | //nav)[position() <= 4]"))
        for scope in scopes {
            for selector in compiled { try Self.same(scope, selector, "\(name) \(scope.description)") }
        }
    }
}

@Suite("ElementSummary")
struct ElementSummaryTests {
    @Test("names, attributes and class tokens rule out only selectors that select nothing")
    func small() throws {
        let document = try HTMLDocument(string: """
        <div class="card  balance\tprimary" data-testid="bill"><span id="due">$5</span><svg:rect xmlns:svg="x"/></div>
        """)
        let summary = ElementSummary(document.node)
        let possible = ["div", ".balance", ".primary", "[data-testid=bill]", "div span", "#due", "span, table", "*", "[class]"]
        let impossible = ["table", ".missing", "[data-qa]", "div.balance.missing", "section table", "[a~='x y']", "table, p.x", "p#due"]
        for source in possible {
            #expect(try CSSSelector(source).mayMatch(in: summary), "\(source)")
        }
        for source in impossible {
            let selector = try CSSSelector(source)
            #expect(!selector.mayMatch(in: summary), "\(source)")
            #expect(document.node.select(selector).isEmpty)
        }
        // Only the rightmost compound is summarised: the rest is not ruled out.
        #expect(try CSSSelector("table span").mayMatch(in: summary))
        #expect(try CSSSelector("span, table.x").mayMatch(in: summary))
    }

    @Test("never rules out a selector that matches, on every fifth corpus page (its own names and another page's)",
          .enabled(if: Corpus.isPresent, "the shared page corpus (../shared/bench-corpus/html) is not beside this clone"),
          arguments: Corpus.files.enumerated().filter { $0.offset % 5 == 0 }.map(\.offset))
    func corpus(_ offset: Int) throws {
        let name = Corpus.files[offset]
        let document = try HTMLDocument(bytes: try Corpus.bytes(name))
        let other = try HTMLDocument(bytes: try Corpus.bytes(Corpus.files[(offset + 1) % Corpus.files.count]))
        let summary = ElementSummary(document.node)
        let sources = CSSMatcherTests.selectors
            + (try CSSMatcherTests.randomSelectors(for: document, count: 40, seed: 7))
            + (try CSSMatcherTests.randomSelectors(for: other, count: 40, seed: 11))
        var ruledOut = 0
        for source in sources {
            guard let selector = try? CSSSelector(source) else { continue }
            if !selector.mayMatch(in: summary) {
                ruledOut += 1
                #expect(document.first(selector) == nil, "\(name): \(source) was ruled out but matches")
            }
        }
        // Not vacuous: another page's class names mostly do not occur here.
        #expect(ruledOut >= 10, "\(name): only \(ruledOut) selectors ruled out")
    }
}
