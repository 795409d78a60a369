import Testing
@testable import ESIMMarkup

@Suite("Visible text nodes")
struct VisibleTextTests {
    /// What ``MarkupNode/visibleTextNodes(limit:)`` stands for.
    static let xpath = "//text()[normalize-space()][not(ancestor::*[local-name()='script' or local-name()='style' "
        + "or local-name()='noscript' or local-name()='template'])]"

    @Test("scripts, styles, noscript and templates are left out, at any depth; blank texts too; order kept")
    func html() throws {
        let page = """
        <html><head><title>Bill</title><style>p { color: red }</style><script>var x = "$9";</script></head>
        <body>
          <p>Amount due <b>$42.17</b></p>
          <noscript><p>Turn on JavaScript</p></noscript>
          <template><p>Hidden $1</p></template>
          <div><section><span> \t </span><span>Due Dec 3</span><script>inner()</script><i>after</i></section></div>
          <scripts>a tag named scripts is shown</scripts><styles>so is styles</styles>
        </body></html>
        """
        let document = try HTMLDocument(bytes: Array(page.utf8))
        let texts = document.node.visibleTextNodes().map { TextNormalization.normalize($0.text) }
        #expect(texts == ["Bill", "Amount due", "$42.17", "Due Dec 3", "after", "a tag named scripts is shown", "so is styles"])
        #expect(document.node.visibleTextNodes() == (try document.select(xpath: Self.xpath)))
        #expect(document.node.visibleTextNodes(limit: 2).count == 2)
        #expect(document.node.visibleTextNodes(limit: 0).isEmpty)
    }

    @Test("from an element, only what is under it; in XML, CDATA (which the parser merges into the text) counts")
    func scoped() throws {
        let xml = "<r><a>one<![CDATA[ two ]]><script>no</script></a><b>three</b><c>   </c></r>"
        let document = try XMLDocument(bytes: Array(xml.utf8))
        #expect(document.node.visibleTextNodes().map(\.text) == ["one two ", "three"])
        #expect(document.node.visibleTextNodes() == (try document.select(xpath: Self.xpath)))
        let a = try #require(try document.select(xpath: "//a").first)
        #expect(a.visibleTextNodes().map(\.text) == ["one two "])
        let b = try #require(try document.select(xpath: "//b").first)
        #expect(b.visibleTextNodes().map(\.text) == ["three"])
    }

    @Test("descendant elements by local name: any prefix, any depth, in document order, not the node itself")
    func descendantElements() throws {
        let xml = "<script><a><x:script xmlns:x='u'>1</x:script><b><script>2</script></b></a><Script>3</Script><script>4</script></script>"
        let document = try XMLDocument(bytes: Array(xml.utf8))
        let all = document.node.descendantElements(localName: "script")
        #expect(all.map(\.text) == ["1234", "1", "2", "4"])
        #expect(all == (try document.select(xpath: "//*[local-name()='script']")))
        let root = try #require(all.first)
        #expect(root.descendantElements(localName: "script").map(\.text) == ["1", "2", "4"])
        #expect(root.descendantElements(localName: "none").isEmpty)
    }
}
