import CLibPQ
import Foundation

/// One libpq connection, always in pipeline mode, used by exactly one `ConnectionWorker` thread.
///
/// Every statement is sent as a prepared statement (prepared on first use, cached per connection by its SQL
/// text) followed by its own sync point, so a failing statement aborts only itself, never its neighbours in
/// the same pipeline.
final class PostgresConnection {
    private let configuration: PostgresConfiguration
    private var handle: OpaquePointer?
    /// SQL text → server-side statement name, for this connection's session.
    private var statementNames: [String: String] = [:]
    private var statementCounter = 0

    init(configuration: PostgresConfiguration) {
        self.configuration = configuration
    }

    deinit {
        close()
    }

    /// Closes the session.
    func close() {
        if let handle { PQfinish(handle) }
        handle = nil
        statementNames.removeAll()
    }

    /// Makes sure there is a live session, opening a new one when there is none or the old one died.
    func ensureConnected() throws(PostgresError) {
        if let handle, PQstatus(handle) == CONNECTION_OK, !receivedDataWhileIdle(handle) { return }
        close()
        let connection = PostgresConnection.connect(configuration.connectionParameters())
        guard let connection else { throw .connectionFailed("out of memory") }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = errorMessage(connection)
            PQfinish(connection)
            throw .connectionFailed(message)
        }
        guard PQenterPipelineMode(connection) == 1 else {
            let message = errorMessage(connection)
            PQfinish(connection)
            throw .connectionFailed("cannot enter pipeline mode: \(message)")
        }
        handle = connection
    }

    /// An idle session should receive nothing. Data waiting on its socket means the server is ending it
    /// (restart, shutdown, administrator command): replace it before sending work that would be lost.
    private func receivedDataWhileIdle(_ connection: OpaquePointer) -> Bool {
        var descriptor = pollfd(fd: PQsocket(connection), events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) != 0
    }

    /// Runs the statements as one pipeline: all are sent, then all results are read. The outcome of each is
    /// returned in order. A broken session fails the statements it could not finish with `connectionLost`.
    func run(_ statements: [PostgresQuery]) -> [Result<PostgresRows, PostgresError>] {
        guard let connection = handle else {
            return statements.map { _ in .failure(.connectionLost("no session")) }
        }
        var prepared: [Bool] = []
        prepared.reserveCapacity(statements.count)
        for statement in statements {
            var name = statementNames[statement.sql]
            let needsPrepare = name == nil
            if needsPrepare {
                statementCounter += 1
                let newName = "ceki_\(statementCounter)"
                // Recorded now so that a second use in the same pipeline does not prepare it twice; removed
                // again below if the server refuses the statement.
                statementNames[statement.sql] = newName
                name = newName
                guard PQsendPrepare(connection, newName, statement.sql, 0, nil) == 1 else {
                    return failAll(statements.count)
                }
            }
            let sent = statement.bindings.withParameterPointers { parameters in
                PQsendQueryPrepared(connection, name!, Int32(parameters.count), parameters, nil, nil, 0)
            }
            guard sent == 1, PQpipelineSync(connection) == 1 else { return failAll(statements.count) }
            prepared.append(needsPrepare)
        }
        guard PQflush(connection) == 0 else { return failAll(statements.count) }

        var outcomes: [Result<PostgresRows, PostgresError>] = []
        outcomes.reserveCapacity(statements.count)
        for (statement, needsPrepare) in zip(statements, prepared) {
            guard let outcome = readSegment(connection, expectsPrepare: needsPrepare, sql: statement.sql) else {
                let message = errorMessage(connection)
                close()
                outcomes += Array(repeating: .failure(.connectionLost(message)), count: statements.count - outcomes.count)
                return outcomes
            }
            outcomes.append(outcome)
        }
        return outcomes
    }

    /// Reads one statement's results up to its sync point; nil when the session broke on the way.
    private func readSegment(
        _ connection: OpaquePointer, expectsPrepare: Bool, sql: String
    ) -> Result<PostgresRows, PostgresError>? {
        var awaitingPrepare = expectsPrepare
        var outcome: Result<PostgresRows, PostgresError>?
        var emptyReads = 0
        while true {
            guard let result = PQgetResult(connection) else {
                // A NULL separates the results of two statements; two in a row, or a dead session, means
                // the protocol is no longer where we think it is.
                emptyReads += 1
                if PQstatus(connection) != CONNECTION_OK || emptyReads > 2 { return nil }
                continue
            }
            emptyReads = 0
            switch PQresultStatus(result) {
            case PGRES_PIPELINE_SYNC:
                PQclear(result)
                return outcome ?? .failure(.connectionLost("the server sent no result"))
            case PGRES_COMMAND_OK, PGRES_TUPLES_OK:
                if awaitingPrepare {
                    awaitingPrepare = false
                    PQclear(result)
                } else {
                    outcome = .success(PostgresRows(PostgresResult(result)))
                }
            case PGRES_FATAL_ERROR:
                let error = PostgresError.from(result: result)
                PQclear(result)
                if PQstatus(connection) != CONNECTION_OK { return nil }
                if awaitingPrepare {
                    awaitingPrepare = false
                    statementNames[sql] = nil
                }
                if outcome == nil { outcome = .failure(error) }
            case PGRES_PIPELINE_ABORTED:
                PQclear(result)
                if outcome == nil {
                    outcome = .failure(.server(PostgresServerError(sqlState: "25P02", message: "pipeline aborted")))
                }
            default:
                let status = String(cString: PQresStatus(PQresultStatus(result)))
                PQclear(result)
                if outcome == nil {
                    outcome = .failure(.server(PostgresServerError(sqlState: "0A000", message: "unsupported result \(status)")))
                }
            }
        }
    }

    private func failAll(_ count: Int) -> [Result<PostgresRows, PostgresError>] {
        let message = handle.map(errorMessage) ?? "no session"
        close()
        return Array(repeating: .failure(.connectionLost(message)), count: count)
    }

    private func errorMessage(_ connection: OpaquePointer) -> String {
        String(cString: PQerrorMessage(connection)).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

extension PostgresConnection {
    /// Opens a blocking libpq session with the given keywords (the URL among them, expanded).
    static func connect(_ parameters: (keys: [String], values: [String])) -> OpaquePointer? {
        withCStringArray(parameters.keys) { keyPointers in
            withCStringArray(parameters.values) { valuePointers in PQconnectdbParams(keyPointers, valuePointers, 1) }
        }
    }
}

/// Calls `body` with a NULL-terminated array of C strings that lives for the duration of the call.
private func withCStringArray<Result>(
    _ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> Result
) -> Result {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
