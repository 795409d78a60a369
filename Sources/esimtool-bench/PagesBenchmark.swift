#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import ESIMKit
import ESIMMarkup
import Synchronization

/// `esimtool-bench pages`: reading saved account pages with the carrier specs, against
/// the bare ESIMMarkup work on the same pages (parse, then each page's rules as compiled
/// XPath or JSON paths, first match's text), and validation on one worker against two.
enum PagesBenchmark {
    static func run(samples directory: String, copies: Int, rounds: Int, corpus: String) {
        guard let specs = try? CuratedSpecs.pageSpecs(), let extractor = try? PageExtractor(specs: specs) else {
            print("pages: the built-in specs do not load")
            return
        }
        guard let fixtures = try? Validator.fixtures(in: directory), !fixtures.isEmpty else {
            print("pages: no saved pages under \(directory); pass --samples DIR")
            return
        }
        let originals = fixtures.compactMap { fixture -> (Fixture, [UInt8])? in
            guard let bytes = try? MarkupBenchmark.readFile(fixture.path) else { return nil }
            return (fixture, bytes)
        }
        // The corpus: the samples repeated to `copies` pages.
        let pages = (0..<copies).map { originals[$0 % originals.count] }
        let totalBytes = pages.reduce(0) { $0 + $1.1.count }
        let megabytes = Double(totalBytes) / 1_000_000
        print("pages corpus: \(originals.count) sample pages repeated to \(pages.count) (\(format(megabytes)) MB), median of \(rounds) rounds")

        let reference = Self.reference
        let plans = Self.plans(for: originals, specs: specs, extractor: extractor)
        let ruleCount = plans.reduce(0) { $0 + $1.ruleCount }
        print("fields per page: \(format(Double(ruleCount) / Double(plans.count), 10)) on average (line fields counted once)")

        let copies = pages.enumerated().map { index, page in Page(fixture: page.0, plan: plans[index % originals.count], bytes: page.1) }
        compare(copies, specs: specs, extractor: extractor, reference: reference, megabytes: megabytes, rounds: rounds)
        fullSize(originals: originals, plans: plans, specs: specs, extractor: extractor, reference: reference,
                 corpus: corpus, rounds: rounds)
    }

    /// The day the samples' year-less dates are read against.
    static let reference = CalendarDate(year: 2026, month: 11, day: 20)

    /// The baseline's rules: for each sample, the rules of the page kind `inspect` reads it
    /// as, as bare XPath (CSS translated) or JSON paths.
    static func plans(for samples: [(Fixture, [UInt8])], specs: [AccountPageSpec], extractor: PageExtractor) -> [Plan] {
        samples.map { fixture, bytes in
            guard let snapshot = try? extractor.inspect(PageInput(name: fixture.path, bytes: bytes), options: .init(reference: reference)),
                  let spec = specs.first(where: { $0.carrierID == snapshot.carrierID }),
                  let page = snapshot.pageKind.flatMap(spec.page) else { return Plan(page: PageSpec(kind: .overview)) }
            return Plan(page: page)
        }
    }

    /// A page to measure on: the sample it stands for (its expected file), the baseline's
    /// rules for it, and its bytes.
    struct Page {
        var fixture: Fixture
        var plan: Plan
        var bytes: [UInt8]
    }

    /// The baseline against `inspect` in memory, then `validate` from disk on one worker
    /// against two, each page written beside its sample's expected file.
    static func compare(_ pages: [Page], specs: [AccountPageSpec], extractor: PageExtractor, reference: CalendarDate?,
                        megabytes: Double, rounds: Int) {
        func report(_ measurements: [Measurement]) {
            for measurement in measurements {
                print("  \(measurement.name.padded(42)) \(format(measurement.perSecond, 1)) pages/s  \(format(megabytes / measurement.median)) MB/s"
                      + "  (best round \(format(Double(measurement.count) / measurement.best, 1)) pages/s)")
            }
        }
        /// The measured side's rate over the reference's, from medians and from best rounds.
        func ratio(_ measured: Measurement, _ reference: Measurement) -> String {
            "\(format(reference.median / measured.median))× (best rounds \(format(reference.best / measured.best))×)"
        }
        func inspectAll() -> Int {
            var values = 0
            for page in pages {
                if let snapshot = try? extractor.inspect(PageInput(name: page.fixture.path, bytes: page.bytes),
                                                         options: .init(reference: reference)) {
                    values += snapshot.values.count + snapshot.lines.count
                }
            }
            return values
        }
        let (baseline, inspect) = measureInterleaved("ESIMMarkup: parse + the page's rules", "PageExtractor.inspect (one thread)",
                                                     rounds: rounds, count: pages.count, {
            pages.reduce(0) { $0 + $1.plan.apply(to: $1.bytes) }
        }, inspectAll)
        report([baseline, inspect])
        print("  inspect / baseline: \(ratio(inspect, baseline))")
        // The baseline as it was before ESIMMarkup matched CSS itself, for the record.
        let earlierPlans = pages.map(\.plan.throughXPath)
        let (earlier, inspectAgain) = measureInterleaved("the same, CSS as XPath through libxml2", "PageExtractor.inspect (one thread)",
                                                         rounds: rounds, count: pages.count, {
            zip(pages, earlierPlans).reduce(0) { $0 + $1.1.apply(to: $1.0.bytes) }
        }, inspectAll)
        report([earlier, inspectAgain])
        print("  inspect / the same with CSS as XPath: \(ratio(inspectAgain, earlier))")

        guard let scratch = writeScratch(pages: pages.map { ($0.fixture, $0.bytes) }) else {
            print("  (validate skipped: cannot write a scratch directory)")
            return
        }
        defer { removeScratch(scratch) }
        guard let fixtures = try? Validator.fixtures(in: scratch) else { return }
        var failures = 0
        func validate(workers: Int) -> Int {
            let result = try? Validator.run(fixtures, specs: specs, options: .init(workers: workers, defaultReference: reference))
            failures += result?.results.filter(\.failed).count ?? 1
            return result?.results.count ?? 0
        }
        let (one, two) = measureInterleaved("validate, 1 worker", "validate, 2 workers", rounds: rounds, count: fixtures.count,
                                            { validate(workers: 1) }, { validate(workers: 2) })
        report([one, two])
        print("  2 workers / 1 worker: \(ratio(two, one)) (\(System.coreCount) cores online)")
        // What the machine gives two threads at all: on a shared host the second core is
        // not always a whole core. The same split of pure arithmetic, no memory, no locks.
        let spinWork = 40_000_000
        let (spinOne, spinTwo) = measureInterleaved("arithmetic, 1 thread", "arithmetic, 2 threads", rounds: rounds, count: 1,
                                                    { spin(spinWork, threads: 1) }, { spin(spinWork, threads: 2) })
        print("  the machine: 2 threads of arithmetic / 1: \(ratio(spinTwo, spinOne))")
        print("  validate (1 worker) / baseline: \(ratio(one, baseline))")
        if failures > 0 { print("  warning: \(failures) fixture checks failed during the runs") }
    }

    /// `total` steps of a data-free loop split over `threads` threads.
    static func spin(_ total: Int, threads: Int) -> Int {
        let sum = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            var state = UInt64(thread + 1)
            for _ in 0..<(total / threads) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
            }
            sum.wrappingAdd(Int(truncatingIfNeeded: state), ordering: .relaxed)
        }
        return sum.load(ordering: .relaxed)
    }

    /// The sample pages are small (1.5 KB on average); saved carrier pages weigh
    /// hundreds of kilobytes (scripts, styles, navigation). Each sample's body gets the
    /// body of a page of the shared corpus in front of its own account markup (keeping
    /// the sample's head, so recognition works as before), and the same comparison runs
    /// on those.
    static func fullSize(originals: [(Fixture, [UInt8])], plans: [Plan], specs: [AccountPageSpec], extractor: PageExtractor,
                         reference: CalendarDate?, corpus directory: String, rounds: Int) {
        let bulk = MarkupBenchmark.loadCorpus(directory)
        guard !bulk.isEmpty else {
            print("  (full-size pages skipped: no corpus at \(directory))")
            return
        }
        let pages = fullSizePages(originals: originals, plans: plans, bulk: bulk)
        let megabytes = Double(pages.reduce(0) { $0 + $1.bytes.count }) / 1_000_000
        print("")
        print("full-size pages: \(pages.count) sample pages, each inside the body of a corpus page (\(format(megabytes)) MB, \(format(megabytes * 1000 / Double(pages.count), 1)) KB on average), median of \(rounds) rounds")
        compare(pages, specs: specs, extractor: extractor, reference: reference, megabytes: megabytes, rounds: rounds)
        genericReading(pages, megabytes: megabytes, rounds: rounds)
    }

    /// The generic reader (no spec: the page laid out as lines, every line near a figure
    /// read for labels and values) on the same full-size pages, against the baseline, and
    /// the time of one reading of a page of about 200 KB.
    static func genericReading(_ pages: [Page], megabytes: Double, rounds: Int) {
        guard let bare = try? PageExtractor(specs: []) else { return }
        func readAll() -> Int {
            pages.reduce(0) { total, page in
                let snapshot = try? bare.inspect(PageInput(name: page.fixture.path, bytes: page.bytes), options: .init(reference: reference))
                return total + (snapshot.map { $0.values.count + $0.lines.count } ?? 0)
            }
        }
        let (baseline, generic) = measureInterleaved("ESIMMarkup: parse + the page's rules", "generic reader (no spec, one thread)",
                                                     rounds: rounds, count: pages.count, {
            pages.reduce(0) { $0 + $1.plan.apply(to: $1.bytes) }
        }, readAll)
        for measurement in [baseline, generic] {
            print("  \(measurement.name.padded(42)) \(format(measurement.perSecond, 1)) pages/s  \(format(megabytes / measurement.median)) MB/s")
        }
        print("  generic reader / baseline: \(format(baseline.median / generic.median))× (best rounds \(format(baseline.best / generic.best))×)")
        let sizes = pages.map(\.bytes.count).sorted()
        if let slowest = pages.filter({ (180_000...230_000).contains($0.bytes.count) }).map({ page -> Double in
            let start = now()
            _ = try? bare.inspect(PageInput(name: page.fixture.path, bytes: page.bytes), options: .init(reference: reference))
            return now() - start
        }).max() {
            print("  one generic reading of a 180–230 KB page: at most \(format(slowest * 1000, 1)) ms (pages of \(sizes.first! / 1000)–\(sizes.last! / 1000) KB in the set)")
        }
    }

    /// Each sample's page with the body of one corpus page put before the sample's own
    /// body (the sample's head kept, so recognition works as before).
    static func fullSizePages(originals: [(Fixture, [UInt8])], plans: [Plan], bulk: [(name: String, bytes: [UInt8])]) -> [Page] {
        var pages: [Page] = []
        for (index, page) in bulk.enumerated() {
            let sample = index % originals.count
            let bytes = originals[sample].1
            guard let insertAt = bodyContentStart(bytes), let from = bodyContentStart(page.bytes) else { continue }
            let to = lastIndex(of: Array("</body".utf8), in: page.bytes) ?? page.bytes.count
            guard from <= to else { continue }
            pages.append(Page(fixture: originals[sample].0, plan: plans[sample],
                              bytes: Array(bytes[..<insertAt]) + Array(page.bytes[from..<to]) + Array(bytes[insertAt...])))
        }
        return pages
    }

    /// Just past `<body …>`, case-insensitively; `nil` without a body tag.
    static func bodyContentStart(_ bytes: [UInt8]) -> Int? {
        let lower = Array("<body".utf8)
        var index = 0
        while index + lower.count < bytes.count {
            if bytes[index] == UInt8(ascii: "<"),
               zip(bytes[index..<(index + lower.count)], lower).allSatisfy({ ($0 | 0x20) == ($1 | 0x20) }),
               let close = bytes[(index + lower.count)...].firstIndex(of: UInt8(ascii: ">")) {
                return close + 1
            }
            index += 1
        }
        return nil
    }

    static func lastIndex(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        var index = bytes.count - needle.count
        while index >= 0 {
            if zip(bytes[index..<(index + needle.count)], needle).allSatisfy({ ($0 | 0x20) == ($1 | 0x20) }) { return index }
            index -= 1
        }
        return nil
    }

    /// One side only, for profilers (callgrind counts instructions; run twice with
    /// different `copies` and subtract to get a page's cost without start-up): inspect, the
    /// baseline, or `validate` on one worker over copies written to disk. With `corpus`,
    /// the full-size pages the `pages` benchmark builds.
    /// `generic`: `inspect` with no specs, so every page gets the generic reading.
    static func profile(samples directory: String, copies: Int, rounds: Int, baseline: Bool, validate: Bool = false,
                        generic: Bool = false, fullSizeCorpus: String? = nil) {
        guard let specs = try? CuratedSpecs.pageSpecs(), let withSpecs = try? PageExtractor(specs: specs),
              let bare = try? PageExtractor(specs: []),
              let fixtures = try? Validator.fixtures(in: directory) else { return }
        let extractor = generic ? bare : withSpecs
        var samples = fixtures.compactMap { fixture in (try? MarkupBenchmark.readFile(fixture.path)).map { (fixture, $0) } }
        var plans = Self.plans(for: samples, specs: specs, extractor: withSpecs)
        if let fullSizeCorpus {
            let pages = fullSizePages(originals: samples, plans: plans, bulk: MarkupBenchmark.loadCorpus(fullSizeCorpus))
            guard !pages.isEmpty else {
                print("pages-profile: no corpus at \(fullSizeCorpus)")
                return
            }
            samples = pages.map { ($0.fixture, $0.bytes) }
            plans = pages.map(\.plan)
        }
        if validate {
            // Each page written once; the fixture list repeats them, so writing costs the
            // same whatever `copies` is and drops out of a difference of two counts.
            guard let scratch = writeScratch(pages: samples), let listed = try? Validator.fixtures(in: scratch) else { return }
            defer { removeScratch(scratch) }
            // In the order of `samples` (files are named `<stem>-<index>`), as the other sides read them.
            func index(_ fixture: Fixture) -> Int {
                let name = fixture.path.split(separator: "/").last.map(String.init) ?? ""
                return Int(name.split(separator: ".").first?.split(separator: "-").last ?? "") ?? 0
            }
            let written = listed.sorted { index($0) < index($1) }
            let copied = (0..<copies).map { written[$0 % written.count] }
            var total = 0
            for _ in 0..<rounds {
                total += (try? Validator.run(copied, specs: specs, options: .init(workers: 1, defaultReference: reference)))?.results.count ?? 0
            }
            print(total)
            return
        }
        var total = 0
        for _ in 0..<rounds {
            for index in 0..<copies {
                let bytes = samples[index % samples.count].1
                if baseline {
                    total += plans[index % samples.count].apply(to: bytes)
                } else if let snapshot = try? extractor.inspect(PageInput(name: "p", bytes: bytes), options: .init(reference: reference)) {
                    total += snapshot.values.count
                }
            }
        }
        print(total)
    }

    /// The XPath of each markup rule `inspect` reads `path` with (CSS translated), one a
    /// line: `A` account fields, `E` the line blocks, `L` line fields (relative to a block).
    static func printRules(page path: String) {
        guard let specs = try? CuratedSpecs.pageSpecs(), let extractor = try? PageExtractor(specs: specs),
              let input = try? PageInput(contentsOfFile: path),
              let snapshot = try? extractor.inspect(input, options: .init(reference: reference)),
              let spec = specs.first(where: { $0.carrierID == snapshot.carrierID }),
              let page = snapshot.pageKind.flatMap(spec.page) else {
            print("page-rules: no spec reads \(path)")
            exit(1)
        }
        func xpath(_ rule: ExtractionRule) -> String? {
            switch rule.locator {
            case .xpath(let source): return source
            case .css(let source): return (try? CSSSelector(source))?.xpath
            case .json: return nil
            }
        }
        for field in page.fields { if let first = field.rules.lazy.compactMap(xpath).first { print("A " + first) } }
        if let lines = page.lines, let each = xpath(lines.each) {
            print("E " + each)
            for field in lines.fields { if let first = field.rules.lazy.compactMap(xpath).first { print("L " + first) } }
        }
    }

    /// A rule as the bare baseline runs it.
    enum Rule {
        case xpath(XPathExpression)
        case css(CSSSelector)
        case json(JSONPath)

        init?(_ rule: ExtractionRule) {
            switch rule.locator {
            case .xpath(let source): guard let compiled = try? XPathExpression(source) else { return nil }; self = .xpath(compiled)
            case .css(let source): guard let selector = try? CSSSelector(source) else { return nil }; self = .css(selector)
            case .json(let source): guard let path = try? JSONPath(source) else { return nil }; self = .json(path)
            }
        }

        var throughXPath: Rule {
            guard case .css(let selector) = self, let compiled = try? XPathExpression(selector.xpath) else { return self }
            return .xpath(compiled)
        }

        /// The first match's text from `scope` (a node or a JSON value).
        func text(in node: MarkupNode?, json: JSONValue?, embedded: () -> [JSONValue]) -> Int {
            switch self {
            case .xpath(let expression):
                return (node.flatMap { try? $0.first(expression) })?.normalizedText.utf8.count ?? 0
            case .css(let selector):
                return node?.first(selector)?.normalizedText.utf8.count ?? 0
            case .json(let path):
                if let json { return path.first(in: json)?.scalarText?.utf8.count ?? 0 }
                return embedded().lazy.compactMap { path.first(in: $0) }.first?.scalarText?.utf8.count ?? 0
            }
        }
    }

    /// What a hand-written extractor for one page kind does with ESIMMarkup alone: parse,
    /// run each account field's rules from the root, select the line blocks and run each
    /// line field's rules in every block, first match's text each time; a field's later
    /// rules run only when the earlier ones find no text. No recognition, no typed
    /// values, no checks.
    struct Plan {
        var fields: [Candidates]
        var each: Rule?
        var lineFields: [Candidates]

        /// One field's rules, in order.
        struct Candidates {
            var rules: [Rule]

            func text(in node: MarkupNode?, json: JSONValue?, embedded: () -> [JSONValue]) -> Int {
                for rule in rules {
                    let found = rule.text(in: node, json: json, embedded: embedded)
                    if found > 0 { return found }
                }
                return 0
            }
        }

        init(page: PageSpec) {
            fields = page.fields.map { Candidates(rules: $0.rules.compactMap(Rule.init)) }
            each = page.lines.flatMap { Rule($0.each) }
            lineFields = page.lines?.fields.map { Candidates(rules: $0.rules.compactMap(Rule.init)) } ?? []
        }

        /// The same plan with CSS selectors run as their XPath translation through
        /// libxml2, as ESIMMarkup did before it matched selectors itself.
        var throughXPath: Plan {
            var plan = self
            plan.fields = fields.map { Candidates(rules: $0.rules.map(\.throughXPath)) }
            plan.each = each?.throughXPath
            plan.lineFields = lineFields.map { Candidates(rules: $0.rules.map(\.throughXPath)) }
            return plan
        }

        var ruleCount: Int { fields.count + (each == nil ? 0 : 1) + lineFields.count }

        func apply(to bytes: [UInt8]) -> Int {
            var found = 0
            if bytes.first == UInt8(ascii: "{") {
                guard let value = try? JSONValue(parsing: String(decoding: bytes, as: UTF8.self)) else { return 0 }
                for rule in fields { found += rule.text(in: nil, json: value, embedded: { [] }) }
                if case .json(let path)? = each {
                    for line in path.evaluate(value) {
                        for rule in lineFields { found += rule.text(in: nil, json: line, embedded: { [] }) }
                    }
                }
                return found
            }
            guard let document = try? HTMLDocument(bytes: bytes) else { return 0 }
            var cache: [JSONValue]?
            let embedded = {
                if cache == nil { cache = document.embeddedData().values.map(\.value) }
                return cache ?? []
            }
            for rule in fields { found += rule.text(in: document.node, json: nil, embedded: embedded) }
            switch each {
            case .xpath(let expression)?:
                for line in (try? document.node.evaluate(expression))?.nodes ?? [] {
                    for rule in lineFields { found += rule.text(in: line, json: nil, embedded: embedded) }
                }
            case .css(let selector)?:
                for line in document.node.select(selector) {
                    for rule in lineFields { found += rule.text(in: line, json: nil, embedded: embedded) }
                }
            case .json(let path)?:
                for line in embedded().flatMap({ path.evaluate($0) }) {
                    for rule in lineFields { found += rule.text(in: nil, json: line, embedded: embedded) }
                }
            case nil:
                break
            }
            return found
        }
    }

    static func writeScratch(pages: [(Fixture, [UInt8])]) -> String? {
        var template = Array("/tmp/esimtool-bench-XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else { return nil }
        let root = String(cString: created)
        for (index, page) in pages.enumerated() {
            let directory = root + "/" + page.0.directoryName
            mkdir(directory, 0o755)
            let base = page.0.path.split(separator: "/").last.map(String.init) ?? "page.html"
            let stem = base.split(separator: ".").first.map(String.init) ?? "page"
            let ext = base.split(separator: ".").last.map(String.init) ?? "html"
            let name = "\(stem)-\(index)"
            guard write(page.1, to: directory + "/" + name + "." + ext),
                  let expected = try? MarkupBenchmark.readFile(page.0.expectedPath),
                  write(expected, to: directory + "/" + name + ".expected.json") else { return nil }
        }
        return root
    }

    static func write(_ bytes: [UInt8], to path: String) -> Bool {
        guard let file = fopen(path, "wb") else { return false }
        let written = fwrite(bytes, 1, bytes.count, file)
        return fclose(file) == 0 && written == bytes.count
    }

    static func removeScratch(_ root: String) {
        guard let fixtures = try? Validator.fixtures(in: root) else { return }
        var directories = Set<String>()
        for fixture in fixtures {
            unlink(fixture.path)
            unlink(fixture.expectedPath)
            directories.insert(String(fixture.path.dropLast(fixture.path.split(separator: "/").last?.count ?? 0)))
        }
        for directory in directories { rmdir(directory) }
        rmdir(root)
    }
}

extension String {
    func padded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
