import Generated

/// A failure a handler throws that is itself the client's answer: a 4xx with a message the client can act on.
///
/// Domain errors (``IdentityError`` and those to come) conform, so every operation answers the same failure the
/// same way and the HTTP layer renders them in one place: `{"message"}`, or for a 422 the Laravel shape
/// `{"message", "errors": {field: [message]}}`, and a `Retry-After` header for a 429.
public protocol APIProblem: Error, Sendable {
    /// The HTTP status.
    var status: Int { get }
    /// What went wrong, in words the client can act on.
    var message: String { get }
    /// For a 422: the request field the problem concerns.
    var field: String? { get }
    /// For a 429: the seconds before a retry can succeed.
    var retryAfter: Int? { get }
}

extension APIProblem {
    /// The JSON body of the answer.
    public var responseBody: JSONValue {
        if status == ValidationErrors.status, let field {
            var errors = ValidationErrors()
            errors.add(.custom(message), at: field)
            return errors.responseBody
        }
        return ["message": .string(message)]
    }

    /// The headers of the answer besides `Content-Type`.
    public var responseHeaders: [(name: String, value: String)] {
        retryAfter.map { [("Retry-After", String($0))] } ?? []
    }
}

extension IdentityError: APIProblem {
    public var retryAfter: Int? {
        if case .tooManyAttempts(let seconds) = self { return seconds }
        return nil
    }
}
