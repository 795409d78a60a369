import ESIMMarkup

/// A first spec for a carrier's page, from the page and a few values a person reads on it:
/// each value is found on the page, and the rule that finds it — by the page's structure
/// (test attributes, ids, stable class names, JSON key paths), never by the value itself —
/// becomes the field's rule; a line field found inside a block that repeats makes a line
/// group. The draft reads the same places on the same page with other figures.
package struct SpecDraft: Sendable {
    /// One value to place, as the person read it.
    package struct Wanted: Hashable, Sendable {
        package var field: SnapshotField
        package var text: String

        package init(field: SnapshotField, text: String) {
            self.field = field
            self.text = text
        }
    }

    /// Where a value was placed: the rule, and what it reads there.
    package struct Placement: Hashable, Sendable {
        package var field: SnapshotField
        package var rule: ExtractionRule
        /// For a line field: the line group's `each` the rule runs inside.
        package var each: ExtractionRule?
        package var read: String
        package var line: Int
    }

    /// A value that could not be placed, and why.
    package struct Unplaced: Hashable, Sendable {
        package var field: SnapshotField
        package var text: String
        package var reason: String
    }

    package var carrierID: String
    package var kind: PageKind
    package var placements: [Placement] = []
    package var unplaced: [Unplaced] = []
    /// What the page's address or title says for `recognize`.
    package var urls: [String] = []
    package var titles: [String] = []
    /// The page's language when it declares one with a vocabulary (`it`), for `language:`.
    package var language: String?

    /// Why a draft cannot be made at all.
    package struct DraftError: Error, Hashable, Sendable, CustomStringConvertible {
        package var message: String
        package var description: String { message }
    }

    /// Finds each wanted value on the page.
    /// - Throws: ``DraftError`` when a value does not read as its field's kind (`dueDate`
    ///   given as `soon`), or two values are given for one field.
    package init(page input: PageInput, carrierID: String, kind: PageKind, values: [Wanted], reference: CalendarDate?) throws {
        self.carrierID = carrierID
        self.kind = kind
        var seen: [SnapshotField: String] = [:]
        for wanted in values {
            if let earlier = seen[wanted.field], earlier != wanted.text {
                throw DraftError(message: "\(wanted.field.rawValue) is given twice, as '\(earlier)' and '\(wanted.text)'")
            }
            seen[wanted.field] = wanted.text
        }
        let probe = try RuleProbe(input)
        if case .markup(let document, let savedFrom) = probe.context.page {
            if let savedFrom {
                let host = PageExtractor.host(of: savedFrom.lowercased())
                var path = savedFrom.lowercased()
                if let range = path.firstRange(of: host) { path = String(path[range.upperBound...]) }
                let trimmed = path.split(separator: "?").first.map(String.init) ?? path
                if !host.isEmpty { urls.append(host + (trimmed.count > 1 ? trimmed : "")) }
            }
            if let title = document.title, !title.isEmpty { titles.append(title) }
            let declared = MarkupMeaning.declaredLanguage(document).language
            language = declared.flatMap { Vocabulary.language($0) != nil && $0 != "en" ? $0 : nil }
        }
        var done = Set<SnapshotField>()
        for wanted in values where !done.contains(wanted.field) {
            done.insert(wanted.field)
            let expected: SnapshotValue
            do {
                expected = try FieldValueReader.read(wanted.text, kind: wanted.field.valueKind, field: wanted.field,
                                                     language: language, reference: reference)
            } catch {
                throw DraftError(message: "\(wanted.field.rawValue)='\(wanted.text)' is not a \(wanted.field.valueKind.rawValue): \(error)")
            }
            place(wanted, expected: expected, probe: probe, reference: reference)
        }
    }

    private mutating func place(_ wanted: Wanted, expected: SnapshotValue, probe: RuleProbe, reference: CalendarDate?) {
        // Texts the page may show the value as: as given, in canonical form, the number alone.
        var targets = [wanted.text, expected.canonicalText]
        if case .money(let money) = expected { targets.append(money.amount.description) }
        if case .data(.amount(let number, _)) = expected { targets.append(number.description) }
        var candidates: [(RuleProbe.Suggestion, String)] = []
        for target in targets {
            for suggestion in probe.suggest(target, limit: 20) where !candidates.contains(where: { $0.0.rule == suggestion.rule }) {
                candidates.append((suggestion, target))
            }
        }
        // The rules that read the value itself there.
        var reading: [(suggestion: RuleProbe.Suggestion, read: String)] = []
        for (suggestion, _) in candidates {
            var rule = suggestion.rule
            if case .data(.amount(_, let unit)) = expected, case .json = rule.locator { rule.unit = unit.rawValue }
            if case .money(let money) = expected, case .json = rule.locator { rule.currency = money.currency }
            rule.language = language
            guard let first = try? probe.run(rule, limit: 1, field: wanted.field, reference: reference).first, let value = first.value,
                  Self.same(value, expected) else { continue }
            var kept = suggestion
            kept.rule = rule
            reading.append((kept, first.text))
        }
        guard !reading.isEmpty else {
            let reason = candidates.isEmpty ? "the page does not show it" : "no rule that finds it reads it as a \(wanted.field.valueKind.rawValue)"
            unplaced.append(Unplaced(field: wanted.field, text: wanted.text, reason: reason))
            return
        }
        // One place, or copies that read the same; several places each on their own: unclear.
        let singles = reading.filter { $0.suggestion.matches == 1 || $0.suggestion.sameText }
        if wanted.field.isLineField, let found = reading.first(where: { $0.suggestion.repeatedBlock != nil }),
           let block = found.suggestion.repeatedBlock {
            var rule = block.inner
            rule.unit = found.suggestion.rule.unit
            rule.currency = found.suggestion.rule.currency
            rule.language = language
            placements.append(Placement(field: wanted.field, rule: rule, each: block.each, read: found.read, line: found.suggestion.line))
            return
        }
        guard let best = singles.first else {
            unplaced.append(Unplaced(field: wanted.field, text: wanted.text,
                                     reason: "every rule that finds it also finds other values (\(reading[0].suggestion.matches) matches for \(reading[0].suggestion.rule.summary))"))
            return
        }
        // Copies one rule selects together are a page's responsive duplicates; elements that
        // each need a rule of their own are places of their own.
        let separate = singles.filter { $0.suggestion.matches == 1 }
        if separate.count > 1 {
            unplaced.append(Unplaced(field: wanted.field, text: wanted.text,
                                     reason: "it shows in \(separate.count) unrelated places (\(separate.prefix(3).map { "\($0.suggestion.rule.summary), line \($0.suggestion.line)" }.joined(separator: "; "))); give a value only one place shows"))
            return
        }
        placements.append(Placement(field: wanted.field, rule: best.suggestion.rule, each: nil, read: best.read, line: best.suggestion.line))
    }

    /// Whether a reading is the value given: equal, or the same day when the given date
    /// had no year of its own.
    static func same(_ read: SnapshotValue, _ expected: SnapshotValue) -> Bool {
        if read == expected { return true }
        if case .data(let a) = read, case .data(let b) = expected { return a.bytes == b.bytes }
        return false
    }

    // MARK: Values as a person writes them

    /// `dueDate=Dec 9` (also `dueDate: Dec 9`), as `--value` or a line of a values file.
    package static func wanted(_ argument: String) throws -> Wanted {
        guard let separator = argument.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
            throw DraftError(message: "'\(argument)' is not field=value (like amountDue='$42.10')")
        }
        let name = String(argument[..<separator]).trimmed(of: " \t")
        let text = String(argument[argument.index(after: separator)...]).trimmed(of: " \t")
        guard let field = SnapshotField(rawValue: name) else {
            throw DraftError(message: "'\(name)' is not a field; known: \(SnapshotField.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard !text.isEmpty else { throw DraftError(message: "\(name) is given no value") }
        return Wanted(field: field, text: text)
    }

    /// A values file: one `field: value` (or `field=value`) a line; blank lines and `#`
    /// comments skipped.
    package static func wanted(list text: String) throws -> [Wanted] {
        var result: [Wanted] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = String(line).trimmed(of: " \t\r")
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            do { result.append(try wanted(trimmed)) } catch let error as DraftError {
                throw DraftError(message: "line \(index + 1): \(error.message)")
            }
        }
        return result
    }

    /// What the drafted spec (YAML) reads from the page it was drafted from.
    package func reading(_ yaml: String, page: PageInput, reference: CalendarDate?) throws -> AccountSnapshot {
        let parsed = try CarrierSpec.parseDocument(yaml, file: "the draft")
        guard let spec = parsed.pages else { throw DraftError(message: "the draft has no pages") }
        return try PageExtractor(specs: [spec]).inspect(page, options: .init(carrierID: carrierID, pageKind: kind, reference: reference,
                                                                               allowHeuristic: false))
    }

    // MARK: The spec text

    /// The draft as YAML: a whole spec (`name` and `country` as given), or with `into`, the
    /// page section added to an existing spec's text.
    package func yaml(name: String, country: String, source page: String, into existing: String? = nil) throws -> String {
        let pageSection = pageYAML(source: page)
        guard let existing else {
            var text = """
                # \(name). Drafted by `esimtool spec draft` from \(page); check every rule against the page.
                id: \(carrierID)
                name: \(Self.quoted(name))
                country: \(country)
                fixtures: \(Self.quoted("the page this was drafted from: \(page)"))

                """
            text += recognizeYAML()
            text += "pages:\n" + pageSection
            return text
        }
        var lines = existing.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.contains(where: { $0.hasPrefix("  \(kind.rawValue):") }) {
            throw DraftError(message: "the spec already has a '\(kind.rawValue)' page; take it out first, or draft another --kind")
        }
        if let pagesLine = lines.firstIndex(of: "pages:") {
            // After the last line of the pages section.
            var end = pagesLine + 1
            while end < lines.count, lines[end].isEmpty || lines[end].hasPrefix(" ") || lines[end].hasPrefix("#") { end += 1 }
            while end > pagesLine + 1, lines[end - 1].trimmed(of: " ").isEmpty { end -= 1 }
            lines.insert(contentsOf: pageSection.split(separator: "\n", omittingEmptySubsequences: true).map(String.init), at: end)
            return lines.joined(separator: "\n") + (existing.hasSuffix("\n") ? "" : "\n")
        }
        var text = existing.hasSuffix("\n") ? existing : existing + "\n"
        if !existing.contains("\nfixtures:") { text += "fixtures: \(Self.quoted("the page this was drafted from: \(page)"))\n" }
        if !existing.contains("\nrecognize:") { text += "\n" + recognizeYAML() }
        return text + "pages:\n" + pageSection
    }

    func recognizeYAML() -> String {
        guard !urls.isEmpty || !titles.isEmpty else { return "" }
        var text = "recognize:\n"
        if !urls.isEmpty { text += "  urls: [\(urls.map(Self.quoted).joined(separator: ", "))]\n" }
        if !titles.isEmpty { text += "  titles: [\(titles.map(Self.quoted).joined(separator: ", "))]\n" }
        return text + "\n"
    }

    func pageYAML(source page: String) -> String {
        var text = "  \(kind.rawValue):\n"
        if let language { text += "    language: \(language)\n" }
        let account = placements.filter { !$0.field.isLineField }
        let lineFields = placements.filter { $0.field.isLineField }
        if !account.isEmpty {
            text += "    fields:\n"
            for placement in account { text += "      \(placement.field.rawValue): \(Self.ruleYAML(placement.rule, status: "required"))\n" }
        }
        if !lineFields.isEmpty {
            let each = lineFields.compactMap(\.each).first ?? ExtractionRule(.css("body"))
            text += "    lines:\n"
            text += "      each: \(Self.ruleYAML(each, status: nil))\n"
            text += "      fields:\n"
            for placement in lineFields {
                // A line field found outside any repeating block: the page is one line.
                text += "        \(placement.field.rawValue): \(Self.ruleYAML(placement.rule, status: "required"))\n"
            }
        }
        return text
    }

    static func ruleYAML(_ rule: ExtractionRule, status: String?) -> String {
        var parts: [String] = []
        if let status { parts.append("status: \(status)") }
        switch rule.locator {
        case .css(let selector): parts.append("css: \(quoted(selector))")
        case .xpath(let expression): parts.append("xpath: \(quoted(expression))")
        case .json(let path): parts.append("json: \(quoted(path))")
        }
        if let attribute = rule.attribute { parts.append("attribute: \(quoted(attribute))") }
        if let regex = rule.regex { parts.append("regex: \(quoted(regex))") }
        if let unit = rule.unit { parts.append("unit: \(unit)") }
        if let currency = rule.currency { parts.append("currency: \(currency)") }
        return "{" + parts.joined(separator: ", ") + "}"
    }

    /// A YAML double-quoted string: a JSON string literal is one.
    static func quoted(_ text: String) -> String {
        var result = ""
        JSONWriter.writeString(text, to: &result)
        return result
    }
}

extension ExtractionRule.Locator {
    var isJSON: Bool {
        if case .json = self { return true }
        return false
    }
}
