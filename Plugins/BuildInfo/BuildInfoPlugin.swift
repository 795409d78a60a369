import Foundation
import PackagePlugin

/// Writes `BuildInfo.swift` (the commit the build is made from) before every build of the
/// target that uses it, so `esimtool --version` names it. The file is replaced only when
/// the commit changes, so an unchanged checkout compiles nothing again. Without git, or
/// outside a git checkout, the commit is empty and the version stands alone.
@main
struct BuildInfoPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("BuildInfo")
        let script = #"""
            root="$1"; out="$2"
            mkdir -p "$out"
            commit=$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null) || commit=""
            changed=false
            if [ -n "$commit" ] && ! git -C "$root" diff --quiet HEAD -- 2>/dev/null; then changed=true; fi
            {
                echo "// Written by the BuildInfo plugin at build time; not in the repository."
                echo "enum BuildInfo {"
                echo "    /// The commit built from (12 hex digits), or empty when unknown."
                echo "    static let commit = \"$commit\""
                echo "    /// Whether the checkout differed from that commit."
                echo "    static let hasUncommittedChanges = $changed"
                echo "}"
            } > "$out/BuildInfo.swift.new"
            if cmp -s "$out/BuildInfo.swift.new" "$out/BuildInfo.swift"; then
                rm -f "$out/BuildInfo.swift.new"
            else
                mv "$out/BuildInfo.swift.new" "$out/BuildInfo.swift"
            fi
            """#
        return [.prebuildCommand(displayName: "Recording the commit for --version",
                                 executable: URL(fileURLWithPath: "/bin/sh"),
                                 arguments: ["-c", script, "build-info", context.package.directoryURL.path, output.path],
                                 outputFilesDirectory: output)]
    }
}
