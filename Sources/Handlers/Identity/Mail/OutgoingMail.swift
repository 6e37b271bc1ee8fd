/// A mail to send: plain text, one recipient. The texts of the mails identity sends are here, in one place.
public struct OutgoingMail: Sendable, Equatable {
    /// The recipient's address.
    public var recipient: String
    /// The subject line (ASCII).
    public var subject: String
    /// The plain-text body.
    public var body: String

    public init(recipient: String, subject: String, body: String) {
        self.recipient = recipient
        self.subject = subject
        self.body = body
    }

    /// The login code (`requestLoginOtp`, `registerUser`).
    public static func loginCode(_ code: IssuedCode, to recipient: String) -> OutgoingMail {
        OutgoingMail(
            recipient: recipient, subject: "Your Ceki login code",
            body: "Your login code is \(code.code).\n\nIt is valid for 10 minutes and works once. "
                + "If you did not ask for it, ignore this mail.\n")
    }

    /// The code confirming a new address (`requestEmailChange`).
    public static func emailChangeCode(_ code: IssuedCode, to recipient: String) -> OutgoingMail {
        OutgoingMail(
            recipient: recipient, subject: "Confirm your new Ceki email address",
            body: "Your confirmation code is \(code.code).\n\nEnter it to make this your account's address. "
                + "It is valid for 10 minutes. If you did not ask for it, ignore this mail.\n")
    }

    /// An agent's verification code (`registerAgent`, `resendAgentVerificationCode`).
    public static func agentVerificationCode(_ code: IssuedCode, to recipient: String) -> OutgoingMail {
        OutgoingMail(
            recipient: recipient, subject: "Verify your Ceki agent's email",
            body: "Your agent's verification code is \(code.code).\n\nSubmit it to POST /api/agent/verify-email. "
                + "It is valid for 10 minutes.\n")
    }
}
