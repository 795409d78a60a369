import ArgumentParser
import ESIMKit

struct FixtureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fixture",
        abstract: "Add saved carrier pages to the samples, redacted.",
        subcommands: [FixtureAddCommand.self])
}

struct FixtureAddCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Redact a saved page, save it as a fixture and record its expected reading.",
        discussion: """
        The page is redacted as `esimtool redact` would; if anything personal is still \
        detectable afterwards nothing is written. The fixture goes to \
        <samples>/<carrier>/<kind>.html (or --name), beside <kind>.expected.json: what the \
        carrier's current spec reads from it, with the capture date, the address it was \
        saved from (without its query) and its encoding. Review the expected file against \
        the page before committing; then `esimtool validate` holds the spec to it.

        Specs come from ./Specs when it exists (beside the built-in ones), as for \
        `esimtool validate`, or --specs: a spec being written is used before it is \
        compiled in.

        Exit status: 0 written, 1 not written (personal data remains, a field the spec \
        requires is missing, not a page, the fixture exists, a spec does not load), 64 usage \
        error.
        """)

    @Argument(help: ArgumentHelp("The saved page (.html, .xml or .json); '-' reads it from standard input.", valueName: "page"))
    var page: String

    @Option(name: .long, help: ArgumentHelp("The carrier id (att, verizon, tmobile…).", valueName: "id"))
    var carrier: String

    @Option(name: .long, help: ArgumentHelp("overview, usage, bill or prepaid.", valueName: "kind"))
    var kind: PageKind

    @Option(name: .long, help: ArgumentHelp("The samples directory (default: Samples/Pages).", valueName: "dir"))
    var samples: String = "Samples/Pages"

    @Option(name: .long, help: ArgumentHelp("The fixture's file name without extension (default: the kind).", valueName: "name"))
    var name: String?

    @Flag(name: .long, help: "Replace an existing fixture of the same name.")
    var force = false

    @OptionGroup var redaction: RedactionOptions
    @OptionGroup var options: PageSpecOptions

    func validate() throws {
        if let name, name.isEmpty || name.contains("/") || name.hasPrefix(".") {
            throw ValidationError("--name is a plain file name, without '/'")
        }
    }

    func execute(console: Console) -> ExitStatus {
        let options = options.inRepository
        guard let specs = options.pageSpecs(console: console) else { return .rejected }
        guard specs.contains(where: { $0.carrierID == carrier }) else {
            console.error("no page spec for carrier '\(carrier)' (specs with pages: \(specs.map(\.carrierID).joined(separator: ", "))); write its spec first (Specs/README.md)")
            return .rejected
        }
        guard let redactor = redaction.redactor(console: console, needsKey: true) else { return .rejected }
        let adder: FixtureAdder
        let input: PageInput
        do {
            adder = FixtureAdder(redactor: redactor, extractor: try PageExtractor(specs: specs))
            input = page == "-" ? PageInput(name: "<stdin>", bytes: console.readAll()) : try PageInput(contentsOfFile: page)
        } catch let error as PageError {
            console.error(error.description)
            return .rejected
        } catch {
            console.error("carrier spec: \(error)")
            return .rejected
        }
        guard let today = options.reference else {
            console.error("cannot tell today's date; pass --today")
            return .rejected
        }
        let outcome: FixtureAdder.Outcome
        do {
            outcome = try adder.add(.init(page: input, carrierID: carrier, kind: kind, samples: samples, name: name,
                                          today: today, overwrite: force))
        } catch {
            console.error(error.description)
            return .rejected
        }
        FixtureRenderer.written(outcome).forEach(console.out)
        for diagnostic in outcome.snapshot.diagnostics where SnapshotRenderer.isProblem(diagnostic) {
            console.warning(diagnostic.message)
        }
        console.out("Check every value in the expected file against the page, then run `esimtool validate --carrier \(carrier)`.")
        return .ok
    }
}
