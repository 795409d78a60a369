#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CMarkupBaseline
import ESIMMarkup

/// `esimtool-bench markup`: ESIMMarkup against the same work written in C on libxml2,
/// over the shared corpus of saved pages, in one process.
enum MarkupBenchmark {
    /// Ten rules of the kinds carrier specs use: anchored paths and class scans.
    static let rules = [
        "/html/head/title",
        "/html/body//h1",
        "//*[contains(@class,'balance')]",
        "//*[contains(@class,'amount')]",
        "//*[contains(@class,'due')]",
        "//*[contains(@class,'usage')]",
        "//meta[@property='og:title']/@content",
        "//link[@rel='canonical']/@href",
        "//*[@id='main']//p",
        "//table//tr[2]/td[2]",
    ]

    static func loadCorpus(_ directory: String) -> [(name: String, bytes: [UInt8])] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name.hasSuffix(".html") { names.append(name) }
        }
        return names.sorted().compactMap { name in
            guard let bytes = try? readFile(directory + "/" + name) else { return nil }
            return (name, bytes)
        }
    }

    static func readFile(_ path: String) throws -> [UInt8] {
        guard let file = fopen(path, "rb") else { throw BenchmarkError("cannot open \(path)") }
        defer { fclose(file) }
        fseek(file, 0, SEEK_END)
        let size = ftell(file)
        fseek(file, 0, SEEK_SET)
        var bytes = [UInt8](repeating: 0, count: size)
        let read = bytes.withUnsafeMutableBytes { fread($0.baseAddress, 1, size, file) }
        guard read == size else { throw BenchmarkError("short read of \(path)") }
        return bytes
    }

    /// For instruction-count profiling: one side only, `limit` pages, one pass.
    static func runOneSide(corpus directory: String, side: String, limit: Int, rules withRules: Bool) {
        let pages = Array(loadCorpus(directory).prefix(limit))
        if side == "c" {
            var pointers: [UnsafePointer<UInt8>?] = pages.map { page in
                let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: page.bytes.count)
                _ = buffer.initialize(from: page.bytes)
                return UnsafePointer(buffer.baseAddress)
            }
            var sizes = pages.map(\.bytes.count)
            var hits = 0
            let result = withRules
                ? rules.withCStrings { esim_baseline_extract(&pointers, &sizes, pointers.count, $0, $0.count, &hits) }
                : esim_baseline_parse(&pointers, &sizes, pointers.count)
            print(result)
        } else {
            let compiled = rules.compactMap { try? XPathExpression($0) }
            var total = 0
            for page in pages {
                guard let document = try? HTMLDocument(bytes: page.bytes) else { continue }
                if withRules {
                    for rule in compiled { total += (try? document.first(rule))?.text.utf8.count ?? 0 }
                }
            }
            print(total)
        }
    }

    static func run(corpus directory: String, rounds: Int) {
        let pages = loadCorpus(directory)
        guard !pages.isEmpty else {
            print("markup: no pages found in \(directory); pass --corpus DIR")
            return
        }
        let totalBytes = pages.reduce(0) { $0 + $1.bytes.count }
        let megabytes = Double(totalBytes) / 1_000_000
        print("markup corpus: \(pages.count) pages, \(format(megabytes)) MB, median of \(rounds) interleaved rounds, one thread")

        // Stable pointers for the C side for the whole run.
        let buffers = pages.map { page -> UnsafeMutableBufferPointer<UInt8> in
            let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: page.bytes.count)
            _ = buffer.initialize(from: page.bytes)
            return buffer
        }
        defer { buffers.forEach { $0.deallocate() } }
        var pointers: [UnsafePointer<UInt8>?] = buffers.map { UnsafePointer($0.baseAddress) }
        var sizes: [Int] = buffers.map(\.count)
        let compiled = rules.compactMap { try? XPathExpression($0) }
        precondition(compiled.count == rules.count, "a benchmark rule does not compile")

        let (cParse, swiftParse) = measureInterleaved("C libxml2: parse", "ESIMMarkup: parse",
                                                      rounds: rounds, count: totalBytes, {
            Int(esim_baseline_parse(&pointers, &sizes, pointers.count))
        }, {
            var roots = 0
            for page in pages {
                if let document = try? HTMLDocument(bytes: page.bytes), document.root != nil { roots += 1 }
            }
            return roots
        })
        var cHits = 0
        var swiftHits = 0
        var cTextBytes = 0
        let (cExtract, swiftExtract) = measureInterleaved("C libxml2: parse + 10 rules", "ESIMMarkup: parse + 10 rules",
                                                          rounds: rounds, count: totalBytes, {
            var hits = 0
            let bytes = rules.withCStrings { ruleStrings in
                esim_baseline_extract(&pointers, &sizes, pointers.count, ruleStrings, ruleStrings.count, &hits)
            }
            cHits = hits
            cTextBytes = Int(bytes)
            return Int(bytes)
        }, {
            var bytes = 0
            var hits = 0
            for page in pages {
                guard let document = try? HTMLDocument(bytes: page.bytes) else { continue }
                for rule in compiled {
                    if let first = try? document.first(rule) {
                        bytes += first.text.utf8.count
                        hits += 1
                    }
                }
            }
            swiftHits = hits
            return bytes
        })

        for result in [cParse, swiftParse, cExtract, swiftExtract] {
            let rate = Double(result.count) / result.median / 1_000_000
            print("\(result.name): \(format(rate, 10)) MB/s (\(format(result.median * 1000, 10)) ms per pass)")
        }
        print("parse: ESIMMarkup/C = \(format(swiftParse.perSecond / cParse.perSecond, 1000))x")
        print("parse + rules: ESIMMarkup/C = \(format(swiftExtract.perSecond / cExtract.perSecond, 1000))x"
            + " (rules matched: C \(cHits), ESIMMarkup \(swiftHits); \(cTextBytes / 1000) kB of text read per pass)")

        if let largest = pages.max(by: { $0.bytes.count < $1.bytes.count }) {
            let path = directory + "/" + largest.name
            let c = peakMemory(engine: "c", path: path)
            let swift = peakMemory(engine: "swift", path: path)
            if let c, let swift {
                print("peak memory parsing \(largest.name) (\(largest.bytes.count) bytes), fresh process each:"
                    + " C \(c.peak) KB (+\(c.growth) KB), ESIMMarkup \(swift.peak) KB (+\(swift.growth) KB);"
                    + " growth ratio \(format(Double(swift.growth) / Double(max(c.growth, 1)), 100))x")
            }
        }
    }

    /// Runs `esimtool-bench markup-memory` in a fresh process and reads its report.
    static func peakMemory(engine: String, path: String) -> (peak: Int, growth: Int)? {
        let command = "'\(selfPath())' markup-memory \(engine) '\(path)'"
        guard let pipe = popen(command, "r") else { return nil }
        var line = [CChar](repeating: 0, count: 256)
        let read = fgets(&line, Int32(line.count), pipe) != nil
        pclose(pipe)
        guard read else { return nil }
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let fields = text.split(separator: " ").compactMap { Int(String($0).trimmingCharactersInWhitespace()) }
        guard fields.count == 2 else { return nil }
        return (fields[1], fields[1] - fields[0])
    }

    /// In a fresh process: the resident peak before and after parsing one page, in KB.
    static func reportMemory(engine: String, path: String) {
        guard let bytes = try? readFile(path) else {
            print("0 0")
            return
        }
        let before = maximumResidentKB()
        if engine == "c" {
            _ = bytes.withUnsafeBufferPointer { esim_baseline_parse_one($0.baseAddress, $0.count) }
        } else {
            _ = try? HTMLDocument(bytes: bytes).root
        }
        print("\(before) \(maximumResidentKB())")
    }

    static func maximumResidentKB() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss)
    }

    static func selfPath() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return CommandLine.arguments[0] }
        return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

struct BenchmarkError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

extension Array where Element == String {
    /// Calls `body` with the strings as C strings that live for the call.
    func withCStrings<Result>(_ body: ([UnsafePointer<CChar>?]) -> Result) -> Result {
        let copies = map { strdup($0) }
        defer { copies.forEach { free($0) } }
        return body(copies.map { UnsafePointer($0) })
    }
}
