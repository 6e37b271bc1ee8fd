import CLibPQ

/// Owns one libpq result. A PGresult is immutable once made, so it may be read from any thread; it is freed
/// when the last `PostgresRows` that shares it goes away.
final class PostgresResult: @unchecked Sendable {
    let handle: OpaquePointer

    init(_ handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        PQclear(handle)
    }
}

/// The rows a statement returned, decoded lazily on the caller's thread straight from libpq's buffers.
///
///     for row in try await pool.query("SELECT id, name FROM kals WHERE user_id = \(userID)") {
///         let id: Int = try row.decode("id")
///         let name: String? = try row.decode("name")
///     }
public struct PostgresRows: RandomAccessCollection, Sendable {
    let result: PostgresResult?

    init(_ result: PostgresResult?) {
        self.result = result
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { result.map { Int(PQntuples($0.handle)) } ?? 0 }

    public subscript(position: Int) -> PostgresRow {
        PostgresRow(result: result!, index: Int32(position))
    }

    /// The number of rows the statement changed (INSERT/UPDATE/DELETE), or returned for a SELECT.
    public var affectedRows: Int {
        guard let result, let text = PQcmdTuples(result.handle) else { return 0 }
        return Int(String(cString: text)) ?? 0
    }

    /// The column names, in order.
    public var columns: [String] {
        guard let result else { return [] }
        return (0..<PQnfields(result.handle)).map { String(cString: PQfname(result.handle, $0)) }
    }
}

/// One row of a result.
public struct PostgresRow: Sendable {
    let result: PostgresResult
    let index: Int32

    /// Decodes the column at `column` (0-based). Decoding NULL into a non-optional type is an error.
    public func decode<Value: PostgresDecodable>(_ type: Value.Type = Value.self, at column: Int) throws(PostgresError) -> Value {
        let handle = result.handle
        let field = Int32(column)
        guard field >= 0, field < PQnfields(handle) else { throw PostgresError.noSuchColumn("#\(column)") }
        let name = String(cString: PQfname(handle, field))
        if PQgetisnull(handle, index, field) == 1 {
            return try Value.decodePostgresNull(column: name)
        }
        let length = Int(PQgetlength(handle, index, field))
        let bytes = UnsafeRawBufferPointer(start: PQgetvalue(handle, index, field), count: length)
        return try Value.decodePostgresText(bytes, column: name)
    }

    /// Decodes the column named `column`.
    public func decode<Value: PostgresDecodable>(_ type: Value.Type = Value.self, _ column: String) throws(PostgresError) -> Value {
        let field = column.withCString { PQfnumber(result.handle, $0) }
        guard field >= 0 else { throw PostgresError.noSuchColumn(column) }
        return try decode(Value.self, at: Int(field))
    }
}
