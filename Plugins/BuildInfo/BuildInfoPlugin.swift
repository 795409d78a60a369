import Foundation
import PackagePlugin

/// Writes `BuildInfo.swift` (the commit the build is made from) for the target that uses
/// it, so `esimtool --version` names it. The command runs again whenever git moves HEAD:
/// its inputs are the files a commit, checkout or pull rewrites (`HEAD`, the branch it
/// names, `packed-refs`). Without git, outside a git checkout, or inside some other
/// project's checkout, the commit is empty and the version stands alone.
@main
struct BuildInfoPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("BuildInfo.swift")
        let script = #"""
            root="$1"; out="$2"
            commit=""
            if top=$(git -C "$root" rev-parse --show-toplevel 2>/dev/null) \
                && [ "$(cd "$top" && pwd -P)" = "$(cd "$root" && pwd -P)" ]; then
                commit=$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null) || commit=""
            fi
            {
                echo "// Written by the BuildInfo plugin at build time; not in the repository."
                echo "enum BuildInfo {"
                echo "    /// The commit built from (12 hex digits), or empty when unknown."
                echo "    static let commit = \"$commit\""
                echo "}"
            } > "$out"
            """#
        return [.buildCommand(displayName: "Recording the commit for --version",
                              executable: URL(fileURLWithPath: "/bin/sh"),
                              arguments: ["-c", script, "build-info", root.path, output.path],
                              inputFiles: Self.gitFiles(root),
                              outputFiles: [output])]
    }

    /// The files that change when HEAD moves to another commit, those that exist.
    static func gitFiles(_ root: URL) -> [URL] {
        var git = root.appendingPathComponent(".git")
        // A worktree or submodule has a `.git` file naming the real directory.
        if let pointer = try? String(contentsOf: git, encoding: .utf8), pointer.hasPrefix("gitdir: ") {
            let path = pointer.dropFirst("gitdir: ".count).trimmingCharacters(in: .whitespacesAndNewlines)
            git = path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
        }
        let head = git.appendingPathComponent("HEAD")
        var files = [head, git.appendingPathComponent("packed-refs")]
        if let text = try? String(contentsOf: head, encoding: .utf8), text.hasPrefix("ref: ") {
            files.append(git.appendingPathComponent(text.dropFirst("ref: ".count).trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        return files.filter { FileManager.default.fileExists(atPath: $0.path) }
    }
}
