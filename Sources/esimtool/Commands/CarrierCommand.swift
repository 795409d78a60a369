import ArgumentParser
import ESIMKit

/// Options every carrier command shares: where specs and the provider database come from.
struct RegistryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A directory of your own carrier specs (*.yaml), added to the built-in ones.", valueName: "dir"))
    var specs: String?

    @Option(name: .long, help: ArgumentHelp("The provider database to read (default: the system's serviceproviders.xml).", valueName: "file"))
    var providers: String?

    @Flag(name: .long, help: "Use only the curated specs, not the system provider database.")
    var noProviders = false

    func load(console: Console) -> CarrierRegistry? {
        do {
            let registry = try CarrierRegistry.load(
                specsDirectory: specs,
                providers: noProviders ? nil : (providers ?? ProviderDatabase.systemPath),
                apns: noProviders ? nil : ProviderDatabase.systemAPNPath)
            for note in registry.notes where providers != nil || !note.hasPrefix("no provider database") {
                console.warning(note)
            }
            return registry
        } catch {
            console.error("carrier spec: \(error)")
            return nil
        }
    }
}

struct CarrierCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "carrier",
        abstract: "Who a carrier is and how to check your balance: by name, network code, IMSI or ICCID.",
        subcommands: [CarrierShowCommand.self, CarrierListCommand.self],
        defaultSubcommand: CarrierShowCommand.self)
}

struct CarrierShowCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Look a carrier up by name (att, tmo, vzw…), MCC/MNC (310-260), IMSI or ICCID.",
        discussion: """
        Curated carriers (the built-in specs) answer first; the system's \
        mobile-broadband-provider-info database adds the rest of the world when installed. \
        Every fact is shown with its source.

        Exit status: 0 found, 1 nothing found or unreadable input, 64 usage error.
        """)

    @Argument(help: ArgumentHelp("A carrier name, an MCC/MNC such as 310-260, an IMSI or an ICCID.", valueName: "query"))
    var query: String

    @Flag(name: .long, help: "Also list access point names (APNs).")
    var apns = false

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    @OptionGroup var options: RegistryOptions

    func execute(console: Console) -> ExitStatus {
        let parsed: CarrierQuery
        do {
            parsed = try CarrierQuery(query)
        } catch {
            console.error("\(CarrierQuery.identifierName(of: query)) \(query): \(error)")
            return .rejected
        }
        guard let registry = options.load(console: console) else { return .rejected }
        let report = CarrierReport.build(parsed, registry: registry)
        if json {
            console.out(JSONOutput.text(report))
            return report.carriers.isEmpty ? .rejected : .ok
        }
        for line in CarrierRenderer.render(report, registry: registry, showAPNs: apns) { console.out(line) }
        if report.carriers.isEmpty {
            console.error("no carrier matches '\(query)'; try 'esimtool carrier list'")
            return .rejected
        }
        return .ok
    }
}

struct CarrierListCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the carriers known, curated ones first.")

    @Option(name: .long, help: ArgumentHelp("Only carriers of this country (ISO code, e.g. us).", valueName: "code"))
    var country: String?

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    @OptionGroup var options: RegistryOptions

    func execute(console: Console) -> ExitStatus {
        guard let registry = options.load(console: console) else { return .rejected }
        let carriers = registry.carriers(country: country)
        if json {
            console.out(JSONOutput.text(carriers))
            return .ok
        }
        CarrierRenderer.list(carriers).forEach(console.out)
        console.err("\(carriers.count) carriers")
        return .ok
    }
}
