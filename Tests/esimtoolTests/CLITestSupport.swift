import ArgumentParser
import Testing
@testable import esimtool

/// What one in-process run of the command line produced.
struct CLIRun {
    var status: Int32
    var out: String
    var err: String

    var outLines: [String] { out.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
}

/// Parses `arguments` as the real binary does and runs the command against a capturing
/// console. Usage errors give ArgumentParser's exit code, as the process would.
func runCLI(_ arguments: [String], stdin: [String] = []) -> CLIRun {
    final class Capture: @unchecked Sendable {
        var out = ""
        var err = ""
        var input: [String]
        init(input: [String]) { self.input = input }
    }
    let capture = Capture(input: stdin)
    let console = Console(
        writeOut: { capture.out += $0 },
        writeErr: { capture.err += $0 },
        readLine: { capture.input.isEmpty ? nil : capture.input.removeFirst() })
    do {
        let command = try ESIMTool.parseAsRoot(arguments)
        guard let runnable = command as? any ConsoleCommand else {
            return CLIRun(status: -1, out: "", err: "not a console command: \(type(of: command))")
        }
        let status = runnable.execute(console: console)
        return CLIRun(status: status.rawValue, out: capture.out, err: capture.err)
    } catch {
        return CLIRun(status: ESIMTool.exitCode(for: error).rawValue, out: "",
                      err: ESIMTool.fullMessage(for: error))
    }
}
