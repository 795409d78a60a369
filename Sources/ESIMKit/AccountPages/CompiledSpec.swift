import ESIMMarkup

/// A spec compiled for extraction: its pages, each with its fields and their rules
/// compiled once (``PageExtractor`` holds one per spec).
final class CompiledSpec {
    let spec: AccountPageSpec
    /// Compiled with the spec; a built-in spec's on first use (its rules are proven to
    /// compile by a test, and most pages are read with one spec).
    private var compiledPages: [CompiledPage]?
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
        if !spec.pagesAreDeferred { compiledPages = try Self.compile(spec) }
    }

    var pages: [CompiledPage] {
        if let compiledPages { return compiledPages }
        let pages = (try? Self.compile(spec)) ?? []
        compiledPages = pages
        return pages
    }

    private static func compile(_ spec: AccountPageSpec) throws(SpecError) -> [CompiledPage] {
        var pages: [CompiledPage] = []
        for page in spec.pages { pages.append(try CompiledPage(page, file: spec.file)) }
        return pages
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
