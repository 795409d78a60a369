import Dispatch
import Foundation
import Testing
import ESIMKit
@testable import ESIMStore

/// A fresh database path in a scratch directory, removed at the end.
final class ScratchDatabase {
    let directory: String
    var path: String { directory + "/usage.sqlite" }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("esimtool-store-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }
}

/// Synthetic snapshots: one account with two lines, data used as given.
func snapshot(used: [String], allowance: [String] = ["Unlimited", "15 GB"], due: String = "$187.42",
              cycle: String = "2026-11-04 – 2026-12-03", balance: String? = nil) -> AccountSnapshot {
    var account: [(SnapshotField, String)] = [(.amountDue, due), (.dueDate, "2026-12-03"), (.billingCycle, cycle)]
    if let balance { account.append((.balance, balance)) }
    let lines = used.enumerated().map { index, amount -> [(SnapshotField, String)] in
        [(.number, "(***) ***-01\(42 + index)"), (.dataUsed, amount), (.dataAllowance, allowance[index % allowance.count]),
         (.premiumData, "75 GB")]
    }
    return AccountSnapshot(carrierID: "att", carrierName: "AT&T", pageKind: .overview, account: account, lines: lines)
}

@Suite("UsageStore", .serialized)
struct UsageStoreTests {
    static let day = 86_400 as Int64
    static let november8 = Timestamp("2026-11-08T09:00:00Z")!

    @Test("a new database is created with the current schema")
    func empty() throws {
        let scratch = try ScratchDatabase()
        let store = try UsageStore(path: scratch.directory + "/nested/dir/usage.sqlite")
        #expect(store.version == UsageStore.schemaVersion)
        #expect(try store.count() == 0)
    }

    @Test("a database of the first schema is migrated, keeping what it holds")
    func migration() throws {
        let scratch = try ScratchDatabase()
        do {
            let database = try Database(path: scratch.path)
            try UsageStore.migrate(database, upTo: 1)
            #expect(database.userVersion == 1)
            try database.execute("""
            INSERT INTO snapshots (fingerprint, carrier, carrier_name, page_kind, captured_at, capture_source, source_file, account, stored_at)
            VALUES ('f1', 'att', 'AT&T', 'overview', \(Self.november8.seconds), 'given', NULL, '[["amountDue","$187.42"]]', 0);
            INSERT INTO line_readings (snapshot_id, position, line_key, line_label, line_values)
            VALUES (1, 0, '…0142', '(***) ***-0142', '[["number","(***) ***-0142"],["dataUsed","3.1 GB"]]');
            """)
        }
        let store = try UsageStore(path: scratch.path)
        #expect(store.version == UsageStore.schemaVersion)
        let stored = try store.snapshots()
        #expect(stored.count == 1)
        #expect(stored.first?.snapshot.amountDue == (try Money("$187.42")))
        #expect(try store.lineHistories().first?.readings.first?.used == (try DataAmount("3.1 GB")))
        let reference = try store.database.prepare("SELECT reference_day FROM snapshots").single { $0.text(0) }
        #expect(reference == "2026-11-08")
        // Opening again changes nothing.
        #expect(try UsageStore(path: scratch.path).version == UsageStore.schemaVersion)
    }

    @Test("a database from a newer esimtool is refused, not misread")
    func newer() throws {
        let scratch = try ScratchDatabase()
        _ = try UsageStore(path: scratch.path)
        try Database(path: scratch.path).execute("PRAGMA user_version = 9")
        let error = #expect(throws: StoreError.self) { try UsageStore(path: scratch.path) }
        #expect(error?.code == .newerSchema)
    }

    @Test("snapshots are stored whole, once per page, and read back as the same values")
    func roundTrip() throws {
        let scratch = try ScratchDatabase()
        let store = try UsageStore(path: scratch.path)
        let first = snapshot(used: ["3.1 GB", "1.2 GB"])
        #expect(try store.add(first, fingerprint: "a", time: Self.november8, source: .given, file: "x.html") == .stored)
        #expect(try store.add(first, fingerprint: "a", time: Timestamp.now, source: .file, file: "y.html") == .duplicate(Self.november8))
        #expect(try store.count() == 1)
        let back = try #require(try store.snapshots().first)
        #expect(ExpectedSnapshot(back.snapshot).account == ExpectedSnapshot(first).account)
        #expect(ExpectedSnapshot(back.snapshot).lines == ExpectedSnapshot(first).lines)
        #expect(back.time == Self.november8 && back.source == .given && back.file == "x.html")
    }

    @Test("histories follow each line by its number across snapshots")
    func histories() throws {
        let scratch = try ScratchDatabase()
        let store = try UsageStore(path: scratch.path)
        for (index, used) in [["3.1 GB", "1.2 GB"], ["7 GB", "4.1 GB"], ["12.4 GB", "7.2 GB"]].enumerated() {
            try store.add(snapshot(used: used), fingerprint: "p\(index)", time: Timestamp(seconds: Self.november8.seconds + Int64(index) * 6 * Self.day),
                          source: .given, file: nil)
        }
        let lines = try store.lineHistories()
        #expect(lines.map(\.key) == ["…0142", "…0143"])
        #expect(lines[1].readings.map { $0.used?.description } == ["1.2 GB", "4.1 GB", "7.2 GB"])
        let forecast = try #require(Forecast.data(lines[1]))
        #expect(abs(forecast.bytesPerDay - 0.5 * 1_073_741_824) < 1)
        #expect(try store.accountHistories().first?.readings.count == 3)
        #expect(try store.lineHistories(carrier: "verizon").isEmpty)
    }

    @Test("two connections writing at once lose nothing and corrupt nothing")
    func concurrentWriters() throws {
        let scratch = try ScratchDatabase()
        let path = scratch.path
        _ = try UsageStore(path: path)
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 2) { writer in
            do {
                let store = try UsageStore(path: path)
                for index in 0..<40 {
                    // Both writers also store the same ten pages: each is kept once.
                    let fingerprint = index < 10 ? "shared-\(index)" : "w\(writer)-\(index)"
                    try store.add(snapshot(used: ["\(index) GB", "1 GB"]), fingerprint: fingerprint,
                                  time: Timestamp(seconds: Self.november8.seconds + Int64(index * 60)), source: .given, file: nil)
                }
            } catch {
                failures.add("\(error)")
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all)")
        let store = try UsageStore(path: scratch.path)
        #expect(try store.count() == 10 + 2 * 30)
        #expect(try store.database.prepare("PRAGMA integrity_check").single { $0.text(0) } == "ok")
        #expect(try store.database.prepare("SELECT count(*) FROM line_readings").single { $0.int(0) } == 2 * 70)
    }
}

final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []
    func add(_ message: String) { lock.lock(); messages.append(message); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return messages }
}
