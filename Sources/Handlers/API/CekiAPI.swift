import Generated

/// Ceki's implementation of the generated `APIHandler` protocol: one method per operationId of
/// `spec/openapi.yaml`. An operation not implemented here keeps the generated default, which answers 501
/// `{"message": "Not implemented"}` after routing, authentication and validation, so unbuilt operations are
/// visible rather than faked.
public struct CekiAPI: APIHandler {
    /// The database every operation works on.
    public let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }
}
