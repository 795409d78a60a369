import Foundation
import Testing
@testable import esimtool
import ESIMKit

/// The README's examples, run: every `$ esimtool …` line of a code block whose command
/// reads only what the repository holds is run in process, and its output must be the
/// lines shown under it. Examples that need files a reader would have (`page.html`), a
/// tracked history or a terminal are left to the reader.
@Suite("README examples")
struct ReadmeExampleTests {
    struct Example: CustomStringConvertible {
        var command: [String]
        var expected: [String]
        var description: String { command.joined(separator: " ") }
    }

    /// Commands whose output depends only on their arguments and the repository (`carrier`
    /// reads the built-in provider table, the same on every machine unless a newer system
    /// copy is installed, which the README examples do not assume).
    static let runnable: Set<String> = {
        var commands: Set<String> = ["decode", "eid", "iccid", "encode", "plan", "profiles", "query", "inspect"]
        let system = ProviderDatabase.fileDate(ProviderDatabase.systemPath) ?? 0
        if system <= ProviderDatabase.embeddedHeader.date { commands.insert("carrier") }
        return commands
    }()

    static let examples: [Example] = {
        guard let text = try? String(contentsOfFile: RepositoryPaths.root + "/README.md", encoding: .utf8) else { return [] }
        var result: [Example] = []
        var inBlock = false
        var current: Example?
        func finish() {
            if var example = current {
                while example.expected.last?.isEmpty == true { example.expected.removeLast() }
                if !example.expected.isEmpty, !example.expected.contains(where: { $0.contains("…") }) { result.append(example) }
            }
            current = nil
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("```") {
                finish()
                inBlock.toggle()
                continue
            }
            guard inBlock else { continue }
            if line.hasPrefix("$ ") {
                finish()
                guard line.hasPrefix("$ esimtool "), !line.hasSuffix("\\"), !line.contains("|"), !line.contains("#"),
                      let words = shellWords(String(line.dropFirst(2))), words.count > 1, runnable.contains(words[1]),
                      words.dropFirst(2).allSatisfy(isAvailable) else { continue }
                current = Example(command: Array(words.dropFirst()), expected: [])
            } else {
                current?.expected.append(line)
            }
        }
        return result
    }()

    /// Single and double quotes as a shell reads them (no escapes inside single quotes).
    static func shellWords(_ line: String) -> [String]? {
        var words: [String] = []
        var word = ""
        var quote: Character?
        var started = false
        for character in line {
            if let open = quote {
                if character == open { quote = nil } else { word.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                started = true
            } else if character == " " {
                if started || !word.isEmpty { words.append(word) }
                word = ""
                started = false
            } else {
                word.append(character)
            }
        }
        guard quote == nil else { return nil }
        if started || !word.isEmpty { words.append(word) }
        return words
    }

    /// An argument that is not a file, or a file the repository holds.
    static func isAvailable(_ argument: String) -> Bool {
        let extensions = [".html", ".der", ".xml", ".json", ".jsonl", ".txt", ".lines", ".png", ".svg", ".jpg"]
        let looksLikeFile = argument.contains("/") && !argument.contains("://") || extensions.contains { argument.hasSuffix($0) }
        return !looksLikeFile || FileManager.default.fileExists(atPath: RepositoryPaths.root + "/" + argument)
    }

    @Test("the README shows runnable examples")
    func found() {
        #expect(Self.examples.count >= 15, "only \(Self.examples.count) README examples found")
    }

    @Test("each example prints what the README shows", arguments: examples)
    func example(_ example: Example) {
        // Files by absolute path (tests run in parallel: no changing directory), and the
        // output shown relative to the repository again.
        let root = RepositoryPaths.root + "/"
        let arguments = example.command.map { FileManager.default.fileExists(atPath: root + $0) && !$0.isEmpty ? root + $0 : $0 }
        let run = runCLI(arguments)
        let printed = (run.outLines + run.err.split(separator: "\n").map(String.init)).map { $0.replacingOccurrences(of: root, with: "") }
        #expect(printed == example.expected, "\(example)")
    }
}
