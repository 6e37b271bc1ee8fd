import Generated
import HTTPTypes
import Handlers
import Hummingbird

/// The routes that are not part of the API contract: readiness with the database's state (`/health`), liveness
/// of the process alone (`/health/live`, what an orchestrator restarts on: a database outage must not restart
/// every server), and the spec itself: as built in (`/openapi.yaml`), as JSON (`/openapi.json`) and as the
/// reference page SpecGen renders from it (`/docs`, docs/reference-page.md).
struct SystemRoutes: Sendable {
    let pool: PostgresPool

    func register(on router: Router<CekiRequestContext>) {
        router.get("/health") { _, context in
            try await health(context: context)
        }
        router.get("/health/live") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
        }
        router.get("/openapi.yaml") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: PackageResources.openapi_yaml)))
        }
        router.get("/openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: Self.openAPIJSON))
        }
        router.get("/docs") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/html; charset=utf-8", .contentSecurityPolicy: Self.referencePolicy],
                body: .init(byteBuffer: Self.referencePage))
        }
    }

    /// The texts SpecGen rendered from the spec at build time (`Generated/Reference.swift`), made into buffers once.
    static let openAPIJSON = ByteBuffer(string: Reference.openAPIJSON)
    static let referencePage = ByteBuffer(string: Reference.html)

    /// The reference page loads nothing: its CSS and script are inline, and the browser is told to refuse
    /// anything else (a stray external resource shows up as a console error in the browser test).
    static let referencePolicy =
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; base-uri 'none'; "
        + "form-action 'none'; frame-ancestors 'none'"

    /// 200 `{"status":"ok","database":"ok"}` when a query goes through, 503 with a message otherwise.
    private func health(context: CekiRequestContext) async throws -> Response {
        do {
            try await pool.query("SELECT 1")
        } catch {
            context.logger.warning("health check: database unreachable", metadata: ["error": "\(error)"])
            throw JSONErrorResponse(status: .serviceUnavailable, message: "The database is unreachable.")
        }
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok","database":"ok"}"#)))
    }
}
