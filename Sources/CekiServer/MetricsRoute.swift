import Handlers
import Hummingbird

/// `GET /metrics`: the server's metrics in Prometheus's text format (docs/metrics.md). Open like `/health` (it
/// is scraped from the private network); with `METRICS_TOKEN` set it asks for `Authorization: Bearer <token>`.
struct MetricsRoute: Sendable {
    let metrics: ServerMetrics
    let pool: PostgresPool
    /// `METRICS_TOKEN`; nil leaves the route open.
    let token: String?

    func register(on router: Router<CekiRequestContext>) {
        router.get("/metrics") { request, context in
            if let token, !Self.authorizes(request.headers[.authorization], token: token) {
                var refusal = JSONErrorResponse(status: .unauthorized, message: "Unauthenticated.")
                refusal.headers[.wwwAuthenticate] = #"Bearer realm="metrics""#
                throw refusal
            }
            let text = await metrics.scrape(pool: pool, logger: context.logger)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }

    /// Whether `authorization` is `Bearer <token>`, compared in constant time.
    static func authorizes(_ authorization: String?, token: String) -> Bool {
        guard let authorization, authorization.hasPrefix("Bearer ") else { return false }
        let given = Array(authorization.dropFirst("Bearer ".count).utf8)
        let expected = Array(token.utf8)
        guard given.count == expected.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(given, expected) { difference |= a ^ b }
        return difference == 0
    }
}
