import ESIMMarkup

/// Reads saved account pages into ``AccountSnapshot``s with a set of specs: tells which
/// carrier and page kind a page is, then runs each field's rules in order.
///
/// An extractor holds compiled XPath expressions, which are not shared between threads:
/// make one per thread (compiling is cheap next to parsing a page).
public final class PageExtractor {
    public let specs: [AccountPageSpec]
    private let compiled: [CompiledSpec]

    public init(specs: [AccountPageSpec]) throws(SpecError) {
        self.specs = specs
        var compiled: [CompiledSpec] = []
        for spec in specs { compiled.append(try CompiledSpec(spec)) }
        self.compiled = compiled
    }

    /// What to read a page as, when the caller knows better than recognition.
    public struct Options: Sendable {
        /// A carrier id; `nil` recognises the carrier from the page.
        public var carrierID: String?
        public var pageKind: PageKind?
        /// The day year-less dates are read against (`Due Dec 3`), and days left counted from.
        public var reference: CalendarDate?
        /// When no spec matches, read labels and values heuristically instead of giving up.
        public var allowHeuristic: Bool

        public init(carrierID: String? = nil, pageKind: PageKind? = nil, reference: CalendarDate? = nil, allowHeuristic: Bool = true) {
            self.carrierID = carrierID
            self.pageKind = pageKind
            self.reference = reference
            self.allowHeuristic = allowHeuristic
        }
    }

    /// Reads one page. Throws only when the bytes are not a page at all (empty, binary,
    /// not markup) or the options name an unknown carrier or page; everything else is a
    /// diagnostic on the snapshot.
    public func inspect(_ input: PageInput, options: Options = Options()) throws(PageError) -> AccountSnapshot {
        let page = try LoadedPage.load(input)
        let context = PageContext(page: page)
        var chosen: (spec: CompiledSpec, kind: PageKind?)?
        var notes: [SnapshotDiagnostic] = []
        let recognized = recognize(context)

        if let id = options.carrierID {
            guard let spec = compiled.first(where: { $0.spec.carrierID == id }) else {
                let known = compiled.map(\.spec.carrierID).joined(separator: ", ")
                throw PageError(.unknownSpec, "no page spec for carrier '\(id)' (specs with pages: \(known.isEmpty ? "none" : known))",
                                file: input.name)
            }
            chosen = (spec, nil)
            if let recognized = recognized.first, recognized.spec.spec.carrierID != id {
                notes.append(SnapshotDiagnostic(.recognition, "the page looks like \(recognized.spec.spec.carrierName)'s (\(recognized.reason)), read as \(spec.spec.carrierName)'s as asked"))
            }
        } else {
            let candidates = recognized
            if let best = candidates.first {
                chosen = (best.spec, nil)
                notes.append(SnapshotDiagnostic(.recognition, "recognised as \(best.spec.spec.carrierName) by \(best.reason)"))
                if candidates.count > 1, candidates[1].score == best.score {
                    notes.append(SnapshotDiagnostic(.recognition, "also looks like \(candidates[1].spec.spec.carrierName)'s (\(candidates[1].reason))"))
                }
            }
        }

        if let kind = options.pageKind {
            if let spec = chosen?.spec {
                guard spec.spec.page(kind) != nil else {
                    throw PageError(.unknownSpec, "\(spec.spec.carrierName)'s spec has no '\(kind.rawValue)' page (it has \(spec.spec.pages.map(\.kind.rawValue).joined(separator: ", ")))",
                                    file: input.name)
                }
                chosen?.kind = kind
            }
        }

        var snapshot: AccountSnapshot
        if let (spec, kind) = chosen {
            snapshot = read(context, spec: spec, kind: kind, reference: options.reference)
        } else if let tried = bestTrial(context, kind: options.pageKind, reference: options.reference) {
            snapshot = tried
            notes.append(SnapshotDiagnostic(.recognition, "no address or title matched a spec; \(tried.carrierName ?? "") fits best, by the fields found"))
        } else if options.allowHeuristic {
            snapshot = GenericReader.read(context, reference: options.reference)
            notes.append(SnapshotDiagnostic(.recognition, "no spec matches this page; values below are a heuristic reading of labels and values"))
        } else {
            snapshot = AccountSnapshot(reference: options.reference)
            notes.append(SnapshotDiagnostic(.recognition, "no spec matches this page"))
        }
        snapshot.diagnostics = notes + context.pageDiagnostics + snapshot.diagnostics
        snapshot.recognizedCarrierID = recognized.first?.spec.spec.carrierID
        return snapshot
    }

    // MARK: Recognition

    struct Candidate {
        var spec: CompiledSpec
        var score: Int
        var reason: String
    }

    /// Specs whose domains, address patterns or title patterns the page matches, best
    /// first. The saved-from comment is read first (it costs no query); the canonical
    /// link, `og:url` and title only when it does not settle on one carrier's domain.
    func recognize(_ context: PageContext) -> [Candidate] {
        let quick = recognize(context, addresses: context.savedFromAddresses, title: "")
        if let best = quick.first, best.score >= 4, quick.count == 1 || quick[1].score < best.score { return quick }
        return recognize(context, addresses: context.lowercasedAddresses, title: context.lowercasedTitle)
    }

    func recognize(_ context: PageContext, addresses: [String], title: String) -> [Candidate] {
        let hosts = addresses.map(Self.host(of:))
        var result: [Candidate] = []
        for spec in compiled {
            let recognition = spec.spec.recognition
            var score = 0
            var reasons: [String] = []
            if let index = spec.domains.indices.first(where: { index in
                hosts.contains { $0 == spec.domains[index] || $0.hasSuffix(spec.dottedDomains[index]) }
            }) {
                score += 4
                reasons.append("address on \(spec.domains[index])")
            }
            if let index = spec.urlPatterns.firstIndex(where: { pattern in addresses.contains { $0.containsBytes(pattern) } }) {
                score += 2
                reasons.append("address containing '\(recognition.urls[index])'")
            }
            if !title.isEmpty, let index = spec.titlePatterns.firstIndex(where: { title.containsBytes($0) }) {
                let pattern = recognition.titles[index]
                score += 2
                reasons.append("title containing '\(pattern)'")
            }
            if score > 0 { result.append(Candidate(spec: spec, score: score, reason: reasons.joined(separator: ", "))) }
        }
        return result.sorted { $0.score > $1.score }
    }

    /// `https://www.att.com/acctmgmt/…` → `www.att.com` (of a lower-cased address).
    static func host(of address: String) -> String {
        var bytes = Substring(address).utf8[...]
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")),
           bytes[colon...].starts(with: "://".utf8) {
            bytes = bytes[bytes.index(colon, offsetBy: 3)...]
        }
        let end = bytes.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? bytes.endIndex
        var host = bytes[..<end]
        if let at = host.lastIndex(of: UInt8(ascii: "@")) { host = host[host.index(after: at)...] }
        if let port = host.firstIndex(of: UInt8(ascii: ":")) { host = host[..<port] }
        return String(Substring(host))
    }

    /// With no address or title to go by (an API response, a page saved without its
    /// comment), each spec and page kind is tried and the one that finds the most
    /// required fields wins — if it finds at least one.
    func bestTrial(_ context: PageContext, kind: PageKind?, reference: CalendarDate?) -> AccountSnapshot? {
        // Every spec's rules on one page: most cannot match it, and the summary says so.
        context.prefiltersSelectors = true
        defer { context.prefiltersSelectors = false }
        var best: (snapshot: AccountSnapshot, score: Int)?
        for spec in compiled {
            for page in spec.pages where kind == nil || page.spec.kind == kind {
                // A reading is kept only if it finds a required field: look for those first.
                guard page.usable(in: context), findsRequired(context, page: page, reference: reference) else { continue }
                let snapshot = read(context, spec: spec, page: page, reference: reference)
                let score = page.score(snapshot)
                if score.required > 0, score.total > (best?.score ?? 0) { best = (snapshot, score.total) }
            }
        }
        return best?.snapshot
    }

    /// Whether reading `page` would find any required field (account fields from the
    /// root, line fields in each line block) — what a trial reading's score needs to count.
    func findsRequired(_ context: PageContext, page: CompiledPage, reference: CalendarDate?) -> Bool {
        let root = context.root
        for field in page.fields where field.spec.status == .required {
            if field.extract(from: root, context: context, reference: reference, lineIndex: nil).value != nil { return true }
        }
        guard let group = page.lines, group.fields.contains(where: { $0.spec.status == .required }),
              let blocks = try? group.each.scopes(in: root, context: context) else { return false }
        for (index, block) in blocks.enumerated() {
            for field in group.fields where field.spec.status == .required {
                if field.extract(from: block, context: context, reference: reference, lineIndex: index).value != nil { return true }
            }
        }
        return false
    }

    // MARK: Reading

    func read(_ context: PageContext, spec: CompiledSpec, kind: PageKind?, reference: CalendarDate?) -> AccountSnapshot {
        if let kind, let page = spec.pages.first(where: { $0.spec.kind == kind }) {
            return read(context, spec: spec, page: page, reference: reference)
        }
        // The page kind whose address or title pattern matches; else the one that reads best.
        // A kind marked by both its address and its title beats one marked by either alone.
        func pagesMarked(addresses: [String], title: String) -> [CompiledPage] {
            let scored = spec.pages.map { page -> (CompiledPage, Int) in
                let byAddress = page.urlPatterns.contains { pattern in addresses.contains { $0.containsBytes(pattern) } }
                let byTitle = !title.isEmpty && page.titlePatterns.contains { title.containsBytes($0) }
                return (page, (byAddress ? 1 : 0) + (byTitle ? 1 : 0))
            }
            let top = scored.map(\.1).max() ?? 0
            return top == 0 ? [] : scored.filter { $0.1 == top }.map(\.0)
        }
        var marked = pagesMarked(addresses: context.savedFromAddresses, title: "")
        if marked.count != 1 { marked = pagesMarked(addresses: context.lowercasedAddresses, title: context.lowercasedTitle) }
        if marked.count == 1 {
            var snapshot = read(context, spec: spec, page: marked[0], reference: reference)
            snapshot.diagnostics.insert(SnapshotDiagnostic(.recognition, "page kind \(marked[0].spec.kind.rawValue) from its address or title"), at: 0)
            return snapshot
        }
        let pool = marked.isEmpty ? spec.pages.filter { $0.usable(in: context) } : marked
        var best: (snapshot: AccountSnapshot, score: Int)?
        for page in pool {
            let snapshot = read(context, spec: spec, page: page, reference: reference)
            let score = page.score(snapshot).total
            if best == nil || score > best!.score { best = (snapshot, score) }
        }
        guard var snapshot = best?.snapshot else {
            return AccountSnapshot(carrierID: spec.spec.carrierID, carrierName: spec.spec.carrierName,
                                   diagnostics: [SnapshotDiagnostic(.recognition, "\(spec.spec.carrierName)'s spec has no page kind for this kind of document")],
                                   reference: reference)
        }
        snapshot.diagnostics.insert(SnapshotDiagnostic(.recognition, "page kind \(snapshot.pageKind?.rawValue ?? "?") reads the most fields"), at: 0)
        return snapshot
    }

    func read(_ context: PageContext, spec: CompiledSpec, page: CompiledPage, reference: CalendarDate?) -> AccountSnapshot {
        var snapshot = AccountSnapshot(carrierID: spec.spec.carrierID, carrierName: spec.spec.carrierName,
                                       pageKind: page.spec.kind, reference: reference)
        let root = context.root
        snapshot.values.reserveCapacity(page.fields.count)
        for field in page.fields {
            let outcome = field.extract(from: root, context: context, reference: reference, lineIndex: nil)
            if let value = outcome.value { snapshot.values.append(value) }
            if !outcome.diagnostics.isEmpty { snapshot.diagnostics += outcome.diagnostics }
        }
        if let group = page.lines {
            let blocks: [Scope]
            do {
                blocks = try group.each.scopes(in: root, context: context)
            } catch {
                snapshot.diagnostics.append(SnapshotDiagnostic(.ruleFailed, "lines: \(group.each.rule.summary): \(error.message)"))
                blocks = []
            }
            var seen: [[FieldKey]] = []
            for block in blocks {
                let index = snapshot.lines.count
                var line = LineSnapshot()
                line.values.reserveCapacity(group.fields.count)
                var diagnostics: [SnapshotDiagnostic] = []
                for field in group.fields {
                    let outcome = field.extract(from: block, context: context, reference: reference, lineIndex: index)
                    if let value = outcome.value { line.values.append(value) }
                    if !outcome.diagnostics.isEmpty { diagnostics += outcome.diagnostics }
                }
                let key = line.values.map { FieldKey(field: $0.field, value: $0.value) }
                if line.values.isEmpty || seen.contains(key) { continue }  // responsive copies of a line
                seen.append(key)
                snapshot.lines.append(line)
                snapshot.diagnostics += diagnostics
            }
            if blocks.isEmpty {
                snapshot.diagnostics.append(SnapshotDiagnostic(.missingRequired, "no lines: '\(group.each.rule.summary)' selects nothing"))
            }
        }
        return snapshot
    }
}

/// A line's values, compared to find responsive copies of the same line.
struct FieldKey: Hashable {
    var field: SnapshotField
    var value: SnapshotValue
}

// MARK: - Compiled specs

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

final class CompiledSpec {
    let spec: AccountPageSpec
    let pages: [CompiledPage]
    /// Lower-cased, for matching lower-cased addresses.
    let domains: [String]
    /// `.att.com` for `att.com`: a host ending so is on the domain.
    let dottedDomains: [String]
    let urlPatterns: [String]
    let titlePatterns: [String]

    init(_ spec: AccountPageSpec) throws(SpecError) {
        self.spec = spec
        domains = spec.recognition.domains.map { $0.lowercased() }
        dottedDomains = domains.map { "." + $0 }
        urlPatterns = spec.recognition.urls.map { $0.lowercased() }
        titlePatterns = spec.recognition.titles.map { $0.lowercased() }
        var pages: [CompiledPage] = []
        for page in spec.pages { pages.append(try CompiledPage(page, file: spec.file)) }
        self.pages = pages
    }
}

final class CompiledPage {
    let spec: PageSpec
    let urlPatterns: [String]
    let titlePatterns: [String]
    let fields: [CompiledField]
    let lines: (each: CompiledRule, fields: [CompiledField])?
    /// Whether every rule reads JSON (then only a JSON document or embedded data can serve).
    let usesMarkup: Bool
    /// The required account and line fields, for scoring trial readings.
    let required: Set<SnapshotField>
    let lineRequired: Set<SnapshotField>

    init(_ spec: PageSpec, file: String) throws(SpecError) {
        self.spec = spec
        urlPatterns = spec.urls.map { $0.lowercased() }
        titlePatterns = spec.titles.map { $0.lowercased() }
        var fields: [CompiledField] = []
        for field in spec.fields { fields.append(try CompiledField(field, file: file)) }
        self.fields = fields
        if let group = spec.lines {
            var lineFields: [CompiledField] = []
            for field in group.fields { lineFields.append(try CompiledField(field, file: file)) }
            lines = (try CompiledRule(group.each, file: file, line: 0), lineFields)
        } else {
            lines = nil
        }
        usesMarkup = spec.allRules.contains { !$0.isJSON }
        required = Set(spec.fields.filter { $0.status == .required }.map(\.field))
        lineRequired = Set(spec.lines?.fields.filter { $0.status == .required }.map(\.field) ?? [])
    }

    /// A JSON document can only be read by a page whose rules are all JSON paths.
    func usable(in context: PageContext) -> Bool {
        !(context.isJSON && usesMarkup)
    }

    /// Required fields found, and all fields found (line fields count once per line).
    func score(_ snapshot: AccountSnapshot) -> (required: Int, total: Int) {
        var requiredFound = snapshot.values.filter { required.contains($0.field) }.count
        requiredFound += snapshot.lines.reduce(0) { $0 + $1.values.filter { lineRequired.contains($0.field) }.count }
        let total = snapshot.values.count + snapshot.lines.reduce(0) { $0 + $1.values.count }
        return (requiredFound, requiredFound * 2 + total)
    }
}

final class CompiledField {
    let spec: FieldSpec
    let rules: [CompiledRule]

    init(_ spec: FieldSpec, file: String) throws(SpecError) {
        self.spec = spec
        var rules: [CompiledRule] = []
        for rule in spec.rules { rules.append(try CompiledRule(rule, file: file, line: spec.line)) }
        self.rules = rules
    }

    struct Outcome {
        var value: ExtractedValue?
        var diagnostics: [SnapshotDiagnostic] = []
    }

    /// Tries the rules in order. The first rule whose text reads as a valid value wins;
    /// text that does not read is remembered and reported only if no rule succeeds.
    func extract(from scope: Scope, context: PageContext, reference: CalendarDate?, lineIndex: Int?) -> Outcome {
        let field = spec.field
        var outcome = Outcome()
        var unreadable: (raw: String, message: String, rule: Int)?
        for (index, rule) in rules.enumerated() {
            let found: [(text: String, line: Int)]
            do {
                found = try rule.texts(in: scope, context: context)
            } catch {
                outcome.diagnostics.append(SnapshotDiagnostic(.ruleFailed, "\(field.rawValue): rule \(index + 1) (\(rule.rule.summary)): \(error.message)",
                                                              field: field, lineIndex: lineIndex))
                continue
            }
            var winner: ExtractedValue?
            for (position, item) in found.enumerated() {
                // Responsive copies usually repeat the text exactly: read each text once.
                if found[..<position].contains(where: { $0.text == item.text }) { continue }
                // `N/A`, `--`, `0000-00-00`: the page says it has no value here.
                if spec.kind != .text, FieldValueReader.isPlaceholder(item.text) { continue }
                let value: SnapshotValue
                do {
                    value = try FieldValueReader.read(item.text, kind: spec.kind, field: field, unit: rule.rule.unit,
                                                      currency: rule.rule.currency, language: rule.rule.language, reference: reference)
                } catch {
                    if unreadable == nil { unreadable = (item.text, error.description, index) }
                    continue
                }
                if let winner {
                    if winner.value != value {
                        outcome.diagnostics.append(SnapshotDiagnostic(.conflictingValues,
                            "\(field.rawValue): the page shows '\(winner.value.canonicalText)' (line \(winner.line)) and '\(value.canonicalText)' (line \(item.line)); the first is used",
                            field: field, lineIndex: lineIndex))
                        break
                    }
                } else {
                    var raw = item.text
                    if field.isMasked {
                        // A masked text value is the (already trimmed) text masked: mask once.
                        if case .text(let masked) = value, rule.rule.unit == nil, rule.rule.currency == nil {
                            raw = masked
                        } else {
                            raw = NumberMasking.mask(item.text)
                        }
                    }
                    winner = ExtractedValue(field: field, value: value, raw: raw, ruleIndex: index, rule: rule.summary, line: item.line)
                }
            }
            if let winner {
                outcome.value = winner
                break
            }
        }
        if let value = outcome.value {
            if spec.status == .notExposed {
                outcome.diagnostics.append(SnapshotDiagnostic(.unexpectedValue,
                    "\(field.rawValue): the spec says the page does not show it, yet rule \(value.ruleIndex + 1) found '\(value.value.canonicalText)'",
                    field: field, lineIndex: lineIndex))
            }
        } else if let unreadable {
            let raw = field.isMasked ? NumberMasking.mask(unreadable.raw) : unreadable.raw
            outcome.diagnostics.append(SnapshotDiagnostic(.unparseable,
                "\(field.rawValue): '\(raw.prefix(80))' is not a valid \(spec.kind.rawValue): \(unreadable.message) (rule \(unreadable.rule + 1))",
                field: field, lineIndex: lineIndex))
        } else if spec.status == .required {
            outcome.diagnostics.append(SnapshotDiagnostic(.missingRequired, "\(field.rawValue): not found (\(rules.count) rule\(rules.count == 1 ? "" : "s") tried)",
                                                          field: field, lineIndex: lineIndex))
        }
        return outcome
    }
}

final class CompiledRule {
    /// The most copies of a field a rule reads (responsive pages repeat numbers).
    static let maximumMatches = 8

    enum Locator {
        case xpath(XPathExpression)
        /// Matched natively (``MarkupNode/select(_:limit:)``), not through XPath.
        case css(CSSSelector)
        case json(JSONPath)
    }

    let rule: ExtractionRule
    let locator: Locator
    let regex: RuleRegex?
    /// `rule.summary`, made once.
    let summary: String

    init(_ rule: ExtractionRule, file: String, line: Int) throws(SpecError) {
        self.rule = rule
        summary = rule.summary
        do {
            switch rule.locator {
            case .xpath(let source): locator = .xpath(try XPathExpression(source))
            case .css(let source): locator = .css(try CSSSelector.cachedForThread(source))
            case .json(let source): locator = .json(try JSONPath(source))
            }
        } catch {
            throw SpecError(.invalidRule, error.detail, file: file, line: line)
        }
        if let pattern = rule.regex {
            do { regex = try RuleRegex(pattern) } catch {
                throw SpecError(.invalidRule, "regular expression '\(pattern)' does not compile: \(error)", file: file, line: line)
            }
        } else {
            regex = nil
        }
    }

    /// The scopes a line group's `each` rule selects.
    func scopes(in scope: Scope, context: PageContext) throws(MarkupError) -> [Scope] {
        switch (locator, scope) {
        case (.xpath(let expression), .node(let node)):
            return try node.evaluate(expression).nodes.map(Scope.node)
        case (.css(let selector), .node(let node)):
            guard context.mayMatch(selector) else { return [] }
            return node.select(selector).map(Scope.node)
        case (.json(let path), .json(let value)):
            return path.evaluate(value).map(Scope.json)
        case (.json(let path), .node):
            return context.embeddedJSON.flatMap { path.evaluate($0) }.map(Scope.json)
        case (.xpath, .json), (.css, .json):
            return []
        }
    }

    /// The texts the rule finds (at most `limit` elements or values read), with the page
    /// line each came from, after the regular expression; empty texts are dropped.
    func texts(in scope: Scope, context: PageContext, limit: Int = maximumMatches) throws(RuleError) -> [(text: String, line: Int)] {
        var result: [(text: String, line: Int)] = []
        var regexFailure: RuleRegexError?
        func add(_ text: String, line: Int) {
            var value = text
            if let regex {
                let capture: String?
                do { capture = try regex.capture(in: text) } catch {
                    regexFailure = error
                    return
                }
                guard let capture else { return }
                value = capture
            }
            value = value.trimmed(of: " \t\n")
            if !value.isEmpty { result.append((value, line)) }
        }
        switch (locator, scope) {
        case (.xpath(let expression), .node(let node)):
            let value: XPathValue
            do { value = try node.evaluate(expression) } catch { throw .markup(error) }
            switch value {
            case .nodes(let nodes):
                for node in nodes.prefix(limit) {
                    add(rule.attribute.map { node.attribute($0) ?? "" } ?? node.normalizedText, line: node.line)
                }
            case let other:
                add(TextNormalization.normalize(other.stringValue), line: node.line)
            }
        case (.css(let selector), .node(let node)):
            guard context.mayMatch(selector) else { break }
            for node in node.select(selector, limit: limit) {
                add(rule.attribute.map { node.attribute($0) ?? "" } ?? node.normalizedText, line: node.line)
            }
        case (.json(let path), .json(let value)):
            for found in path.evaluate(value, limit: limit) {
                if let text = found.scalarText { add(text, line: 0) }
            }
        case (.json(let path), .node):
            for found in context.embeddedJSON.lazy.flatMap({ path.evaluate($0, limit: limit) }).prefix(limit) {
                if let text = found.scalarText { add(text, line: 0) }
            }
        case (.xpath, .json), (.css, .json):
            break
        }
        // A text the pattern could not be run on, and nothing else read: say so.
        if result.isEmpty, let regexFailure { throw .regex(regexFailure) }
        return result
    }
}

/// Why a rule could not be applied to a page.
enum RuleError: Error {
    case markup(MarkupError)
    case regex(RuleRegexError)

    var message: String {
        switch self {
        case .markup(let error): error.message
        case .regex(let error): error.description
        }
    }

    /// The message with where it applies (a markup error's line or offset).
    var detail: String {
        switch self {
        case .markup(let error): error.detail
        case .regex(let error): error.description
        }
    }
}
