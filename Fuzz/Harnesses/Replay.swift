import ESIMKit
import ESIMSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A plain build's stand-in for libFuzzer: every file given, and every file under a
/// folder given, through the harness once. A broken property traps, naming the file
/// printed just before it.
enum Replay {
    /// Inputs slower than this are named: the fuzz runs use `-timeout=10`.
    static let slowSeconds = 1.0

    static func run(_ target: FuzzTarget, paths: [String]) -> Int32 {
        let files: [String]
        do {
            files = try DirectoryWalk.regularFiles(in: paths)
        } catch {
            Replay.printError("esimtool-fuzz: \(error)\n")
            return 1
        }
        var slowest: (file: String, seconds: Double)?
        for file in files {
            let bytes: [UInt8]
            do { bytes = try FileReader.read(file) } catch {
                Replay.printError("esimtool-fuzz: \(error)\n")
                return 1
            }
            Replay.printError("\(target.name): \(file)\n")
            let start = now()
            bytes.withUnsafeBytes { target.run($0) }
            let seconds = now() - start
            if seconds >= (slowest?.seconds ?? 0) { slowest = (file, seconds) }
            if seconds > slowSeconds { print("\(target.name): \(file) took \(format(seconds)) s") }
        }
        let note = slowest.map { ", slowest \($0.file) (\(format($0.seconds)) s)" } ?? ""
        print("\(target.name): \(files.count) input\(files.count == 1 ? "" : "s") replayed, no failure\(note)")
        return 0
    }

    /// Writes `text` to standard error.
    static func printError(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in _ = write(STDERR_FILENO, buffer.baseAddress, buffer.count) }
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func format(_ seconds: Double) -> String {
        String(Double(Int(seconds * 1000)) / 1000)
    }
}
