import ArgumentParser
import ESIMKit

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Read plan descriptions, eSIM package feeds and account pages into typed plans; compare them.",
        subcommands: [PlanReadCommand.self, PlanCompareCommand.self],
        defaultSubcommand: PlanReadCommand.self)
}

/// Inputs every plan command takes: text, files or standard input.
struct PlanInputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp(
        "Plan text, a file (plan text, a JSON package feed, or a saved account page), or '-' for standard input.",
        valueName: "input"))
    var inputs: [String] = []

    @Flag(name: .long, help: "Read files as saved account pages (the plan fields a carrier spec finds).")
    var page = false

    @Option(name: .long, help: ArgumentHelp("Read pages as this carrier's (an id such as att).", valueName: "id"))
    var carrier: String?

    @OptionGroup var specOptions: PageSpecOptions

    func validate() throws {
        guard !inputs.isEmpty else {
            throw ValidationError("give plan text, a file, or '-' for standard input")
        }
        if inputs.filter({ $0 == "-" }).count > 1 {
            throw ValidationError("standard input ('-') can be read only once")
        }
    }

    /// An input that could not be read, for `--json` output.
    struct Failure {
        /// Its position among the inputs.
        var index: Int
        var input: String
        var code: String
        var message: String
        var offset: Int?
    }

    /// Every readable input's plans, in order, and the inputs that could not be read (each
    /// reported on the console). `nil` when the carrier specs do not load.
    func read(console: Console) -> (readings: [(index: Int, input: String, reading: PlanReading)], failures: [Failure])? {
        var extractor: PageExtractor?
        var results: [(index: Int, input: String, reading: PlanReading)] = []
        var failures: [Failure] = []
        for (index, input) in inputs.enumerated() {
            do {
                let reading: PlanReading
                switch input == "-" ? .text : PlanReading.classify(input, asPage: page) {
                case .text:
                    reading = try PlanReading.read(text: input == "-" ? console.readLines().joined(separator: "\n") : input)
                case .notAFile(let reason):
                    console.error("\(input): \(reason)" + (page ? " (--page reads saved pages)" : ""))
                    failures.append(Failure(index: index, input: input, code: "unreadableInput", message: reason))
                    continue
                case .file:
                    if extractor == nil {
                        guard let specs = specOptions.pageSpecs(console: console) else { return nil }
                        do { extractor = try PageExtractor(specs: specs) } catch {
                            console.error("carrier spec: \(error)")
                            return nil
                        }
                    }
                    let file: PageInput
                    do { file = try PageInput(contentsOfFile: input) } catch {
                        console.error(error.description)
                        failures.append(Failure(index: index, input: input, code: error.code.rawValue, message: error.message))
                        continue
                    }
                    let options = PageExtractor.Options(carrierID: carrier, reference: specOptions.reference)
                    reading = try PlanReading.read(file, extractor: extractor!, options: options, asPage: page)
                }
                for note in reading.notes { console.warning("\(display(input)): \(note)") }
                results.append((index, input, reading))
            } catch {
                console.error("\(display(input)): \(error)")
                failures.append(Failure(index: index, input: input, code: error.code.rawValue, message: error.message, offset: error.offset))
            }
        }
        return (results, failures)
    }

    func display(_ input: String) -> String {
        if input == "-" { return "<stdin>" }
        if FileStatus.exists(input) { return input }
        let short = input.prefix(40)
        return "'" + short + (input.count > 40 ? "…" : "") + "'"
    }
}

struct PlanReadCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Read plans: price, data, premium data and speed after, hotspot, validity, coverage, roaming, 5G, talk and text.",
        discussion: """
        Free text is read as carriers and eSIM shops write it; whatever is not understood \
        is listed with its offset, never dropped. A file may hold plan text (one plan per \
        paragraph), a JSON package feed (a list of packages, Airalo's or eSIM Access's \
        shape among others), or a saved account page (its plan fields, with the page's \
        allowances beside them).

        Examples:
          esimtool plan 'Unlimited Premium, $85.99/mo, 50GB premium data then 3 Mbps, 30GB hotspot, Mexico & Canada included'
          esimtool plan 'USA 5GB 30 days $11' --json
          esimtool plan packages.json
          esimtool plan --page overview.html

        Exit status: 0 every input read (with --strict: and fully understood), 1 an input \
        or a feed package could not be read (the rest are still shown) or, with --strict, \
        text was not understood, 64 usage error.
        """)

    @OptionGroup var input: PlanInputOptions

    @Flag(name: .long, help: "Print one JSON object per plan (JSON Lines).")
    var json = false

    @Flag(name: .long, help: "Fail (exit 1) when any text was not understood.")
    var strict = false

    func execute(console: Console) -> ExitStatus {
        guard let (readings, failures) = input.read(console: console) else { return .rejected }
        // An input or a feed package that could not be read was reported; the rest are shown.
        var status: ExitStatus = !failures.isEmpty || readings.contains { !$0.reading.notes.isEmpty } ? .rejected : .ok
        var first = true
        var pending = failures[...]
        func printFailures(before index: Int) {
            while let failure = pending.first, failure.index < index {
                if json {
                    console.out(FailureJSON.line(key: "input", value: failure.input, code: failure.code,
                                                 message: failure.message, offset: failure.offset))
                }
                pending.removeFirst()
            }
        }
        for (index, source, reading) in readings {
            printFailures(before: index)
            for plan in reading.plans {
                if json {
                    console.out(JSONOutput.text(plan))
                } else {
                    if !first { console.out("") }
                    for line in PlanRenderer.render(plan) { console.out(line) }
                }
                first = false
                if strict && !plan.unparsed.isEmpty {
                    console.error("\(input.display(source)): not understood: " + plan.unparsed.map { "'\($0.text)' (offset \($0.offset))" }.joined(separator: ", "))
                    status = .rejected
                } else if strict && !plan.hasFacts {
                    // Text with no fact at all was read as a name only: not understood either.
                    console.error("\(input.display(source)): not understood: no plan facts (price, data, days, …) in it")
                    status = .rejected
                }
            }
        }
        printFailures(before: Int.max)
        return status
    }
}

struct PlanCompareCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare plans: price per GB and per day, and what each includes that the others do not.",
        discussion: """
        Each input is plan text or a file as for 'esimtool plan'; a feed contributes all its \
        packages. Prices per GB and per day count a month as 30 days and per-day data over \
        the validity. The cheapest is marked only when every plan is priced in one currency.

        Example:
          esimtool plan compare 'USA 5GB 30 days $11' 'USA 10GB 30 days $18' '1 GB/day for 7 days $9'

        Exit status: 0 compared, 1 an input could not be read, 64 usage error (fewer than two plans).
        """)

    @OptionGroup var input: PlanInputOptions

    @Flag(name: .long, help: "Print the comparison as one JSON object.")
    var json = false

    func execute(console: Console) -> ExitStatus {
        // A comparison that silently left a plan out would mislead: any unreadable input stops it.
        guard let (readings, failures) = input.read(console: console), failures.isEmpty else { return .rejected }
        let plans = readings.flatMap(\.reading.plans)
        guard plans.count >= 2 else {
            console.error("give at least two plans to compare (found \(plans.count))")
            return .usage
        }
        let comparison = PlanComparison(plans)
        if json {
            console.out(JSONOutput.text(comparison))
        } else {
            for line in PlanRenderer.compare(comparison) { console.out(line) }
        }
        return .ok
    }
}
