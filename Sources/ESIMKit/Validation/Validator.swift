import Dispatch
import Synchronization

/// A saved page under the samples directory and where its expected reading lives.
package struct Fixture: Hashable, Sendable {
    /// The page file.
    package var path: String
    /// `<fixture>.expected.json` beside it (it may not exist yet).
    package var expectedPath: String
    /// The name of the directory holding it, taken as the carrier id when the expected
    /// file does not say.
    package var directoryName: String

    package init(path: String) {
        self.path = path
        // On UTF-8 bytes: `/` and `.` are ASCII, so every cut falls on a character boundary.
        let utf8 = path.utf8
        let baseStart = utf8.lastIndex(of: UInt8(ascii: "/")).map { utf8.index(after: $0) } ?? utf8.startIndex
        let directory = path[..<baseStart]
        let base = path[baseStart...]
        // The stem drops the last extension: `overview.html` → `overview`; `page` stays `page`.
        let stemEnd = base.utf8.lastIndex(of: UInt8(ascii: ".")) ?? base.endIndex
        let stem = base[..<stemEnd]
        expectedPath = String(directory) + (stem.isEmpty ? String(base) : String(stem)) + ".expected.json"
        var directoryPath = directory[...]
        while directoryPath.utf8.last == UInt8(ascii: "/") { directoryPath = directoryPath.dropLast() }
        let nameStart = directoryPath.utf8.lastIndex(of: UInt8(ascii: "/")).map { directoryPath.utf8.index(after: $0) }
            ?? directoryPath.startIndex
        directoryName = String(directoryPath[nameStart...])
    }

    /// Page files: `.html`, `.htm`, `.xhtml`, `.xml` and `.json` other than expected files.
    package static func isPage(_ name: String) -> Bool {
        let lowered = name.lowercased()
        if lowered.hasSuffix(".expected.json") { return false }
        return [".html", ".htm", ".xhtml", ".xml", ".json"].contains { lowered.hasSuffix($0) }
    }
}

/// How one field of one fixture fared.
package struct FieldCheck: Hashable, Sendable {
    package enum Status: String, Hashable, Sendable, CaseIterable, Codable {
        /// Found, valid, and equal to the expected value (or no expected file yet).
        case ok
        /// Not found, and the spec does not require it nor does the expected file hold it.
        case absent
        /// Required, or expected, and not found.
        case missing
        /// Text was found but is not a valid value of the field's type.
        case unparseable
        /// A valid value that differs from the expected one.
        case mismatch
        /// A value where the spec says the carrier shows none.
        case unexpected
        /// A rule failed to run.
        case error

        package var isFailure: Bool { self != .ok && self != .absent }
    }

    package var field: SnapshotField
    /// The line of service (0-based) for a line field.
    package var lineIndex: Int?
    package var status: Status
    package var expected: String?
    package var actual: String?
    package var message: String
    /// The page line the value came from, for annotations.
    package var pageLine: Int
}

/// The outcome for one fixture: its checks, or why it could not be checked.
package struct FixtureResult: Hashable, Sendable {
    package var fixture: Fixture
    package var carrierID: String?
    package var pageKind: PageKind?
    package var checks: [FieldCheck]
    /// Why the fixture could not be checked at all (not a page, bad expected file, a page
    /// of another carrier).
    package var error: String?
    /// `--update` wrote the expected file.
    package var updated: Bool
    package var snapshot: AccountSnapshot?

    package var failed: Bool { error != nil || checks.contains { $0.status.isFailure } }
}

/// Coverage of one field of one carrier across its fixtures: how many readings found a
/// valid, non-empty value.
package struct FieldCoverage: Hashable, Sendable {
    package var carrierID: String
    package var field: SnapshotField
    package var found: Int
    package var total: Int

    package var ratio: Double { total == 0 ? 1 : Double(found) / Double(total) }
}

package struct ValidationReport: Sendable {
    package var results: [FixtureResult]
    package var coverage: [FieldCoverage]
    package var minimumCoverage: Double?

    package var coverageFailures: [FieldCoverage] {
        guard let minimumCoverage else { return [] }
        return coverage.filter { $0.ratio + 1e-9 < minimumCoverage }
    }

    package var failed: Bool { results.contains(where: \.failed) || !coverageFailures.isEmpty }
}

/// Checks saved pages against the specs and their expected readings.
package enum Validator {
    package struct Options: Sendable {
        /// Only fixtures of this carrier.
        package var carrierID: String?
        /// Rewrite each fixture's expected file from what is read now.
        package var update: Bool
        /// Worker threads (default: one per core).
        package var workers: Int
        package var minimumCoverage: Double?
        /// The reference day for fixtures whose expected file names none.
        package var defaultReference: CalendarDate?

        package init(carrierID: String? = nil, update: Bool = false, workers: Int = System.coreCount,
                    minimumCoverage: Double? = nil, defaultReference: CalendarDate? = nil) {
            self.carrierID = carrierID
            self.update = update
            self.workers = workers
            self.minimumCoverage = minimumCoverage
            self.defaultReference = defaultReference
        }
    }

    /// Where a checkout keeps its fixtures: `Samples/Pages`, else `Samples`.
    package static var defaultSamplesDirectory: String {
        FileStatus.exists("Samples/Pages") ? "Samples/Pages" : "Samples"
    }

    /// Every page file under `directory`, in path order.
    package static func fixtures(in directory: String) throws(FixtureError) -> [Fixture] {
        var result: [String] = []
        try walk(directory, into: &result, depth: 0)
        guard !result.isEmpty else {
            throw FixtureError(.noSamples, "no saved pages (.html, .htm, .xml, .json) here", file: directory)
        }
        return result.sorted().map(Fixture.init(path:))
    }

    static func walk(_ directory: String, into result: inout [String], depth: Int) throws(FixtureError) {
        do {
            result += try DirectoryWalk.files(under: directory, maximumDepth: 15 - depth, failBeyondDepth: false)
                .filter { Fixture.isPage($0.name) }.map(\.path)
        } catch {
            throw FixtureError(.unreadableDirectory, error.message, file: error.file ?? directory)
        }
    }

    /// Checks the fixtures on `options.workers` threads; results come back in fixture order.
    package static func run(_ fixtures: [Fixture], specs: [AccountPageSpec], options: Options) throws(SpecError) -> ValidationReport {
        let selected = fixtures.filter { fixture in
            guard let id = options.carrierID else { return true }
            return carrier(for: fixture, specs: specs) == id
        }
        // Compile here so a bad spec fails the run before any thread starts; the first
        // worker takes this extractor, the others compile their own (nothing shared).
        let compiled = Mutex<PageExtractor?>(try PageExtractor(specs: specs))
        let results = Mutex<[FixtureResult?]>(Array(repeating: nil, count: selected.count))
        let next = Atomic<Int>(0)
        let workers = max(1, min(options.workers, selected.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let taken = compiled.withLock { $0.take() }
            guard let extractor = taken ?? (try? PageExtractor(specs: specs)) else { return }
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < selected.count else { break }
                let result = check(selected[index], extractor: extractor, specs: specs, options: options)
                results.withLock { $0[index] = result }
            }
        }
        let collected = results.withLock { $0.compactMap { $0 } }
        return ValidationReport(results: collected, coverage: coverage(collected, specs: specs),
                                minimumCoverage: options.minimumCoverage)
    }

    /// The carrier a fixture belongs to: its directory's name when a spec has that id.
    static func carrier(for fixture: Fixture, specs: [AccountPageSpec]) -> String? {
        specs.contains { $0.carrierID == fixture.directoryName } ? fixture.directoryName : nil
    }

    static func check(_ fixture: Fixture, extractor: PageExtractor, specs: [AccountPageSpec], options: Options) -> FixtureResult {
        var result = FixtureResult(fixture: fixture, checks: [], updated: false)
        var expected: ExpectedSnapshot?
        if !options.update, let text = try? readText(fixture.expectedPath) {
            do {
                expected = try ExpectedSnapshot(json: text, file: fixture.expectedPath)
            } catch {
                result.error = error.description
                return result
            }
        } else if options.update, let text = try? readText(fixture.expectedPath) {
            // Keep the reference day and page kind a reviewer chose.
            expected = try? ExpectedSnapshot(json: text, file: fixture.expectedPath)
        }
        var carrierID = expected?.carrierID ?? carrier(for: fixture, specs: specs)
        result.carrierID = carrierID
        let reference = expected?.reference ?? options.defaultReference
        let snapshot: AccountSnapshot
        do {
            let input = try PageInput(contentsOfFile: fixture.path)
            snapshot = try extractor.inspect(input, options: .init(carrierID: carrierID, pageKind: expected?.pageKind,
                                                                   reference: reference, allowHeuristic: false))
        } catch {
            result.error = error.message
            return result
        }
        result.snapshot = snapshot
        result.pageKind = snapshot.pageKind
        if carrierID == nil, let recognized = snapshot.carrierID {
            // Outside a carrier's directory: the page's address or title decides.
            carrierID = recognized
            result.carrierID = recognized
        }
        if let carrierID, let recognized = snapshot.recognizedCarrierID, recognized != carrierID {
            let name = specs.first { $0.carrierID == recognized }?.carrierName ?? recognized
            let expectedName = specs.first { $0.carrierID == carrierID }?.carrierName ?? carrierID
            result.error = "the page is \(name)'s by its address or title, not \(expectedName)'s"
            return result
        }
        guard let carrierID, let spec = specs.first(where: { $0.carrierID == carrierID }),
              let kind = snapshot.pageKind, let page = spec.page(kind) else {
            if let carrierID {
                let known = specs.first { $0.carrierID == carrierID }
                result.error = known == nil
                    ? "no page spec for carrier '\(carrierID)'"
                    : "no page of \(known!.carrierName)'s spec fits this file"
            } else {
                result.error = "no carrier: put the page in a directory named after a carrier id, or give \"carrier\" in its expected file"
            }
            return result
        }
        if options.update {
            do {
                var fresh = ExpectedSnapshot(snapshot)
                fresh.capture = expected?.capture  // where the page came from does not change
                try writeAtomically(fresh.jsonText, to: fixture.expectedPath)
                result.updated = true
                expected = fresh
            } catch {
                result.error = error.description
                return result
            }
        }
        result.checks = checks(page: page, snapshot: snapshot, expected: expected)
        return result
    }

    /// Gives every field of the page (every line field on every line) a status.
    static func checks(page: PageSpec, snapshot: AccountSnapshot, expected: ExpectedSnapshot?) -> [FieldCheck] {
        var result: [FieldCheck] = []
        let lineCount = max(snapshot.lines.count, expected?.lines.count ?? 0)
        result.reserveCapacity(page.fields.count + lineCount * (page.lines?.fields.count ?? 0))
        for field in page.fields {
            let value = snapshot.values.first { $0.field == field.field }
            result.append(check(field, value: value, expected: expected.map { $0.account[field.field] }, lineIndex: nil,
                                diagnostics: snapshot.diagnostics))
        }
        if let group = page.lines {
            for index in 0..<lineCount {
                let line = index < snapshot.lines.count ? snapshot.lines[index] : nil
                let expectedLine: [SnapshotField: String]?? = expected.map { index < $0.lines.count ? $0.lines[index] : nil }
                for field in group.fields {
                    let value = line?.values.first { $0.field == field.field }
                    let expectedValue: String?? = expectedLine.map { $0?[field.field] }
                    var item = check(field, value: value, expected: expectedValue, lineIndex: index, diagnostics: snapshot.diagnostics)
                    if let expectedLine, expectedLine == nil, value != nil {
                        item.status = .mismatch
                        item.message = "line \(index + 1) is not in the expected file"
                    }
                    result.append(item)
                }
            }
        }
        return result
    }

    /// `expected` is `nil` without an expected file, `.some(nil)` when the file expects
    /// the field absent.
    static func check(_ field: FieldSpec, value: ExtractedValue?, expected: String??, lineIndex: Int?,
                      diagnostics: [SnapshotDiagnostic]) -> FieldCheck {
        let actual = value?.value.canonicalText
        var check = FieldCheck(field: field.field, lineIndex: lineIndex, status: .ok, expected: expected ?? nil,
                               actual: actual, message: "", pageLine: value?.line ?? 0)
        if let value, let actual {
            if field.status == .notExposed {
                check.status = .unexpected
                check.message = "the spec says this page does not show it, yet '\(actual)' was found by \(value.rule)"
            } else if let expected, expected != actual {
                check.status = .mismatch
                check.message = "expected \(expected.map { "'\($0)'" } ?? "no value"), read '\(actual)' (\(value.rule))"
            } else {
                check.message = value.rule
            }
            return check
        }
        let mine = diagnostics.filter { $0.field == field.field && $0.lineIndex == lineIndex }
        if let failure = mine.first(where: { $0.code == .ruleFailed }) {
            check.status = .error
            check.message = failure.message
        } else if let unreadable = mine.first(where: { $0.code == .unparseable }) {
            check.status = .unparseable
            check.message = unreadable.message
        } else if field.status == .required || (expected ?? nil) != nil {
            check.status = .missing
            check.message = field.status == .required
                ? "required, not found by any of its \(field.rules.count) rule\(field.rules.count == 1 ? "" : "s")"
                : "expected '\((expected ?? nil) ?? "")', not found"
        } else {
            check.status = .absent
        }
        return check
    }

    /// Per carrier and field: readings with a valid value over readings that should
    /// have one (fields the spec marks notExposed are left out).
    static func coverage(_ results: [FixtureResult], specs: [AccountPageSpec]) -> [FieldCoverage] {
        // Per carrier, a count for each field in declaration order (nil: not on its pages).
        var table: [String: [(found: Int, total: Int)?]] = [:]
        for result in results {
            guard result.error == nil, let carrierID = result.carrierID, let kind = result.pageKind,
                  let page = specs.first(where: { $0.carrierID == carrierID })?.page(kind) else { continue }
            var counts = table[carrierID] ?? Array(repeating: nil, count: SnapshotField.allCases.count)
            for fields in [page.fields, page.lines?.fields ?? []] {
                for field in fields where field.status != .notExposed {
                    var checked = 0
                    var found = 0
                    for check in result.checks where check.field == field.field {
                        checked += 1
                        if check.actual != nil && check.status == .ok { found += 1 }
                    }
                    let index = Int(field.field.caseIndex)
                    let entry = counts[index] ?? (0, 0)
                    counts[index] = (entry.found + found, entry.total + max(1, checked))
                }
            }
            table[carrierID] = counts
        }
        var result: [FieldCoverage] = []
        for carrierID in table.keys.sorted() {
            for (field, entry) in zip(SnapshotField.allCases, table[carrierID] ?? []) {
                if let entry {
                    result.append(FieldCoverage(carrierID: carrierID, field: field, found: entry.found, total: entry.total))
                }
            }
        }
        return result
    }

    // MARK: Files

    static func readText(_ path: String) throws(FixtureError) -> String {
        do {
            return String(decoding: try FileReader.read(path), as: UTF8.self)
        } catch {
            throw FixtureError(.unreadableDirectory, error.summary, file: path)
        }
    }

    /// Writes beside the target and renames over it, so a reader never sees half a file.
    static func writeAtomically(_ text: String, to path: String) throws(FixtureError) {
        do {
            try FileWriter.write(Array(text.utf8), to: path)
        } catch {
            throw FixtureError(.cannotWrite, error.summary, file: path)
        }
    }
}

/// Facts about the machine.
package enum System {
    /// Online processor cores.
    package static var coreCount: Int { Environment.processorCount }
}
