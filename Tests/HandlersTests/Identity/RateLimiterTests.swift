import Foundation
import Handlers
import PostgresTestSupport
import Testing

@Suite("Rate limiter")
struct RateLimiterTests {
    @Test func concurrentHitsLetExactlyTheLimitThrough() async throws {
        let limiter = RateLimiter(pool: try await IdentityTestSupport.pool())
        let limit = RateLimit(name: "test", limit: 10, window: 60)
        let key = TestDatabase.uniqueName("client")
        let decisions = try await withThrowingTaskGroup(of: RateLimitDecision.self) { group in
            for _ in 0..<50 { group.addTask { try await limiter.hit(limit, key: key) } }
            return try await group.reduce(into: [RateLimitDecision]()) { $0.append($1) }
        }
        #expect(decisions.filter { $0 == .allowed }.count == 10)
        for case .limited(let retryAfter) in decisions { #expect((1...60).contains(retryAfter)) }
    }

    @Test func theWindowEndingAllowsHitsAgain() async throws {
        let pool = try await IdentityTestSupport.pool()
        let limiter = RateLimiter(pool: pool)
        let limit = RateLimit(name: "test", limit: 1, window: 60)
        let key = TestDatabase.uniqueName("client")
        let start = Date()
        #expect(try await limiter.hit(limit, key: key) == .allowed)
        guard case .limited(let retryAfter) = try await limiter.hit(limit, key: key) else {
            Issue.record("the second hit passed a limit of one")
            return
        }
        // The rest of the window, whatever time a loaded machine took between the two hits.
        let elapsed = Int(Date().timeIntervalSince(start).rounded(.up))
        #expect((60 - elapsed - 1...60).contains(retryAfter), "elapsed \(elapsed) s")
        // The window ends (aged in the database rather than waited for, so the test does not depend on timing).
        try await pool.query(
            "UPDATE rate_limits SET window_start = now() - interval '61 seconds' WHERE key = \("test:" + key)")
        #expect(try await limiter.hit(limit, key: key) == .allowed)
    }

    @Test func keysAndLimitNamesCountSeparately() async throws {
        let limiter = RateLimiter(pool: try await IdentityTestSupport.pool())
        let otp = RateLimit(name: "otp", limit: 1, window: 3600)
        let login = RateLimit(name: "login", limit: 1, window: 3600)
        let email = IdentityTestSupport.uniqueEmail()
        #expect(try await limiter.hit(otp, key: email) == .allowed)
        #expect(try await limiter.hit(login, key: email) == .allowed)
        #expect(try await limiter.hit(otp, key: "other-" + email) == .allowed)
        #expect(try await limiter.hit(otp, key: email.uppercased()) != .allowed)
    }

    @Test func checkThrowsTooManyAttemptsWithTheLongestWait() async throws {
        let limiter = RateLimiter(pool: try await IdentityTestSupport.pool())
        // A window far longer than a loaded machine can take between two calls.
        let perEmail = RateLimit(name: "test-email", limit: 1, window: 3600)
        let perAddress = RateLimit(name: "test-ip", limit: 5, window: 10)
        let email = IdentityTestSupport.uniqueEmail()
        let start = Date()
        try await limiter.check([(perEmail, email), (perAddress, "10.0.0.1-\(email)")])
        do {
            try await limiter.check([(perEmail, email), (perAddress, "10.0.0.1-\(email)")])
            Issue.record("the second request passed a limit of one")
        } catch IdentityError.tooManyAttempts(let retryAfter) {
            // The rest of the hour-long window, whatever time a loaded machine took between the two calls.
            let elapsed = Int(Date().timeIntervalSince(start).rounded(.up))
            #expect(retryAfter >= 3600 - elapsed - 1 && retryAfter <= 3600, "elapsed \(elapsed) s")
        }
    }
}
