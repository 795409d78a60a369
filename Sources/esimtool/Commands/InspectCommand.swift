import ArgumentParser
import ESIMKit

/// Options shared by `inspect` and `validate`: where page specs come from, and the day
/// year-less dates are read against.
struct PageSpecOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A directory of carrier specs (*.yaml) to use beside the built-in ones; a spec with a built-in id replaces it.", valueName: "dir"))
    var specs: String?

    @Option(name: .long, help: ArgumentHelp("The day to read dates without a year against, and count days left from (default: today).", valueName: "yyyy-mm-dd"))
    var today: String?

    func validate() throws {
        if let today, (try? CalendarDate(today)) == nil {
            throw ValidationError("--today: '\(today)' is not a date like 2026-11-20")
        }
    }

    /// These options with `./Specs` as the specs directory when none was given and it
    /// exists: for the commands run inside a repository checkout (`validate`, `fixture
    /// add`), so a spec being written serves them before it is compiled in.
    var inRepository: PageSpecOptions {
        var options = self
        if options.specs == nil, FileStatus.exists("Specs") { options.specs = "Specs" }
        return options
    }

    func pageSpecs(console: Console) -> [AccountPageSpec]? {
        do {
            return try CuratedSpecs.pageSpecs(specsDirectory: specs)
        } catch {
            console.error("carrier spec: \(error)")
            return nil
        }
    }

    var reference: CalendarDate? {
        if let today { return try? CalendarDate(today) }
        return CalendarDate.today
    }
}


extension PageKind: ExpressibleByArgument {}

struct InspectCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Read saved carrier account pages: balance, amount due, due date, data per line.",
        discussion: """
        Each file is a page saved from a carrier's site (HTML, or a JSON API response). The \
        carrier is recognised from the page's address or title (or --carrier); a page no spec \
        describes gets a heuristic reading of its labels, marked as such. Account and phone \
        numbers are shown masked to their last four digits.

        Exit status: 0 every page read with its required fields, 1 a page could not be read, \
        lacks a required field, or (with --no-heuristic) matches no spec, 64 usage error.
        """)

    @Argument(help: ArgumentHelp("Saved pages (.html, .htm, .xml, .json); '-' reads one from standard input.", valueName: "file"))
    var files: [String]

    @Option(name: .long, help: ArgumentHelp("Read the pages as this carrier's (an id such as att).", valueName: "id"))
    var carrier: String?

    @Option(name: .long, help: ArgumentHelp("Read the pages as this kind: overview, usage, bill, prepaid.", valueName: "kind"))
    var page: PageKind?

    @Flag(name: .long, help: "Print one JSON object per file (JSON Lines).")
    var json = false

    @Flag(name: .long, help: "Do not fall back to a heuristic reading when no spec matches.")
    var noHeuristic = false

    @Flag(name: .long, help: "Also print where each value came from (rule and page line).")
    var verbose = false

    @Option(name: .long, help: ArgumentHelp(
        "The country the pages are from (ISO code, e.g. ie): for a heuristic reading, dates in its order and amounts that name no currency in its currency.",
        valueName: "code"))
    var country: String?

    @OptionGroup var options: PageSpecOptions

    func validate() throws {
        try CountryOption.check(country)
        guard !files.isEmpty else { throw ValidationError("give at least one saved page") }
        guard files.filter({ $0 == "-" }).count <= 1 else { throw ValidationError("standard input ('-') can be read once") }
    }

    func execute(console: Console) -> ExitStatus {
        guard let specs = options.pageSpecs(console: console) else { return .rejected }
        let extractor: PageExtractor
        do {
            extractor = try PageExtractor(specs: specs)
        } catch {
            console.error("carrier spec: \(error)")
            return .rejected
        }
        let settings = PageExtractor.Options(carrierID: carrier, pageKind: page, reference: options.reference,
                                             allowHeuristic: !noHeuristic, country: country)
        var status = ExitStatus.ok
        for (index, path) in files.enumerated() {
            let file = path == "-" ? "<stdin>" : path
            let snapshot: AccountSnapshot
            do {
                let input = path == "-" ? PageInput(name: file, bytes: console.readAll()) : try PageInput(contentsOfFile: path)
                snapshot = try extractor.inspect(input, options: settings)
            } catch {
                if error.code == .unknownSpec {
                    console.error(error.message)
                    return .rejected
                }
                if json { console.out(FailureJSON.line(key: "file", value: file, code: error.code.rawValue, message: error.message)) }
                console.error(error.description)
                status = .rejected
                continue
            }
            if snapshot.diagnostics.contains(where: { $0.code == .missingRequired }) { status = .rejected }
            // Asked not to guess, and no spec describes the page: nothing could be read.
            if noHeuristic && snapshot.carrierID == nil && !snapshot.isHeuristic {
                console.error("\(file): no carrier spec matches this page; give --carrier, or leave out --no-heuristic for a heuristic reading")
                status = .rejected
            }
            if json {
                console.out(JSONOutput.text(Labelled(key: "file", label: file, value: snapshot)))
            } else {
                if index > 0 { console.out("") }
                for line in SnapshotRenderer.render(snapshot, file: file, verbose: verbose) { console.out(line) }
                for diagnostic in snapshot.diagnostics where SnapshotRenderer.isProblem(diagnostic) {
                    console.warning("\(file): \(diagnostic.message)")
                }
            }
        }
        return status
    }
}
