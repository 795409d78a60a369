import ArgumentParser
import ESIMKit
import ESIMSupport

/// Options every carrier command shares: where specs and the provider database come from.
struct RegistryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A directory of your own carrier specs (*.yaml), added to the built-in ones.", valueName: "dir"))
    var specs: String?

    @Option(name: .long, help: ArgumentHelp(
        "The provider database to read: a serviceproviders.xml or a table from 'carrier compile-providers' (default: the built-in copy, or the system's when that is newer).",
        valueName: "file"))
    var providers: String?

    @Flag(name: .long, help: "Use only the curated specs, no provider database.")
    var noProviders = false

    func validate() throws {
        if providers == "-" { throw ValidationError("--providers reads a file, not standard input ('-')") }
    }

    /// - Parameter apns: whether the Android APN list is wanted (`--apns`); it is a
    ///   second XML file, read only then.
    func load(console: Console, apns wantsAPNs: Bool = false) -> CarrierRegistry? {
        do {
            let registry = try CarrierRegistry.load(
                specsDirectory: specs,
                providers: noProviders ? .off : providers.map(ProviderChoice.file) ?? .automatic,
                apns: noProviders || !wantsAPNs ? nil : ProviderDatabase.systemAPNPath)
            // A database asked for by name that cannot be read is an error, not a note.
            if let providers, !noProviders, registry.providerSource == nil {
                console.error(registry.notes.first { $0.contains(providers) || $0.hasPrefix("provider database") } ?? "\(providers): cannot read the provider database")
                return nil
            }
            for note in registry.notes { console.warning(note) }
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
        subcommands: [CarrierShowCommand.self, CarrierListCommand.self, CarrierFieldsCommand.self, CarrierCompileProvidersCommand.self],
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

    @Argument(help: ArgumentHelp("A carrier name, an MCC/MNC such as 310-260, an IMSI or an ICCID; '-' reads it from standard input.", valueName: "query"))
    var query: String

    @Flag(name: .long, help: "Also list access point names (APNs).")
    var apns = false

    @Option(name: .long, help: ArgumentHelp(
        "Only this country's carriers (ISO code, e.g. us); for a name shared across countries the default is your locale's country when it has one.",
        valueName: "code"))
    var country: String?

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    @OptionGroup var options: RegistryOptions

    func validate() throws {
        try CountryOption.check(country)
    }

    func execute(console: Console) -> ExitStatus {
        var query = query
        if query == "-" {
            let (sole, status) = console.readSoleValue(command: "carrier")
            guard let sole else { return status }
            query = sole
        }
        let parsed: CarrierQuery
        do {
            parsed = try CarrierQuery(query)
        } catch {
            console.error("\(CarrierQuery.identifierName(of: query)) \(query): \(error)")
            return .rejected
        }
        guard let registry = options.load(console: console, apns: apns) else { return .rejected }
        var report = CarrierReport.build(parsed, registry: registry, country: country,
                                         localeCountry: LocaleCountry.current)
        // What `inspect` reads from the pages of the carriers shown in full.
        if (1...3).contains(report.carriers.count), let specs = try? CuratedSpecs.pageSpecs(specsDirectory: options.specs) {
            let matrix = FieldMatrix(carriers: report.carriers, pageSpecs: specs, fixtures: [])
            for row in matrix.rows where !row.fields.isEmpty { report.pageFields[row.carrierID] = row.fields }
        }
        if json {
            console.out(JSONOutput.text(report))
            return report.carriers.isEmpty ? .rejected : .ok
        }
        for line in CarrierRenderer.render(report, registry: registry, showAPNs: apns) { console.out(line) }
        if report.carriers.isEmpty {
            let place = country.map { " in \($0.uppercased())" } ?? ""
            if report.suggestions.isEmpty {
                console.error("no carrier matches '\(query)'\(place); try 'esimtool carrier list'")
            } else {
                let names = report.suggestions.map { "\($0.id) (\($0.name), \($0.country.uppercased()))" }
                console.error("no carrier matches '\(query)'\(place); did you mean \(names.joined(separator: ", or "))?")
            }
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

    func validate() throws {
        try CountryOption.check(country)
    }

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

struct CarrierFieldsCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "fields",
        abstract: "Which balance and usage fields each carrier's account pages show, and which a saved page proves.",
        discussion: """
        A row per curated carrier, a column per question (balance, amount due, due date, \
        cycle, plan, expiry, data used, left and allowance, hotspot, roaming). A cell is \
        the best of the carrier's page kinds: proven (its spec reads the field and a saved \
        page's expected reading has a value for it), exposed (the spec reads it; no saved \
        page proves it), not exposed (the spec says the pages do not show it) or unknown \
        (no spec says). Saved pages are those under --samples (default Samples/Pages when \
        it exists, as in a checkout of this project); without them nothing is proven.

        Exit status: 0 printed, 1 a spec or expected reading that does not load, 64 usage error.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json
    }

    @Option(name: .long, help: ArgumentHelp("Only carriers of this country (ISO code, e.g. us).", valueName: "code"))
    var country: String?

    @Option(name: .long, help: "Output: text, markdown (a table for documents) or json.")
    var format: Format = .text

    @Option(name: .long, help: ArgumentHelp("Saved pages with expected readings (default: Samples/Pages when it exists).", valueName: "dir"))
    var samples: String?

    @Option(name: .long, help: ArgumentHelp("A directory of carrier specs (*.yaml) to use beside the built-in ones; a spec with a built-in id replaces it.", valueName: "dir"))
    var specs: String?

    func validate() throws {
        try CountryOption.check(country)
    }

    func execute(console: Console) -> ExitStatus {
        let curated: CuratedSpecs
        do {
            curated = try CuratedSpecs.load(specsDirectory: specs)
        } catch {
            console.error("carrier spec: \(error)")
            return .rejected
        }
        var fixtures: [ExpectedSnapshot] = []
        if let directory = samples ?? (FileStatus.exists("Samples/Pages") ? "Samples/Pages" : nil) {
            do {
                fixtures = try FieldMatrix.fixtures(in: directory)
            } catch {
                console.error("\(error)")
                return .rejected
            }
        }
        let carriers = curated.carriers.filter { country == nil || $0.country == country!.lowercased() }
        let matrix = FieldMatrix(carriers: carriers, pageSpecs: curated.pageSpecs, fixtures: fixtures)
        switch format {
        case .json: console.out(JSONOutput.text(matrix))
        case .markdown: FieldMatrixRenderer.markdown(matrix).forEach(console.out)
        case .text: FieldMatrixRenderer.text(matrix).forEach(console.out)
        }
        if carriers.isEmpty { console.err("no curated carrier in \(country?.uppercased() ?? "any country")") }
        return .ok
    }
}

struct CarrierCompileProvidersCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile-providers",
        abstract: "Compile a mobile-broadband-provider-info serviceproviders.xml into the tool's compact table.",
        discussion: """
        The table holds what the carrier commands read from the XML (names, network codes, \
        balance checks, voicemail numbers, APNs, each provider's XML line) in a third of the \
        size, and reads without an XML parser. The built-in copy is made this way \
        (Scripts/generate-provider-table); a newer upstream snapshot can be compiled and \
        given to any carrier command with --providers.

        Examples:
          esimtool carrier compile-providers serviceproviders.xml --date 20251101 -o providers.table
          esimtool carrier show 23415 --providers providers.table

        Exit status: 0 written, 1 unreadable input or output, 64 usage error.
        """)

    @Argument(help: ArgumentHelp("The serviceproviders.xml to compile.", valueName: "xml"))
    var xml: String

    @Option(name: .long, help: ArgumentHelp("The snapshot's upstream release date (YYYYMMDD, its newest NEWS entry).", valueName: "date"))
    var date: Int

    @Option(name: .long, help: ArgumentHelp("Where the snapshot came from, for the table's header.", valueName: "text"))
    var source = "mobile-broadband-provider-info"

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write the table here (default: standard output).", valueName: "file"))
    var output: String?

    func validate() throws {
        guard (19_700_101...99_991_231).contains(date), (1...12).contains(date / 100 % 100), (1...31).contains(date % 100) else {
            throw ValidationError("--date must be a date written YYYYMMDD, not \(date).")
        }
        guard !source.contains("\n") else { throw ValidationError("--source must be one line.") }
    }

    func execute(console: Console) -> ExitStatus {
        let database: ProviderDatabase
        do { database = try ProviderDatabase(contentsOfFile: xml) } catch {
            console.error(error.description)
            return .rejected
        }
        let text = database.tableText(date: date, source: source)
        guard let output else {
            console.outBytes(Array(text.utf8))
            return .ok
        }
        do { try FileWriter.write(Array(text.utf8), to: output) } catch {
            console.error(error.description)
            return .rejected
        }
        console.err("\(output): \(database.carriers.count) providers, \(text.utf8.count) bytes")
        return .ok
    }
}

/// The country of the user's locale (`LC_ALL`, then `LC_MESSAGES`, then `LANG`, as POSIX
/// orders them): `en_US.UTF-8` → `us`; `nil` for `C`, `POSIX` or no territory.
enum LocaleCountry {
    static var current: String? {
        let value = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap(Environment.value).first
        return value.flatMap(country(of:))
    }

    static func country(of locale: String) -> String? {
        let name = locale.split(separator: ".", maxSplits: 1).first.map(String.init) ?? locale
        let parts = name.split(separator: "@").first?.split(separator: "_") ?? []
        guard parts.count >= 2, parts[1].count == 2, parts[1].allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        return parts[1].lowercased()
    }
}

/// The `--country CODE` the carrier and spec commands take: two ASCII letters, either case.
enum CountryOption {
    static func check(_ country: String?) throws {
        guard let country else { return }
        guard country.count == 2, country.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) }) else {
            throw ValidationError("--country: '\(country)' is not a two-letter country code (like us)")
        }
    }
}
