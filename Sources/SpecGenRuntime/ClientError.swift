/// Why a generated client's call returned no `Output`, with the operation it was for.
///
/// ```swift
/// do {
///     _ = try await client.createKal(.init(body: kal))
/// } catch {
///     print(error)   // "POST /api/kals was not sent: the server would answer 422. name: The name field is required."
///     error.validationErrors?.messages(for: "name")
/// }
/// ```
public struct ClientError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable {
        /// The request breaks the operation's rules (the server would answer 422): every failing field, as the
        /// server would name them. Nothing was sent.
        case invalidRequest(ValidationErrors)
        /// The request could not be made into one the server reads (a body that is not JSON, a media type the
        /// operation does not take): the server's 400 or 415. Nothing was sent.
        case unreadableRequest(RequestRejection)
        /// The transport had no answer: no connection, a timeout.
        case transport(any Error)
        /// The answer is not one the spec describes: an undocumented status, or headers or a body that fail the
        /// documented response.
        case invalidResponse(status: Int, mismatches: [ResponseMismatch])
        /// The answer matched the spec but could not be read into the typed output.
        case undecodableResponse(status: Int, JSONDecodingError)
    }

    /// The operation as `METHOD /path/{template}`: `POST /api/kals`.
    public let operation: String
    public let reason: Reason

    public init(operation: String, reason: Reason) {
        self.operation = operation
        self.reason = reason
    }

    /// The failing fields of a request refused before sending; nil for any other error.
    public var validationErrors: ValidationErrors? {
        if case .invalidRequest(let errors) = reason { return errors }
        return nil
    }

    /// The status of an answer that did not match the spec; nil when no answer was read.
    public var status: Int? {
        switch reason {
        case .invalidResponse(let status, _), .undecodableResponse(let status, _): status
        default: nil
        }
    }

    /// The ways the answer differs from the spec; empty unless ``Reason/invalidResponse(status:mismatches:)``.
    public var mismatches: [ResponseMismatch] {
        if case .invalidResponse(_, let mismatches) = reason { return mismatches }
        return []
    }

    public var description: String {
        switch reason {
        case .invalidRequest(let errors):
            let fields = errors.fields.map { field in
                (field.key.isEmpty ? "body" : field.key) + ": " + field.messages.joined(separator: " ")
            }
            return "\(operation) was not sent: the server would answer 422. " + fields.joined(separator: "; ")
        case .unreadableRequest(let rejection):
            let message = rejection.responseBody["message"]?.stringValue ?? "\(rejection)"
            return "\(operation) was not sent: the server would answer \(rejection.status). \(message)"
        case .transport(let error):
            return "\(operation) got no answer: \(error)"
        case .invalidResponse(let status, let mismatches):
            return "\(operation) answered \(status), which the spec does not describe: "
                + mismatches.map(\.description).joined(separator: "; ")
        case .undecodableResponse(let status, let error):
            return "\(operation) answered \(status) as the spec says, but the client cannot read it: \(error)"
        }
    }
}
