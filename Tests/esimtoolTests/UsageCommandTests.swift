import Foundation
import Testing
import ESIMKit
import ESIMStore
@testable import esimtool

/// AT&T overview pages with the data used changed, one file per reading.
func overviewPages(in directory: String, count: Int, start: Int = 0) throws -> [String] {
    let page = try String(contentsOfFile: RepositoryPaths.pages + "/att/overview.html", encoding: .utf8)
    return try (start..<(start + count)).map { index in
        let path = directory + "/overview-\(index).html"
        try page.replacingOccurrences(of: "7.2 GB used", with: "\(Double(index % 150) / 10) GB used")
            .replacingOccurrences(of: "12.4 GB used", with: "\(index) MB used")
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

@Suite("TrackUsageAlert", .serialized)
struct UsageCommandTests {
    @Test("track stores pages once; usage shows the cycle with bars and a forecast; --json and --svg")
    func trackAndShow() throws {
        let scratch = try ScratchDirectory()
        let db = scratch.path + "/usage.sqlite"
        let page = try String(contentsOfFile: RepositoryPaths.pages + "/att/overview.html", encoding: .utf8)
        for (day, used) in [("08", "1.2"), ("14", "4.1"), ("20", "7.2")] {
            let file = try scratch.write(page.replacingOccurrences(of: "7.2 GB used", with: "\(used) GB used"), to: "p\(day).html")
            let run = runCLI(["track", file, "--db", db, "--at", "2026-11-\(day)T09:00"])
            #expect(run.status == 0)
            #expect(run.out.hasPrefix("stored \(file): AT&T overview, 2 lines, captured 2026-11-\(day) 09:00"))
        }
        let again = runCLI(["track", scratch.path + "/p20.html", "--db", db])
        #expect(again.out.hasPrefix("already stored"))

        let usage = runCLI(["usage", "--db", db, "--line", "0199"])
        #expect(usage.status == 0)
        #expect(usage.outLines.first == "AT&T · (***) ***-0199 · Sam's Galaxy")
        #expect(usage.out.contains("Cycle 2026-11-04 – 2026-12-03 (allowance 15 GB)"))
        #expect(usage.out.contains("2026-11-20 09:00  ██████████░░░░░░░░░░  7.2 GB"))
        #expect(usage.out.contains("Forecast: 512 MB/day (3 readings); 14 GB by the end of the cycle on 2026-12-03; the allowance (15 GB) lasts past the reset"))

        let json = runCLI(["usage", "--db", db, "--json", "--svg", scratch.path + "/chart.svg", "--html", scratch.path + "/chart.html"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        let lines = try #require(object["lines"] as? [[String: Any]])
        #expect(lines.count == 2)
        let forecast = try #require(lines[1]["forecast"] as? [String: Any])
        #expect(forecast["bytesPerDay"] as? Int == 536_870_912)
        #expect(forecast["reachedBeforeReset"] as? Bool == false)
        let svg = try scratch.read("chart.svg")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("allowance 15 GB"))
        #expect(try scratch.read("chart.html").contains("<svg"))
    }

    @Test("track -: a page from standard input, dated by the page, --at, or the time it was read")
    func trackStandardInput() throws {
        let scratch = try ScratchDirectory()
        let db = scratch.path + "/usage.sqlite"
        let page = try String(contentsOfFile: RepositoryPaths.pages + "/att/overview.html", encoding: .utf8)
        let given = runCLI(["track", "-", "--db", db, "--at", "2026-11-08T09:00"], stdin: [page])
        #expect(given.status == 0 && given.out.hasPrefix("stored <stdin>: AT&T overview, 2 lines, captured 2026-11-08 09:00 (--at)"), "\(given.out)\(given.err)")
        let read = runCLI(["track", "-", "--db", db], stdin: [page.replacingOccurrences(of: "7.2 GB used", with: "7.9 GB used")])
        #expect(read.status == 0 && read.out.contains("(time read)"), "\(read.out)\(read.err)")
        #expect(runCLI(["track", "-", "-", "--db", db]).status == 64)
        let empty = runCLI(["track", "-", "--db", db], stdin: [])
        #expect(empty.status == 1 && empty.err.contains("<stdin>: the file is empty"))
    }

    @Test("alert exits 3 when a threshold is crossed, 0 when none is, 64 without thresholds")
    func alertStatuses() throws {
        let scratch = try ScratchDirectory()
        let db = scratch.path + "/usage.sqlite"
        let file = try scratch.write(try String(contentsOfFile: RepositoryPaths.pages + "/att/overview.html", encoding: .utf8), to: "p.html")
        #expect(runCLI(["track", file, "--db", db, "--at", "2026-11-20T09:00"]).status == 0)
        let crossed = runCLI(["alert", "--db", db, "--data-below", "8GB", "--due-within", "14", "--today", "2026-11-20"])
        #expect(crossed.status == 3)
        #expect(crossed.outLines == [
            "AT&T · (***) ***-0199 · Sam's Galaxy: 7.8 GB left, below 8 GB [dataBelow]",
            "AT&T: $187.42 due 2026-12-03 (in 13 days) [dueWithin]",
        ])
        #expect(runCLI(["alert", "--db", db, "--data-below", "1GB", "--today", "2026-11-20"]).status == 0)
        #expect(runCLI(["alert", "--db", db, "--config", scratch.path + "/none.yaml"]).status == 1)
        let config = try scratch.write("dataBelowPercent: 60\nbalanceBelow: $5\n", to: "alerts.yaml")
        let fromConfig = runCLI(["alert", "--db", db, "--config", config, "--json"])
        #expect(fromConfig.status == 3)
        #expect(fromConfig.out.contains("\"rule\":\"dataBelowPercent\""))
        let bad = try scratch.write("dataBelow: lots\n", to: "bad.yaml")
        let badRun = runCLI(["alert", "--db", db, "--config", bad])
        #expect(badRun.status == 1)
        #expect(badRun.err.contains("bad.yaml:1:12: dataBelow:"))
        #expect(runCLI(["alert", "--db", db, "--config", scratch.path + "/empty.yaml"]).status == 1)
        // A database that does not exist is an error, not an empty history, and is not created.
        let missing = runCLI(["alert", "--db", scratch.path + "/other.sqlite", "--data-below", "3GB"])
        #expect(missing.status == 1)
        #expect(missing.err.contains("other.sqlite: no usage database here"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/other.sqlite"))
        #expect(runCLI(["alert", "--db", db, "--data-below", "lots"]).status == 64)
        // An age past any calendar is a usage error, not an overflow.
        #expect(runCLI(["alert", "--db", db, "--data-below", "1GB", "--max-age", "9223372036854775807"]).status == 64)
        #expect(runCLI(["alert", "--db", db, "--data-below", "1GB", "--max-age", "-1"]).status == 64)
    }

    @Test("each rule reads the latest known value of its field: a usage page does not hide the bill of an overview page")
    func latestKnownValue() throws {
        let scratch = try ScratchDirectory()
        let db = scratch.path + "/usage.sqlite"
        let overview = try scratch.write(try String(contentsOfFile: RepositoryPaths.pages + "/att/overview.html", encoding: .utf8), to: "o.html")
        let usage = try scratch.write(try String(contentsOfFile: RepositoryPaths.pages + "/att/usage.html", encoding: .utf8), to: "u.html")
        #expect(runCLI(["track", overview, "--db", db, "--at", "2026-11-20T09:00"]).status == 0)
        #expect(runCLI(["track", usage, "--db", db, "--at", "2026-11-20T10:00"]).status == 0)
        let run = runCLI(["alert", "--db", db, "--due-within", "30", "--today", "2026-11-20"])
        #expect(run.status == 3)
        #expect(run.outLines.contains { $0.hasPrefix("AT&T: $187.42 due 2026-12-03") })
    }

    @Test("a reading older than --max-age, or from an ended cycle, is reported as stale, with when it was read")
    func staleReadings() throws {
        let scratch = try ScratchDirectory()
        let db = scratch.path + "/usage.sqlite"
        let overview = try scratch.write(try String(contentsOfFile: RepositoryPaths.pages + "/att/overview.html", encoding: .utf8), to: "o.html")
        #expect(runCLI(["track", overview, "--db", db, "--at", "2026-11-20T09:00"]).status == 0)
        let fresh = runCLI(["alert", "--db", db, "--due-within", "30", "--today", "2026-11-22", "--json"])
        let freshHit = try #require(try JSONSerialization.jsonObject(with: Data(fresh.out.utf8)) as? [[String: Any]]).first
        #expect(freshHit?["stale"] is NSNull)
        #expect(freshHit?["value"] as? String == "11")
        #expect(freshHit?["threshold"] as? String == "30")
        #expect(freshHit?["unit"] as? String == "days")
        #expect((freshHit?["readAt"] as? String)?.hasPrefix("2026-11-20") == true)
        let old = runCLI(["alert", "--db", db, "--due-within", "30", "--today", "2026-12-01"])
        #expect(old.status == 3)
        #expect(old.outLines.first?.contains("(stale: read 2026-11-20, 11 days ago)") == true)
        let allowed = runCLI(["alert", "--db", db, "--due-within", "30", "--today", "2026-12-01", "--max-age", "30"])
        #expect(allowed.outLines.first?.contains("stale") == false)
    }

    @Test("only track creates a database, and folders only at the default location")
    func creation() throws {
        let scratch = try ScratchDirectory()
        let typo = scratch.path + "/typo/x.sqlite"
        let page = try scratch.write(try String(contentsOfFile: RepositoryPaths.pages + "/att/overview.html", encoding: .utf8), to: "o.html")
        for command in [["alert", "--data-below", "1GB"], ["usage"], ["track", page]] {
            let run = runCLI(command + ["--db", typo])
            #expect(run.status == 1, "\(command)")
            #expect(run.err.contains("typo"), "\(command)")
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/typo"))
        // track --db in a folder that exists creates the file.
        #expect(runCLI(["track", page, "--db", scratch.path + "/new.sqlite", "--at", "2026-11-20"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/new.sqlite"))
    }

    @Test("usage with nothing tracked exits 1 and says how to start")
    func nothingTracked() throws {
        let scratch = try ScratchDirectory()
        let run = runCLI(["usage", "--db", scratch.path + "/usage.sqlite"])
        #expect(run.status == 1)
        #expect(run.err.contains("esimtool track"))
    }

    @Test("a writer killed mid-run leaves a readable database with every snapshot it committed whole")
    func crashSafety() throws {
        let binary = try #require(SmokeTests.binary, "esimtool was not built beside the tests")
        let scratch = try ScratchDirectory()
        let db = scratch.path + "/usage.sqlite"
        let files = try overviewPages(in: scratch.path, count: 400)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["track", "--db", db, "--at", "2026-11-20T09:00"] + files
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Kill it once some snapshots are in, without warning.
        var stored = 0
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline && process.isRunning {
            stored = (try? UsageStore(path: db).count()) ?? 0
            if stored >= 20 { break }
            usleep(20_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the writer finished before it could be killed")

        let store = try UsageStore(path: db)
        let count = try store.count()
        #expect(count >= stored && count < files.count)
        #expect(try store.integrityCheck() == "ok")
        // Every stored snapshot has both of its lines: nothing half-written.
        #expect(try store.lineReadingCount() == count * 2)
        // And the run can simply be repeated: what is stored is skipped, the rest added.
        let rerun = runCLI(["track", "--db", db, "--at", "2026-11-20T09:00"] + files)
        #expect(rerun.status == 0)
        #expect(try UsageStore(path: db).count() == files.count)
    }
}

@Suite("Track, more")
struct TrackMoreTests {
    @Test("two track processes writing at once both succeed and store the union")
    func concurrentProcesses() throws {
        let binary = try #require(SmokeTests.binary, "esimtool was not built beside the tests")
        let scratch = try ScratchDirectory()
        let db = scratch.path + "/usage.sqlite"
        let files = try overviewPages(in: scratch.path, count: 90)
        let sets = [Array(files[0..<60]), Array(files[30..<90])]  // 30 pages in both
        let processes = try sets.map { set -> Process in
            let process = Process()
            process.executableURL = binary
            process.arguments = ["track", "--db", db, "--at", "2026-11-20T09:00"] + set
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == [0, 0])
        let store = try UsageStore(path: db)
        #expect(try store.count() == 90)
        #expect(try store.integrityCheck() == "ok")
        #expect(try store.lineReadingCount() == 180)
    }

    @Test("a page that states the day of its figures is stored at that day")
    func asOf() throws {
        let scratch = try ScratchDirectory()
        let spec = try String(contentsOfFile: RepositoryPaths.specs + "/att.yaml", encoding: .utf8)
            .replacingOccurrences(of: "      balance: {status: notExposed}\n    lines:\n      each: {css: \"li[class*=LineCard_card]\"}",
                                  with: "      balance: {status: notExposed}\n      asOf: {status: optional, css: \".as-of\", regex: \"as of (.+)\"}\n    lines:\n      each: {css: \"li[class*=LineCard_card]\"}")
        #expect(spec.contains("asOf:"))
        _ = try scratch.write(spec, to: "specs/att.yaml")
        let page = try String(contentsOfFile: RepositoryPaths.pages + "/att/overview.html", encoding: .utf8)
            .replacingOccurrences(of: "<h1 class=\"type-xl\">Account overview</h1>", with: "<h1 class=\"type-xl\">Account overview</h1><p class=\"as-of\">Usage as of Nov 18, 2026</p>")
        let file = try scratch.write(page, to: "page.html")
        let run = runCLI(["track", file, "--db", scratch.path + "/u.sqlite", "--specs", scratch.path + "/specs"])
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out.contains("captured 2026-11-18 12:00 (stated on the page)"))
    }
}
