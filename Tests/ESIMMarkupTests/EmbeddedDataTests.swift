import Testing
@testable import ESIMMarkup

@Suite("EmbeddedData")
struct EmbeddedDataTests {
    static let page = """
    <html><head>
    <script type="application/ld+json">{"@type":"Organization","name":"Example Wireless"}</script>
    <script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{"balance":"$12.34"}}}</script>
    <script>
      var unrelated = 1;
      window.__APP_STATE__ = {"lines":[{"mdn":"555-0100","dataLeft":"3.2 GB"}]};
      window["billing"] = [{"due":"Dec 3, 2026"}];
      if (window.flag == {}) {}
      window.notJSON = {lines: [1]};
    </script>
    <script type="text/template">{"not":"read"}</script>
    <script type="application/json" id="broken">{"a":</script>
    </head><body></body></html>
    """

    @Test("finds JSON scripts, Next.js data and window assignments")
    func finds() throws {
        let data = try HTMLDocument(string: Self.page).embeddedData()
        #expect(data.values.map(\.name) == [nil, "__NEXT_DATA__", "__APP_STATE__", "billing"])
        #expect(try data.named("__NEXT_DATA__").flatMap { try JSONPath("$.props.pageProps.balance").first(in: $0) }
            == .string("$12.34"))
        #expect(try data.values(at: JSONPath("$.lines[0].dataLeft")) == [.string("3.2 GB")])
        #expect(try data.values(at: JSONPath("$[0].due")) == [.string("Dec 3, 2026")])
        #expect(data.values.first?.value["name"] == .string("Example Wireless"))
        // The broken script and the JavaScript object literal are reported, not dropped silently.
        #expect(data.problems.count == 2)
        #expect(data.problems.allSatisfy { $0.code == .invalidJSON })
    }
}
