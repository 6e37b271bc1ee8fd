import Foundation
import Handlers
import Testing

@Suite("User login by code")
struct UserAccessTests {
    @Test func aLoginCodeMailedToAKnownAddressLogsInAndLogoutEndsTheToken() async throws {
        try await IdentityTestSupport.withScratchDatabase { _, pool in
            let secret = ServerSecret.random()
            let access = UserAccess(pool: pool, secret: secret)
            let email = IdentityTestSupport.uniqueEmail()
            let userID = try await IdentityTestSupport.makeUser(email: email, pool: pool)
            #expect(try await access.requestLoginCode(email: email, client: "10.0.0.1") == 60)
            let queued = try await MailOutbox(secret: secret).claimDue(limit: 10, lease: 60, pool: pool)
            let code = try #require(IdentityTestSupport.code(in: queued[0].mail.body))
            let (loggedIn, token) = try await access.login(email: email.uppercased(), code: code, client: "10.0.0.1")
            #expect(loggedIn == userID)
            let user = try await access.authenticate(token: token)
            try await access.logout(user)
            await #expect(throws: IdentityError.unauthenticated) { try await access.authenticate(token: token) }
        }
    }

    @Test func anUnknownAddressGetsTheSameAnswerAndNoMail() async throws {
        try await IdentityTestSupport.withScratchDatabase { _, pool in
            let secret = ServerSecret.random()
            let access = UserAccess(pool: pool, secret: secret)
            let countdown = try await access.requestLoginCode(
                email: IdentityTestSupport.uniqueEmail(), client: "10.0.0.2")
            #expect(countdown == 60)
            let queued = try await MailOutbox(secret: secret).claimDue(limit: 10, lease: 60, pool: pool)
            #expect(queued.isEmpty)
        }
    }

    @Test func aSecondCodeWithinTheCountdownIsRefusedWithRetryAfter() async throws {
        try await IdentityTestSupport.withScratchDatabase { _, pool in
            let access = UserAccess(pool: pool, secret: .random())
            let email = IdentityTestSupport.uniqueEmail()
            _ = try await access.requestLoginCode(email: email, client: "10.0.0.3")
            do {
                _ = try await access.requestLoginCode(email: email, client: "10.0.0.3")
                Issue.record("a second code within the countdown was sent")
            } catch IdentityError.tooManyAttempts(let retryAfter) {
                #expect((30...60).contains(retryAfter))
            }
        }
    }
}
