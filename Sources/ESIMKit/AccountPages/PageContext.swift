import ESIMMarkup

/// What a page offers the rules: its document (or JSON), addresses and title, and the
/// JSON it embeds, read once on first use.
final class PageContext {
    let page: LoadedPage
    private(set) lazy var embeddedJSON: [JSONValue] = {
        switch page {
        case .json(let value): return [value]
        case .markup(let document, _):
            let data = document.embeddedData()
            return data.values.map(\.value)
        }
    }()

    /// Set while many specs are tried on a page none was recognised for: CSS rules then
    /// first ask the page's ``ElementSummary`` whether they can match at all.
    var prefiltersSelectors = false
    private(set) lazy var elementSummary: ElementSummary? = {
        guard case .markup(let document, _) = page else { return nil }
        return ElementSummary(document.node)
    }()

    init(page: LoadedPage) {
        self.page = page
    }

    /// Whether `selector` may match on this page (always, unless prefiltering).
    func mayMatch(_ selector: CSSSelector) -> Bool {
        guard prefiltersSelectors, let summary = elementSummary else { return true }
        return selector.mayMatch(in: summary)
    }

    var root: Scope {
        switch page {
        case .markup(let document, _): return .node(document.node)
        case .json(let value): return .json(value)
        }
    }

    var isJSON: Bool {
        if case .json = page { return true }
        return false
    }

    /// The saved-from comment, the canonical link and `og:url`.
    lazy var addresses: [String] = {
        guard case .markup(let document, let savedFrom) = page else { return [] }
        var result: [String] = savedFrom.map { [$0] } ?? []
        // Both live in <head>, which HTML parsing always creates: an anchored path, not a
        // scan of the whole page.
        if let nodes = try? document.node.evaluate(PageContext.addressQuery).nodes {
            result += nodes.map(\.text).filter { !$0.isEmpty }
        }
        return result
    }()

    /// Page addresses, lower-cased, for matching.
    lazy var lowercasedAddresses: [String] = addresses.map { $0.lowercased() }

    /// Just the saved-from address, lower-cased: known without a query.
    lazy var savedFromAddresses: [String] = {
        if case .markup(_, let savedFrom?) = page { return [savedFrom.lowercased()] }
        return []
    }()

    lazy var lowercasedTitle: String = title?.lowercased() ?? ""

    lazy var title: String? = {
        if case .markup(let document, _) = page { return document.title }
        return nil
    }()

    /// Compiled once per thread.
    static var addressQuery: XPathExpression {
        try! XPathExpression.cachedForThread(
            "/html/head/link[translate(@rel,'CANONICAL','canonical')='canonical']/@href | /html/head/meta[@property='og:url']/@content")
    }

    /// How the page itself was read: a charset fallback, recovered errors.
    var pageDiagnostics: [SnapshotDiagnostic] {
        guard case .markup(let document, _) = page else { return [] }
        var result: [SnapshotDiagnostic] = []
        for diagnostic in document.diagnostics where diagnostic.kind == .encoding {
            result.append(SnapshotDiagnostic(.page, diagnostic.message))
        }
        let parserErrors = document.diagnostics.filter { $0.kind == .parser && !$0.isUnknownHTMLTag }.count
        if parserErrors > 0 {
            result.append(SnapshotDiagnostic(.page, "the markup has \(parserErrors) error\(parserErrors == 1 ? "" : "s") the parser recovered from"))
        }
        return result
    }
}

/// Where rules run: the document or a line's element, or a JSON value.
enum Scope {
    case node(MarkupNode)
    case json(JSONValue)
}
