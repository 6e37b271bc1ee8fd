import Foundation
import HTTPTypes
import Handlers
import Hummingbird

/// Turns every error into the service's JSON error shape `{"message": …}` with the right status, so that no
/// client ever sees an empty or HTML body: unknown routes give 404, an unavailable database 503, anything
/// unexpected 500 (logged with the request id, its details never sent to the client).
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as JSONErrorResponse {
            throw error
        } catch let error as PostgresError where error.isUnavailable {
            context.logger.warning("database unavailable", metadata: ["error": "\(error)"])
            throw JSONErrorResponse(status: .serviceUnavailable, message: "The service is temporarily unavailable. Try again shortly.")
        } catch let error as HTTPError {
            throw JSONErrorResponse(status: error.status, message: error.body ?? JSONErrorResponse.defaultMessage(error.status))
        } catch let error as any HTTPResponseError where error.status.kind == .clientError {
            // Hummingbird's own refusals (a body over the limit, say): their status, in the service's shape.
            throw JSONErrorResponse(status: error.status, message: JSONErrorResponse.defaultMessage(error.status))
        } catch {
            context.logger.error("unhandled error", metadata: ["error": "\(error)"])
            throw JSONErrorResponse(status: .internalServerError, message: "Server Error")
        }
    }
}

/// An error that answers with `{"message": …}` and its status.
struct JSONErrorResponse: HTTPResponseError {
    var status: HTTPResponse.Status
    var message: String
    var headers: HTTPFields = [:]

    init(status: HTTPResponse.Status, message: String) {
        self.status = status
        self.message = message
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "application/json"
        let body = "{\"message\":\(JSONLogHandler.quote(message))}"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// The message Laravel gives for a status when nothing more specific is known.
    static func defaultMessage(_ status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: return "Not Found"
        case .methodNotAllowed: return "Method Not Allowed"
        case .unauthorized: return "Unauthenticated."
        case .forbidden: return "This action is unauthorized."
        case .tooManyRequests: return "Too Many Attempts."
        case .contentTooLarge: return "The request body is too large."
        default: return status.reasonPhrase
        }
    }
}
