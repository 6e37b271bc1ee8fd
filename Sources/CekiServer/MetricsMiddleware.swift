import Hummingbird

/// Counts every request and times it, by operation and status class (`ServerMetrics`). It runs outside the
/// error middleware, so it sees the status the client gets; the operation is the one `OperationMiddleware`
/// routed to, or the path of the server route that answered (Hummingbird's endpoint path).
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            metrics.recordRequest(
                operation: context.endpointPath, status: response.status.code, duration: .now - start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metrics.recordRequest(operation: context.endpointPath, status: status, duration: .now - start)
            throw error
        }
    }
}
