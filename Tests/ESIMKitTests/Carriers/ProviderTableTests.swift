import Foundation
import Testing
@testable import ESIMKit

@Suite("Provider table")
struct ProviderTableTests {
    /// Carriers and voicemail, the parts of a database a table keeps.
    static func same(_ a: ProviderDatabase, _ b: ProviderDatabase) -> Bool {
        a.carriers == b.carriers && a.voicemail == b.voicemail
    }

    @Test("XML → table → database gives back the same carriers, APNs, checks and voicemail")
    func roundTrip() throws {
        let xml = try ProviderDatabase(xml: ProviderDatabaseTests.database, path: "db")
        let text = xml.tableText(date: 20_250_101, source: "test")
        let table = try ProviderDatabase(table: text, path: "db")
        #expect(Self.same(xml, table))
        #expect(table.carriers.count == xml.carriers.count && !table.carriers.isEmpty)
        #expect(ProviderDatabase.tableHeader(text) == .init(date: 20_250_101, source: "test"))
        // And the table of the table is the table.
        #expect(table.tableText(date: 20_250_101, source: "test") == text)
    }

    @Test("fields with tabs, line ends, backslashes and empty-but-present values survive")
    func escapes() throws {
        var carrier = Carrier(id: "xx-odd", name: "Odd\tName\\", aliases: ["a\nb", ""], country: "xx",
                              sources: [FactSource.providerDatabase.id: .providerDatabase],
                              origin: .providerDatabase(path: "db", line: 7))
        carrier.apns = [AccessPointName(apn: "x\r", name: "", username: nil, password: "p\\t", source: FactSource.providerDatabase.id)]
        carrier.balanceChecks = [BalanceCheck(method: .sms, code: "123", text: "", isTopUp: true, source: FactSource.providerDatabase.id)]
        var database = try ProviderDatabase(table: "\(ProviderDatabase.tableMagic)\t1\tx\n", path: "db")
        database.carriers = [carrier]
        database.voicemail = ["xx-odd": ["*86\t"]]
        let back = try ProviderDatabase(table: database.tableText(date: 1, source: "x"), path: "db")
        #expect(Self.same(database, back))
    }

    @Test("the built-in table is the 20251101 snapshot, whole, and answers without any system file")
    func embedded() throws {
        let database = try #require(ProviderDatabase.embedded)
        #expect(ProviderDatabase.embeddedHeader.date == 20_251_101)
        #expect(database.carriers.count > 700)
        #expect(Set(database.carriers.map(\.country)).count > 100)
        let speedTalk = database.carriers.first { $0.name == "SpeedTalk Mobile" }
        #expect(speedTalk?.networkCodes.contains { $0.mcc == "310" && $0.mnc == "260" } == true)
        let registry = try CarrierRegistry.load(providers: .automatic, apns: nil)
        #expect(registry.carriers(mcc: "310", mnc: "260").contains { $0.carrier.name == "SpeedTalk Mobile" })
        #expect(registry.carriers(mcc: "234", mnc: "15").isEmpty == false)
        if (ProviderDatabase.fileDate(ProviderDatabase.systemPath) ?? 0) <= 20_251_101 {
            #expect(registry.providerSource == "the built-in copy of mobile-broadband-provider-info 20251101")
        }
    }

    @Test("the built-in table equals the snapshot it was generated from",
          .enabled(if: FileManager.default.fileExists(atPath: ProviderTableTests.snapshot),
                   "the upstream snapshot is not beside the project (../shared/data); nothing to compare"))
    func embeddedMatchesSnapshot() throws {
        let path = "mobile-broadband-provider-info 20251101 (built in)"
        let xml = try ProviderDatabase(contentsOfFile: Self.snapshot)
        let table = try #require(ProviderDatabase.embedded)
        var relabelled = xml
        relabelled.carriers = xml.carriers.map { carrier in
            var carrier = carrier
            if case .providerDatabase(_, let line) = carrier.origin { carrier.origin = .providerDatabase(path: path, line: line) }
            return carrier
        }
        #expect(Self.same(relabelled, table), "regenerate with Scripts/generate-provider-table")
    }

    /// The shared snapshot beside the project (a user's clone has none).
    static let snapshot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("shared/data/mobile-broadband-provider-info-20251101/serviceproviders.xml").path

    @Test("a compiled table given as --providers reads like the XML")
    func tableFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("esimtool-table-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let xml = try ProviderDatabase(xml: ProviderDatabaseTests.database, path: path)
        try xml.tableText(date: 20_250_101, source: "test").write(toFile: path, atomically: true, encoding: .utf8)
        let read = try ProviderDatabase(contentsOfFile: path)
        #expect(Self.same(xml, read))
        let registry = try CarrierRegistry.load(providers: .file(path), apns: nil)
        #expect(registry.providerSource == path)
        #expect(registry.carriers.contains { $0.name == "Testcom" })
    }

    @Test("broken tables are refused with the line", arguments: [
        ("", 1),
        ("P\tx\txx\t1\tX\n", 1),
        ("#esimtool-provider-table 1\t1\tx\nN\t310\t260\n", 2),
        ("#esimtool-provider-table 1\t1\tx\nP\tx\txx\tline\tX\n", 2),
        ("#esimtool-provider-table 1\t1\tx\nP\tx\txx\t1\n", 2),
        ("#esimtool-provider-table 1\t1\tx\nP\tx\txx\t1\tX\nQ\tz\n", 3),
        ("#esimtool-provider-table 1\t1\tx\nP\tx\txx\t1\tX\nAP\tprepaid\n", 3),
        ("#esimtool-provider-table 1\t1\tx\nP\tx\txx\t1\tX\nB\tfax\t0\t*1#\t\n", 3),
        ("#esimtool-provider-table 1\t1\tx\nP\tx\txx\t1\tX\nA\tapn\tname\t\t\t\t\t\n", 3),
        ("#esimtool-provider-table 1\t1\tx\nP\tx\txx\t1\tX\nA\tapn\t\t\t\t\t\t\nAU\tvoice\n", 4),
    ])
    func rejects(_ text: String, _ line: Int) {
        let error = #expect(throws: ProviderDatabaseError.self) { try ProviderDatabase(table: text, path: "t") }
        #expect(error?.code == .wrongFormat)
        #expect(error?.line == line)
    }

    @Test("every prefix of a table reads or fails with a named error, never a crash")
    func dripFeed() throws {
        let text = try ProviderDatabase(xml: ProviderDatabaseTests.database, path: "db").tableText(date: 20_250_101, source: "test")
        let bytes = Array(text.utf8)
        for end in 0...bytes.count {
            do {
                _ = try ProviderDatabase(table: String(decoding: bytes[..<end], as: UTF8.self), path: "db")
            } catch {
                #expect(error.code == .wrongFormat)
            }
        }
    }

    @Test("a file's date is its modification day, YYYYMMDD")
    func fileDate() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("esimtool-date-\(UUID().uuidString)").path
        try Data("x".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        for (seconds, expected) in [(1_682_208_000.0, 20_230_423), (951_782_400.0, 20_000_229), (0.0, 19_700_101), (1_764_633_599.0, 20_251_201)] {
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: seconds)], ofItemAtPath: path)
            #expect(ProviderDatabase.fileDate(path) == expected)
        }
        #expect(ProviderDatabase.fileDate("/nonexistent/serviceproviders.xml") == nil)
    }
}
