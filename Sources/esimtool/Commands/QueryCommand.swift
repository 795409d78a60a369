import ArgumentParser
import ESIMKit

extension SnapshotField: ExpressibleByArgument {}
extension ValueKind: ExpressibleByArgument {}

struct QueryCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Try a rule on a saved page, or find rules for a value it shows (for writing specs).",
        discussion: """
        With --css, --xpath or --jsonpath, prints what the rule finds, read as `inspect` reads \
        it: white space folded, then --regex (its first group, or the whole match); --field \
        also reads each text as that field's value. JSON paths run on a JSON page, or on the \
        JSON a page embeds (__NEXT_DATA__, window.__INITIAL_STATE__ = {…}, \
        application/json scripts).

        With --find, prints rules that would find the text: CSS selectors for the innermost \
        elements holding it (the head, scripts and styles are not searched), and JSON paths to embedded values equal to it or to its number \
        ($187.42 finds 187.42); fewest matches first, each ready to paste into a spec. When \
        the element sits in a block the page repeats (a line of service), the block is \
        named as a line group's `each`, with the selector to use inside it.

        Examples:
          esimtool query page.html --find '$187.42'
          esimtool query page.html --css '[class*=UsageMeter_used]' --field dataUsed
          esimtool query page.html --css '[data-testid=bill-cycle]' --regex 'Bill cycle:\\s*(.+)'
          esimtool query usage.json --jsonpath '$.usage.lines[*].dataUsedMB'

        Exit status: 0 something found, 1 nothing found or the page or rule cannot be read, \
        64 usage error.
        """)

    @Argument(help: ArgumentHelp("A saved page (.html, .htm, .xml, .json), or '-' for standard input.", valueName: "file"))
    var file: String

    @Option(name: .long, help: ArgumentHelp("A CSS selector to run.", valueName: "selector"))
    var css: String?

    @Option(name: .long, help: ArgumentHelp("An XPath 1.0 expression to run.", valueName: "expression"))
    var xpath: String?

    @Option(name: .long, help: ArgumentHelp("A JSON path to run ($.a.b[0], [*], ..name).", valueName: "path"))
    var jsonpath: String?

    @Option(name: .long, help: ArgumentHelp("Find rules for this text as the page shows it.", valueName: "text"))
    var find: String?

    @Option(name: .long, help: ArgumentHelp("With a rule: a regular expression applied to each text.", valueName: "regex"))
    var regex: String?

    @Option(name: .long, help: ArgumentHelp("With --css or --xpath: read this attribute instead of the text.", valueName: "name"))
    var attribute: String?

    @Option(name: .long, help: ArgumentHelp("With --field: the unit of a bare number read as data (MB, GB).", valueName: "unit"))
    var unit: String?

    @Option(name: .long, help: ArgumentHelp("With --field: the currency of a bare number read as money (USD).", valueName: "code"))
    var currency: String?

    @Option(name: .long, help: ArgumentHelp("With a rule: read each text as this field's value (amountDue, dataUsed, …).", valueName: "field"))
    var field: SnapshotField?

    @Option(name: .long, help: ArgumentHelp("With --field: the value type, when not the field's own (usage reads '3.1 GB of 30 GB').", valueName: "type"))
    var type: ValueKind?

    @Option(name: .long, help: ArgumentHelp("With --field: the day dates without a year are read against (default: today).", valueName: "yyyy-mm-dd"))
    var today: String?

    @Option(name: .long, help: ArgumentHelp("Show at most this many results.", valueName: "n"))
    var limit = 20

    @Flag(name: .long, help: "Print one JSON object.")
    var json = false

    func validate() throws {
        let modes = [css, xpath, jsonpath, find].compactMap { $0 }
        guard modes.count == 1 else {
            throw ValidationError("give exactly one of --css, --xpath, --jsonpath and --find")
        }
        if find != nil, regex != nil || attribute != nil || field != nil || type != nil || unit != nil || currency != nil {
            throw ValidationError("--regex, --attribute, --field, --type, --unit and --currency go with a rule, not --find")
        }
        if jsonpath != nil, attribute != nil {
            throw ValidationError("--attribute reads markup; a JSON path reads values")
        }
        if type != nil || unit != nil || currency != nil, field == nil {
            throw ValidationError("--type, --unit and --currency need --field")
        }
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
        if let today, (try? CalendarDate(today)) == nil {
            throw ValidationError("--today: '\(today)' is not a date like 2026-11-20")
        }
    }

    var rule: ExtractionRule? {
        let locator: ExtractionRule.Locator
        if let css { locator = .css(css) } else if let xpath { locator = .xpath(xpath) } else if let jsonpath { locator = .json(jsonpath) } else { return nil }
        return ExtractionRule(locator, attribute: attribute, regex: regex, unit: unit, currency: currency)
    }

    func execute(console: Console) -> ExitStatus {
        let probe: RuleProbe
        do {
            let input = file == "-" ? PageInput(name: name, bytes: console.readAll()) : try PageInput(contentsOfFile: file)
            probe = try RuleProbe(input)
        } catch {
            return fail(console, code: error.code.rawValue, message: error.message)
        }
        if let find {
            let suggestions = probe.suggest(find, limit: limit)
            if json {
                console.out(JSONOutput.text(RuleProbe.SuggestionReport(file: name, find: find, rules: suggestions)))
            } else {
                QueryRenderer.suggestions(suggestions, find: find, file: name).forEach(console.out)
            }
            return suggestions.isEmpty ? .rejected : .ok
        }
        guard let rule else { return .usage }
        var matches: [RuleProbe.Match]
        do {
            let reference = today.flatMap { try? CalendarDate($0) } ?? CalendarDate.today
            // One more than shown, to say whether the page has more.
            matches = try probe.run(rule, limit: limit < Int.max ? limit + 1 : limit, kind: type, field: field, reference: reference)
        } catch {
            return fail(console, code: error.code.rawValue, message: error.message)
        }
        let more = matches.count > limit
        if more { matches.removeLast(matches.count - limit) }
        if json {
            console.out(JSONOutput.text(RuleProbe.MatchReport(file: name, rule: rule, matches: matches, more: more)))
        } else {
            QueryRenderer.matches(matches, more: more, rule: rule, file: name).forEach(console.out)
        }
        return matches.isEmpty ? .rejected : .ok
    }

    /// The file as output names it.
    var name: String { file == "-" ? "<stdin>" : file }

    func fail(_ console: Console, code: String, message: String) -> ExitStatus {
        if json { console.out(FailureJSON.line(key: "file", value: name, code: code, message: message)) }
        console.error("\(name): \(message)")
        return .rejected
    }
}
