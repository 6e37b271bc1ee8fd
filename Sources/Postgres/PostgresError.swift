/// Everything that can go wrong between Ceki and PostgreSQL, as values a caller can act on.
///
/// Server errors keep the SQLSTATE and the fields PostgreSQL sends (constraint, column, detail), so a handler
/// can turn a unique violation on `users_email_key` into a 422 on `email` instead of a 500.
public enum PostgresError: Error, Sendable, CustomStringConvertible {
    /// The server answered the statement with an error.
    case server(PostgresServerError)
    /// No connection could be opened: the database is down or unreachable. Answer 503 and try later.
    case connectionFailed(String)
    /// The connection broke while the statement was in flight; whether it ran is unknown. Answer 503.
    case connectionLost(String)
    /// A column's value could not be decoded into the Swift type asked for.
    case decoding(column: String, type: String, value: String?)
    /// A column name or index that the result does not have.
    case noSuchColumn(String)
    /// The pool has been shut down; no more statements are accepted.
    case poolClosed
    /// Parameter `$n` holds a NUL character, which PostgreSQL text cannot store and libpq cannot send: the
    /// statement was not sent (requests are refused earlier, as a 422 naming the field).
    case unsendableParameter(Int)

    /// Whether the database itself is unavailable (the request should get 503, not 500).
    public var isUnavailable: Bool {
        switch self {
        case .connectionFailed, .connectionLost, .poolClosed: return true
        case .server(let error): return error.sqlState.hasPrefix("08") || error.sqlState == "57P01"
            || error.sqlState == "57P02" || error.sqlState == "57P03"
        case .decoding, .noSuchColumn, .unsendableParameter: return false
        }
    }

    /// Whether running the whole transaction again may succeed: a serialization failure or a deadlock.
    public var isRetryableTransactionFailure: Bool {
        if case .server(let error) = self {
            return error.sqlState == "40001" || error.sqlState == "40P01"
        }
        return false
    }

    public var description: String {
        switch self {
        case .server(let error): return error.description
        case .connectionFailed(let message): return "could not connect to PostgreSQL: \(message)"
        case .connectionLost(let message): return "the PostgreSQL connection was lost: \(message)"
        case .decoding(let column, let type, let value):
            return "column \(column): cannot decode \(value.map { "'\($0)'" } ?? "NULL") as \(type)"
        case .noSuchColumn(let name): return "the result has no column \(name)"
        case .poolClosed: return "the PostgreSQL pool is closed"
        case .unsendableParameter(let number): return "parameter $\(number) holds a NUL character, which PostgreSQL text cannot store"
        }
    }
}

/// An error reported by the PostgreSQL server, with the fields of its ErrorResponse message.
public struct PostgresServerError: Sendable, CustomStringConvertible {
    /// The five-character SQLSTATE, e.g. `23505` for a unique violation.
    public var sqlState: String
    /// The primary message.
    public var message: String
    /// The optional detail (for a unique violation: which key already exists).
    public var detail: String?
    /// The constraint that was violated, when there is one.
    public var constraint: String?
    /// The table, when the error concerns one.
    public var table: String?
    /// The column, when the error concerns one.
    public var column: String?

    public init(
        sqlState: String, message: String, detail: String? = nil, constraint: String? = nil,
        table: String? = nil, column: String? = nil
    ) {
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.constraint = constraint
        self.table = table
        self.column = column
    }

    /// SQLSTATE 23505.
    public var isUniqueViolation: Bool { sqlState == "23505" }
    /// SQLSTATE 23503.
    public var isForeignKeyViolation: Bool { sqlState == "23503" }
    /// SQLSTATE 57014: the statement ran past `statement_timeout` (or was cancelled).
    public var isQueryCanceled: Bool { sqlState == "57014" }

    public var description: String {
        var text = "PostgreSQL \(sqlState): \(message)"
        if let detail { text += " (\(detail))" }
        return text
    }
}
