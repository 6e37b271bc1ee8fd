import Handlers
import Testing

@Suite("User tokens")
struct UserTokensTests {
    @Test func anIssuedTokenIsSixtyFourHexDigitsAndAuthenticatesItsUser() async throws {
        let pool = try await IdentityTestSupport.pool()
        let userID = try await IdentityTestSupport.makeUser(email: IdentityTestSupport.uniqueEmail(), pool: pool)
        let token = try await UserTokens().issue(userID: userID, pool: pool)
        #expect(token.count == 64 && token.allSatisfy(\.isHexDigit))
        #expect(try await UserTokens().authenticate(token, pool: pool).userID == userID)
    }

    @Test func aRevokedTokenIsRejectedWhileTheUsersOtherTokensStayValid() async throws {
        let pool = try await IdentityTestSupport.pool()
        let tokens = UserTokens()
        let userID = try await IdentityTestSupport.makeUser(email: IdentityTestSupport.uniqueEmail(), pool: pool)
        let phone = try await tokens.issue(userID: userID, pool: pool)
        let laptop = try await tokens.issue(userID: userID, pool: pool)
        try await tokens.revoke(try await tokens.authenticate(phone, pool: pool), pool: pool)
        await #expect(throws: IdentityError.unauthenticated) { try await tokens.authenticate(phone, pool: pool) }
        #expect(try await tokens.authenticate(laptop, pool: pool).userID == userID)
    }

    @Test func anExpiredTokenIsRejected() async throws {
        let pool = try await IdentityTestSupport.pool()
        let userID = try await IdentityTestSupport.makeUser(email: IdentityTestSupport.uniqueEmail(), pool: pool)
        let token = try await UserTokens(lifetime: -1).issue(userID: userID, pool: pool)
        await #expect(throws: IdentityError.unauthenticated) { try await UserTokens().authenticate(token, pool: pool) }
    }

    @Test func unknownAndMalformedTokensAreRejected() async throws {
        let pool = try await IdentityTestSupport.pool()
        for token in [String(repeating: "a", count: 64), "", "short", String(repeating: "z", count: 200)] {
            await #expect(throws: IdentityError.unauthenticated) {
                try await UserTokens().authenticate(token, pool: pool)
            }
        }
    }
}
