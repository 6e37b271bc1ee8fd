import Foundation
import Handlers
import Testing

@Suite("Agent API keys")
struct AgentKeysTests {
    let keys = AgentKeys()

    private func issueKey(status: AgentStatus = .pendingDeposit, pool: PostgresPool) async throws -> (Int, String) {
        let agentID = try await IdentityTestSupport.makeAgent(
            email: IdentityTestSupport.uniqueEmail("agent"), status: status, pool: pool)
        let key = try await pool.transaction { tx in try await keys.issue(agentID: agentID, in: tx) }
        return (agentID, key)
    }

    @Test func aKeyIsCekiAndThirtyTwoLowercaseAlphanumerics() {
        for _ in 0..<100 {
            let key = AgentKeys.generate()
            #expect(key.wholeMatch(of: /ceki_[a-z0-9]{32}/) != nil)
        }
        #expect(Set((0..<100).map { _ in AgentKeys.generate() }).count == 100)
    }

    @Test func anIssuedKeyAuthenticatesItsAgentAndStoresOnlyHashAndPrefix() async throws {
        let pool = try await IdentityTestSupport.pool()
        let (agentID, key) = try await issueKey(pool: pool)
        let agent = try await keys.authenticate(key, pool: pool)
        #expect(agent == AuthenticatedAgent(agentID: agentID, status: .pendingDeposit, emailVerified: false))
        let row = try await pool.query("SELECT key_hash, prefix FROM agent_api_keys WHERE agent_id = \(agentID)")[0]
        #expect(try row.decode(String.self, "prefix") == String(key.prefix(9)))
        #expect(try row.decode(String.self, "key_hash") == Secrets.sha256Hex(key))
    }

    @Test func aRegeneratedKeyKillsTheOldOneAtOnce() async throws {
        let pool = try await IdentityTestSupport.pool()
        let (agentID, old) = try await issueKey(pool: pool)
        let new = try await keys.regenerate(agentID: agentID, pool: pool)
        #expect(new != old)
        await #expect(throws: IdentityError.unauthenticated) { try await keys.authenticate(old, pool: pool) }
        #expect(try await keys.authenticate(new, pool: pool).agentID == agentID)
    }

    @Test func suspendedAndBannedAgentsAreRefusedSayingWhich() async throws {
        let pool = try await IdentityTestSupport.pool()
        let (_, suspended) = try await issueKey(status: .suspended, pool: pool)
        let (_, banned) = try await issueKey(status: .banned, pool: pool)
        await #expect(throws: IdentityError.agentSuspended) { try await keys.authenticate(suspended, pool: pool) }
        await #expect(throws: IdentityError.agentBanned) { try await keys.authenticate(banned, pool: pool) }
        #expect(IdentityError.agentSuspended.status == 403 && IdentityError.agentBanned.status == 403)
    }

    @Test func unknownAndMalformedKeysAreRejected() async throws {
        let pool = try await IdentityTestSupport.pool()
        for key in [AgentKeys.generate(), "ceki_", "", "Bearer x", "ceki_" + String(repeating: "a", count: 40)] {
            await #expect(throws: IdentityError.unauthenticated) { try await keys.authenticate(key, pool: pool) }
        }
    }
}
