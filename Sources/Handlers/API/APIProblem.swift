import Generated

/// A failure a handler throws that is itself the client's answer: a 4xx (or a 501/503) with a message the client
/// can act on.
///
/// Domain errors (``IdentityError``, ``SchedulingError``) and the ready-made ``Problem``s conform, so every
/// operation answers the same failure the same way and the HTTP layer renders them in one place
/// (``responseBody``, ``responseHeaders``): `{"message"}`, or for a 422 the Laravel shape
/// `{"message", "errors": {field: [message]}}` naming every field at once, and `Retry-After` for a 429.
public protocol APIProblem: Error, Sendable {
    /// The HTTP status.
    var status: Int { get }
    /// What went wrong, in words the client can act on.
    var message: String { get }
    /// For a 422: every field's messages, under Laravel-style keys (`slug`, `settings.days.1.0.end`).
    var fieldErrors: ValidationErrors? { get }
    /// For a 429: the seconds before a retry can succeed.
    var retryAfter: Int? { get }
    /// The JSON body of the answer (a default for every problem; a 402 says more).
    var responseBody: JSONValue { get }
    /// The headers of the answer besides `Content-Type`.
    var responseHeaders: [(name: String, value: String)] { get }
}

extension APIProblem {
    public var fieldErrors: ValidationErrors? { nil }
    public var retryAfter: Int? { nil }

    /// The JSON body of the answer: the spec's `ValidationError` for a 422 that names fields, its `Error`
    /// otherwise.
    public var responseBody: JSONValue {
        if status == ValidationErrors.status, let fieldErrors, !fieldErrors.isEmpty {
            return fieldErrors.responseBody
        }
        return ["message": .string(message)]
    }

    /// The headers of the answer besides `Content-Type`.
    public var responseHeaders: [(name: String, value: String)] {
        retryAfter.map { [("Retry-After", String($0))] } ?? []
    }
}

extension IdentityError: APIProblem {
    public var fieldErrors: ValidationErrors? {
        field.map { ValidationErrors(message, at: $0) }
    }

    public var retryAfter: Int? {
        if case .tooManyAttempts(let seconds) = self { return seconds }
        return nil
    }
}

extension SchedulingError: APIProblem {
    public var status: Int { ValidationErrors.status }

    public var message: String { description }

    /// Every problem under its field, in the order the engine found them.
    public var fieldErrors: ValidationErrors? {
        var errors = ValidationErrors()
        for problem in problems { errors.add(.custom(problem.message), at: problem.field.key) }
        return errors
    }
}

extension ValidationErrors {
    /// One field's message, the common case of a domain rule (`slug` is taken).
    public init(_ message: String, at field: String) {
        self.init()
        add(.custom(message), at: field)
    }

    /// Throws the collected problems as one 422 when there are any: a domain rule checks every field, then
    /// calls this once, so the client learns of all of them together.
    public func throwIfAny() throws(Problem) {
        if !isEmpty { throw Problem.invalid(self) }
    }
}
