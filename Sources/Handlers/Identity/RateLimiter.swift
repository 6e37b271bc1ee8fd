/// One limit: at most `limit` hits per `window` seconds for a key.
public struct RateLimit: Sendable, Hashable {
    /// A name that becomes part of the key (`login`, `otp`, …), so limits never share counters.
    public var name: String
    /// Hits allowed per window.
    public var limit: Int
    /// The window, in seconds.
    public var window: Int

    public init(name: String, limit: Int, window: Int) {
        self.name = name
        self.limit = limit
        self.window = window
    }
}

/// What the limiter says about one hit.
public enum RateLimitDecision: Sendable, Equatable {
    /// Go ahead.
    case allowed
    /// Over the limit; the client may try again after this many seconds (the `Retry-After` header).
    case limited(retryAfter: Int)
}

/// Fixed-window rate limits kept in PostgreSQL (`rate_limits`), so every connection and every server counts
/// against the same numbers. A hit is one upsert: the row lock it takes orders concurrent hits, and each sees the
/// count including itself, so N parallel requests against a limit of L let exactly min(N, L) through.
public struct RateLimiter: Sendable {
    let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Counts a hit for `key` (an email, a client address…) under `limit` and says whether it may proceed.
    public func hit(_ limit: RateLimit, key: String) async throws -> RateLimitDecision {
        let fullKey = "\(limit.name):\(key.lowercased())"
        let rows = try await pool.query(
            """
            INSERT INTO rate_limits AS r (key, window_start, hits) VALUES (\(fullKey), now(), 1)
            ON CONFLICT (key) DO UPDATE SET
                window_start = CASE WHEN r.window_start <= now() - \(limit.window)::int * interval '1 second'
                                    THEN now() ELSE r.window_start END,
                hits = CASE WHEN r.window_start <= now() - \(limit.window)::int * interval '1 second'
                            THEN 1 ELSE r.hits + 1 END
            RETURNING hits,
                GREATEST(1, ceil(extract(epoch FROM r.window_start + \(limit.window)::int * interval '1 second' - now())))::int
                    AS retry_after
            """)
        let hits = try rows[0].decode(Int.self, "hits")
        return hits <= limit.limit ? .allowed : .limited(retryAfter: try rows[0].decode(Int.self, "retry_after"))
    }

    /// Counts a hit under every limit (e.g. per email and per client address) and throws
    /// `IdentityError.tooManyAttempts` with the longest wait when any is exceeded.
    public func check(_ hits: [(RateLimit, String)]) async throws {
        var wait = 0
        for (limit, key) in hits {
            if case .limited(let seconds) = try await hit(limit, key: key) { wait = max(wait, seconds) }
        }
        if wait > 0 { throw IdentityError.tooManyAttempts(retryAfter: wait) }
    }
}
