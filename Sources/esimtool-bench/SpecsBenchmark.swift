#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ESIMKit
import ESIMYAML

/// `esimtool-bench specs`: what every `inspect`, `validate` and `plan --page` run pays
/// before reading a page — loading the carrier specs and compiling their rules — against
/// the floor of that work, libyaml's events composed into the same YAML nodes. Once for the built-in
/// specs, once with `--count` extra copies of the specs that have pages (renamed), for
/// how it grows with carriers. Each round runs on a new thread, so no compiled selector
/// cached by an earlier round helps it: every round costs what a fresh process pays.
enum SpecsBenchmark {
    static func run(copies: Int, rounds: Int) {
        let builtIn = BuiltInSpecs.files
        report(title: "built-in specs (\(builtIn.count) files)", texts: builtIn.map(\.text), directory: nil, rounds: rounds)
        guard copies > 0 else { return }
        guard let directory = writeCopies(copies) else {
            print("specs: cannot write a scratch directory")
            return
        }
        defer { removeCopies(directory) }
        let written = listFiles(directory)
        let texts = builtIn.map(\.text) + written.compactMap { readText(directory + "/" + $0) }
        print("")
        report(title: "built-in specs and \(written.count) renamed copies of those with pages (\(texts.count) files)",
                texts: texts, directory: directory, rounds: rounds)
    }

    static func report(title: String, texts: [String], directory: String?, rounds: Int) {
        let bytes = texts.reduce(0) { $0 + $1.utf8.count }
        print("specs: \(title), \(format(Double(bytes) / 1000, 10)) KB of YAML, median of \(rounds) rounds, each on a fresh thread")
        let compose = { onFreshThread { texts.reduce(0) { $0 + ((try? YAMLDocument($1)) == nil ? 0 : 1) } } }
        let load = { onFreshThread { (try? CuratedSpecs.pageSpecs(specsDirectory: directory).count) ?? -1 } }
        let compile = {
            onFreshThread {
                guard let specs = try? CuratedSpecs.pageSpecs(specsDirectory: directory),
                      let extractor = try? PageExtractor(specs: specs) else { return -1 }
                return extractor.specs.count
            }
        }
        let (composed, loaded) = measureInterleaved("YAML into nodes (the floor)", "CuratedSpecs.load (parse and check)",
                                                rounds: rounds, count: texts.count, compose, load)
        let compiled = measure("load + PageExtractor (what inspect pays)", rounds: rounds, count: texts.count, compile)
        for measurement in [composed, loaded, compiled] {
            print("  \(measurement.name.padded(42)) \(format(measurement.median * 1000)) ms  (best round \(format(measurement.best * 1000)) ms)")
        }
        print("  load / floor: \(format(loaded.median / composed.median))×, load + compile / floor: \(format(compiled.median / composed.median))×,"
              + " per file: \(format(compiled.median * 1000 / Double(texts.count), 1000)) ms")
    }

    /// Runs `body` on a new thread and waits for it.
    static func onFreshThread(_ body: @escaping () -> Int) -> Int {
        final class Box {
            let body: () -> Int
            var result = 0
            init(_ body: @escaping () -> Int) { self.body = body }
        }
        let box = Box(body)
        let context = Unmanaged.passRetained(box).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(&thread, nil, { context in
            let box = Unmanaged<Box>.fromOpaque(context!).takeUnretainedValue()
            box.result = box.body()
            return nil
        }, context)
        guard created == 0 else {
            Unmanaged<Box>.fromOpaque(context).release()
            return body()
        }
        pthread_join(thread, nil)
        let result = box.result
        Unmanaged<Box>.fromOpaque(context).release()
        return result
    }

    /// Renamed copies of the built-in specs that have page sections, in a scratch directory.
    static func writeCopies(_ copies: Int) -> String? {
        var template = Array("/tmp/esimtool-specs-XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else { return nil }
        let directory = String(cString: created)
        let withPages = BuiltInSpecs.files.filter { $0.text.contains("\npages:") }
        for index in 0..<copies {
            let (name, text) = withPages[index % withPages.count]
            let stem = String(name.dropLast(5))
            let renamed = text.replacingFirst("\nid: \(stem)\n", with: "\nid: \(stem)-copy\(index)\n")
            guard PagesBenchmark.write(Array(renamed.utf8), to: directory + "/\(stem)-copy\(index).yaml") else { return nil }
        }
        return directory
    }

    static func listFiles(_ directory: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasSuffix(".yaml") { names.append(name) }
        }
        return names.sorted()
    }

    static func readText(_ path: String) -> String? {
        (try? MarkupBenchmark.readFile(path)).map { String(decoding: $0, as: UTF8.self) }
    }

    static func removeCopies(_ directory: String) {
        for name in listFiles(directory) { unlink(directory + "/" + name) }
        rmdir(directory)
    }
}

extension String {
    /// The text with the first occurrence of `target` replaced.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        var result = self
        result.replaceSubrange(range, with: replacement)
        return result
    }
}
