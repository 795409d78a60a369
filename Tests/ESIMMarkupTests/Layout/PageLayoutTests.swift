import Testing
@testable import ESIMMarkup

@Suite("PageLayout")
struct PageLayoutTests {
    static func layout(_ html: String) throws -> PageLayout {
        PageLayout(try HTMLDocument(string: html).node)
    }

    static func texts(_ html: String) throws -> [String] {
        try layout(html).lines.map(\.text)
    }

    @Test("inline elements join into one line; blocks and <br> break lines", arguments: [
        ("<p><span class=red>67,18GB</span> / 300GB<br>Consumi Dati: <b>0.00€</b></p>", ["67,18GB / 300GB", "Consumi Dati: 0.00€"]),
        ("<div><span class=big>232</span><span class=small>GB</span> DATA</div>", ["232 GB DATA"]),
        ("<div>Current Bundle<span>up to 50Mbps</span><b>!</b><i>x</i>y</div>", ["Current Bundle up to 50Mbps!x y"]),
        ("<p>Mo<b>bile</b> 5<sup>th</sup></p>", ["Mo bile 5 th"]),
        ("<div><span>232</span>\n  <span>GB</span></div><div>DATA</div>", ["232 GB", "DATA"]),
        ("<div>a<p>b</p>c</div>", ["a", "b", "c"]),
        ("<ul><li>one</li><li>two <em>2</em></li></ul>", ["one", "two 2"]),
        ("<h2>Plan <small>Unlimited</small></h2><p>\u{A0}Due\u{200B} Dec 3 </p>", ["Plan Unlimited", "Due Dec 3"]),
        ("<dl><dt>Balance</dt><dd>$5.00</dd></dl>", ["Balance", "$5.00"]),
    ])
    func lines(html: String, expected: [String]) throws {
        #expect(try Self.texts(html) == expected)
    }

    @Test("hidden content is left out", arguments: [
        "<p hidden>x</p>", "<p aria-hidden=true>x</p>", "<p style='display: none'>x</p>", "<p style='color:red;VISIBILITY:Hidden'>x</p>",
        "<template><p>x</p></template>", "<script>var x = 1</script>", "<style>p{}</style>", "<noscript>x</noscript>",
        "<svg><text>x</text></svg>",
    ])
    func hidden(html: String) throws {
        #expect(try Self.texts("<html><head><title>T</title></head><body>\(html)<p>shown</p></body></html>") == ["shown"])
    }

    @Test("a piece points at its element and source line")
    func provenance() throws {
        let layout = try Self.layout("<html><body>\n<p>Data <span class=used>3 GB</span>\nof 10 GB</p>\n</body></html>")
        let line = try #require(layout.lines.first)
        #expect(line.text == "Data 3 GB of 10 GB")
        let offset = try #require(line.text.utf8.firstIndex(of: UInt8(ascii: "3")))
        let piece = try #require(line.piece(at: line.text.utf8.distance(from: line.text.utf8.startIndex, to: offset)))
        #expect(piece.element.attribute("class") == "used")
        #expect(piece.element.line == 2)
        #expect(line.block.name == "p")
        #expect(line.pieces.map { String(line.text.utf8[line.text.utf8.index(line.text.utf8.startIndex, offsetBy: $0.range.lowerBound)..<line.text.utf8.index(line.text.utf8.startIndex, offsetBy: $0.range.upperBound)])! } == ["Data", "3 GB", "of 10 GB"])
    }

    @Test("a table's rows are lines of cells, and the table knows its header")
    func table() throws {
        let layout = try Self.layout("""
            <table><tr><th>Plan</th><th>Allowance</th><th>Remaining</th><th>Valid until</th></tr>
            <tr><td>Data</td><td>25 GB</td><td><div>14.79 <b>GB</b></div></td><td>2026.06.06</td></tr>
            <tr><td colspan=2>SMS</td><td>98</td><td></td></tr></table><p>after</p>
            """)
        #expect(layout.lines.map(\.text) == ["Plan | Allowance | Remaining | Valid until", "Data | 25 GB | 14.79 GB | 2026.06.06", "SMS | 98", "after"])
        let table = try #require(layout.tables.first)
        #expect(table.headerRow == 0)
        #expect(table.rows[1][2].text == "14.79 GB")
        #expect(table.header(forColumn: 2) == "Remaining")
        #expect(table.rows[2].map(\.column) == [0, 2, 3])
        #expect(table.header(forColumn: table.rows[2][1].column) == "Remaining")
        #expect(layout.lines[1].cells.count == 4)
    }

    @Test("a first row of words over rows with figures is a header; a table of words alone has none")
    func implicitHeader() throws {
        let layout = try Self.layout("<table><tr><td>Name</td><td>Left</td></tr><tr><td>Data</td><td>3 GB</td></tr></table>"
                                     + "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>")
        #expect(layout.tables.map(\.headerRow) == [0, nil])
    }

    @Test("sibling blocks that each hold the same number of blocks are a grid, read as a table")
    func grid() throws {
        let layout = try Self.layout("""
            <ul id=Allowances><li class=Header><div>Megnevezés</div><div>Keret</div><div>Felhasználható</div></li>
            <li class=Row><div>SMS</div><div><span>100 db</span></div><div><span>98 db</span></div></li>
            <li class=Row><div>Adatkeret</div><div><span>25 GB</span></div><div><span>14.79 GB</span></div></li></ul>
            <ul><li><div>a</div><div>b</div></li><li><div>c</div></li></ul>
            """)
        #expect(layout.tables.count == 1)
        let grid = try #require(layout.tables.first)
        #expect(grid.element.attribute("id") == "Allowances")
        #expect(grid.headerRow == 0)
        #expect(grid.rows.map { $0.map(\.text) } == [["Megnevezés", "Keret", "Felhasználható"], ["SMS", "100 db", "98 db"], ["Adatkeret", "25 GB", "14.79 GB"]])
        #expect(grid.header(forColumn: 2) == "Felhasználható")
        // The blocks are still lines of their own.
        #expect(layout.lines.map(\.text).prefix(4) == ["Megnevezés", "Keret", "Felhasználható", "SMS"])
    }

    @Test("meters keep their values, text and label")
    func meters() throws {
        let layout = try Self.layout("""
            <span id=l>Data used</span><progress value="3.2" max="10"></progress>
            <div role=progressbar aria-valuenow=40 aria-valuemax=100 aria-valuetext="4 GB of 10 GB" aria-labelledby=l></div>
            <meter value=0.5 aria-label="Hotspot"></meter>
            """)
        #expect(layout.meters.count == 3)
        #expect(layout.meters[0].value == "3.2" && layout.meters[0].maximum == "10")
        #expect(layout.meters[1].valueText == "4 GB of 10 GB" && layout.meters[1].label == "Data used" && layout.meters[1].value == "40")
        #expect(layout.meters[2].label == "Hotspot")
    }

    @Test("deep nesting and long pages are laid out without recursion")
    func deep() throws {
        let depth = 5_000
        let html = String(repeating: "<div>", count: depth) + "deep" + String(repeating: "</div>", count: depth)
        #expect(try Self.texts(html) == ["deep"])
        let long = (0..<3_000).map { "<p>line \($0)</p>" }.joined()
        #expect(try Self.texts(long).count == 3_000)
    }
}
