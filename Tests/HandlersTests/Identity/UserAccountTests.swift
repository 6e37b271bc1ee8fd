import Foundation
import Generated
import Handlers
import Testing

@Suite("User registration and email change")
struct UserAccountTests {
    @Test func registrationMailsALoginCodeAndATakenEmailIsRefused() async throws {
        try await IdentityTestSupport.withScratchDatabase { _, pool in
            let secret = ServerSecret.random()
            let access = UserAccess(pool: pool, secret: secret)
            let email = IdentityTestSupport.uniqueEmail()
            let registered = try await access.register(
                Types.RegisterUserRequest(email: email, name: "Anna", terms: ._1), client: "10.2.0.1")
            #expect(registered.countdown == 60)
            let queued = try await MailOutbox(secret: secret).claimDue(limit: 10, lease: 60, pool: pool)
            let code = try #require(IdentityTestSupport.code(in: queued[0].mail.body))
            #expect(try await access.login(email: email, code: code, client: "10.2.0.1").userID == registered.userID)
            await #expect(throws: IdentityError.emailTaken(field: "email")) {
                try await access.register(
                    Types.RegisterUserRequest(email: email.uppercased(), terms: ._1), client: "10.2.0.9")
            }
        }
    }

    @Test func anEmailChangeIsConfirmedByTheCodeMailedToTheNewAddress() async throws {
        try await IdentityTestSupport.withScratchDatabase { _, pool in
            let secret = ServerSecret.random()
            let access = UserAccess(pool: pool, secret: secret)
            let old = IdentityTestSupport.uniqueEmail("old")
            let new = IdentityTestSupport.uniqueEmail("new")
            let taken = IdentityTestSupport.uniqueEmail("taken")
            let userID = try await IdentityTestSupport.makeUser(email: old, pool: pool)
            _ = try await IdentityTestSupport.makeUser(email: taken, pool: pool)
            let user = try await access.authenticate(token: try await UserTokens().issue(userID: userID, pool: pool))
            await #expect(throws: IdentityError.emailTaken(field: "email")) {
                try await access.requestEmailChange(user, newEmail: taken)
            }
            let asked = Date()
            let expires = try await access.requestEmailChange(user, newEmail: new)
            // Ten minutes from when it was issued, however long a loaded machine took to answer.
            #expect(expires.timeIntervalSince(asked) > 599 && expires.timeIntervalSinceNow <= 601, "\(expires)")
            let queued = try await MailOutbox(secret: secret).claimDue(limit: 10, lease: 60, pool: pool)
            #expect(queued.map(\.mail.recipient) == [new])
            let code = try #require(IdentityTestSupport.code(in: queued[0].mail.body))
            await #expect(throws: IdentityError.invalidCode(field: "otp")) {
                try await access.confirmEmailChange(
                    user, newEmail: IdentityTestSupport.uniqueEmail(), code: code, client: "10.2.0.2")
            }
            try await access.confirmEmailChange(user, newEmail: new, code: code, client: "10.2.0.2")
            let email = try await pool.query("SELECT email::text AS email FROM users WHERE id = \(userID)")[0].decode(
                String.self, "email")
            #expect(email == new)
        }
    }
}
