import ESIMMarkup

/// A spec compiled for extraction: its pages, each with its fields and their rules
/// compiled once (``PageExtractor`` holds one per spec).
final class CompiledSpec {
    let spec: AccountPageSpec
    /// Compiled with the spec; a built-in spec's on first use (its rules are proven to
    /// compile by a test, and most pages are read with one spec). Filled in without a
    /// lock: like the ``PageExtractor`` that holds it, a compiled spec is one thread's.
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
        if !spec.pagesAreReadOnDemand { compiledPages = try Self.compile(spec) }
    }

    var pages: [CompiledPage] {
        if let compiledPages { return compiledPages }
        let pages = (try? Self.compile(spec)) ?? []
        compiledPages = pages
        return pages
    }

    private static func compile(_ spec: AccountPageSpec) throws(SpecError) -> [CompiledPage] {
        // A deferred (built-in) spec's page kinds compile their rules when one is read:
        // choosing the kind needs only its addresses and titles.
        let deferRules = spec.pagesAreReadOnDemand
        var pages: [CompiledPage] = []
        for page in spec.pages { pages.append(try CompiledPage(page, file: spec.file, deferRules: deferRules)) }
        return pages
    }
}

final class CompiledPage {
    let spec: PageSpec
    let urlPatterns: [String]
    let titlePatterns: [String]
    private let file: String
    /// The fields' and the line group's rules, compiled (on first use for a built-in spec).
    private var rules: (fields: [CompiledField], lines: (each: CompiledRule, fields: [CompiledField])?)?
    /// Whether every rule reads JSON (then only a JSON document or embedded data can serve).
    let usesMarkup: Bool
    /// The required account and line fields, for scoring trial readings.
    let required: Set<SnapshotField>
    let lineRequired: Set<SnapshotField>

    /// - Parameter deferRules: compile the rules when the page is first read (a built-in
    ///   spec's, whose rules a test compiles); otherwise now, so a bad rule throws here.
    init(_ spec: PageSpec, file: String, deferRules: Bool = false) throws(SpecError) {
        self.spec = spec
        self.file = file
        urlPatterns = spec.urls.map { $0.lowercased() }
        titlePatterns = spec.titles.map { $0.lowercased() }
        if !deferRules { rules = try Self.compileRules(spec, file: file) }
        usesMarkup = spec.allRules.contains { !$0.isJSON }
        required = Set(spec.fields.filter { $0.status == .required }.map(\.field))
        lineRequired = Set(spec.lines?.fields.filter { $0.status == .required }.map(\.field) ?? [])
    }

    var fields: [CompiledField] { compiledRules.fields }
    var lines: (each: CompiledRule, fields: [CompiledField])? { compiledRules.lines }

    private var compiledRules: (fields: [CompiledField], lines: (each: CompiledRule, fields: [CompiledField])?) {
        if let rules { return rules }
        let compiled = (try? Self.compileRules(spec, file: file)) ?? ([], nil)
        rules = compiled
        return compiled
    }

    private static func compileRules(_ spec: PageSpec, file: String)
        throws(SpecError) -> (fields: [CompiledField], lines: (each: CompiledRule, fields: [CompiledField])?) {
        var fields: [CompiledField] = []
        for field in spec.fields { fields.append(try CompiledField(field, file: file)) }
        guard let group = spec.lines else { return (fields, nil) }
        var lineFields: [CompiledField] = []
        for field in group.fields { lineFields.append(try CompiledField(field, file: file)) }
        return (fields, (try CompiledRule(group.each, file: file, line: 0), lineFields))
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
