import ESIMMarkup
import Synchronization

/// The generic reading of a markup page: its visible lines (``PageLayout``), each scanned
/// for labels and values in the page's language and English, then read by relation —
/// a value after its label on one line, a value alone on the line after a label alone,
/// a table cell under its column's header, `X of Y` and `X / Y` statements, meters.
struct MarkupMeaning {
    let document: any MarkupDocument
    let reference: CalendarDate?
    let locale: ReadingLocale
    let index: PhraseIndex
    let layout: PageLayout
    private(set) var notes: [SnapshotDiagnostic] = []

    /// Lines with more words than this are prose: only usage statements are read there.
    static let proseWords = 16
    /// Lines read at most.
    static let maximumLines = 20_000

    init(document: any MarkupDocument, savedFrom: String?, reference: CalendarDate?, country userCountry: String? = nil) {
        self.document = document
        self.reference = reference
        let declared = Self.declaredLanguage(document)
        layout = PageLayout(document.node)
        var language = declared.language.flatMap(Vocabulary.language)
        var country = userCountry ?? declared.country ?? savedFrom.flatMap(Self.countryOfAddress)
        if language == nil {
            // Undeclared or without a vocabulary: the language whose labels the page holds most.
            language = Self.detectLanguage(layout.lines.prefix(2_000).map(\.text))
            if let code = declared.language {
                notes.append(SnapshotDiagnostic(.recognition, "the page declares language '\(code)', which has no vocabulary file; read as \(language?.name ?? "English")"))
            }
        }
        let vocabulary = language ?? Vocabulary.language("en")!
        if country == nil { country = vocabulary.countries.first }
        locale = ReadingLocale(vocabulary, country: country)
        index = PhraseIndex.for(languages: vocabulary.code == "en" ? ["en"] : [vocabulary.code, "en"])
    }

    // MARK: Language

    /// `<html lang="it-IT">`, `xml:lang`, or `<meta http-equiv=content-language>`.
    static func declaredLanguage(_ document: any MarkupDocument) -> (language: String?, country: String?) {
        var tag = document.root?.attribute("lang") ?? document.root?.attribute("xml:lang")
        if tag == nil || tag!.isEmpty, let meta = try? document.first(css: "meta[http-equiv='content-language' i]") {
            tag = meta.attribute("content")
        }
        guard let tag, !tag.isEmpty else { return (nil, nil) }
        let parts = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init)
        let language = parts.first?.lowercased()
        let country = parts.count > 1 && parts[1].count == 2 ? parts[1].uppercased() : nil
        return (language, country)
    }

    /// The country of an address's top-level domain (`iliad.it` → IT), when it is one.
    static func countryOfAddress(_ address: String) -> String? {
        let host = PageExtractor.host(of: address.lowercased())
        guard let tld = host.split(separator: ".").last, tld.count == 2 else { return nil }
        let code = tld.uppercased()
        return code == "UK" ? "GB" : code
    }

    /// The language most of whose labels the texts hold (at least two), else `nil`.
    static func detectLanguage(_ texts: [String]) -> Vocabulary? {
        // Each text scanned once, against one index of every language's phrases: a
        // language scores a word where a label phrase of its own starts. Prose is left
        // out, as the reader reads no labels there.
        let index = PhraseIndex.for(languages: Vocabulary.all.map(\.code))
        var hits: [String: Int] = Dictionary(uniqueKeysWithValues: Vocabulary.all.map { ($0.code, 0) })
        var languages: Set<String> = []
        for text in texts where mayHoldWords(text) && !isProse(text) {
            let words = TextScan(text).tokens.map(\.folded)
            for position in words.indices {
                languages.removeAll(keepingCapacity: true)
                for entry in index.matches(in: words, at: position) where entry.concept.isLabel { languages.insert(entry.language) }
                for language in languages { hits[language, default: 0] += 1 }
            }
        }
        guard let best = hits.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }), best.value >= 2 else { return nil }
        return Vocabulary.language(best.key)
    }

    /// Whether a text is prose to the reader (more than ``proseWords`` words), judged
    /// without scanning it: runs of letters, `'`, `-` and non-ASCII bytes that hold an
    /// ASCII letter are counted, never more than the scanner's words (two such runs are
    /// split by a byte no word holds), so a line it calls prose the reader does too.
    static func isProse(_ text: String) -> Bool {
        var runs = 0
        var inRun = false
        var counted = false
        for byte in text.utf8 {
            let isLetter = (byte | 0x20) &- 0x61 < 26
            if isLetter || byte >= 0x80 || byte == 0x27 || byte == 0x2D {
                if !inRun { inRun = true; counted = false }
                if isLetter && !counted {
                    counted = true
                    runs += 1
                    if runs > proseWords { return true }
                }
            } else {
                inRun = false
            }
        }
        return false
    }

    /// Whether a text holds an ASCII letter or any non-ASCII byte: what a label needs.
    static func mayHoldWords(_ text: String) -> Bool {
        text.utf8.contains { ($0 | 0x20) &- 0x61 < 26 || $0 >= 0x80 }
    }

    // MARK: Reading

    /// A line scanned for labels and values.
    struct Analysis {
        var line: PageLayout.TextLine
        var scan: TextScan
        var labels: [Label]
        var values: [ValueMention]
        var wordCount: Int
        /// Made of several short lines of neighbouring elements (``MarkupMeaning/joinedFragments(_:)``).
        var isJoined = false

        var isProse: Bool { wordCount > MarkupMeaning.proseWords }

        /// A line far from any figure: not scanned.
        static func skipped(_ line: PageLayout.TextLine) -> Analysis {
            Analysis(line: line, scan: TextScan(""), labels: [], values: [], wordCount: 0)
        }
    }

    /// Whether a text holds an ASCII digit or one of `stems` (lower-case ASCII, compared
    /// ignoring case) — what a line needs to hold a value.
    static func mayHoldValue(_ text: String, stems: [[UInt8]]) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            if bytes.contains(where: { $0 &- 0x30 < 10 }) { return true }
            for stem in stems where stem.count <= bytes.count {
                let first = stem[0]
                var index = 0
                while index + stem.count <= bytes.count {
                    if bytes[index] | 0x20 == first {
                        var matched = 1
                        while matched < stem.count && (bytes[index + matched] | (bytes[index + matched] < 0x80 ? 0x20 : 0)) == stem[matched] {
                            matched += 1
                        }
                        if matched == stem.count { return true }
                    }
                    index += 1
                }
            }
            return false
        }
    }

    struct Label {
        var concept: Concept
        var tokens: Range<Int>
        var phrase: String
    }

    mutating func read() -> [GenericReader.Candidate] {
        if isSignInPage() {
            notes.append(SnapshotDiagnostic(.missingRequired, "nothing read: the page is a sign-in form (it has a password field)"))
            return []
        }
        // Every value holds a digit or an `unlimited` word, and a label stands at most two
        // lines before its value: other lines are not scanned.
        let lines = Array(layout.lines.prefix(Self.maximumLines))
        let holds = lines.map { Self.mayHoldValue($0.text, stems: locale.unlimitedStems) }
        let analyses = joinedFragments(lines.indices.map { index -> Analysis in
            holds[index...].prefix(3).contains(true) ? analyze(lines[index]) : Analysis.skipped(lines[index])
        })
        var candidates: [GenericReader.Candidate] = []
        var statementLines: [Int] = []
        for (position, analysis) in analyses.enumerated() {
            let (found, spans) = statements(in: analysis, before: analyses[max(0, position - 2)..<position])
            if !found.isEmpty { statementLines.append(position) }
            candidates += found
            candidates += labelledValues(analyses, at: position, shielded: spans)
        }
        let (kept, offerNotes) = withoutOfferCards(candidates, analyses)
        candidates = kept
        notes += offerNotes
        // The plan named by the heading over a figure still read (not an offer's).
        let title = document.title
        for position in statementLines where candidates.contains(where: { $0.line == analyses[position].line.sourceLine }) {
            if let plan = planHeading(analyses, figureAt: position, title: title) { candidates.append(plan) }
        }
        candidates += tableValues(layout.tables)
        candidates += meterValues(layout.meters)
        noteAmbiguities(analyses)
        return candidates
    }

    func isSignInPage() -> Bool {
        (try? CSSSelector.cachedForThread("input[type=password i]")).map { document.first($0) != nil } ?? false
    }

    func analyze(_ line: PageLayout.TextLine) -> Analysis {
        let scan = TextScan(line.text)
        let words = scan.tokens.map(\.folded)
        var labels: [Label] = []
        var position = 0
        while position < words.count {
            if let match = index.firstMatch(in: words, at: position) {
                labels.append(Label(concept: match.concept, tokens: position..<(position + match.words.count),
                                    phrase: scan.text(position..<(position + match.words.count))))
                position += match.words.count
            } else {
                position += 1
            }
        }
        // Every value holds a digit, but `unlimited`.
        let mayHoldValues = scan.tokens.contains { $0.kind == .number || locale.unlimitedPhrases[$0.folded] != nil }
        let values = mayHoldValues ? ValueFinder(scan: scan, locale: locale, reference: reference).mentions() : []
        let wordCount = scan.tokens.filter { $0.kind == .word }.count
        return Analysis(line: line, scan: scan, labels: labels, values: values, wordCount: wordCount)
    }

    // MARK: Labels and their values

    /// Tokens that may stand between a label and its value on one line.
    static let fillers: Set<String> = [":", "-", "–", "—", "=", "(", ")", "*", "·", "•", "»", "›", ">", "|", ","]

    /// A label followed by its value on its line, or alone on its line with the value
    /// alone on the next.
    func labelledValues(_ analyses: [Analysis], at position: Int, shielded: [Range<Int>]) -> [GenericReader.Candidate] {
        let analysis = analyses[position]
        guard !analysis.isProse else { return [] }
        var result: [GenericReader.Candidate] = []
        for (labelIndex, label) in analysis.labels.enumerated() where label.concept.isLabel {
            guard !isNavigation(analysis, label), !excluded(analysis, label) else { continue }
            let nextLabel = analysis.labels[(labelIndex + 1)...].first { $0.concept.isLabel || $0.concept == .offer }
            // The first value of a kind the label takes after it on its line, with only
            // fillers between (a date may have a few words first: `si rinnoverà alle 00:00 del 19/11`).
            let context = contextWords(analysis)
            if !isOffer(analysis),
               let value = analysis.values.first(where: { value in
                   value.tokens.lowerBound >= label.tokens.upperBound && Self.field(label.concept, value.kind, context: context) != nil
                       && !shielded.contains { $0.overlaps(value.tokens) }
               }),
               nextLabel.map({ $0.tokens.lowerBound >= value.tokens.upperBound }) ?? true,
               gap(analysis, from: label.tokens.upperBound, to: value.tokens.lowerBound) <= Self.allowedGap(value.kind),
               let candidate = candidate(label.concept, value, in: analysis, context: context,
                                         evidence: "'\(label.phrase)' before it on its line") {
                result.append(candidate)
                continue
            }
            // `Current Bundle up to 50Mbps (FUP)`: a plan's name after its label, in an
            // element of its own or after a colon.
            if label.concept == .plan, let text = planText(after: label, in: analysis) {
                result.append(GenericReader.Candidate(field: .planName, value: .text(text), raw: text,
                                                      evidence: "'\(label.phrase)' before it on its line", line: analysis.line.sourceLine))
                continue
            }
            // `5.2 GB left`: a data value just before its label.
            if [.used, .remaining].contains(label.concept), analysis.wordCount <= 6,
               let value = analysis.values.last(where: { $0.tokens.upperBound <= label.tokens.lowerBound }),
               value.kind == .data, label.tokens.lowerBound - value.tokens.upperBound <= 1,
               !shielded.contains(where: { $0.overlaps(value.tokens) }),
               // `… / 10 GB left`, `… of 10 GB left`: the figure is a statement's total.
               value.tokens.lowerBound == 0 || !isConnector(analysis.scan.tokens[value.tokens.lowerBound - 1].folded),
               let candidate = candidate(label.concept, value, in: analysis, context: contextWords(analysis),
                                         evidence: "'\(label.phrase)' after it") {
                result.append(candidate)
                continue
            }
            // A label with no value after it on its line but a count (`Amount due`, `Amount
            // due 3 lines`): the value alone on one of the next two lines.
            guard clutter(analysis, from: 0, to: label.tokens.lowerBound) == 0,
                  !analysis.values.contains(where: { $0.tokens.lowerBound >= label.tokens.upperBound && $0.kind != .count }),
                  nextLabel == nil else { continue }
            for next in analyses[(position + 1)..<min(analyses.count, position + 3)] {
                if next.labels.contains(where: { $0.concept.isLabel }) { break }
                if let value = valueAlone(in: next) {
                    if let candidate = candidate(label.concept, value, in: next, context: contextWords(analysis).union(contextWords(next)),
                                                 evidence: "'\(label.phrase)' on the line before") {
                        result.append(candidate)
                    }
                    break
                }
                if label.concept == .plan, let text = planText(next) {
                    result.append(GenericReader.Candidate(field: .planName, value: .text(text), raw: text,
                                                          evidence: "'\(label.phrase)' on the line before", line: next.line.sourceLine))
                    break
                }
                if !next.values.isEmpty { break }
            }
        }
        return result
    }

    /// Words (not numbers, fillers or symbols) between two token positions.
    func gap(_ analysis: Analysis, from start: Int, to end: Int) -> Int {
        guard start < end else { return 0 }
        return analysis.scan.tokens[start..<end].filter { $0.kind == .word }.count
    }

    /// Tokens between two token positions that are not fillers (numbers count).
    func clutter(_ analysis: Analysis, from start: Int, to end: Int) -> Int {
        guard start < end else { return 0 }
        return analysis.scan.tokens[start..<end].filter { !Self.fillers.contains($0.folded) }.count
    }

    /// How many words may stand between a label and its value: a date may follow a few
    /// (`renews at 00:00 on`), other values only one.
    static func allowedGap(_ kind: ValueMention.Kind) -> Int {
        kind == .date || kind == .dateRange ? 4 : 1
    }

    /// Whether the label is all the line holds, but for fillers.
    func isAlone(_ label: Label, in analysis: Analysis) -> Bool {
        clutter(analysis, from: 0, to: label.tokens.lowerBound) == 0
            && clutter(analysis, from: label.tokens.upperBound, to: analysis.scan.tokens.count) == 0
    }

    /// The line's one value, when the line holds nothing else but fillers and at most one
    /// trailing word (`800 GB FUP`).
    func valueAlone(in analysis: Analysis) -> ValueMention? {
        guard analysis.values.count == 1, let value = analysis.values.first else { return nil }
        let before = clutter(analysis, from: 0, to: value.tokens.lowerBound)
        let after = clutter(analysis, from: value.tokens.upperBound, to: analysis.scan.tokens.count)
        return before == 0 && after <= 1 ? value : nil
    }

    /// The rest of the line after a plan label, when it is a plan's name set apart from
    /// the label (its own element, or after `:`).
    func planText(after label: Label, in analysis: Analysis) -> String? {
        let tokens = analysis.scan.tokens
        var start = label.tokens.upperBound
        guard start < tokens.count else { return nil }
        let colon = tokens[start].folded == ":"
        if colon { start += 1 }
        guard start < tokens.count, clutter(analysis, from: 0, to: label.tokens.lowerBound) == 0 else { return nil }
        let labelEnd = tokens[label.tokens.upperBound - 1].end
        let restStart = tokens[start].start
        guard colon || analysis.line.piece(at: labelEnd - 1)?.element != analysis.line.piece(at: restStart)?.element else { return nil }
        let rest = analysis.scan.text(start..<tokens.count)
        let restAnalysis = analyze(PageLayout.TextLine(text: rest, pieces: [], block: analysis.line.block, cells: []))
        return planText(restAnalysis)
    }

    /// A plan's name alone on a line: a few words, no figures of its own kind, no label.
    func planText(_ analysis: Analysis) -> String? {
        let text = analysis.line.text
        guard analysis.labels.isEmpty, (1...8).contains(analysis.wordCount), text.unicodeScalars.count <= 60,
              !analysis.values.contains(where: { $0.kind == .money || $0.kind == .date || $0.kind == .phone }),
              !isOffer(analysis) else { return nil }
        return text
    }

    /// Labels in links, buttons and options are navigation, not labels.
    func isNavigation(_ analysis: Analysis, _ label: Label) -> Bool {
        let offset = analysis.scan.tokens[label.tokens.lowerBound].start
        var node = analysis.line.piece(at: offset)?.element
        var steps = 0
        while let current = node, steps < 3 {
            if current.hasName("a") || current.hasName("button") || current.hasName("option") || current.attribute("role") == "button"
                || current.attribute("role") == "link" || current.attribute("role") == "menuitem" {
                return true
            }
            node = current.parent
            steps += 1
        }
        return false
    }

    /// Whether every piece of the line is a link's or a button's text.
    func isLinks(_ analysis: Analysis) -> Bool {
        !analysis.line.pieces.isEmpty && analysis.line.pieces.allSatisfy { piece in
            var node: MarkupNode? = piece.element
            for _ in 0..<3 {
                guard let current = node else { return false }
                if current.hasName("a") || current.hasName("button") { return true }
                node = current.parent
            }
            return false
        }
    }

    /// Whether a word that disqualifies stands just before the label (`Previous balance`,
    /// `Estimated usage`).
    func excluded(_ analysis: Analysis, _ label: Label) -> Bool {
        analysis.labels.contains { $0.concept == .exclude && $0.tokens.upperBound <= label.tokens.lowerBound
            && label.tokens.lowerBound - $0.tokens.upperBound <= 1 }
    }

    func isOffer(_ analysis: Analysis) -> Bool {
        analysis.labels.contains { $0.concept == .offer }
    }

    /// What a line says its figures are about: its words that name data, hotspot, roaming…,
    /// and the class and id words of the blocks around it.
    func contextWords(_ analysis: Analysis) -> Set<Concept> {
        var result = Set(analysis.labels.map(\.concept))
        var node: MarkupNode? = analysis.line.block
        var steps = 0
        while let current = node, steps < 8 {
            for attribute in ["class", "id"] {
                guard let value = current.attribute(attribute), !value.isEmpty else { continue }
                let words = value.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
                for word in words where ["roaming", "abroad", "estero", "intl", "international", "foreign", "ausland", "extranjero",
                                         "etranger", "travel"].contains(word) {
                    result.insert(.roaming)
                }
                if words.contains(where: { $0 == "hotspot" || $0 == "tethering" }) { result.insert(.hotspot) }
            }
            node = current.parent
            steps += 1
        }
        return result
    }

    /// The field a label's concept and a value's kind make, in the line's context.
    func candidate(_ concept: Concept, _ value: ValueMention, in analysis: Analysis, context: Set<Concept>,
                   evidence: String) -> GenericReader.Candidate? {
        guard let field = Self.field(concept, value.kind, context: context) else { return nil }
        let raw = analysis.scan.text(value.tokens)
        var chosen = value.value
        if field == .number || field == .accountNumber, case .text(let digits) = chosen { chosen = .text(digits) }
        if field == .accountNumber, case .count(let number) = chosen { chosen = .text(NumberMasking.mask(String(number))) }
        return GenericReader.Candidate(field: field, value: chosen, raw: field.isMasked ? NumberMasking.mask(raw) : raw,
                                       evidence: evidence, line: analysis.line.sourceLine)
    }

    /// `balance` + money → balance, `remaining` + data → data remaining, … ; roaming and
    /// premium figures, and data labels over other kinds of value, make nothing.
    static func field(_ concept: Concept, _ kind: ValueMention.Kind, context: Set<Concept>) -> SnapshotField? {
        let hotspot = context.contains(.hotspot)
        if kind == .data && (context.contains(.roaming) || context.contains(.premium)) { return nil }
        if kind == .data && (context.contains(.voice) || context.contains(.messages)) && !context.contains(.data) { return nil }
        switch (concept, kind) {
        case (.balance, .money), (.remaining, .money): return .balance
        case (.balance, .data), (.remaining, .data): return hotspot ? nil : .dataRemaining
        case (.amountDue, .money): return .amountDue
        case (.dueDate, .date): return .dueDate
        case (.expires, .date): return .expires
        case (.cycleStart, .date): return .cycleStart
        case (.cycleEnd, .date): return .cycleEnd
        case (.cycle, .dateRange): return .billingCycle
        case (.daysLeft, .count): return .daysLeft
        case (.used, .data): return hotspot ? .hotspotUsed : .dataUsed
        case (.allowance, .data): return hotspot ? .hotspotAllowance : .dataAllowance
        case (.number, .phone): return .number
        case (.account, .phone), (.account, .count): return .accountNumber
        default: return nil
        }
    }

    // MARK: Tables

    /// A cell under a column whose header is a label (`Remaining`, `Felhasználható`), in
    /// rows about data that are not roaming.
    func tableValues(_ tables: [PageLayout.Table]) -> [GenericReader.Candidate] {
        var result: [GenericReader.Candidate] = []
        for table in tables {
            guard let headerRow = table.headerRow else { continue }
            // Each header cell's concept.
            var columns: [Int: (Concept, String)] = [:]
            for cell in table.rows[headerRow] {
                let analysis = analyze(PageLayout.TextLine(text: cell.text, pieces: [], block: cell.element, cells: []))
                if let label = analysis.labels.first(where: { $0.concept.isLabel }), isAlone(label, in: analysis) {
                    columns[cell.column] = (label.concept, label.phrase)
                }
            }
            guard !columns.isEmpty else { continue }
            var rowCandidates: [[GenericReader.Candidate]] = []
            for row in table.rows[(headerRow + 1)...] {
                var context = Set<Concept>()
                var cells: [(PageLayout.Cell, Analysis)] = []
                for cell in row {
                    let analysis = analyze(PageLayout.TextLine(text: cell.text, pieces: [], block: cell.element, cells: []))
                    context.formUnion(contextWords(analysis))
                    cells.append((cell, analysis))
                }
                let isData = cells.contains { $0.1.values.contains { $0.kind == .data } }
                var found: [GenericReader.Candidate] = []
                for (cell, analysis) in cells {
                    guard let (concept, phrase) = columns[cell.column], let value = valueAlone(in: analysis) else { continue }
                    // A date in a row about data is when that data ends: the cycle's end.
                    var columnConcept = concept
                    if value.kind == .date {
                        guard isData, !context.contains(.roaming) else { continue }
                        if columnConcept == .expires { columnConcept = .cycleEnd }
                    }
                    if let candidate = candidate(columnConcept, value, in: analysis, context: context,
                                                 evidence: "in the '\(phrase)' column of the table at line \(table.element.line)") {
                        found.append(GenericReader.Candidate(field: candidate.field, value: candidate.value, raw: candidate.raw,
                                                             evidence: candidate.evidence, line: cell.element.line))
                    }
                }
                if !found.isEmpty { rowCandidates.append(found) }
            }
            for row in rowCandidates { result += row }
        }
        return result
    }

    // MARK: Meters

    /// A meter whose text is a usage statement (`aria-valuetext="3.2 GB of 10 GB"`).
    func meterValues(_ meters: [PageLayout.Meter]) -> [GenericReader.Candidate] {
        var result: [GenericReader.Candidate] = []
        for meter in meters {
            guard let text = meter.valueText else { continue }
            let line = PageLayout.TextLine(text: text + (meter.label.map { " " + $0 } ?? ""), pieces: [], block: meter.element, cells: [])
            result += statements(in: analyze(line), before: []).0
        }
        return result
    }

    // MARK: Diagnostics

    /// Says which dates could be read day-first or month-first.
    mutating func noteAmbiguities(_ analyses: [Analysis]) {
        for analysis in analyses where analysis.values.contains(where: \.ambiguousDate) && !analysis.labels.isEmpty {
            for value in analysis.values where value.ambiguousDate {
                notes.append(SnapshotDiagnostic(.ambiguousValue,
                    "'\(analysis.scan.text(value.tokens))' (line \(analysis.line.sourceLine)) could be read day-first or month-first; read \(locale.dateOrder == .mdy ? "month-first" : "day-first"), as pages in \(locale.vocabulary.name)\(locale.country.map { " (\($0))" } ?? "") write dates"))
                break
            }
        }
    }
}

extension PhraseIndex {
    /// The index of some languages' phrases (a page's language and English), built once.
    static func `for`(languages: [String]) -> PhraseIndex {
        let key = languages.joined(separator: "+")
        if let index = built.withLock({ $0[key] }) { return index }
        let index = PhraseIndex(languages.compactMap(Vocabulary.language))
        built.withLock { $0[key] = index }
        return index
    }

    private static let built = Mutex<[String: PhraseIndex]>([:])
}
