import ESIMMarkup

/// Reads saved account pages into ``AccountSnapshot``s with a set of specs: tells which
/// carrier and page kind a page is, then runs each field's rules in order.
///
/// An extractor holds compiled XPath expressions, which are not shared between threads:
/// make one per thread (compiling is cheap next to parsing a page).
package final class PageExtractor {
    package let specs: [AccountPageSpec]
    private let compiled: [CompiledSpec]

    package init(specs: [AccountPageSpec]) throws(SpecError) {
        self.specs = specs
        var compiled: [CompiledSpec] = []
        for spec in specs { compiled.append(try CompiledSpec(spec)) }
        self.compiled = compiled
    }

    /// What to read a page as, when the caller knows better than recognition.
    package struct Options: Sendable {
        /// A carrier id; `nil` recognises the carrier from the page.
        package var carrierID: String?
        package var pageKind: PageKind?
        /// The day year-less dates are read against (`Due Dec 3`), and days left counted from.
        package var reference: CalendarDate?
        /// When no spec matches, read labels and values heuristically instead of giving up.
        package var allowHeuristic: Bool
        /// The country the pages are from, as the user says (ISO code, upper case): for the
        /// heuristic reading, the order its dates are written in and the currency of amounts
        /// that name none (a JSON `"mainBalance": 14.42`). `nil`: the page's own hints.
        package var country: String?

        package init(carrierID: String? = nil, pageKind: PageKind? = nil, reference: CalendarDate? = nil, allowHeuristic: Bool = true,
                     country: String? = nil) {
            self.carrierID = carrierID
            self.pageKind = pageKind
            self.reference = reference
            self.allowHeuristic = allowHeuristic
            self.country = country?.uppercased()
        }
    }

    /// Reads one page. Throws only when the bytes are not a page at all (empty, binary,
    /// not markup) or the options name an unknown carrier or page; everything else is a
    /// diagnostic on the snapshot.
    package func inspect(_ input: PageInput, options: Options = Options()) throws(PageError) -> AccountSnapshot {
        var loading: [SnapshotDiagnostic] = []
        let page = try LoadedPage.load(input, notes: &loading)
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
            snapshot = GenericReader.read(context, reference: options.reference, country: options.country)
            notes.append(SnapshotDiagnostic(.recognition, "no spec matches this page; values below are a heuristic reading of labels and values"))
        } else {
            snapshot = AccountSnapshot(reference: options.reference)
            notes.append(SnapshotDiagnostic(.recognition, "no spec matches this page"))
        }
        snapshot.diagnostics = notes + loading + context.pageDiagnostics + snapshot.diagnostics
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
