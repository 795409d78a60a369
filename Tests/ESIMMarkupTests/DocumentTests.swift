import Foundation
import Testing
@testable import ESIMMarkup

@Suite("HTMLDocument")
struct HTMLDocumentTests {
    static let page = """
    <!doctype html>
    <html><head><title>Account overview</title></head>
    <body>
      <div class="balance card" data-kind="prepaid"><span>Balance</span> <b>$12.34</b></div>
      <ul id="lines"><li>Line 1</li><li>Line 2</li></ul>
    </body></html>
    """

    @Test("parses HTML and answers XPath node queries")
    func nodes() throws {
        let document = try HTMLDocument(string: Self.page)
        let items = try document.select(xpath: "//ul[@id='lines']/li")
        #expect(items.map(\.text) == ["Line 1", "Line 2"])
        #expect(items.allSatisfy { $0.isElement && $0.kind == .element })
        let balance = try #require(try document.select(xpath: "//div[@class='balance card']").first)
        #expect(balance.attribute("data-kind") == "prepaid")
        #expect(balance.attribute("missing") == nil)
        #expect(balance.attributes.map(\.name) == ["class", "data-kind"])
        #expect(try balance.select(xpath: "./b").first?.text == "$12.34")
        #expect(balance.parent?.name == "body")
        #expect(balance.line == 4)
        #expect(document.title == "Account overview")
        #expect(document.root?.name == "html")
        #expect(document.charset == DocumentCharset(name: "UTF-8", source: .defaultUTF8))
    }

    @Test("nodes keep their document alive after the document variable is gone")
    func nodeOwnership() throws {
        func firstItem() throws -> MarkupNode? {
            try HTMLDocument(string: Self.page).select(xpath: "//li").first
        }
        let item = try #require(try firstItem())
        #expect(item.text == "Line 1")
        #expect(item.parent?.attribute("id") == "lines")
    }

    @Test("malformed HTML is recovered; its problems are kept with line numbers; nothing is printed")
    func recovery() throws {
        let document = try HTMLDocument(string: "<html><body>\n<div><p>open\n</span></body>")
        #expect(try document.select(xpath: "//p").first?.text.hasPrefix("open") == true)
        #expect(document.diagnostics.contains { $0.kind == .parser && $0.line == 3 })
    }

    @Test("NUL bytes do not cut the page short")
    func nulBytes() throws {
        let bytes = Array("<html><body><p>before".utf8) + [0] + Array("after</p><p id='end'>END</p></body></html>".utf8)
        let document = try HTMLDocument(bytes: bytes)
        #expect(try document.select(xpath: "//p").first?.text == "before\u{FFFD}after")
        #expect(try document.evaluate(xpath: "string(//p[@id='end'])").stringValue == "END")
        #expect(document.diagnostics.contains { $0.kind == .encoding && $0.message.contains("NUL") })
    }

    @Test("a 12 MB inline script does not drop the rest of the page")
    func hugeTextNode() throws {
        let script = String(repeating: "a", count: 12 << 20)
        let html = "<html><body><script>var x='\(script)';</script><p id='end'>END</p></body></html>"
        let document = try HTMLDocument(string: html)
        #expect(try document.evaluate(xpath: "string(//p[@id='end'])").stringValue == "END")
        #expect(try document.evaluate(xpath: "string-length(//script)").stringValue == String((12 << 20) + 9))
    }

    @Test("100,000 nested elements are refused with a clear error, not a crash")
    func deepNesting() {
        let html = "<html><body>" + String(repeating: "<div>", count: 100_000) + "x"
        let error = #expect(throws: MarkupError.self) { try HTMLDocument(string: html) }
        #expect(error?.code == .tooDeep)
    }

    @Test("nesting just under the limit parses")
    func deepButAllowed() throws {
        let depth = MarkupLimits.maximumDepth - 10
        let html = "<html><body>" + String(repeating: "<div>", count: depth) + "<p id='deep'>x</p>"
        let document = try HTMLDocument(string: html)
        #expect(try document.evaluate(xpath: "count(//div)").stringValue == String(depth))
        #expect(try document.evaluate(xpath: "string(//p[@id='deep'])").stringValue == "x")
    }

    @Test("input over the size limit is refused before parsing")
    func sizeLimit() {
        let bytes = [UInt8](repeating: 0x41, count: MarkupLimits.maximumInputBytes + 1)
        let error = #expect(throws: MarkupError.self) { try HTMLDocument(bytes: bytes) }
        #expect(error?.code == .inputTooLarge)
    }

    @Test("empty input parses to an empty document")
    func emptyInput() throws {
        let document = try HTMLDocument(bytes: [UInt8]())
        #expect(try document.select(xpath: "//*").isEmpty)
        #expect(document.title == nil)
    }

    @Test("files are read; a missing file is an error")
    func files() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("esim-\(UUID()).html").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.page.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try HTMLDocument(contentsOfFile: path).title == "Account overview")
        let error = #expect(throws: MarkupError.self) { try HTMLDocument(contentsOfFile: path + ".missing") }
        #expect(error?.code == .unreadableFile)
        #expect(error?.message == "cannot open '\(path).missing': No such file or directory")
        let directory = #expect(throws: MarkupError.self) { try HTMLDocument(contentsOfFile: "/tmp") }
        #expect(directory?.message == "cannot read '/tmp': it is a directory")
    }

    @Test("documents parse on many threads at once")
    func concurrentParsing() async throws {
        try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for index in 0..<64 {
                group.addTask {
                    let html = "<ul>" + String(repeating: "<li class='x'>x</li>", count: index + 1) + "</ul>"
                    let document = try HTMLDocument(string: html)
                    return (index + 1, try document.select(css: "li.x").count)
                }
            }
            for try await (expected, found) in group { #expect(expected == found) }
        }
    }
}

@Suite("Character sets")
struct CharsetTests {
    static func html(_ meta: String, _ body: [UInt8]) -> [UInt8] {
        Array("<html><head>\(meta)<title>t</title></head><body><p id='x'>".utf8) + body
            + Array("</p><p id='end'>END</p></body></html>".utf8)
    }

    static func text(_ document: HTMLDocument) throws -> String {
        try document.evaluate(xpath: "string(//p[@id='x'])").stringValue
    }

    @Test("a UTF-8 byte order mark wins over a wrong declaration")
    func utf8BOM() throws {
        let document = try HTMLDocument(bytes: [0xEF, 0xBB, 0xBF] + Self.html("<meta charset='iso-8859-1'>", Array("café".utf8)))
        #expect(try Self.text(document) == "café")
        #expect(document.charset == DocumentCharset(name: "UTF-8", source: .byteOrderMark))
    }

    @Test("UTF-16 with a byte order mark, both byte orders")
    func utf16() throws {
        let source = "<html><body><p id='x'>Résumé €5</p></body></html>"
        let little: [UInt8] = [0xFF, 0xFE] + source.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big: [UInt8] = [0xFE, 0xFF] + source.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try Self.text(HTMLDocument(bytes: little)) == "Résumé €5")
        #expect(try Self.text(HTMLDocument(bytes: big)) == "Résumé €5")
        #expect(try HTMLDocument(bytes: big).charset.name == "UTF-16BE")
    }

    @Test("a declared Windows-1252 / ISO-8859-1 page is read as Windows-1252", arguments: [
        "<meta charset='windows-1252'>", "<meta charset=iso-8859-1>",
        "<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>",
    ])
    func windows1252(_ meta: String) throws {
        let document = try HTMLDocument(bytes: Self.html(meta, [0x43, 0x61, 0x66, 0xE9, 0x20, 0x80, 0x35, 0x20, 0x93, 0x71, 0x94]))
        #expect(try Self.text(document) == "Café €5 \u{201C}q\u{201D}")
        #expect(document.charset == DocumentCharset(name: "windows-1252", source: .declaration))
    }

    @Test("a correctly declared Shift_JIS page is converted")
    func shiftJIS() throws {
        // 料金 (0x97BF 0x8BE0), 残高 (0x8E63 0x8D82)
        let document = try HTMLDocument(bytes: Self.html("<meta charset=\"Shift_JIS\">",
                                                         [0x97, 0xBF, 0x8B, 0xE0, 0x20, 0x8E, 0x63, 0x8D, 0x82]))
        #expect(try Self.text(document) == "料金 残高")
        #expect(document.charset == DocumentCharset(name: "Shift_JIS", source: .declaration))
        #expect(!document.diagnostics.contains { $0.kind == .encoding })
    }

    @Test("a page declaring Shift_JIS whose bytes are UTF-8 comes out whole, with a warning")
    func declaredShiftJISButUTF8() throws {
        let body = Array(String(repeating: "料金プラン 残高 データ ", count: 200).utf8)
        let document = try HTMLDocument(bytes: Self.html("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">", body))
        #expect(try Self.text(document).hasPrefix("料金プラン 残高"))
        #expect(try document.evaluate(xpath: "string(//p[@id='end'])").stringValue == "END")
        #expect(document.charset == DocumentCharset(name: "UTF-8", source: .fallback))
        #expect(document.diagnostics.first?.kind == .encoding)
    }

    @Test("bytes that are not UTF-8 at all, with no declaration, are read as Windows-1252 with a warning")
    func notUTF8() throws {
        let document = try HTMLDocument(bytes: Self.html("", [0x43, 0x61, 0x66, 0xE9, 0x20, 0xA3, 0x35]))
        #expect(try Self.text(document) == "Café £5")
        #expect(document.charset == DocumentCharset(name: "windows-1252", source: .fallback))
        #expect(document.diagnostics.contains { $0.kind == .encoding })
    }

    @Test("UTF-8 with a stray bad byte keeps its UTF-8 and marks the byte")
    func mostlyUTF8() throws {
        let body = Array(String(repeating: "é", count: 40).utf8) + [0xFF] + Array("ü".utf8)
        let document = try HTMLDocument(bytes: Self.html("<meta charset=utf-8>", body))
        #expect(try Self.text(document) == String(repeating: "é", count: 40) + "\u{FFFD}ü")
        #expect(document.charset.name == "UTF-8")
    }

    @Test("an unknown declared charset falls back")
    func unknownCharset() throws {
        let document = try HTMLDocument(bytes: Self.html("<meta charset='x-no-such-charset'>", Array("plain".utf8)))
        #expect(try Self.text(document) == "plain")
        #expect(document.charset.source == .fallback)
    }

    @Test("the meta prescan skips comments and reads http-equiv content")
    func sniffing() {
        let cases: [(String, String?)] = [
            ("<!-- <meta charset='koi8-r'> --><meta charset='utf-8'>", "utf-8"),
            ("<META HTTP-EQUIV='content-type' CONTENT='text/html;charset=EUC-JP'>", "EUC-JP"),
            ("<meta name='x' content='text/html; charset=koi8-r'><p>", nil),
            ("<meta content=\"text/html; charset=gb2312\" http-equiv=\"Content-Type\" />", "gb2312"),
            ("<meta charset=\"utf-8\"/>", "utf-8"),
            ("<p>no declaration</p>", nil),
        ]
        for (html, expected) in cases {
            let found = Array(html.utf8).withUnsafeBufferPointer { CharsetSniffer.htmlMeta($0) }
            #expect(found == expected, "\(html)")
        }
    }
}

@Suite("XMLDocument")
struct XMLDocumentTests {
    @Test("parses XML and its declared encoding")
    func basics() throws {
        let bytes = Array("<?xml version='1.0' encoding='ISO-8859-1'?><serviceproviders><country code='fr'><provider><name>Op".utf8)
            + [0xE9] + Array("ra</name></provider></country></serviceproviders>".utf8)
        let document = try XMLDocument(bytes: bytes)
        #expect(try document.evaluate(xpath: "string(//provider/name)").stringValue == "Opéra")
        #expect(document.charset == DocumentCharset(name: "windows-1252", source: .declaration))
        #expect(try document.select(css: "country[code=fr] > provider").count == 1)
    }

    @Test("XXE: an external entity naming /etc/passwd yields no file content")
    func externalEntity() throws {
        let xml = "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]><x a='&xxe;'>&xxe;</x>"
        let document = try XMLDocument(string: xml)
        let text = try document.evaluate(xpath: "string(/x)").stringValue
        #expect(!text.contains("root:"))
        #expect(text.isEmpty || text == "&xxe;")
        #expect(document.root?.attribute("a")?.contains("root:") != true)
    }

    @Test("billion laughs finishes at once and expands nothing")
    func billionLaughs() throws {
        var declarations = "<!ENTITY lol 'lol'>"
        var previous = "lol"
        for level in 1...9 {
            declarations += "<!ENTITY lol\(level) '" + String(repeating: "&\(previous);", count: 10) + "'>"
            previous = "lol\(level)"
        }
        let xml = "<?xml version='1.0'?><!DOCTYPE lolz [\(declarations)]><lolz a='&lol9;'>&lol9;</lolz>"
        let document = try XMLDocument(string: xml)
        // libxml2 refuses the amplification and says so; nothing is expanded afterwards either.
        #expect(try document.evaluate(xpath: "string-length(string(/))").stringValue.count <= 2)
        #expect((document.root?.text.count ?? 0) <= 6)
        #expect((document.root?.attribute("a")?.count ?? 0) < 100)
        #expect(!document.diagnostics.isEmpty)
    }

    @Test("a reference to a document-declared entity stays literal text")
    func declaredEntityKeptLiteral() throws {
        let xml = "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY name 'Example'>]><x a='&name;'>Hello &name;!</x>"
        let document = try XMLDocument(string: xml)
        #expect(document.root?.text == "Hello &name;!")
        #expect(try document.evaluate(xpath: "string(/x)").stringValue == "Hello &name;!")
    }

    @Test("100,000 nested XML elements are refused with a clear error")
    func deep() {
        let xml = "<r>" + String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000) + "</r>"
        let error = #expect(throws: MarkupError.self) { try XMLDocument(string: xml) }
        #expect(error?.code == .tooDeep)
    }

    @Test("malformed XML is recovered with diagnostics")
    func malformed() throws {
        let document = try XMLDocument(string: "<a>\n<b>text</a>")
        #expect(!document.diagnostics.isEmpty)
        #expect(document.diagnostics.allSatisfy { $0.line >= 1 })
    }
}

@Suite("Quiet parsing", .serialized)
struct QuietParsingTests {
    /// Runs `body` with file descriptor 2 pointed at a temporary file and returns what
    /// was written there.
    static func capturingStandardError(_ body: () throws -> Void) rethrows -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stderr-\(UUID())").path
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let saved = dup(2)
        let file = open(path, O_WRONLY)
        dup2(file, 2)
        defer {
            dup2(saved, 2)
            close(saved)
            close(file)
        }
        try body()
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    @Test("libxml2 prints nothing, even for conversion failures and broken markup")
    func nothingOnStandardError() throws {
        let output = try Self.capturingStandardError {
            let mislabelled = CharsetTests.html("<meta charset=Shift_JIS>", Array(String(repeating: "料金 ", count: 400).utf8))
            _ = try HTMLDocument(bytes: mislabelled)
            _ = try HTMLDocument(string: "<html><body><p>open<div></span>\u{0}</body>")
            _ = try XMLDocument(string: "<a><b></a>")
            _ = try? XPathExpression("//div[")
            _ = try? HTMLDocument(string: "<p>x</p>").evaluate(xpath: "unknown-function()")
        }
        // Other suites run at the same time and the test runner reports their progress on
        // the same descriptor; those lines are not libxml2's.
        let runnerMarks: [Character] = ["◇", "✔", "✘", "↳", "➜", "􀟈", "􁁛", "􀢄", "􀄵", "􀙟"]
        let foreign = output.split(separator: "\n").filter { line in
            guard let first = line.trimmingCharacters(in: .whitespaces).first else { return false }
            return !runnerMarks.contains(first) && !line.hasPrefix("Test ") && !line.hasPrefix("\t")
        }
        #expect(foreign.isEmpty, "stderr: \(foreign.prefix(5))")
    }
}
