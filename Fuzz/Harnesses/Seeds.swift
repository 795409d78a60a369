import ESIMKit
import ESIMSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `esimtool-fuzz --seeds TARGET DIR`, run from the repository root: writes the target's
/// starting corpus into DIR — its sample files as they are, and its further seeds.
enum Seeds {
    static func write(_ target: FuzzTarget, into directory: String) -> Int32 {
        var count = 0
        do {
            try FileWriter.makeDirectory(directory)
            for pattern in target.samples {
                // Expected outputs are not inputs (the json target seeds itself with them).
                for path in files(matching: pattern) where !path.contains(".expected.") {
                    let name = path.map { $0 == "/" ? "_" : $0 }
                    try FileWriter.write(try FileReader.read(path), to: directory + "/" + String(name))
                    count += 1
                }
            }
            for (index, seed) in target.seeds().enumerated() {
                try FileWriter.write(seed, to: directory + "/seed-\(index)")
                count += 1
            }
        } catch {
            Replay.printError("esimtool-fuzz: \(error)\n")
            return 1
        }
        print("\(target.name): \(count) seeds in \(directory)")
        return 0
    }

    /// The files a glob pattern names, in order.
    static func files(matching pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(pattern, 0, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { result.gl_pathv[$0].map { String(cString: $0) } }
    }

    /// Each line of the files matching `pattern` that is not blank or a `#` comment.
    static func lines(_ pattern: String) -> [[UInt8]] {
        files(matching: pattern).flatMap { path in
            let text = String(decoding: (try? FileReader.read(path)) ?? [], as: UTF8.self)
            return text.split(separator: "\n").filter { !InputDecoder.isSkippedLine($0) }.map { Array($0.utf8) }
        }
    }

    /// Each paragraph (blank-line separated) of the files matching `pattern`.
    static func paragraphs(_ pattern: String) -> [[UInt8]] {
        files(matching: pattern).flatMap { path in
            let text = String(decoding: (try? FileReader.read(path)) ?? [], as: UTF8.self)
            return text.split(separator: "\n\n").map { Array($0.utf8) }
        }
    }

    static func utf8(_ texts: [String]) -> [[UInt8]] { texts.map { Array($0.utf8) } }

    /// Every rule of the built-in specs.
    static var builtInRules: [ExtractionRule] {
        BuiltInPages.extractor.specs.flatMap { $0.pages.flatMap(\.allRules) }
    }
}
