import CLibPQ
import Foundation

/// A plain (non-pipelined) session for scripts of several statements, such as migrations, which the
/// extended query protocol of the pool cannot run. It blocks, so it always runs on a thread of its own.
final class PostgresScriptSession {
    private let handle: OpaquePointer

    init(configuration: PostgresConfiguration) throws(PostgresError) {
        guard let handle = PostgresConnection.connect(configuration.connectionParameters(applicationSuffix: "-migrate")) else {
            throw .connectionFailed("out of memory")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines)
            PQfinish(handle)
            throw .connectionFailed(message)
        }
        self.handle = handle
    }

    deinit {
        PQfinish(handle)
    }

    /// Runs a script (any number of statements) and returns the first column of the last result's rows.
    @discardableResult
    func execute(_ script: String) throws(PostgresError) -> [String?] {
        guard let result = PQexec(handle, script) else {
            throw .connectionLost(String(cString: PQerrorMessage(handle)))
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
            return []
        case PGRES_TUPLES_OK:
            return (0..<PQntuples(result)).map { row in
                PQgetisnull(result, row, 0) == 1 ? nil : String(cString: PQgetvalue(result, row, 0))
            }
        default:
            throw PostgresError.from(result: result)
        }
    }

    /// Quotes a string as an SQL literal for scripts (values in application queries are always bound instead).
    func literal(_ text: String) -> String {
        guard let quoted = PQescapeLiteral(handle, text, text.utf8.count) else { return "NULL" }
        defer { PQfreemem(quoted) }
        return String(cString: quoted)
    }
}
