import HTTPTypes
import Hummingbird

/// Returns the request's id in `X-Request-Id`, so a client's report can be matched with the server's logs.
/// The id is Hummingbird's, which every log line of the request already carries as `request_id`.
struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    static var headerName: HTTPField.Name { HTTPField.Name("X-Request-Id")! }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            var response = try await next(request, context)
            response.headers[Self.headerName] = context.id
            return response
        } catch var error as JSONErrorResponse {
            error.headers[Self.headerName] = context.id
            throw error
        }
    }
}
