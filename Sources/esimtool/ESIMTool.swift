import ArgumentParser

@main
struct ESIMTool: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "esimtool",
        abstract: "Decode eSIM activation codes and SIM identifiers, look carriers up, and read plans, profile lists and saved account pages, offline.",
        discussion: """
        Exit status: 0 when every input is valid (warnings allowed unless --strict), \
        1 when any input is invalid or cannot be read, 3 when `alert` finds a threshold \
        crossed, 64 on a usage error.
        """,
        version: version,
        subcommands: [DecodeCommand.self, EncodeCommand.self, EIDCommand.self, ICCIDCommand.self, CarrierCommand.self, QRCommand.self, RedactCommand.self, FixtureCommand.self,
                      TrackCommand.self, UsageCommand.self, AlertCommand.self,
                      InspectCommand.self, ValidateCommand.self, QueryCommand.self, SpecCommand.self, PlanCommand.self, ProfilesCommand.self]
    )
}

/// The process exit statuses every command uses.
enum ExitStatus: Int32 {
    case ok = 0
    /// Some input was invalid or unreadable, or a check failed.
    case rejected = 1
    /// `alert`: a threshold is crossed (distinct from failures, for schedulers).
    case breached = 3
    /// The command line itself was wrong (ArgumentParser uses the same value).
    case usage = 64
}

/// Runs a command's `execute` against the real terminal and exits with its status.
protocol ConsoleCommand: ParsableCommand {
    func execute(console: Console) -> ExitStatus
}

extension ConsoleCommand {
    func run() throws {
        let console = Console.standard()
        let status = execute(console: console)
        console.flush()
        if status != .ok { throw ExitCode(status.rawValue) }
    }
}
