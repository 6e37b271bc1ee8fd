/// The rate limits of the identity operations (docs/identity.md has the table). Handlers hit each with the key
/// named in its comment; all are configurable by building another `IdentityLimits`.
public struct IdentityLimits: Sendable {
    /// Codes mailed per address (`requestLoginOtp`, `registerUser`, `resendAgentVerificationCode`): one per
    /// `countdown` seconds. Key: the email.
    public var codePerEmail = RateLimit(name: "code-email", limit: 1, window: 60)
    /// Codes requested per client address, across emails. Key: the client IP.
    public var codePerClient = RateLimit(name: "code-client", limit: 20, window: 3600)
    /// Code checks (`login`, `verifyAgentEmail`, `confirmEmailChange`) per address and client: 10 a minute.
    /// Key: `email|ip`.
    public var checkPerEmailAndClient = RateLimit(name: "check", limit: 10, window: 60)
    /// Code checks per client address, across emails. Key: the client IP.
    public var checkPerClient = RateLimit(name: "check-client", limit: 60, window: 60)
    /// Email-change codes per user (`requestEmailChange`): one a minute. Key: the user id.
    public var emailChangePerUser = RateLimit(name: "email-change", limit: 1, window: 60)
    /// Password guesses per account (`login` with a password), from any client. Key: the email.
    public var passwordPerEmail = RateLimit(name: "password-email", limit: 10, window: 900)
    /// Agent registrations per client address. Key: the client IP.
    public var registrationPerClient = RateLimit(name: "register-client", limit: 10, window: 3600)

    /// The `countdown` the code-sending operations answer with: seconds before another code may be requested.
    public var countdown: Int { codePerEmail.window }

    public init() {}
}
