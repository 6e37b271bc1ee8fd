import Foundation
import Generated

/// `Idempotency-Key` for the POSTs that create something a client must not create twice by retrying
/// (`bookScheduleSlot` first): the first request with a key runs, and its answer is kept in PostgreSQL for at
/// least a day (`idempotency_keys`), so every server instance agrees. The same key with the same body gets that
/// answer again without running anything; with another body it is a 422 on the header; while the first is still
/// running, a 409. A failed request keeps nothing, so the client may retry with the same key. Keys are scoped by
/// operation and by who sent them (the user, or a guest's client address), so one client cannot replay
/// another's answer.
public struct IdempotencyKeys: Sendable {
    let pool: PostgresPool
    /// How long an answer is kept, in seconds.
    public let lifetime: Int

    public init(pool: PostgresPool, lifetime: Int = 24 * 3600) {
        self.pool = pool
        self.lifetime = lifetime
    }

    /// Runs `operation` once for `key`, or answers what it answered the first time. Without a key, just runs it.
    public func run<Answer: JSONCodable & Sendable>(
        key: String?, operation: OperationID, caller: Caller, client: String, request: some JSONEncodable,
        _ body: () async throws -> Answer
    ) async throws -> Answer {
        guard let key else { return try await body() }
        let scope = "\(operation.rawValue):" + (caller.ownerType.map { "\($0):\(caller.id ?? 0)" } ?? "client:\(client)")
        let fingerprint = Secrets.sha256Hex(request.json.jsonText)
        // Expired keys are gone for this scope and key before the claim, so an old key starts afresh.
        try await pool.query(
            "DELETE FROM idempotency_keys WHERE scope = \(scope) AND key = \(key) AND expires_at <= now()")
        let claimed = try await pool.query(
            """
            INSERT INTO idempotency_keys (scope, key, fingerprint, expires_at)
            VALUES (\(scope), \(key), \(fingerprint), now() + \(lifetime)::int * interval '1 second')
            ON CONFLICT (scope, key) DO NOTHING
            RETURNING 1 AS claimed
            """)
        if claimed.isEmpty {
            let rows = try await pool.query(
                "SELECT fingerprint, answer FROM idempotency_keys WHERE scope = \(scope) AND key = \(key)")
            guard let row = rows.first else {
                throw Problem.conflict("A request with this Idempotency-Key has just failed; send it again.")
            }
            guard try row.decode(String.self, "fingerprint") == fingerprint else {
                throw Problem.invalid(
                    "Idempotency-Key", "This Idempotency-Key was used for a different request; use a new key.")
            }
            guard let answer = try row.decode(PostgresJSON?.self, "answer") else {
                throw Problem.conflict("A request with this Idempotency-Key is still being processed; try again shortly.")
            }
            return try Answer(json: try JSONParser().parse(answer.text))
        }
        do {
            let answer = try await body()
            try await pool.query(
                """
                UPDATE idempotency_keys SET answer = \(PostgresJSON(answer))
                WHERE scope = \(scope) AND key = \(key)
                """)
            return answer
        } catch {
            try? await pool.query("DELETE FROM idempotency_keys WHERE scope = \(scope) AND key = \(key)")
            throw error
        }
    }
}
