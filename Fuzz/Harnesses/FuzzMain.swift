import CFuzzerDriver
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `esimtool-fuzz TARGET [libFuzzer flags and corpus folders]`: runs one harness under
/// libFuzzer (a build with `-sanitize=fuzzer` and `-D ESIMTOOL_LIBFUZZER`, as
/// `Scripts/fuzz` makes it), or, in a plain build, replays the files and folders given
/// through it once each. `esimtool-fuzz --list` names every harness;
/// `esimtool-fuzz --seeds TARGET DIR` writes its starting corpus.
///
/// The target may also come from `ESIMTOOL_FUZZ_TARGET`; it is set for libFuzzer's own
/// child processes (`-fork`, `-jobs`), which are started without the name.
@main
enum FuzzMain {
    static func main() {
        var arguments = CommandLine.arguments
        if arguments.count > 1, arguments[1] == "--list" {
            for target in FuzzTarget.all { print("\(target.name)\t\(target.summary)") }
            exit(0)
        }
        if arguments.count == 4, arguments[1] == "--seeds", let target = FuzzTarget.named(arguments[2]) {
            exit(Seeds.write(target, into: arguments[3]))
        }
        var name = getenv("ESIMTOOL_FUZZ_TARGET").map { String(cString: $0) }
        if arguments.count > 1, FuzzTarget.named(arguments[1]) != nil {
            name = arguments.remove(at: 1)
        }
        guard let name, let target = FuzzTarget.named(name) else {
            let names = FuzzTarget.all.map(\.name).joined(separator: ", ")
            Replay.printError("usage: esimtool-fuzz TARGET [libFuzzer arguments] | --list | --seeds TARGET DIR\ntargets: \(names)\n")
            exit(64)
        }
        setenv("ESIMTOOL_FUZZ_TARGET", name, 1)
        selected = target
        #if ESIMTOOL_LIBFUZZER
        exit(runLibFuzzer(arguments))
        #else
        exit(Replay.run(target, paths: Array(arguments.dropFirst())))
        #endif
    }

    /// The harness the libFuzzer callback runs (a C callback cannot capture it).
    nonisolated(unsafe) static var selected: FuzzTarget?

    #if ESIMTOOL_LIBFUZZER
    static func runLibFuzzer(_ arguments: [String]) -> Int32 {
        var argc = Int32(arguments.count)
        var pointers = arguments.map { strdup($0) } + [nil]
        return pointers.withUnsafeMutableBufferPointer { buffer in
            var argv = buffer.baseAddress
            return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
                FuzzMain.selected?.run(UnsafeRawBufferPointer(start: data, count: size))
                return 0
            }
        }
    }
    #endif
}
