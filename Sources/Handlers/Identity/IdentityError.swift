/// Everything that can go wrong while proving an identity, each with the message a client sees and the HTTP status
/// the API answers with (the HTTP layer maps `status` and, for 422, `field`).
public enum IdentityError: Error, Sendable, Equatable {
    /// The code is wrong, expired, already used, or there is none for this address (the same answer for each,
    /// so that a guesser learns nothing).
    case invalidCode(field: String)
    /// A password that is not the account's (or an account without one): the same answer for each.
    case invalidCredentials(field: String)
    /// Five wrong guesses killed the code; a new one must be requested.
    case codeExhausted(field: String)
    /// Too many requests or guesses; the client may retry after this many seconds.
    case tooManyAttempts(retryAfter: Int)
    /// The address already belongs to an account.
    case emailTaken(field: String)
    /// No credentials, or a token or key that is unknown, expired or revoked.
    case unauthenticated
    /// The agent is suspended by the platform.
    case agentSuspended
    /// The agent is banned.
    case agentBanned
    /// The configured server secret is too short to key an HMAC safely.
    case weakServerSecret
    /// A sealed mail body could not be opened (wrong server secret or a damaged row).
    case unreadableMail

    /// The HTTP status the API answers with.
    public var status: Int {
        switch self {
        case .invalidCode, .invalidCredentials, .codeExhausted, .emailTaken: return 422
        case .tooManyAttempts: return 429
        case .unauthenticated: return 401
        case .agentSuspended, .agentBanned: return 403
        case .weakServerSecret, .unreadableMail: return 500
        }
    }

    /// The request field a 422 names, if any.
    public var field: String? {
        switch self {
        case .invalidCode(let field), .invalidCredentials(let field), .codeExhausted(let field), .emailTaken(let field):
            return field
        default: return nil
        }
    }

    /// The message for the client: what happened and what to do next.
    public var message: String {
        switch self {
        case .invalidCode: return "The code is wrong or has expired."
        case .invalidCredentials: return "These credentials do not match our records."
        case .codeExhausted: return "Too many wrong codes: this code no longer works. Request a new code."
        case .tooManyAttempts(let seconds):
            return "Too many attempts. Try again in \(seconds) second\(seconds == 1 ? "" : "s")."
        case .emailTaken: return "The email has already been taken."
        case .unauthenticated: return "Unauthenticated."
        case .agentSuspended: return "This agent is suspended. Contact support to have it reinstated."
        case .agentBanned: return "This agent is banned and can no longer use the API."
        case .weakServerSecret: return "The server secret must be at least 32 bytes long."
        case .unreadableMail: return "A queued mail could not be decrypted with the configured server secret."
        }
    }
}
