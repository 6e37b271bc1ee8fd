import Foundation

/// What a one-time code proves: each purpose has its own codes, so a login code cannot confirm an email change.
public enum OneTimeCodePurpose: String, Sendable, CaseIterable {
    /// `requestLoginOtp` → `login`; the subject is the user's email.
    case login
    /// `requestEmailChange` → `confirmEmailChange`; the subject is the user (`user:ID`), the address the new email.
    case emailChange = "email_change"
    /// `registerAgent` / `resendAgentVerificationCode` → `verifyAgentEmail`; the subject is the agent's email.
    case agentEmail = "agent_email"
}

/// The numbers that make six digits safe enough. The defaults are the issue's: ten minutes, five guesses per code.
public struct OneTimeCodePolicy: Sendable {
    /// How long a code is valid, in seconds.
    public var lifetime: Int
    /// Guesses allowed at one code; the next guess fails even with the right code.
    public var attemptsPerCode: Int
    /// Guesses allowed per subject within `failureWindow`, across codes: requesting new codes does not buy more.
    public var failuresPerWindow: Int
    /// The window of `failuresPerWindow`, in seconds.
    public var failureWindow: Int

    public init(lifetime: Int = 600, attemptsPerCode: Int = 5, failuresPerWindow: Int = 15, failureWindow: Int = 3600) {
        self.lifetime = lifetime
        self.attemptsPerCode = attemptsPerCode
        self.failuresPerWindow = failuresPerWindow
        self.failureWindow = failureWindow
    }
}

/// A code just issued: the digits go into a mail and nowhere else.
public struct IssuedCode: Sendable {
    /// The six digits, leading zeros kept.
    public let code: String
    /// When the code stops working.
    public let expiresAt: Date
}

/// Six-digit one-time codes, stored as HMAC-SHA256 under the server secret (six digits are too few for a plain
/// hash: anyone with the table could try all million). One live code per purpose and subject: a new code replaces
/// the old one. Every guess is counted by the same statement that reads the code, so parallel guesses cannot get
/// past the limits.
public struct OneTimeCodes: Sendable {
    let key: [UInt8]
    /// The limits in force.
    public let policy: OneTimeCodePolicy

    public init(secret: ServerSecret, policy: OneTimeCodePolicy = OneTimeCodePolicy()) {
        self.key = secret.subkey("ceki one-time codes")
        self.policy = policy
    }

    /// Issues a new code for `subject`, mailed to `address`, inside `transaction` (so that the mail carrying it
    /// commits with it). The previous code of the same purpose and subject stops working; the subject's failure
    /// count is kept.
    public func issue(
        _ purpose: OneTimeCodePurpose, subject: String, address: String, in transaction: PostgresTransaction
    ) async throws -> IssuedCode {
        let code = Secrets.randomDigits(6)
        let subject = Self.normalized(subject)
        let mac = self.mac(purpose, subject: subject, code: code)
        let rows = try await transaction.query(
            """
            INSERT INTO one_time_codes (purpose, subject, address, code_hmac, expires_at)
            VALUES (\(purpose.rawValue), \(subject), \(address), \(mac), now() + \(policy.lifetime)::int * interval '1 second')
            ON CONFLICT (purpose, subject) DO UPDATE SET
                address = EXCLUDED.address, code_hmac = EXCLUDED.code_hmac, attempts = 0,
                created_at = now(), expires_at = EXCLUDED.expires_at, used_at = NULL
            RETURNING expires_at
            """)
        return IssuedCode(code: code, expiresAt: try rows[0].decode(Date.self, "expires_at"))
    }

    /// Checks `code` for `subject` and uses it up. Returns the address the code was mailed to. When
    /// `expectedAddress` is given the code only counts for that address (an email change confirms the address it
    /// was requested for). Throws `IdentityError` naming `field` for a wrong, dead or exhausted code, or
    /// `.tooManyAttempts` when the subject has guessed too often.
    @discardableResult
    public func verify(
        _ purpose: OneTimeCodePurpose, subject: String, code: String, expectedAddress: String? = nil,
        field: String, pool: PostgresPool
    ) async throws -> String {
        let subject = Self.normalized(subject)
        let window = policy.failureWindow
        // One statement counts the guess (per code and per subject) and reads the code: the row lock it takes
        // orders parallel guesses, and each sees the count including itself.
        let rows = try await pool.query(
            """
            UPDATE one_time_codes SET
                attempts = attempts + 1,
                failures = CASE WHEN failures_since IS NULL OR failures_since <= now() - \(window)::int * interval '1 second'
                                THEN 1 ELSE failures + 1 END,
                failures_since = CASE WHEN failures_since IS NULL OR failures_since <= now() - \(window)::int * interval '1 second'
                                      THEN now() ELSE failures_since END
            WHERE purpose = \(purpose.rawValue) AND subject = \(subject)
            RETURNING id, code_hmac, attempts, failures, address::text AS address,
                expires_at > now() AS live, used_at IS NULL AS unused,
                GREATEST(1, ceil(extract(epoch FROM failures_since + \(window)::int * interval '1 second' - now())))::int AS locked_for
            """)
        guard let row = rows.first else { throw IdentityError.invalidCode(field: field) }
        let attempts = try row.decode(Int.self, "attempts")
        if try row.decode(Int.self, "failures") > policy.failuresPerWindow {
            throw IdentityError.tooManyAttempts(retryAfter: try row.decode(Int.self, "locked_for"))
        }
        if attempts > policy.attemptsPerCode { throw IdentityError.codeExhausted(field: field) }
        let storedMAC = try row.decode(String.self, "code_hmac")
        let guessMAC = mac(purpose, subject: subject, code: code)
        let matches = Secrets.constantTimeEquals(Array(storedMAC.utf8), Array(guessMAC.utf8))
        let live = try row.decode(Bool.self, "live") && row.decode(Bool.self, "unused")
        let address = try row.decode(String.self, "address")
        guard matches, live else {
            throw attempts >= policy.attemptsPerCode && live
                ? IdentityError.codeExhausted(field: field) : IdentityError.invalidCode(field: field)
        }
        if let expectedAddress, expectedAddress.lowercased() != address.lowercased() {
            throw IdentityError.invalidCode(field: field)
        }
        // Use the code up; the WHERE clause makes the first of two parallel right answers the only winner, and a
        // code replaced in the meantime (another hmac) wins nothing.
        let used = try await pool.query(
            """
            UPDATE one_time_codes SET used_at = now(), failures = 0, failures_since = NULL
            WHERE id = \(try row.decode(Int.self, "id")) AND code_hmac = \(storedMAC) AND used_at IS NULL
                AND expires_at > now()
            RETURNING id
            """)
        guard !used.isEmpty else { throw IdentityError.invalidCode(field: field) }
        return address
    }

    /// HMAC of the code bound to its purpose and subject, so a stored value proves nothing for another row.
    func mac(_ purpose: OneTimeCodePurpose, subject: String, code: String) -> String {
        Secrets.hex(Secrets.hmacSHA256(key: key, message: Array("\(purpose.rawValue)\n\(subject)\n\(code)".utf8)))
    }

    /// Subjects compare case-insensitively (they are usually emails).
    static func normalized(_ subject: String) -> String {
        subject.lowercased()
    }
}
