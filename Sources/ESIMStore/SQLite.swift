import CSQLite
import ESIMSupport

/// Why the store could not do what was asked.
package enum StoreErrorCode: String, ErrorCode, Codable {
    case cannotOpen
    /// No database (or no folder for one) where one was expected.
    case notFound
    case sql
    case busy
    case newerSchema
    case corrupt
}

/// A usage-database error; ``CodedError/file`` is the database (or its directory).
package typealias StoreError = CodedError<StoreErrorCode>

/// One SQLite connection: write-ahead logging, full synchronisation (a committed write
/// survives a crash or power loss), foreign keys on, and a busy timeout so that two
/// processes writing at once wait for each other instead of failing.
final class Database {
    let handle: OpaquePointer
    let path: String

    init(path: String) throws(StoreError) {
        var pointer: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX
        let status = sqlite3_open_v2(path, &pointer, flags, nil)
        guard status == SQLITE_OK, let pointer else {
            let message = pointer.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let pointer { sqlite3_close_v2(pointer) }
            throw StoreError(.cannotOpen, "cannot open the database: \(message)", file: path)
        }
        handle = pointer
        self.path = path
        sqlite3_busy_timeout(handle, 15_000)
        sqlite3_extended_result_codes(handle, 1)
        try execute("PRAGMA journal_mode = WAL")
        try execute("PRAGMA synchronous = FULL")
        try execute("PRAGMA foreign_keys = ON")
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    func error(_ status: Int32, _ context: String) -> StoreError {
        let message = String(cString: sqlite3_errmsg(handle))
        switch status & 0xFF {
        case SQLITE_BUSY, SQLITE_LOCKED:
            return StoreError(.busy, "\(context): the database stayed locked by another process (\(message))", file: path)
        case SQLITE_CORRUPT, SQLITE_NOTADB:
            return StoreError(.corrupt, "\(context): not a readable database (\(message))", file: path)
        default:
            return StoreError(.sql, "\(context): \(message)", file: path)
        }
    }

    /// Runs statements that return no rows.
    func execute(_ sql: String) throws(StoreError) {
        let status = sqlite3_exec(handle, sql, nil, nil, nil)
        if status != SQLITE_OK {
            throw error(status, sql.split(separator: "\n").first.map(String.init) ?? sql)
        }
    }

    func prepare(_ sql: String) throws(StoreError) -> Statement {
        var statement: OpaquePointer?
        let status = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard status == SQLITE_OK, let statement else { throw error(status, "preparing '\(sql.prefix(60))'") }
        return Statement(statement, database: self)
    }

    /// Runs `body` in one write transaction (taken at once, so concurrent writers queue):
    /// everything or nothing is stored.
    func transaction<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    var userVersion: Int {
        get { (try? prepare("PRAGMA user_version").single { $0.int(0) }) ?? 0 }
    }

    var lastInsertedRow: Int64 { sqlite3_last_insert_rowid(handle) }
}

/// A prepared statement.
final class Statement {
    let pointer: OpaquePointer
    unowned let database: Database

    init(_ pointer: OpaquePointer, database: Database) {
        self.pointer = pointer
        self.database = database
    }

    deinit { sqlite3_finalize(pointer) }

    enum Value {
        case int(Int64)
        case double(Double)
        case text(String)
        case null
    }

    @discardableResult
    func bind(_ values: [Value]) -> Statement {
        sqlite3_reset(pointer)
        sqlite3_clear_bindings(pointer)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .int(let number): sqlite3_bind_int64(pointer, index, number)
            case .double(let number): sqlite3_bind_double(pointer, index, number)
            case .text(let text):
                var text = text
                text.withUTF8 { buffer in
                    buffer.withMemoryRebound(to: CChar.self) { characters in
                        esim_sqlite3_bind_text_copy(pointer, index, characters.baseAddress, Int32(buffer.count))
                    }
                }
            case .null: sqlite3_bind_null(pointer, index)
            }
        }
        return self
    }

    /// Steps once; `true` when a row is ready.
    func step() throws(StoreError) -> Bool {
        let status = sqlite3_step(pointer)
        switch status {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw database.error(status, "running a statement")
        }
    }

    func run() throws(StoreError) {
        while try step() {}
    }

    func rows<T>(_ read: (Statement) -> T) throws(StoreError) -> [T] {
        var result: [T] = []
        while try step() { result.append(read(self)) }
        return result
    }

    func single<T>(_ read: (Statement) -> T) throws(StoreError) -> T? {
        try step() ? read(self) : nil
    }

    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(pointer, column)) }
    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(pointer, column) }
    func optionalInt64(_ column: Int32) -> Int64? {
        sqlite3_column_type(pointer, column) == SQLITE_NULL ? nil : sqlite3_column_int64(pointer, column)
    }
    func text(_ column: Int32) -> String? {
        guard let characters = sqlite3_column_text(pointer, column) else { return nil }
        return String(cString: characters)
    }
}
