import ESIMMarkup

/// Reads the `recognize` and `pages` sections of a carrier spec. Every rule is compiled
/// here, so a typo in an XPath, a selector, a JSON path or a regular expression is a
/// load error naming the file, line and key, not a silent miss at extraction time (the
/// built-in specs' rules are compiled by a test, and when a page is read with them).
enum PageSpecParser {
    /// - Parameter deferPages: read the `pages` section only when the spec's pages are
    ///   first asked for (the built-in specs, which a test reads whole); `recognize` is
    ///   read either way.
    static func parse(_ fields: [String: SpecNode], carrier: Carrier, file: String,
                      deferPages: Bool = false) throws(SpecError) -> AccountPageSpec? {
        guard fields["recognize"] != nil || fields["pages"] != nil else { return nil }
        var recognition = PageRecognition(domains: carrier.domains)
        if let node = fields["recognize"] {
            let parts = try node.mapping(allowed: ["urls", "titles", "domains"])
            recognition.urls = try parts["urls"]?.stringList() ?? []
            recognition.titles = try parts["titles"]?.stringList() ?? []
            recognition.domains += try parts["domains"]?.stringList() ?? []
        }
        if deferPages, let node = fields["pages"] {
            return AccountPageSpec(carrierID: carrier.id, carrierName: carrier.name, file: file, recognition: recognition,
                                   deferredPages: { (try? Self.pages(node, checkRules: false)) ?? [] })
        }
        var pages: [PageSpec] = []
        if let node = fields["pages"] { pages = try Self.pages(node) }
        if pages.isEmpty, let node = fields["pages"] ?? fields["recognize"] {
            throw node.error(.missingKey, "a spec that recognises pages needs at least one page under 'pages'")
        }
        return AccountPageSpec(carrierID: carrier.id, carrierName: carrier.name, file: file,
                               recognition: recognition, pages: pages)
    }

    /// The `pages` section: each page kind's fields and rules.
    /// - Parameter checkRules: compile every rule to report a bad one here; a built-in
    ///   spec's are left to be compiled when a page is read with them (a test compiles
    ///   them all).
    static func pages(_ node: SpecNode, checkRules: Bool = true) throws(SpecError) -> [PageSpec] {
        var pages: [PageSpec] = []
        for (key, value) in try node.entries() {
            guard let kind = PageKind(rawValue: key) else {
                throw node.keyError(key).error(.unknownKey, "'\(key)' is not a page kind; known: \(PageKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            pages.append(try page(kind, value, checkRules: checkRules))
        }
        return pages
    }

    static func page(_ kind: PageKind, _ node: SpecNode, checkRules: Bool = true) throws(SpecError) -> PageSpec {
        let parts = try node.mapping(allowed: ["urls", "titles", "fields", "lines", "unit", "currency", "language"])
        var page = PageSpec(kind: kind)
        page.urls = try parts["urls"]?.stringList() ?? []
        page.titles = try parts["titles"]?.stringList() ?? []
        if let fieldsNode = parts["fields"] {
            page.fields = try fieldList(fieldsNode, lineFields: false, inJSONGroup: false, checkRules: checkRules)
        }
        if let linesNode = parts["lines"] {
            let lineParts = try linesNode.mapping(allowed: ["each", "fields"])
            let eachNode = try lineParts.required("each", in: linesNode)
            let each = try rule(eachNode, relative: false, checkRules: checkRules)
            let fieldsNode = try lineParts.required("fields", in: linesNode)
            page.lines = LineGroupSpec(each: each, fields: try fieldList(fieldsNode, lineFields: true, inJSONGroup: each.isJSON,
                                                                         checkRules: checkRules))
        }
        if page.fields.isEmpty && page.lines == nil {
            throw node.error(.missingKey, "a page needs 'fields' or 'lines'")
        }
        // A page's `unit` and `currency`: what its bare numbers are, where a rule says nothing.
        let unit = try parts["unit"].map { node throws(SpecError) in try node.oneOf(DataAmount.DataUnit.allCases.map(\.rawValue)) }
        var currency: String?
        if let currencyNode = parts["currency"] {
            let code = try currencyNode.nonEmptyString()
            guard (try? Money("\(code) 1")) != nil else {
                throw currencyNode.error(.invalidValue, "'\(code)' is not a currency code this toolkit knows")
            }
            currency = code
        }
        var language: String?
        if let languageNode = parts["language"] {
            let code = try languageNode.nonEmptyString().lowercased()
            guard Vocabulary.language(code) != nil else {
                throw languageNode.error(.invalidValue, "'\(code)' has no vocabulary file; known: \(Vocabulary.files.map { String($0.name.dropLast(5)) }.joined(separator: ", "))")
            }
            language = code
        }
        func applyDefaults(_ fields: inout [FieldSpec]) {
            for index in fields.indices {
                for rule in fields[index].rules.indices {
                    fields[index].rules[rule].language = language
                    if fields[index].field.valueKind == .data, fields[index].rules[rule].unit == nil { fields[index].rules[rule].unit = unit }
                    if fields[index].field.valueKind == .money, fields[index].rules[rule].currency == nil {
                        fields[index].rules[rule].currency = currency
                    }
                }
            }
        }
        applyDefaults(&page.fields)
        if page.lines != nil { applyDefaults(&page.lines!.fields) }
        return page
    }

    static func fieldList(_ node: SpecNode, lineFields: Bool, inJSONGroup: Bool, checkRules: Bool = true) throws(SpecError) -> [FieldSpec] {
        var result: [FieldSpec] = []
        let allowed = lineFields ? SnapshotField.lineFields : SnapshotField.accountFields
        for (key, value) in try node.entries() {
            guard let field = SnapshotField(rawValue: key), allowed.contains(field) else {
                let place = lineFields ? "a line" : "the account"
                throw node.keyError(key).error(.unknownKey, "'\(key)' is not a field of \(place); known: \(allowed.map(\.rawValue).joined(separator: ", "))")
            }
            result.append(try fieldSpec(field, value, relative: lineFields, inJSONGroup: inJSONGroup, checkRules: checkRules))
        }
        return result
    }

    static let locatorKeys: Set<String> = ["xpath", "css", "json"]
    static let ruleKeys: Set<String> = ["xpath", "css", "json", "attribute", "regex", "unit", "currency"]

    static func fieldSpec(_ field: SnapshotField, _ node: SpecNode, relative: Bool, inJSONGroup: Bool,
                          checkRules: Bool = true) throws(SpecError) -> FieldSpec {
        let parts = try node.mapping(allowed: ruleKeys.union(["status", "type", "rules"]))
        let status = FieldStatus(rawValue: try parts["status"]?.oneOf(FieldStatus.allCases.map(\.rawValue)) ?? "optional")!
        var kind = field.defaultKind
        if let typeNode = parts["type"] {
            kind = ValueKind(rawValue: try typeNode.oneOf(field.readableKinds.map(\.rawValue)))!
        }
        var rules: [ExtractionRule] = []
        if let rulesNode = parts["rules"] {
            guard parts.keys.allSatisfy({ !ruleKeys.contains($0) }) else {
                throw node.error(.invalidValue, "give either 'rules' or one rule's keys (css, xpath, json…), not both")
            }
            for item in try rulesNode.sequence() {
                rules.append(try rule(item, relative: relative, inJSONGroup: inJSONGroup, checkRules: checkRules))
            }
        } else if parts.keys.contains(where: { locatorKeys.contains($0) }) {
            rules.append(try rule(node, relative: relative, inJSONGroup: inJSONGroup, fieldKeys: ["status", "type"], checkRules: checkRules))
        }
        if rules.isEmpty && status != .notExposed {
            throw node.error(.missingKey, "a field needs 'rules' (or one rule's css, xpath or json) unless its status is notExposed")
        }
        return FieldSpec(field: field, kind: kind, status: status, rules: rules, line: node.line)
    }

    /// - Parameter fieldKeys: keys of the field a one-rule shorthand shares its mapping with.
    static func rule(_ node: SpecNode, relative: Bool, inJSONGroup: Bool = false,
                     fieldKeys: Set<String> = [], checkRules: Bool = true) throws(SpecError) -> ExtractionRule {
        let parts = try node.mapping(allowed: ruleKeys.union(fieldKeys))
        let locators = parts.filter { locatorKeys.contains($0.key) }
        guard locators.count == 1, let (key, valueNode) = locators.first else {
            throw node.error(locators.isEmpty ? .missingKey : .invalidValue, "a rule has exactly one of css, xpath or json")
        }
        let text = try valueNode.nonEmptyString()
        let locator: ExtractionRule.Locator
        switch key {
        case "xpath":
            if relative && !text.hasPrefix(".") {
                throw valueNode.error(.invalidRule, "inside 'lines', an XPath starts with '.' (relative to the line's block)")
            }
            if checkRules { do { _ = try XPathExpression(text) } catch { throw valueNode.error(.invalidRule, error.detail) } }
            locator = .xpath(text)
        case "css":
            if checkRules { do { _ = try CSSSelector.cachedForThread(text) } catch { throw valueNode.error(.invalidRule, error.detail) } }
            locator = .css(text)
        default:
            if checkRules { do { _ = try JSONPath(text) } catch { throw valueNode.error(.invalidRule, error.detail) } }
            locator = .json(text)
        }
        if inJSONGroup && key != "json" {
            throw valueNode.error(.invalidRule, "the lines are selected with a JSON path, so their fields use 'json' rules too")
        }
        var rule = ExtractionRule(locator)
        rule.attribute = try parts["attribute"]?.nonEmptyString()
        if let regexNode = parts["regex"] {
            let pattern = try regexNode.nonEmptyString()
            if checkRules {
                do { _ = try RuleRegex(pattern) } catch {
                    throw regexNode.error(.invalidRule, "regular expression '\(pattern)' does not compile: \(error)")
                }
            }
            rule.regex = pattern
        }
        if let unitNode = parts["unit"] {
            rule.unit = try unitNode.oneOf(DataAmount.DataUnit.allCases.map(\.rawValue))
        }
        if let currencyNode = parts["currency"] {
            let code = try currencyNode.nonEmptyString()
            guard (try? Money("\(code) 1")) != nil else {
                throw currencyNode.error(.invalidValue, "'\(code)' is not a currency code this toolkit knows")
            }
            rule.currency = code
        }
        if rule.attribute != nil && key == "json" {
            throw node.error(.invalidRule, "'attribute' reads an element's attribute; it does not apply to a json rule")
        }
        return rule
    }
}
