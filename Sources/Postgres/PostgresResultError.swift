import CLibPQ
import Foundation

extension PostgresError {
    /// The error a failed result carries: the server's, with its fields, or libpq's own (a lost
    /// connection, which has no SQLSTATE).
    static func from(result: OpaquePointer) -> PostgresError {
        func field(_ code: Int32) -> String? {
            PQresultErrorField(result, code).map { String(cString: $0) }
        }
        let message =
            field(Int32(CEKI_PG_DIAG_MESSAGE_PRIMARY))
            ?? String(cString: PQresultErrorMessage(result)).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let sqlState = field(Int32(CEKI_PG_DIAG_SQLSTATE)) else {
            return .connectionLost(message)
        }
        return .server(
            PostgresServerError(
                sqlState: sqlState, message: message, detail: field(Int32(CEKI_PG_DIAG_MESSAGE_DETAIL)),
                constraint: field(Int32(CEKI_PG_DIAG_CONSTRAINT_NAME)), table: field(Int32(CEKI_PG_DIAG_TABLE_NAME)),
                column: field(Int32(CEKI_PG_DIAG_COLUMN_NAME))))
    }
}
