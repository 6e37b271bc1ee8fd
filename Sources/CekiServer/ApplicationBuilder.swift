import Generated
import Handlers
import Hummingbird
import Logging

/// The HTTP application: middleware, the built-in routes and the API. Tests build it the same way the `serve`
/// command does, on an ephemeral port; `authenticator` replaces the real credential checks in tests of the
/// HTTP layer alone; `clock` is the time the API reads (tests set it); `metrics` is what `/metrics` shows (give the
/// pool the same one's factory for its statement latency).
public func buildApplication(
    configuration: ServerConfiguration, pool: PostgresPool, logger: Logger, clock: WallClock = .system,
    metrics: ServerMetrics = ServerMetrics()
) -> some ApplicationProtocol {
    buildApplication(
        configuration: configuration, pool: pool, logger: logger, authenticator: nil, clock: clock, metrics: metrics)
}

/// The application with the credential checks replaced (tests of the HTTP layer alone).
func buildApplication(
    configuration: ServerConfiguration, pool: PostgresPool, logger: Logger, authenticator: Authenticator?,
    clock: WallClock = .system, metrics: ServerMetrics = ServerMetrics()
) -> some ApplicationProtocol {
    let api = CekiAPI(
        pool: pool, secret: configuration.secret, limits: configuration.limits, google: configuration.google,
        billing: configuration.wallets.billing, keyring: configuration.wallets.keyring, clock: clock,
        files: configuration.files, metrics: metrics.factory)
    let router = Router(context: CekiRequestContext.self)
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: MetricsMiddleware(metrics: metrics))
    router.add(middleware: ErrorMiddleware())
    let credentials = authenticator ?? .identity(users: api.users, agents: api.agents)
    router.add(
        middleware: OperationMiddleware(
            handler: api, authenticator: credentials, streamedUpload: StreamedUpload(uploads: api.uploads),
            trustedProxies: configuration.trustedProxies))
    SystemRoutes(pool: pool).register(on: router)
    MetricsRoute(metrics: metrics, pool: pool, token: configuration.metricsToken).register(on: router)
    FileRoute(uploads: api.uploads).register(on: router)
    GoogleOAuthCallbackRoute(kalSyncs: api.kalSyncs).register(on: router)
    DepositWebhookRoute(deposits: api.deposits, secret: configuration.wallets.webhookSecret).register(on: router)
    MCPRoute(
        server: MCPAgentServer(
            handler: api, authenticator: credentials, trustedProxies: configuration.trustedProxies,
            pageSize: configuration.mcp.pageSize),
        settings: configuration.mcp
    ).register(on: router)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Ceki"),
        logger: logger)
}
