import ArgumentParser
import ESIMSupport

@main
struct ESIMTool: ParsableCommand {
    static let version = "0.1.0"

    /// What `--version` prints: the version and the commit the binary was built from
    /// (`0.1.0 (commit 1a2b3c4d5e6f)`), or the version alone when the build did not know
    /// its commit.
    static var versionText: String {
        BuildInfo.commit.isEmpty ? version : version + " (commit " + BuildInfo.commit + ")"
    }

    static let configuration = CommandConfiguration(
        commandName: "esimtool",
        abstract: "Decode eSIM activation codes and SIM identifiers, look carriers up, and read plans, profile lists and saved account pages, offline.",
        discussion: """
        Exit status: 0 when every input is valid (warnings allowed unless --strict), \
        1 when any input is invalid or cannot be read, 3 when `alert` finds a threshold \
        crossed, 64 on a usage error.
        """,
        version: versionText,
        subcommands: [DecodeCommand.self, EncodeCommand.self, EIDCommand.self, ICCIDCommand.self, CarrierCommand.self, QRCommand.self, RedactCommand.self, FixtureCommand.self,
                      TrackCommand.self, UsageCommand.self, AlertCommand.self,
                      InspectCommand.self, ValidateCommand.self, QueryCommand.self, SpecCommand.self, PlanCommand.self, ProfilesCommand.self]
    )

    /// ArgumentParser's run, after a check it does not make: a mistyped subcommand
    /// (`esimtool decod x`, `esimtool help nosuch`) is a usage error that says what was
    /// probably meant, instead of "unexpected arguments" or the top-level help. A lone
    /// `--version`, and `decode` with one input (``DecodeCommand/fastPath(_:)``), are
    /// answered before any command is built (ArgumentParser reflects over the root's and
    /// the subcommand's arguments first, which costs more than the rest of the process).
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments == ["--version"] {
            let console = Console.standard()
            console.out(versionText)
            console.flush()
            return
        }
        // The most common command, one input to decode, runs without the command tree.
        if let run = DecodeCommand.fastPath(arguments) {
            let console = Console.standard()
            let status = run.execute(console: console)
            console.flush()
            if status != .ok { exit(withError: ExitCode(status.rawValue)) }
            return
        }
        if let problem = unknownSubcommand(in: arguments) {
            let console = Console.standard()
            console.error(problem)
            console.err("Usage: esimtool <subcommand>\n  See 'esimtool --help' for the subcommands.")
            console.flush()
            exit(withError: ExitCode(ExitStatus.usage.rawValue))
        }
        main(arguments)
    }

    /// The names of the top-level subcommands.
    static var subcommandNames: [String] {
        configuration.subcommands.map { $0.configuration.commandName ?? "" } + ["help"]
    }

    /// The message for a first word that names no subcommand (`nil` when it names one,
    /// or is a flag), with the nearest names.
    static func unknownSubcommand(in arguments: [String]) -> String? {
        guard var word = arguments.first, !word.hasPrefix("-") else { return nil }
        var context = "command"
        if word == "help" {
            guard arguments.count > 1, !arguments[1].hasPrefix("-") else { return nil }
            word = arguments[1]
            context = "help topic"
        }
        let names = subcommandNames.filter { $0 != "help" }
        if names.contains(word) || word == "help" { return nil }
        let near = EditDistance.nearest(word.lowercased(), in: names)
        let hint = near.isEmpty ? "" : "; did you mean " + near.map { "'\($0)'" }.joined(separator: " or ") + "?"
        return "unknown \(context) '\(word)'\(hint)"
    }
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
