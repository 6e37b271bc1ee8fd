import CekiTestSupport
import Foundation
import Generated
import Handlers
import Testing

@Suite("Agent registration and verification")
struct AgentAccessTests {
    @Test func registrationGivesAKeyAWalletAndAMailedCodeThatVerifiesTheEmail() async throws {
        try await IdentityTestSupport.withScratchDatabase { _, pool in
            let secret = ServerSecret.random()
            let access = AgentAccess(pool: pool, secret: secret, wallets: TestDepositKeys.wallets(pool))
            let email = IdentityTestSupport.uniqueEmail("agent")
            let registered = try await access.register(
                Types.RegisterAgentRequest(name: "Booker", email: email), client: "10.1.0.1")
            #expect(registered.apiKey.wholeMatch(of: /ceki_[a-z0-9]{32}/) != nil)
            #expect(registered.status == .pendingDeposit && registered.wallet.currency == .usdt)
            // A scratch database: the first wallet takes index 0, the key's first address.
            #expect(registered.wallet.depositAddress == TestDepositKeys.ethereumAddresses[0])
            let agent = try await access.authenticate(apiKey: registered.apiKey)
            #expect(
                agent == AuthenticatedAgent(agentID: registered.agentId, status: .pendingDeposit, emailVerified: false))
            let queued = try await MailOutbox(secret: secret).claimDue(limit: 10, lease: 60, pool: pool)
            let code = try #require(IdentityTestSupport.code(in: queued[0].mail.body))
            let verified = try await access.verifyEmail(email: email, code: code, client: "10.1.0.1")
            #expect(verified.agentID == registered.agentId && verified.status == .pendingDeposit)
            #expect(try await access.authenticate(apiKey: registered.apiKey).emailVerified)
        }
    }

    @Test func aSecondRegistrationWithTheSameEmailIsRefusedOnEmail() async throws {
        try await IdentityTestSupport.withScratchDatabase { _, pool in
            let access = AgentAccess(pool: pool, secret: .random(), wallets: TestDepositKeys.wallets(pool))
            let email = IdentityTestSupport.uniqueEmail("agent")
            _ = try await access.register(
                Types.RegisterAgentRequest(name: "One", email: email, currency: .btc), client: "10.1.0.2")
            await #expect(throws: IdentityError.emailTaken(field: "email")) {
                try await access.register(
                    Types.RegisterAgentRequest(name: "Two", email: email.uppercased(), currency: .eth), client: "10.1.0.2")
            }
        }
    }

    @Test func aResentCodeReplacesThePreviousOneAndIsThrottled() async throws {
        try await IdentityTestSupport.withScratchDatabase { _, pool in
            let secret = ServerSecret.random()
            var limits = IdentityLimits()
            limits.codePerEmail = RateLimit(name: "code-email", limit: 2, window: 60)
            let access = AgentAccess(pool: pool, secret: secret, wallets: TestDepositKeys.wallets(pool), limits: limits)
            let email = IdentityTestSupport.uniqueEmail("agent")
            _ = try await access.register(
                Types.RegisterAgentRequest(name: "Booker", email: email), client: "10.1.0.3")
            let first = try #require(
                IdentityTestSupport.code(
                    in: try await MailOutbox(secret: secret).claimDue(limit: 10, lease: 60, pool: pool)[0].mail.body))
            try await access.resendCode(email: email, client: "10.1.0.3")
            try await access.resendCode(email: email, client: "10.1.0.3")
            await #expect(throws: IdentityError.self) { try await access.resendCode(email: email, client: "10.1.0.3") }
            let resent = try await MailOutbox(secret: secret).claimDue(limit: 10, lease: 60, pool: pool)
            #expect(resent.count == 2)
            let latest = try #require(resent.max { $0.id < $1.id })
            let second = try #require(IdentityTestSupport.code(in: latest.mail.body))
            if first != second {
                await #expect(throws: IdentityError.invalidCode(field: "code")) {
                    try await access.verifyEmail(email: email, code: first, client: "10.1.0.3")
                }
            }
            #expect(
                try await access.verifyEmail(email: email, code: second, client: "10.1.0.3").status == .pendingDeposit)
        }
    }
}
