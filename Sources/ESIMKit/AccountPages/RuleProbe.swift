import ESIMMarkup

/// Trying rules on a saved page while writing a spec: what a rule finds there, read the
/// way `inspect` reads it, and which rules would find a text the page shows.
package final class RuleProbe {
    let context: PageContext

    /// Loads the page; refuses what `inspect` refuses (empty, binary, not markup or JSON).
    package init(_ input: PageInput) throws(PageError) {
        context = PageContext(page: try LoadedPage.load(input))
    }

    // MARK: Running a rule

    /// One text a rule found: folded white space, after the rule's regular expression,
    /// with the page line of its element (0 for JSON).
    package struct Match: Hashable, Sendable {
        package var text: String
        package var line: Int
        /// The text read as a typed value, when a kind was asked for.
        package var value: SnapshotValue?
        /// Why the text does not read as that kind.
        package var problem: String?
    }

    /// Every text `rule` finds from the top of the page, at most `limit`, read as `kind`
    /// for `field` when given (as a spec field of that kind would read it).
    package func run(_ rule: ExtractionRule, limit: Int = 50, kind: ValueKind? = nil, field: SnapshotField? = nil,
                    reference: CalendarDate? = nil) throws(SpecError) -> [Match] {
        let compiled = try CompiledRule(rule, file: "the rule", line: 0)
        let found: [(text: String, line: Int)]
        do {
            found = try compiled.texts(in: context.root, context: context, limit: limit)
        } catch {
            throw SpecError(.invalidRule, error.detail, file: "the rule", line: 0)
        }
        var matches: [Match] = []
        for (text, line) in found {
            var match = Match(text: text, line: line)
            if let field {
                do throws(ValueError) {
                    match.value = try FieldValueReader.read(text, kind: kind ?? field.valueKind, field: field, unit: rule.unit,
                                                            currency: rule.currency, reference: reference)
                } catch {
                    match.problem = error.description
                }
            }
            matches.append(match)
        }
        return matches
    }

    // MARK: Finding rules for a text

    /// A rule that finds a wanted text, and how well it singles it out.
    package struct Suggestion: Hashable, Sendable {
        package var rule: ExtractionRule
        /// What the rule reads there (may hold more than the wanted text: add a regex).
        package var text: String
        /// Whether ``text`` is the wanted text (or, from JSON, its number) and nothing more.
        package var isExact: Bool
        /// The page line of the element (0 for JSON).
        package var line: Int
        /// How many elements or values the rule selects on the page; 1 singles it out.
        package var matches: Int
        /// Whether every match reads the same (responsive copies of one value), so the
        /// extra matches do no harm.
        package var sameText: Bool
        /// A block around the element that repeats on the page (a line of service): a
        /// line group's `each`, with the selector run inside it.
        package var repeatedBlock: RepeatedBlock?
    }

    package struct RepeatedBlock: Hashable, Sendable {
        /// The line group's `each`.
        package var each: ExtractionRule
        /// How many of them the page has.
        package var count: Int
        /// How many differ (the rest are responsive copies, which `inspect` reads once).
        package var distinct: Int
        /// The field's rule inside one block.
        package var inner: ExtractionRule
    }

    /// Rules that would find `wanted` (compared with white space folded): CSS selectors
    /// for the innermost elements whose text holds it, and JSON paths to embedded values
    /// that hold it or equal its number (`$187.42` finds `187.42`). Best first: fewest
    /// matches, then page order; at most `limit`.
    package func suggest(_ wanted: String, limit: Int = 10) -> [Suggestion] {
        let target = TextNormalization.normalize(wanted)
        guard !target.isEmpty else { return [] }
        var result: [Suggestion] = []
        if case .markup(let document, _) = context.page {
            for element in Self.innermost(containing: target, under: document.node) {
                if let suggestion = Self.cssSuggestion(for: element, in: document.node, target: target) { result.append(suggestion) }
            }
        }
        result += jsonSuggestions(for: target)
        var seen = Set<ExtractionRule>()
        result = result.filter { seen.insert($0.rule).inserted }
        // Copies that read the same are as good as one.
        func rank(_ suggestion: Suggestion) -> Int { suggestion.sameText ? 1 : suggestion.matches }
        return Array(result.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }
            .map(\.element).prefix(limit))
    }

    /// Elements whose text holds `target` while none of their child elements' does. A
    /// subtree whose root lacks the text is skipped whole.
    static func innermost(containing target: String, under root: MarkupNode) -> [MarkupNode] {
        func holding(_ parent: MarkupNode) -> [MarkupNode] { parent.elementChildren.filter { $0.normalizedText.contains(target) } }
        func searched(_ element: MarkupNode) -> Bool { !["script", "style", "head", "title"].contains(element.name) }
        var found: [MarkupNode] = []
        // Every element pending holds the text: each element's text is read once. One whose
        // text is only in a script is not a match, and the script is not searched.
        var pending = Array(holding(root).filter(searched).reversed())
        while let element = pending.popLast() {
            let children = holding(element)
            if children.isEmpty {
                found.append(element)
            } else {
                pending += children.filter(searched).reversed()
            }
            if found.count >= 20 { break }
        }
        return found
    }

    // MARK: CSS

    /// Attributes test tools and frameworks keep stable across builds, best first.
    static let testAttributes = ["data-testid", "data-test", "data-qa", "data-cy", "data-automation-id"]

    /// The most specific selector for `element` that selects it (a test attribute, an id,
    /// a class or its build-hash-free prefix, with its element name, else inside the
    /// nearest ancestor that has one); `nil` when nothing identifies it.
    static func cssSuggestion(for element: MarkupNode, in root: MarkupNode, target: String) -> Suggestion? {
        // Copies that all read the element's text (responsive duplicates) count as one.
        let text = element.normalizedText
        func count(_ selector: String, selecting element: MarkupNode, in root: MarkupNode) -> Int? {
            guard let selected = RuleProbe.count(selector, selecting: element, in: root) else { return nil }
            return selected.nodes.allSatisfy { $0.normalizedText == text } ? 1 : selected.count
        }
        var best: (selector: String, count: Int)?
        for candidate in selectors(for: element) {
            guard let count = count(candidate, selecting: element, in: root) else { continue }
            if best == nil || count < best!.count { best = (candidate, count) }
            if count == 1 { break }
        }
        if best == nil || best!.count > 1, let outer = namedAncestor(of: element) {
            // Narrow by the nearest ancestor that can be named.
            for inner in selectors(for: element) {
                let combined = outer + " " + inner
                guard let count = count(combined, selecting: element, in: root) else { continue }
                if best == nil || count < best!.count { best = (combined, count) }
                if count == 1 { break }
            }
        }
        guard let best, let selected = RuleProbe.count(best.selector, selecting: element, in: root) else { return nil }
        return Suggestion(rule: ExtractionRule(.css(best.selector)), text: text, isExact: text == target, line: element.line, matches: selected.count,
                          sameText: selected.nodes.allSatisfy { $0.normalizedText == text },
                          repeatedBlock: repeatedBlock(around: element, in: root))
    }

    /// Candidate selectors naming the element itself, most stable first; class names a
    /// build generated come last (they change with the next release).
    static func selectors(for element: MarkupNode) -> [String] {
        var result: [String] = []
        var generated: [String] = []
        for name in testAttributes {
            if let value = element.attribute(name), isPlainValue(value) { result.append("[\(name)=\(quoted(value))]") }
        }
        if let id = element.attribute("id"), isIdentifier(id), !looksGenerated(id) { result.append("#\(id)") }
        for token in (element.attribute("class") ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init) {
            if let prefix = moduleClassPrefix(token) {
                result.append("[class*=\(prefix)]")
                result.append("\(element.name)[class*=\(prefix)]")
            } else if isIdentifier(token) {
                if looksGenerated(token) {
                    generated.append(".\(token)")
                } else {
                    result.append(".\(token)")
                    result.append("\(element.name).\(token)")
                }
            }
        }
        return result + generated + [positional(element)]
    }

    /// `td:nth-child(2)`: the element by its place among its siblings, for cells and
    /// items without names of their own.
    static func positional(_ element: MarkupNode) -> String {
        let siblings = element.parent?.elementChildren ?? []
        let index = (siblings.firstIndex(of: element) ?? 0) + 1
        return "\(element.name):nth-child(\(index))"
    }

    /// What `selector` selects, when it selects `element` among them.
    static func count(_ selector: String, selecting element: MarkupNode, in root: MarkupNode) -> (count: Int, nodes: [MarkupNode])? {
        guard let compiled = try? CSSSelector(selector) else { return nil }
        let selected = root.select(compiled)
        return selected.contains(element) ? (selected.count, selected) : nil
    }

    /// The outermost ancestor that repeats with different contents — a line of service: a
    /// class selector finds two or more of them on the page, and the element's selector
    /// reads differently inside them (blocks that read the same are responsive copies) —
    /// with the selector for the element inside one. Climbing stops where the count of
    /// blocks changes: a card holding a meter is the line, not the meter.
    static func repeatedBlock(around element: MarkupNode, in root: MarkupNode) -> RepeatedBlock? {
        let inners = selectors(for: element) + [element.name]
        var found: RepeatedBlock?
        var ancestor = element.parent
        climbing: while let current = ancestor, current.kind == .element, current.name != "body", current.name != "html" {
            ancestor = current.parent
            var candidates = selectors(for: current).filter { !$0.hasPrefix("#") && !$0.hasPrefix("[data-") && !$0.contains(":nth-child") }
            if candidates.isEmpty, let outer = namedAncestor(of: current) {
                // Rows and items without classes: by name, inside the nearest named ancestor.
                candidates.append(outer + (current.parent?.name == "tbody" ? " tbody > " : " ") + current.name)
            }
            for selector in candidates {
                guard let blocks = count(selector, selecting: current, in: root)?.nodes, blocks.count >= 2 else { continue }
                if let found, blocks.count != found.count { break climbing }
                // The inner selector that finds the element first in its block, and a
                // different text in different blocks.
                for inner in inners {
                    guard let compiled = try? CSSSelector(inner), current.first(compiled) == element else { continue }
                    if Set(blocks.map { $0.first(compiled)?.normalizedText }).count < 2 { break }
                    found = RepeatedBlock(each: ExtractionRule(.css(selector)), count: blocks.count,
                                          distinct: Set(blocks.map(\.normalizedText)).count, inner: ExtractionRule(.css(inner)))
                    continue climbing
                }
            }
            if found != nil { break }
        }
        return found
    }

    /// The first selector of the nearest ancestor that has one.
    static func namedAncestor(of element: MarkupNode) -> String? {
        var ancestor = element.parent
        while let current = ancestor, current.kind == .element, current.name != "body", current.name != "html" {
            if let selector = selectors(for: current).first(where: { !$0.contains(":nth-child") }) { return selector }
            ancestor = current.parent
        }
        return nil
    }

    /// `LineCard_ctn__8Vc3x` (CSS modules: name, two underscores, a build hash) →
    /// `LineCard_ctn`; `nil` for other class names.
    static func moduleClassPrefix(_ token: String) -> String? {
        // The last two underscores in a row (a hash may start with a third).
        guard let start = token.indices.last(where: { token[$0...].hasPrefix("__") }) else { return nil }
        let prefix = String(token[..<start])
        let hash = token[token.index(start, offsetBy: 2)...]
        guard hash.count >= 4, hash.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }),
              hash.contains(where: \.isNumber) || hash.contains(where: \.isUppercase),
              isIdentifier(prefix), prefix.count >= 3 else { return nil }
        return prefix
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, !("0"..."9").contains(first), first != "-" else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }

    /// Names a build or framework generated (`css-1x2y3z`, `sc-AxjAm`, `jsx-123456`,
    /// `_1O30sSXmfkKMRZqSaESf0S`), which change on the next release.
    static func looksGenerated(_ token: String) -> Bool {
        let lower = token.lowercased()
        if ["css-", "sc-", "jsx-", "svelte-", "emotion-", "ember"].contains(where: { lower.hasPrefix($0) }) { return true }
        let digits = token.filter(\.isNumber).count
        if token.count >= 6 && digits * 3 >= token.count { return true }
        // Long runs of mixed case and digits without word breaks: a hash.
        let mixed = token.contains(where: \.isUppercase) && token.contains(where: \.isLowercase) && digits >= 2
        return mixed && token.count >= 10 && !token.contains("-") && token.filter { $0 == "_" }.count <= 1
    }

    static func isPlainValue(_ value: String) -> Bool {
        !value.isEmpty && value.count <= 80 && !value.contains("\n")
    }

    static func quoted(_ value: String) -> String {
        isIdentifier(value) ? value : "\"" + value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    }

    // MARK: JSON

    /// Paths to embedded (or document) JSON values that read as the wanted text.
    func jsonSuggestions(for target: String) -> [Suggestion] {
        let number = Self.firstNumber(in: target)
        var hits: [String] = []
        for root in context.embeddedJSON {
            Self.collect(root, path: "$", into: &hits) { scalar in
                let text = TextNormalization.normalize(scalar)
                return text == target || (number != nil && text == number) || (target.count >= 2 && text.contains(target))
            }
            if hits.count >= 20 { break }
        }
        return hits.compactMap { path in
            guard let compiled = try? JSONPath(path) else { return nil }
            let values = context.embeddedJSON.flatMap { compiled.evaluate($0) }
            guard let text = values.first?.scalarText else { return nil }
            let normalized = TextNormalization.normalize(text)
            return Suggestion(rule: ExtractionRule(.json(path)), text: text, isExact: normalized == target || normalized == number,
                              line: 0, matches: values.count,
                              sameText: values.allSatisfy { $0.scalarText == text }, repeatedBlock: jsonBlock(path))
        }
    }

    /// `$.usage.lines[1].ctn` → each `$.usage.lines[*]` (with its length) and `$.ctn`
    /// inside: the last array step of the path is the line group.
    func jsonBlock(_ path: String) -> RepeatedBlock? {
        guard let open = path.lastIndex(of: "["), let close = path[open...].firstIndex(of: "]"),
              Int(path[path.index(after: open)..<close]) != nil else { return nil }
        let each = path[..<open] + "[*]"
        let inner = "$" + path[path.index(after: close)...]
        guard let compiled = try? JSONPath(String(each)), (try? JSONPath(inner)) != nil, inner != "$" else { return nil }
        let blocks = context.embeddedJSON.flatMap { compiled.evaluate($0) }
        guard blocks.count >= 2 else { return nil }
        return RepeatedBlock(each: ExtractionRule(.json(String(each))), count: blocks.count, distinct: Set(blocks).count,
                             inner: ExtractionRule(.json(inner)))
    }

    static func collect(_ value: JSONValue, path: String, into hits: inout [String], where matches: (String) -> Bool) {
        guard hits.count < 20 else { return }
        switch value {
        case .object(let members):
            for member in members {
                collect(member.value, path: path + step(member.key), into: &hits, where: matches)
            }
        case .array(let items):
            for (index, item) in items.enumerated() {
                collect(item, path: path + "[\(index)]", into: &hits, where: matches)
            }
        default:
            if let text = value.scalarText, matches(text) { hits.append(path) }
        }
    }

    /// `.name`, or `['odd key']` for a key a dotted step cannot spell.
    static func step(_ key: String) -> String {
        if !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" || $0 == "-" }) { return "." + key }
        return "['" + key.replacing("'", with: "\\'") + "']"
    }

    /// The first number in a text, without currency signs or grouping: `$1,187.42 due` →
    /// `1187.42`.
    static func firstNumber(in text: String) -> String? {
        var digits = ""
        var started = false
        for character in text {
            if character.isASCII && character.isNumber {
                digits.append(character)
                started = true
            } else if started && character == "," {
                continue
            } else if started && character == "." && !digits.contains(".") {
                digits.append(character)
            } else if started {
                break
            }
        }
        while digits.hasSuffix(".") { digits.removeLast() }
        return digits.isEmpty ? nil : digits
    }
}
