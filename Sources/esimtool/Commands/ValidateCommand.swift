import ArgumentParser
import ESIMKit

struct ValidateCommand: ConsoleCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, junit, github
    }

    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the carrier specs against saved pages and their expected readings (for CI).",
        discussion: """
        Every page under the samples directory (default: Samples/Pages, else Samples) is \
        read with the spec of the carrier its directory is named after, and every field \
        gets a status: ok, absent, missing, unparseable, mismatch (against \
        <page>.expected.json), unexpected (a value where the spec says notExposed) or error. \
        Specs come from ./Specs when it exists (beside the built-in ones), or --specs.

        Exit status: 0 all fixtures pass (and coverage meets --min-coverage), 1 any failure, \
        64 usage error.
        """)

    @Option(name: .long, help: ArgumentHelp("The directory of saved pages (default: Samples/Pages, else Samples).", valueName: "dir"))
    var samples: String?

    @Option(name: .long, help: ArgumentHelp("Only this carrier's fixtures.", valueName: "id"))
    var carrier: String?

    @Option(name: .long, help: ArgumentHelp("Output: text, json, junit or github (workflow annotations).", valueName: "format"))
    var format: Format = .text

    @Option(name: .long, help: ArgumentHelp("Fail when a field's coverage (valid values over readings) is below this fraction, e.g. 0.9.", valueName: "fraction"))
    var minCoverage: Double?

    @Flag(name: .long, help: "Rewrite each fixture's expected file from what is read now, for review with git diff.")
    var update = false

    @Option(name: .long, help: ArgumentHelp("Worker threads (default: one per core).", valueName: "n"))
    var jobs: Int?

    @OptionGroup var options: PageSpecOptions

    func validate() throws {
        if let minCoverage, !(0...1).contains(minCoverage) {
            throw ValidationError("--min-coverage is a fraction between 0 and 1, e.g. 0.9")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func execute(console: Console) -> ExitStatus {
        let specOptions = options.inRepository
        guard let specs = specOptions.pageSpecs(console: console) else { return .rejected }
        if let carrier, !specs.contains(where: { $0.carrierID == carrier }) {
            console.error("no page spec for carrier '\(carrier)' (specs with pages: \(specs.map(\.carrierID).joined(separator: ", ")))")
            return .rejected
        }
        let directory = samples ?? Validator.defaultSamplesDirectory
        let report: ValidationReport
        do {
            let fixtures = try Validator.fixtures(in: directory)
            report = try Validator.run(fixtures, specs: specs, options: .init(
                carrierID: carrier, update: update, workers: jobs ?? System.coreCount,
                minimumCoverage: minCoverage, defaultReference: options.today.flatMap { try? CalendarDate($0) } ?? CalendarDate.today))
        } catch let error as FixtureError {
            console.error(error.description)
            return .rejected
        } catch {
            console.error("carrier spec: \(error)")
            return .rejected
        }
        if report.results.isEmpty {
            console.error("\(directory): no fixtures\(carrier.map { " for \($0)" } ?? "")")
            return .rejected
        }
        switch format {
        case .text: for line in ValidationRenderer.text(report) { console.out(line) }
        case .json: console.out(JSONOutput.text(report))
        case .junit: console.out(ValidationRenderer.junit(report))
        case .github: for line in ValidationRenderer.github(report) { console.out(line) }
        }
        if format != .text { console.err(ValidationRenderer.summary(report)) }
        return report.failed ? .rejected : .ok
    }
}
