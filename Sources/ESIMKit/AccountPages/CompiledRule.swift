import ESIMMarkup

/// One rule of a field, compiled: its XPath expression, CSS selector or JSON path, and its
/// regular expression.
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
        let compiled: Result<Locator, SpecError>
        switch rule.locator {
        case .xpath(let source):
            compiled = Result { () throws(MarkupError) in .xpath(try XPathExpression(source)) }
                .mapError { SpecError(.invalidRule, $0.detail, file: file, line: line) }
        case .css(let source):
            compiled = Result { () throws(MarkupError) in .css(try CSSSelector.cachedForThread(source)) }
                .mapError { SpecError(.invalidRule, $0.detail, file: file, line: line) }
        case .json(let source):
            compiled = Result { () throws(JSONError) in .json(try JSONPath(source)) }
                .mapError { SpecError(.invalidRule, $0.detail, file: file, line: line) }
        }
        locator = try compiled.get()
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
