import ESIMKit
import ESIMSupport

/// The usage history: every tracked snapshot, per carrier and line, in a SQLite database
/// with a versioned schema. Writes are transactions; a snapshot is stored whole or not at
/// all, and the same page (by the SHA-256 of its bytes) is stored once.
package final class UsageStore {
    /// The schema this build writes. Older databases are migrated on open; a newer one
    /// is refused rather than misread.
    package static let schemaVersion = 3

    /// `$ESIMTOOL_DB`, else `$XDG_DATA_HOME/esimtool/usage.sqlite`, else
    /// `~/.local/share/esimtool/usage.sqlite`.
    package static var defaultPath: String? {
        if let path = Environment.value("ESIMTOOL_DB") { return path }
        if let data = Environment.value("XDG_DATA_HOME") { return data + "/esimtool/usage.sqlite" }
        return Environment.value("HOME").map { $0 + "/.local/share/esimtool/usage.sqlite" }
    }

    package let path: String
    let database: Database

    /// What opening may create. Only `track` creates a database, and only at the default
    /// location are folders made: a reader pointed at a typo must fail, not answer from a
    /// new empty database.
    package enum Creation: Sendable {
        /// An existing database only.
        case existing
        /// The file when absent; its folder must exist (`track --db`).
        case file
        /// The file and its folders (`track` at the default location).
        case fileAndFolders
    }

    /// Opens and migrates the database, creating what `creation` allows.
    package init(path: String, creation: Creation = .fileAndFolders) throws(StoreError) {
        self.path = path
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let directory = String(path.dropLast(name.count))
        if FileStatus.isDirectory(path) || path.hasSuffix("/") {
            throw StoreError(.cannotOpen, "it is a directory, not a database", file: path)
        }
        if !FileStatus.exists(path) {
            switch creation {
            case .existing:
                throw StoreError(.notFound, "no usage database here ('esimtool track PAGE' creates one)", file: path)
            case .file:
                if !directory.isEmpty, !FileStatus.isDirectory(directory) {
                    throw StoreError(.notFound, "the folder does not exist (create it first)", file: directory)
                }
            case .fileAndFolders:
                if !directory.isEmpty, !FileStatus.exists(directory) {
                    do { try FileWriter.makeDirectory(directory, private: true) } catch {
                        throw StoreError(.cannotOpen, error.summary, file: directory)
                    }
                }
            }
        }
        database = try Database(path: path)
        try Self.migrate(database)
    }

    // MARK: Schema

    /// Each migration takes the schema from the version before it to its own; each runs in
    /// a transaction that also records the new version, so a crash leaves either version.
    static let migrations: [(version: Int, sql: String)] = [
        (1, """
            CREATE TABLE snapshots (
                id INTEGER PRIMARY KEY,
                fingerprint TEXT NOT NULL UNIQUE,
                carrier TEXT NOT NULL,
                carrier_name TEXT,
                page_kind TEXT,
                captured_at INTEGER NOT NULL,
                capture_source TEXT NOT NULL,
                source_file TEXT,
                account TEXT NOT NULL,
                stored_at INTEGER NOT NULL
            );
            CREATE TABLE line_readings (
                snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                line_key TEXT NOT NULL,
                line_label TEXT NOT NULL,
                line_values TEXT NOT NULL,
                PRIMARY KEY (snapshot_id, position)
            );
            CREATE INDEX snapshots_by_carrier ON snapshots (carrier, captured_at);
            """),
        // Version 2: the day year-less dates were read against, and lookups by line.
        (2, """
            ALTER TABLE snapshots ADD COLUMN reference_day TEXT;
            UPDATE snapshots SET reference_day = date(captured_at, 'unixepoch', 'localtime') WHERE reference_day IS NULL;
            CREATE INDEX line_readings_by_key ON line_readings (line_key);
            """),
        // Version 3: the whole reading as `inspect --json` shows it (rules, raw text,
        // diagnostics), for snapshots stored from now on.
        (3, """
            ALTER TABLE snapshots ADD COLUMN inspect_json TEXT;
            """),
    ]

    static func migrate(_ database: Database, upTo target: Int = schemaVersion) throws(StoreError) {
        for migration in migrations where migration.version <= target {
            try database.transaction { () throws(StoreError) in
                // Read inside the write lock: another process may have migrated meanwhile.
                let current = database.userVersion
                if current > schemaVersion {
                    throw StoreError(.newerSchema, "the database has schema version \(current); this esimtool knows \(schemaVersion): use a newer esimtool", file: database.path)
                }
                guard current == migration.version - 1 else { return }
                try database.execute(migration.sql)
                try database.execute("PRAGMA user_version = \(migration.version)")
            }
        }
        let current = database.userVersion
        if current > schemaVersion {
            throw StoreError(.newerSchema, "the database has schema version \(current); this esimtool knows \(schemaVersion): use a newer esimtool", file: database.path)
        }
    }

    package var version: Int { database.userVersion }

    // MARK: Writing

    /// How a snapshot's capture time was decided (stored by its raw value).
    package typealias CaptureSource = CaptureTime.Source

    package enum AddOutcome: Equatable, Sendable {
        case stored
        /// The same page was stored before (at that capture time).
        case duplicate(Timestamp)
    }

    /// Stores a snapshot taken at `time`; `fingerprint` identifies the page.
    @discardableResult
    package func add(_ snapshot: AccountSnapshot, fingerprint: String, time: Timestamp, source: CaptureSource,
                    file: String?, reference: CalendarDate? = nil) throws(StoreError) -> AddOutcome {
        guard let carrier = snapshot.carrierID else {
            throw StoreError(.sql, "a snapshot without a carrier cannot be tracked", file: path)
        }
        return try database.transaction { () throws(StoreError) -> AddOutcome in
            if let existing = try database.prepare("SELECT captured_at FROM snapshots WHERE fingerprint = ?")
                .bind([.text(fingerprint)]).single({ $0.int64(0) }) {
                return .duplicate(Timestamp(seconds: existing))
            }
            try database.prepare("""
                INSERT INTO snapshots (fingerprint, carrier, carrier_name, page_kind, captured_at, capture_source, source_file,
                                       account, stored_at, reference_day, inspect_json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).bind([
                    .text(fingerprint), .text(carrier), snapshot.carrierName.map { .text($0) } ?? .null,
                    snapshot.pageKind.map { .text($0.rawValue) } ?? .null, .int(time.seconds), .text(source.rawValue),
                    file.map { .text($0) } ?? .null, .text(Self.encode(snapshot.values)), .int(Timestamp.now.seconds),
                    (reference ?? snapshot.reference).map { .text($0.description) } ?? .null,
                    (try? OrderedJSONEncoder().encode(snapshot)).map { .text($0) } ?? .null,
                ]).run()
            let id = database.lastInsertedRow
            let insert = try database.prepare("""
                INSERT INTO line_readings (snapshot_id, position, line_key, line_label, line_values) VALUES (?, ?, ?, ?, ?)
                """)
            for (index, line) in snapshot.lines.enumerated() {
                let (key, label) = AccountSnapshot.lineKey(line, index: index)
                try insert.bind([.int(id), .int(Int64(index)), .text(key), .text(label), .text(Self.encode(line.values))]).run()
            }
            return .stored
        }
    }

    /// `[["amountDue","$187.42"],…]`: canonical texts, which read back as the same values.
    static func encode(_ values: [ExtractedValue]) -> String {
        (try? OrderedJSONEncoder().encode(values.map { [$0.field.rawValue, $0.value.canonicalText] })) ?? "[]"
    }

    static func decode(_ text: String) -> [(SnapshotField, String)] {
        guard case .array(let items)? = try? JSONValue(parsing: text) else { return [] }
        return items.compactMap { item in
            guard case .array(let pair) = item, pair.count == 2, let name = pair[0].scalarText,
                  let field = SnapshotField(rawValue: name), let value = pair[1].scalarText else { return nil }
            return (field, value)
        }
    }

    // MARK: Reading

    /// One stored snapshot, rebuilt.
    package struct Stored: Sendable {
        package var id: Int64
        package var time: Timestamp
        package var source: CaptureSource
        package var file: String?
        package var snapshot: AccountSnapshot
        package var lineKeys: [(key: String, label: String)]
    }

    /// Every stored snapshot (of one carrier, if given), oldest first.
    package func snapshots(carrier: String? = nil) throws(StoreError) -> [Stored] {
        let rows = try database.prepare("""
            SELECT id, carrier, carrier_name, page_kind, captured_at, capture_source, source_file, account
            FROM snapshots WHERE (?1 IS NULL OR carrier = ?1) ORDER BY captured_at, id
            """).bind([carrier.map { .text($0) } ?? .null]).rows { row in
                (row.int64(0), row.text(1) ?? "", row.text(2), row.text(3), row.int64(4), row.text(5) ?? "file", row.text(6), row.text(7) ?? "[]")
            }
        let lineQuery = try database.prepare("SELECT line_key, line_label, line_values FROM line_readings WHERE snapshot_id = ? ORDER BY position")
        var result: [Stored] = []
        for (id, carrierID, name, kind, seconds, source, file, account) in rows {
            let lines = try lineQuery.bind([.int(id)]).rows { ($0.text(0) ?? "", $0.text(1) ?? "", $0.text(2) ?? "[]") }
            let snapshot = AccountSnapshot(carrierID: carrierID, carrierName: name, pageKind: kind.flatMap(PageKind.init(rawValue:)),
                                           account: Self.decode(account), lines: lines.map { Self.decode($0.2) })
            result.append(Stored(id: id, time: Timestamp(seconds: seconds), source: CaptureSource(rawValue: source) ?? .file,
                                 file: file, snapshot: snapshot, lineKeys: lines.map { ($0.0, $0.1) }))
        }
        return result
    }

    /// Each line's readings over time, by carrier and line key.
    package func lineHistories(carrier: String? = nil) throws(StoreError) -> [LineHistory] {
        var order: [String] = []
        var histories: [String: LineHistory] = [:]
        for stored in try snapshots(carrier: carrier) {
            for (index, line) in stored.snapshot.lineReadings(at: stored.time).enumerated() {
                let id = (stored.snapshot.carrierID ?? "") + "\u{1}" + line.key
                if histories[id] == nil {
                    order.append(id)
                    histories[id] = LineHistory(carrierID: stored.snapshot.carrierID ?? "", carrierName: stored.snapshot.carrierName ?? "",
                                                key: line.key, label: stored.lineKeys[index].label, readings: [])
                }
                histories[id]!.readings.append(line.reading)
                if line.label.count > histories[id]!.label.count { histories[id]!.label = line.label }
            }
        }
        return order.compactMap { histories[$0] }
    }

    /// Each carrier account's readings over time.
    package func accountHistories(carrier: String? = nil) throws(StoreError) -> [AccountHistory] {
        var order: [String] = []
        var histories: [String: AccountHistory] = [:]
        for stored in try snapshots(carrier: carrier) {
            let id = stored.snapshot.carrierID ?? ""
            if histories[id] == nil {
                order.append(id)
                histories[id] = AccountHistory(carrierID: id, carrierName: stored.snapshot.carrierName ?? id, readings: [])
            }
            histories[id]!.readings.append(stored.snapshot.accountReading(at: stored.time))
        }
        return order.compactMap { histories[$0] }
    }

    /// SQLite's own check of the file: `"ok"` when every page and index is sound.
    package func integrityCheck() throws(StoreError) -> String {
        try database.prepare("PRAGMA integrity_check").rows { $0.text(0) ?? "" }.joined(separator: "; ")
    }

    /// Stored line readings, all snapshots together.
    package func lineReadingCount() throws(StoreError) -> Int {
        try database.prepare("SELECT count(*) FROM line_readings").single { $0.int(0) } ?? 0
    }

    package func count() throws(StoreError) -> Int {
        try database.prepare("SELECT count(*) FROM snapshots").single { $0.int(0) } ?? 0
    }
}
