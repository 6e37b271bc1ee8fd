import Generated
import Handlers
import Hummingbird
import Logging

/// The HTTP application: middleware, the built-in routes, and (as the spec is implemented) the API.
/// Tests build it the same way the `serve` command does, on an ephemeral port.
func buildApplication(
    configuration: ServerConfiguration, pool: PostgresPool, logger: Logger,
    authenticator: Authenticator = .rejectingEverything
) -> some ApplicationProtocol {
    let router = Router(context: CekiRequestContext.self)
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: OperationMiddleware(handler: CekiAPI(pool: pool), authenticator: authenticator))
    SystemRoutes(pool: pool).register(on: router)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Ceki"),
        logger: logger)
}
