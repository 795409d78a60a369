import ESIMMarkup

extension FuzzTarget {
    /// `query --css` and spec rules: compile a selector, match it on the fixed page, and
    /// check the native matcher against its XPath translation (same elements, same order).
    static let css = FuzzTarget("css", "CSSSelector: compile, match the fixed page, agree with the XPath translation",
                               seeds: { QuerySeeds.css }) { input in
        let source = Fuzz.text(input)
        guard let selector = try? CSSSelector(source) else { return }
        let root = FixedDocuments.page.node
        let native = root.select(selector)
        Fuzz.require(root.first(selector) == native.first, "first differs from select's first")
        Fuzz.require(root.select(selector, limit: 2) == Array(native.prefix(2)), "select with limit 2 differs")
        let translation = selector.xpath
        if let translated = try? root.select(xpath: translation) {
            Fuzz.require(native == translated,
                         "matched \(native.count) elements natively, \(translated.count) by the XPath '\(translation)'")
        }
        for element in native.prefix(8) {
            _ = element.select(selector, limit: 4)
        }
    }

    /// `query --xpath` and spec rules: compile, evaluate on the fixed page and from an
    /// element of it.
    static let xpath = FuzzTarget("xpath", "XPathExpression: compile, evaluate on the fixed page",
                                 seeds: { QuerySeeds.xpath }) { input in
        let source = Fuzz.text(input)
        guard let expression = try? XPathExpression(source) else { return }
        let page = FixedDocuments.page
        if let value = try? page.evaluate(expression) {
            _ = value.stringValue
            for node in value.nodes.prefix(8) { _ = node.text; _ = node.name }
        }
        if let section = page.root?.elementChildren.last {
            _ = try? section.evaluate(expression).stringValue
        }
        _ = try? page.first(expression)
    }

    /// `query --jsonpath` and JSON spec rules: compile, evaluate on the fixed document.
    static let jsonPath = FuzzTarget("jsonpath", "JSONPath: compile, evaluate on the fixed JSON document",
                                    seeds: { QuerySeeds.jsonPath }) { input in
        let source = Fuzz.text(input)
        guard let path = try? JSONPath(source) else { return }
        let all = path.evaluate(FixedDocuments.json)
        Fuzz.require(path.first(in: FixedDocuments.json) == all.first, "first differs from evaluate's first")
        Fuzz.require(path.evaluate(FixedDocuments.json, limit: 1) == Array(all.prefix(1)), "evaluate with limit 1 differs")
        _ = path.description
    }

    /// The JSON reader (pages, lpac output, plan feeds, fixtures): compact text reads back
    /// as an equal value.
    static let json = FuzzTarget("json", "JSONValue(parsing:): its compact text reads back equal",
                                samples: ["Samples/*/*.json", "Samples/*/*/*.json", "Samples/Profiles/*.jsonl"],
                                seeds: { [Array(FixedDocuments.jsonSource.utf8)] + Seeds.lines("Samples/*/*.expected.json*") }) { input in
        guard let value = try? JSONValue(parsing: Fuzz.text(input)) else { return }
        let text = value.description
        let again = try? JSONValue(parsing: text)
        Fuzz.require(again == value, "compact text '\(text.prefix(200))' does not read back equal")
    }
}

/// Selectors, expressions and paths: the built-in specs' own, and one of each construct.
enum QuerySeeds {
    static var css: [[UInt8]] {
        let fromSpecs = Seeds.builtInRules.compactMap { rule -> String? in
            if case .css(let selector) = rule.locator { return selector }
            return nil
        }
        return Seeds.utf8(fromSpecs + [
            "main > section#summary p.amount", "li:nth-child(2n+1) a[href^='/']", "[data-line] ~ article:not(.suspended)",
            "h2 + p", "td:last-child b", ":root > body footer p:nth-last-child(-n+3)", "div:empty, .spaces",
            "[title|=en i]", "a[href$=\"b=2\"]", "[class~=item][lang]", "ul > li:first-of-type", "p:only-child",
            "*", "a\\.b", "#odd[data-empty='']", "input[value*=\"'\"]",
        ])
    }

    static var xpath: [[UInt8]] {
        let fromSpecs = Seeds.builtInRules.compactMap { rule -> String? in
            if case .xpath(let path) = rule.locator { return path }
            return nil
        }
        return Seeds.utf8(fromSpecs + [
            "//p[@class='amount total']/text()", "count(//li)", "string(//time/@datetime)", "//article[h3='Line 2']//div",
            "normalize-space(//td[2])", "//*[local-name()='circle']", "sum(//li/position())", "//a[contains(@href,'usage')]",
            "(//p)[last()]", "//section[@id='lines']/article[position()>1]", "boolean(//form/input[@checked])",
            "substring-after(//p[@class='due'], 'Due ')", "//text()[normalize-space()]", "translate(//h2,'abc','ABC')",
        ])
    }

    static var jsonPath: [[UInt8]] {
        let fromSpecs = Seeds.builtInRules.compactMap { rule -> String? in
            if case .json(let path) = rule.locator { return path }
            return nil
        }
        return Seeds.utf8(fromSpecs + [
            "$.props.pageProps.account.lines[*].usage.used", "$..name", "$..*", "$.numbers[-1]", "$['odd keys']['a.b']",
            "$.nested[0][0][0]", "$..plan..tags[1]", "$.*", "$['odd keys'].*",
        ])
    }
}
