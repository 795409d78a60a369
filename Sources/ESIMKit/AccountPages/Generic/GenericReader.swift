import ESIMMarkup

/// Reads an account page, or an app's JSON, that no spec describes: by what its words
/// mean, in any language with a vocabulary file.
///
/// Precision before recall: a value is read only with evidence in the right relation to
/// it — a label on its line or the line before, a table column's header, a JSON key's
/// words — and values for one field that disagree leave the field empty, with a
/// diagnostic. Offers, prices, forecasts, roaming and other buckets' figures are left alone.
enum GenericReader {
    /// One reading of a field, with what it rests on.
    struct Candidate {
        var field: SnapshotField
        var value: SnapshotValue
        /// The text the value was read from.
        var raw: String
        /// What it rests on, for `--verbose` and `--json` (`'Credito residuo' on the line before`).
        var evidence: String
        var line: Int
        /// Which line of service (JSON arrays of lines); `nil` for the account or the only line.
        var lineIndex: Int?
    }

    /// `country`: where the user says the page is from (ISO code, upper case), before the
    /// page's own hints.
    static func read(_ context: PageContext, reference: CalendarDate?, country: String? = nil) -> AccountSnapshot {
        var snapshot = AccountSnapshot(isHeuristic: true, reference: reference)
        var candidates: [Candidate] = []
        var notes: [SnapshotDiagnostic] = []
        switch context.page {
        case .markup(let document, let savedFrom):
            var reader = MarkupMeaning(document: document, savedFrom: savedFrom, reference: reference, country: country)
            candidates = reader.read()
            notes = reader.notes
        case .json(let value):
            var reader = JSONMeaning(root: value, reference: reference, defaultUnit: nil, country: country)
            candidates = reader.read()
            notes = reader.notes
        }
        if case .markup = context.page { candidates = dropLoneWeakFields(candidates) }
        decide(candidates, into: &snapshot)
        snapshot.diagnostics = notes + snapshot.diagnostics
        if snapshot.values.isEmpty && snapshot.lines.isEmpty && !snapshot.diagnostics.contains(where: { $0.code == .conflictingValues }) {
            let reason = notes.first { $0.code == .missingRequired }?.message
                ?? "nothing read: no label, table header or key the vocabularies know stands beside a value"
            if !notes.contains(where: { $0.code == .missingRequired }) {
                snapshot.diagnostics.append(SnapshotDiagnostic(.missingRequired, reason))
            }
        }
        return snapshot
    }

    /// Fields whose evidence is a label and a bare text or number (a plan's name, a phone
    /// number) are kept only beside a figure read on the page: alone, a page that merely
    /// says "Plan" or "Number" is more likely anything else than an account page.
    static let weakFields: Set<SnapshotField> = [.planName, .plan, .number, .accountNumber]

    static func dropLoneWeakFields(_ candidates: [Candidate]) -> [Candidate] {
        candidates.contains { !weakFields.contains($0.field) } ? candidates : []
    }

    /// Keeps each field's value when every reading of it agrees; a field whose readings
    /// disagree stays empty, with a diagnostic naming them.
    static func decide(_ candidates: [Candidate], into snapshot: inout AccountSnapshot) {
        var order: [Key] = []
        var byKey: [Key: [Candidate]] = [:]
        for candidate in candidates {
            let key = Key(field: candidate.field, lineIndex: candidate.field.isLineField ? (candidate.lineIndex ?? 0) : nil)
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: []].append(candidate)
        }
        var lines: [Int: LineSnapshot] = [:]
        for key in order {
            let readings = byKey[key]!
            var distinct: [Candidate] = []
            for reading in readings where !distinct.contains(where: { agree($0.value, reading.value, field: key.field) }) {
                distinct.append(reading)
            }
            if distinct.count > 1 {
                let shown = distinct.prefix(4).map { "'\($0.raw)' (\($0.evidence))" }.joined(separator: ", ")
                snapshot.diagnostics.append(SnapshotDiagnostic(.conflictingValues,
                    "\(key.field.rawValue): the page gives \(distinct.count) different values — \(shown); left empty",
                    field: key.field, lineIndex: key.lineIndex))
                continue
            }
            let chosen = readings[0]
            let value = ExtractedValue(field: chosen.field, value: chosen.value, raw: chosen.raw, ruleIndex: -1,
                                       rule: "generic: " + chosen.evidence, line: chosen.line)
            if let index = key.lineIndex { lines[index, default: LineSnapshot()].values.append(value) } else { snapshot.values.append(value) }
        }
        snapshot.lines = lines.keys.sorted().compactMap { lines[$0] }.filter { !$0.values.isEmpty }
    }

    struct Key: Hashable {
        var field: SnapshotField
        var lineIndex: Int?
    }

    /// Whether two readings say the same: equal, or data amounts within rounding of each
    /// other (`6,47 GB` and 6,952,624,056 bytes).
    static func agree(_ a: SnapshotValue, _ b: SnapshotValue, field: SnapshotField) -> Bool {
        if a == b { return true }
        // Numbers masked from different spellings (`1234567890`, `(123) 456 - 7890`).
        if field.isMasked, case .text(let x) = a, case .text(let y) = b {
            return x.utf8.filter { $0 &- 0x30 < 10 }.elementsEqual(y.utf8.filter { $0 &- 0x30 < 10 })
        }
        if case .text(let x) = a, case .text(let y) = b { return x.lowercased() == y.lowercased() }
        if case .data(let x) = a, case .data(let y) = b, let bx = x.bytes, let by = y.bytes {
            let difference = Double(bx.units) / pow10(bx.scale) - Double(by.units) / pow10(by.scale)
            let larger = max(abs(Double(bx.units) / pow10(bx.scale)), abs(Double(by.units) / pow10(by.scale)))
            return larger == 0 || abs(difference) / larger <= 0.005
        }
        if case .money(let x) = a, case .money(let y) = b {
            return x.currency == y.currency && x.amount == y.amount
        }
        return false
    }

    static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= 10 }
        return result
    }
}
