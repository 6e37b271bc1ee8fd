/// Who sent the request being handled, beyond its credentials: the client address rate limits are keyed by.
///
/// A task-local value, set by the HTTP layer around each operation, because the generated `Input` carries only
/// what the spec describes (parameters, body, principal) and the client's address is not part of the API.
public enum RequestOrigin {
    /// The client's IP address (`unknown` outside a request, e.g. in tests calling handlers directly).
    @TaskLocal public static var clientAddress: String = "unknown"
}
