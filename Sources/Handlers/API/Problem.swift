import Generated

/// The ready-made failures every operation answers with, each in the spec's shape (``APIProblem``): handlers
/// throw `Problem.notFound("kal")` or `Problem.invalid("slug", "…")` rather than building statuses and bodies.
///
/// Visibility (docs/domain.md "Access"): an object the caller may not see is ``notFound(_:)``, never
/// ``forbidden(_:)``, so that ids leak nothing; a visible object the caller may not change is ``forbidden(_:)``.
public struct Problem: APIProblem, Equatable {
    public let status: Int
    public let message: String
    public let fieldErrors: ValidationErrors?
    public let retryAfter: Int?

    init(status: Int, message: String, fieldErrors: ValidationErrors? = nil, retryAfter: Int? = nil) {
        self.status = status
        self.message = message
        self.fieldErrors = fieldErrors
        self.retryAfter = retryAfter
    }

    /// 401: no credentials, or ones that prove nothing (the same words as Laravel's).
    public static let unauthenticated = Problem(status: 401, message: "Unauthenticated.")

    /// 401 with words of its own: credentials that are present but prove nothing (a bad signature, say).
    public static func unauthenticated(_ message: String) -> Problem {
        Problem(status: 401, message: message)
    }

    /// 403: the caller sees the object but may not do this to it; `reason` says why, in a sentence.
    public static func forbidden(_ reason: String) -> Problem {
        Problem(status: 403, message: reason)
    }

    /// 404: nothing the caller may see is called this (`noun` as the spec names it: "kal", "schedule").
    public static func notFound(_ noun: String) -> Problem {
        Problem(status: 404, message: "No \(noun) with this id exists, or you cannot see it.")
    }

    /// 409: the request conflicts with the object's current state in a way no field explains.
    public static func conflict(_ message: String) -> Problem {
        Problem(status: 409, message: message)
    }

    /// 422 on one field.
    public static func invalid(_ field: String, _ message: String) -> Problem {
        invalid(ValidationErrors(message, at: field))
    }

    /// 422 naming every field of `errors` (its `message` is the first problem, "(and N more errors)").
    public static func invalid(_ errors: ValidationErrors) -> Problem {
        Problem(status: ValidationErrors.status, message: errors.message, fieldErrors: errors)
    }

    /// 503: something this operation needs is not configured on this server; `message` names it and what to do.
    public static func unavailable(_ message: String) -> Problem {
        Problem(status: 503, message: message)
    }

    /// 413: the body is larger than the operation takes; `message` says what the limit is.
    public static func tooLarge(_ message: String) -> Problem {
        Problem(status: 413, message: message)
    }

    /// 429: try again after `seconds`.
    public static func tooManyRequests(retryAfter seconds: Int) -> Problem {
        Problem(
            status: 429, message: "Too many attempts. Try again in \(seconds) second\(seconds == 1 ? "" : "s").",
            retryAfter: seconds)
    }
}
