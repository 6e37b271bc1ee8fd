import CekiTestSupport
import Foundation
import Handlers
import Testing

@Suite("Secrets at rest")
struct StoredSecretsTests {
    @Test func aDumpAfterTheFlowsHoldsNoKeyTokenOrCodeInClear() async throws {
        try await IdentityTestSupport.withScratchDatabase { configuration, pool in
            let secret = ServerSecret.random()
            let codes = OneTimeCodes(secret: secret)
            let outbox = MailOutbox(secret: secret)
            let email = IdentityTestSupport.uniqueEmail()
            let userID = try await IdentityTestSupport.makeUser(email: email, pool: pool)
            let login = try await IdentityTestSupport.queueLoginCode(
                codes: codes, outbox: outbox, email: email, pool: pool)
            let pending = try await IdentityTestSupport.queueLoginCode(
                codes: codes, outbox: outbox, email: "other-" + email, pool: pool)
            try await codes.verify(.login, subject: email, code: login.code, field: "password", pool: pool)
            let token = try await UserTokens().issue(userID: userID, pool: pool)
            let agentID = try await IdentityTestSupport.makeAgent(
                email: IdentityTestSupport.uniqueEmail("agent"), pool: pool)
            let firstKey = try await pool.transaction { tx in try await AgentKeys().issue(agentID: agentID, in: tx) }
            let key = try await AgentKeys().regenerate(agentID: agentID, pool: pool)
            try await MailDeliveryWorker(pool: pool, outbox: outbox, transport: nil).deliverDue()

            let text = try DatabaseDump.text(of: configuration)
            #expect(text.contains(email))  // the dump is of the right database
            for secretText in [login.code, pending.code, token, firstKey, key, String(key.dropFirst(9))] {
                #expect(!DatabaseDump.holds(secretText, in: text), "the dump holds a secret in clear")
            }
        }
    }
}
