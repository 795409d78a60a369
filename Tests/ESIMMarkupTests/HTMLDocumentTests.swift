import Testing
@testable import ESIMMarkup

@Suite("HTMLDocument")
struct HTMLDocumentTests {
    static let page = """
    <!doctype html>
    <html><head><title>Account overview</title></head>
    <body>
      <div class="balance" data-kind="prepaid"><span>Balance</span> <b>$12.34</b></div>
      <ul id="lines"><li>Line 1</li><li>Line 2</li></ul>
    </body></html>
    """

    @Test("parses HTML and answers XPath node queries")
    func nodes() throws {
        let document = try HTMLDocument(string: Self.page)
        let items = try document.select(xpath: "//ul[@id='lines']/li")
        #expect(items.map(\.text) == ["Line 1", "Line 2"])
        #expect(items.allSatisfy { $0.isElement })
        let balance = try #require(try document.select(xpath: "//div[@class='balance']").first)
        #expect(balance.attribute("data-kind") == "prepaid")
        #expect(balance.attribute("missing") == nil)
        #expect(try balance.select(xpath: "./b").first?.text == "$12.34")
    }

    @Test("string, number and boolean results")
    func scalarResults() throws {
        let document = try HTMLDocument(string: Self.page)
        #expect(try document.evaluate(xpath: "string(//title)").stringValue == "Account overview")
        guard case .number(let count) = try document.evaluate(xpath: "count(//li)") else {
            Issue.record("count() did not return a number")
            return
        }
        #expect(count == 2)
        guard case .boolean(let flag) = try document.evaluate(xpath: "boolean(//b)") else {
            Issue.record("boolean() did not return a boolean")
            return
        }
        #expect(flag)
    }

    @Test("a bad XPath expression is an error with its reason, not a crash or stderr noise",
          arguments: ["//div[", "//*[@", "count(", "///", "//div[@class='x']]"])
    func badXPath(_ expression: String) throws {
        let document = try HTMLDocument(string: Self.page)
        #expect {
            try document.evaluate(xpath: expression)
        } throws: { error in
            (error as? MarkupError)?.code == .invalidXPath
        }
    }

    @Test("an empty expression is rejected")
    func emptyXPath() throws {
        let document = try HTMLDocument(string: Self.page)
        #expect(throws: MarkupError.self) { try document.evaluate(xpath: "") }
    }

    @Test("nodes keep their document alive after the document variable is gone")
    func nodeOwnership() throws {
        func firstItem() throws -> MarkupNode? {
            let document = try HTMLDocument(string: Self.page)
            return try document.select(xpath: "//li").first
        }
        let item = try #require(try firstItem())
        #expect(item.text == "Line 1")
        #expect(item.name == "li")
    }

    @Test("malformed HTML is recovered and its problems are kept with line numbers")
    func recovery() throws {
        let document = try HTMLDocument(string: "<html><body>\n<div><p>open\n</span></body>")
        #expect(try document.select(xpath: "//p").first?.text.hasPrefix("open") == true)
        #expect(!document.diagnostics.isEmpty)
        #expect(document.diagnostics.allSatisfy { $0.line >= 1 })
    }

    @Test("empty input parses to an empty document")
    func emptyInput() throws {
        let document = try HTMLDocument(bytes: [UInt8]())
        #expect(try document.select(xpath: "//*").isEmpty)
    }

    @Test("input over the size limit is refused before parsing")
    func sizeLimit() {
        let bytes = [UInt8](repeating: 0x41, count: MarkupLimits.maximumInputBytes + 1)
        #expect {
            try HTMLDocument(bytes: bytes)
        } throws: { error in
            (error as? MarkupError)?.code == .inputTooLarge
        }
    }

    @Test("documents parse on many threads at once")
    func concurrentParsing() async throws {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<32 {
                group.addTask {
                    let document = try HTMLDocument(string: "<ul>" + String(repeating: "<li>x</li>", count: index + 1) + "</ul>")
                    return try document.select(xpath: "//li").count
                }
            }
            var counts: [Int] = []
            for try await count in group { counts.append(count) }
            #expect(counts.sorted() == Array(1...32))
        }
    }
}
