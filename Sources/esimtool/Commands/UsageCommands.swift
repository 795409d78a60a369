import ArgumentParser
import ESIMKit
import ESIMStore

/// Where the usage history lives.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The usage database (default: $ESIMTOOL_DB, else $XDG_DATA_HOME/esimtool/usage.sqlite, else ~/.local/share/esimtool/usage.sqlite).", valueName: "file"))
    var db: String?

    /// - Parameter creating: whether this command stores (`track`): it may create the
    ///   database, and folders only at the default location; readers need an existing one.
    func open(console: Console, creating: Bool = false) -> UsageStore? {
        guard let path = db ?? UsageStore.defaultPath else {
            console.error("no place for the usage database: set HOME or pass --db")
            return nil
        }
        do {
            return try UsageStore(path: path, creation: !creating ? .existing : db == nil ? .fileAndFolders : .file)
        } catch {
            console.error(error.description)
            return nil
        }
    }
}

struct TrackCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "track",
        abstract: "Store what saved account pages say, for usage history, forecasts and alerts.",
        discussion: """
        Each page is read as `esimtool inspect` reads it and stored with its capture time: \
        the day the page says its figures are for (a spec's asOf field), else --at when \
        given, else the file's modification time; each stored page says which was used. \
        Dates without a year are read against the capture day. The same page (byte for \
        byte) is stored once. Only track creates a usage database (and its folders only at \
        the default location).

        Exit status: 0 every page stored (or already stored), 1 a page could not be read or \
        stored, 64 usage error.
        """)

    @Argument(help: ArgumentHelp("Saved pages (.html, .json); '-' reads one from standard input.", valueName: "file"))
    var files: [String]

    @Option(name: .long, help: ArgumentHelp("Read the pages as this carrier's.", valueName: "id"))
    var carrier: String?

    @Option(name: .long, help: ArgumentHelp("When the pages were saved: 2026-11-20T09:41, or a date (noon).", valueName: "time"))
    var at: String?

    @OptionGroup var store: StoreOptions
    @OptionGroup var options: PageSpecOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one saved page") }
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input ('-') can be read once") }
        if let at, Timestamp(at) == nil { throw ValidationError("--at: '\(at)' is not a time like 2026-11-20T09:41 or 2026-11-20") }
    }

    func execute(console: Console) -> ExitStatus {
        guard let specs = options.pageSpecs(console: console), let database = store.open(console: console, creating: true) else { return .rejected }
        let extractor: PageExtractor
        do { extractor = try PageExtractor(specs: specs) } catch {
            console.error("carrier spec: \(error)")
            return .rejected
        }
        var status = ExitStatus.ok
        for file in files where !track(file, extractor: extractor, into: database, console: console) { status = .rejected }
        return status
    }

    /// Reads one page as `inspect` does, dates it (``CaptureTime``) and stores it; `false`
    /// when it could not be read or stored.
    private func track(_ path: String, extractor: PageExtractor, into database: UsageStore, console: Console) -> Bool {
        let file = path == "-" ? "<stdin>" : path
        do {
            let input = path == "-" ? PageInput(name: file, bytes: console.readAll()) : try PageInput(contentsOfFile: path)
            let fileTime = path == "-" ? nil : FileStatus.modificationTime(path).map(Timestamp.init(seconds:))
            let initial = CaptureTime(given: at.flatMap(Timestamp.init), fileModified: fileTime)
            let snapshot = try extractor.inspect(input, options: .init(
                carrierID: carrier, reference: options.today.flatMap { try? CalendarDate($0) } ?? initial.time.localDate, allowHeuristic: false))
            let capture = initial.refined(by: snapshot)
            guard snapshot.carrierID != nil else {
                console.error("\(file): no carrier spec matches this page; give --carrier")
                return false
            }
            let outcome = try database.add(snapshot, fingerprint: input.fingerprint, time: capture.time, source: capture.source, file: file)
            console.out(UsageRenderer.tracked(file, snapshot: snapshot, capture: capture, outcome: outcome))
            for diagnostic in snapshot.diagnostics where diagnostic.code == .missingRequired {
                console.warning("\(file): \(diagnostic.message)")
            }
            return true
        } catch let error as PageError {
            console.error(error.description)
        } catch {
            console.error("\(error)")
        }
        return false
    }
}

/// Which stored lines a command looks at.
struct LineFilter: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Only this carrier (an id such as att).", valueName: "id"))
    var carrier: String?

    @Option(name: .long, help: ArgumentHelp("Only this line: its last four digits, its nickname, or its position (1, 2…) in the list.", valueName: "line"))
    var line: String?

    func select(_ histories: [LineHistory]) -> [LineHistory] {
        LineHistory.select(histories, line: line)
    }
}

struct UsageCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "usage",
        abstract: "Data use and balance over time from tracked pages, with forecasts.",
        discussion: """
        For each line: the readings of each bill cycle with a bar chart, and where the \
        current cycle is heading — the rate, what will be used by the reset, and the day \
        the allowance (or an unlimited plan's premium threshold) runs out. For prepaid \
        accounts: the balance over time and the days it lasts at the current spend. Use \
        abroad is shown on its own. --svg and --html write a chart to share.

        Exit status: 0 shown, 1 nothing tracked (or the database cannot be read), 64 usage error.
        """)

    @OptionGroup var filter: LineFilter

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Also write the chart as an SVG image.", valueName: "file"))
    var svg: String?

    @Option(name: .long, help: ArgumentHelp("Also write an HTML page with the chart and the readings.", valueName: "file"))
    var html: String?

    @OptionGroup var store: StoreOptions

    func execute(console: Console) -> ExitStatus {
        guard let database = store.open(console: console) else { return .rejected }
        let lines: [LineHistory]
        let accounts: [AccountHistory]
        do {
            lines = filter.select(try database.lineHistories(carrier: filter.carrier))
            accounts = filter.line == nil ? try database.accountHistories(carrier: filter.carrier) : []
        } catch {
            console.error(error.description)
            return .rejected
        }
        if lines.isEmpty && accounts.isEmpty {
            console.error("nothing tracked\(filter.carrier.map { " for \($0)" } ?? "")\(filter.line.map { " on line \($0)" } ?? ""); store pages with `esimtool track`")
            return .rejected
        }
        if json {
            console.out(JSONOutput.text(UsageReport(lines: lines, accounts: accounts)))
        } else {
            for line in UsageRenderer.text(lines: lines, accounts: accounts) { console.out(line) }
        }
        do {
            if let svg { try FileWriter.write(Array(UsageRenderer.svg(lines: lines).utf8), to: svg) }
            if let html { try FileWriter.write(Array(UsageRenderer.html(lines: lines, accounts: accounts).utf8), to: html) }
        } catch {
            console.error(error.description)
            return .rejected
        }
        return .ok
    }
}

struct AlertCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "alert",
        abstract: "Check tracked usage against thresholds; exit 3 when any is crossed.",
        discussion: """
        Thresholds come from --config (default: ~/.config/esimtool/alerts.yaml when it \
        exists) and the flags, which win:

            dataBelow: 2 GB          # data left on a line
            dataBelowPercent: 10     # data left, as a share of the allowance
            runOutBeforeReset: true  # the forecast runs out before the cycle resets
            balanceBelow: $5.00      # a prepaid balance
            dueWithin: 3             # days until a bill is due
            roamingAbove: 500 MB     # use abroad this cycle

        Each rule reads the latest known value of its field: the newest tracked page that \
        shows it (within the line's current bill cycle for line fields), so a usage page \
        without the bill does not hide the amount due an overview page showed. A value read \
        more than --max-age days ago, or in a bill cycle that has ended, is reported as \
        stale, with when it was read.

        Exit status: 0 nothing crossed, 3 something crossed (each printed), 1 the database \
        or the config cannot be read, 64 usage error. Run it from cron or a CI schedule.
        """)

    @Option(name: .long, help: ArgumentHelp("A thresholds file (YAML).", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Data left below this amount (e.g. 2GB).", valueName: "amount"))
    var dataBelow: String?

    @Option(name: .long, help: ArgumentHelp("Data left below this percentage of the allowance.", valueName: "percent"))
    var dataBelowPercent: Double?

    @Flag(name: .long, help: "Alert when the forecast runs out before the cycle resets.")
    var runOutBeforeReset = false

    @Option(name: .long, help: ArgumentHelp("A prepaid balance below this (e.g. $5).", valueName: "money"))
    var balanceBelow: String?

    @Option(name: .long, help: ArgumentHelp("A bill due within this many days.", valueName: "days"))
    var dueWithin: Int?

    @Option(name: .long, help: ArgumentHelp("Use abroad above this amount this cycle.", valueName: "amount"))
    var roamingAbove: String?

    @Option(name: .long, help: ArgumentHelp("The day to check due dates against (default: today).", valueName: "yyyy-mm-dd"))
    var today: String?

    @Option(name: .long, help: ArgumentHelp("Readings older than this many days are reported as stale (default 7).", valueName: "days"))
    var maxAge: Int = 7

    @Flag(name: .long, help: "Print JSON: each hit with its value, threshold, unit, when it was read and whether it is stale.")
    var json = false

    @OptionGroup var filter: LineFilter
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if !(0...36_500).contains(maxAge) { throw ValidationError("--max-age must be between 0 and 36500 days, not \(maxAge).") }
        if let dataBelow, (try? DataAmount(dataBelow)) == nil { throw ValidationError("--data-below: '\(dataBelow)' is not an amount of data like 2GB") }
        if let roamingAbove, (try? DataAmount(roamingAbove)) == nil { throw ValidationError("--roaming-above: '\(roamingAbove)' is not an amount of data like 500MB") }
        if let balanceBelow, (try? Money(balanceBelow)) == nil { throw ValidationError("--balance-below: '\(balanceBelow)' is not money like $5.00") }
        if let dataBelowPercent, !(0...100).contains(dataBelowPercent) { throw ValidationError("--data-below-percent is between 0 and 100") }
        if let dueWithin, dueWithin < 0 { throw ValidationError("--due-within is a number of days, 0 or more") }
        if let today, (try? CalendarDate(today)) == nil { throw ValidationError("--today: '\(today)' is not a date like 2026-11-20") }
    }

    func execute(console: Console) -> ExitStatus {
        guard let fileRules = configuredRules(console: console) else { return .rejected }
        let rules = fileRules.overridden(by: flagRules)
        if rules.isEmpty {
            console.error("no thresholds: give flags such as --data-below 2GB, or a --config file (see --help)")
            return .usage
        }
        guard let database = store.open(console: console) else { return .rejected }
        let hits: [AlertHit]
        do {
            let lines = filter.select(try database.lineHistories(carrier: filter.carrier))
            let accounts = filter.line == nil ? try database.accountHistories(carrier: filter.carrier) : []
            let day = today.flatMap { try? CalendarDate($0) } ?? CalendarDate.today ?? Timestamp.now.localDate
            hits = Alerts.evaluate(lines: lines, accounts: accounts, rules: rules, today: day,
                                   now: today == nil ? .now : Timestamp(noonOf: day), maxAge: Int64(maxAge) * 86_400)
        } catch {
            console.error(error.description)
            return .rejected
        }
        if json {
            console.out(JSONOutput.text(hits))
        } else {
            UsageRenderer.alerts(hits).forEach(console.out)
            if hits.isEmpty { console.err("no threshold crossed") }
        }
        return hits.isEmpty ? .ok : .breached
    }

    /// The thresholds the flags set (their values were checked by `validate()`).
    var flagRules: AlertRules {
        AlertRules(dataBelow: dataBelow.flatMap { try? DataAmount($0) }, dataBelowPercent: dataBelowPercent,
                   runOutBeforeReset: runOutBeforeReset, balanceBelow: balanceBelow.flatMap { try? Money($0) },
                   dueWithinDays: dueWithin, roamingAbove: roamingAbove.flatMap { try? DataAmount($0) })
    }

    /// The thresholds of --config, or of the default file when it exists; `nil` (reported)
    /// when the file cannot be read.
    func configuredRules(console: Console) -> AlertRules? {
        guard let path = config ?? AlertRules.defaultPath, config != nil || FileStatus.exists(path) else { return AlertRules() }
        do {
            return try AlertRules.parse(String(decoding: try FileReader.read(path), as: UTF8.self), file: path)
        } catch let error as SpecError {
            console.error("alert thresholds: \(error)")
        } catch {
            console.error("\(error)")
        }
        return nil
    }
}
