import ESIMMarkup

extension FuzzTarget {
    /// `HTMLDocument(bytes:)`: charset detection, libxml2's HTML parser and the tree
    /// walks every reader uses.
    static let html = FuzzTarget("html", "HTMLDocument(bytes:): charset detection, parsing, text and embedded JSON",
                                samples: ["Samples/Pages/*/*.html"],
                                seeds: { [Array(FixedDocuments.pageSource.utf8)] + MarkupSeeds.charsets }) { input in
        guard let document = try? HTMLDocument(bytes: input) else { return }
        MarkupChecks.walk(document)
    }

    /// `XMLDocument(bytes:)`: entitlement responses, provider databases.
    static let xml = FuzzTarget("xml", "XMLDocument(bytes:): encoding declaration, parsing, text",
                               samples: ["Samples/Profiles/*.xml", "Fuzz/Seeds/providers/*.xml"]) { input in
        guard let document = try? XMLDocument(bytes: input) else { return }
        MarkupChecks.walk(document)
    }
}

enum MarkupChecks {
    /// What `visibleTextNodes()` stands for (its documentation, and VisibleTextTests).
    static let visibleTextXPath = "//text()[normalize-space()][not(ancestor::*[local-name()='script' or local-name()='style' "
        + "or local-name()='noscript' or local-name()='template'])]"

    /// Reads the document as the page readers do, and checks the one-walk shortcuts
    /// against the XPath they stand for.
    static func walk(_ document: any MarkupDocument) {
        _ = document.title
        _ = document.charset
        _ = document.root?.normalizedText
        let visible = document.node.visibleTextNodes()
        if let selected = try? document.select(xpath: visibleTextXPath) {
            Fuzz.require(visible == selected, "visibleTextNodes found \(visible.count) nodes, its XPath \(selected.count)")
        }
        for name in ["a", "script", "meta"] {
            let found = document.node.descendantElements(localName: name)
            if let selected = try? document.select(xpath: ".//*[local-name()='\(name)']") {
                Fuzz.require(found == selected, "descendantElements(\(name)) found \(found.count), its XPath \(selected.count)")
            }
        }
        if let html = document as? HTMLDocument {
            for embedded in html.embeddedData().values { _ = embedded.value.description }
        }
        for node in visible.prefix(64) { _ = node.line; _ = node.parent?.attributes }
    }
}

enum MarkupSeeds {
    /// Pages in each way a charset is declared, and in encodings other than UTF-8.
    static let charsets: [[UInt8]] = [
        Array("<html><head><meta charset=\"iso-8859-1\"><title>Caf\u{E9}</title></head><body>".utf8) + [0xE9] + Array("</body></html>".utf8),
        Array("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head><body>".utf8) + [0x80, 0x93] + Array("</body></html>".utf8),
        Array("<meta charset=shift_jis><p>".utf8) + [0x93, 0xFA, 0x96, 0x7B],
        Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?><html><body><p>x</p></body></html>".utf8),
        [0xEF, 0xBB, 0xBF] + Array("<p>BOM</p>".utf8),
        [0xFF, 0xFE] + Array("<p>".utf8).flatMap { [$0, 0] },
        [0xFE, 0xFF] + Array("<p>".utf8).flatMap { [0, $0] },
        Array("<meta charset=\"utf-16\"><p>declared but not</p>".utf8),
    ]
}
