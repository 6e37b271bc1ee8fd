import CekiTestSupport
import Foundation
import Generated
import Handlers
import HummingbirdTesting
import Testing

/// What the agent suites share beside `AgentWalletOverHTTPTests.agent(_:_:funded:)`: statuses set as an operator
/// would (no operation moves an agent to `suspended` or `banned`), a valid schedule body, an agent's balance as
/// `getAgentWallet` shows it, and schedules cloned in SQL when a test needs more of them than it should pay for.
enum AgentFixtures {
    /// Sets `agents.status` as an operator does.
    static func setStatus(_ server: TestServer, _ agent: Int, _ status: String) async throws {
        try await server.pool.query("UPDATE agents SET status = \(status) WHERE id = \(agent)")
    }

    /// A registered agent made `active` in SQL, without a deposit (for the free operations).
    static func activeAgent(_ server: TestServer, _ client: some TestClientProtocol, name: String = "Booking Bot")
        async throws -> RegisteredTestAgent
    {
        let agent = try await server.registerAgent(client, name: name)
        try await setStatus(server, agent.id, "active")
        return agent
    }

    /// The agent's own kal, as `getOwnAgentProfile` names it.
    static func kal(_ client: some TestClientProtocol, _ agent: RegisteredTestAgent) async throws -> Int {
        let profile = try await client.call(.get, "/api/agent/profile", bearer: agent.key)
        return Int(try #require(profile["agent"]?["kal_id"]?.int64Value, "\(profile.json)"))
    }

    /// Mondays 09:00–12:00 Berlin in 30-minute slots from 2027; `extra` replaces fields.
    static func scheduleBody(kal: Int, _ extra: JSONObject = [:]) -> JSONValue {
        let base: JSONValue = [
            "kal_id": .number(JSONNumber(kal)), "start": "2027-01-04T00:00:00Z", "timezone": "Europe/Berlin",
            "settings": ["duration": 30, "days": ["1": [["start": "09:00", "end": "12:00"]]]],
        ]
        return base.merging(extra)
    }

    /// The settings `scheduleBody` resolves to.
    static let resolvedSettings: JSONValue = [
        "timezone": "Europe/Berlin", "duration": 30, "step": 30, "msp": 0, "buffer_before": 0, "buffer_after": 0,
        "max_per_day": .null, "window_days": .null, "days": ["1": [["start": "09:00", "end": "12:00"]]],
        "exceptions": [:],
    ]

    /// The balance of the agent's first wallet, as `getAgentWallet` answers it.
    static func balance(_ client: some TestClientProtocol, _ agent: RegisteredTestAgent) async throws -> String? {
        try await client.call(.get, "/api/agent/wallet", bearer: agent.key)["wallets"]?[0]?["balance"]?.stringValue
    }

    /// `count` copies of schedule `id` in SQL, the n-th created `n` minutes before it, with `private` and
    /// `deleted_at` as given (`ended`: it ran from 30 days ago to yesterday); their ids, newest first.
    @discardableResult
    static func cloneSchedule(
        _ server: TestServer, _ id: Int, count: Int, private isPrivate: Bool = false, ended: Bool = false,
        deleted: Bool = false
    ) async throws -> [Int] {
        try await server.pool.query(
            """
            INSERT INTO schedules (type_id, agent_id, kal_id, label, slug, start, "end", private, timezone, msp,
                                   settings, created_at, updated_at, deleted_at)
            SELECT s.type_id, s.agent_id, s.kal_id, s.label, 'agent-schedule-' || gen_random_uuid(),
                   CASE WHEN \(ended) THEN now() - interval '30 days' ELSE s.start END,
                   CASE WHEN \(ended) THEN now() - interval '1 day' ELSE s."end" END, \(isPrivate), s.timezone,
                   s.msp, s.settings, s.created_at - n * interval '1 minute', s.updated_at,
                   CASE WHEN \(deleted) THEN now() END
            FROM schedules s CROSS JOIN generate_series(1, \(count)) n
            WHERE s.id = \(id)
            ORDER BY n
            RETURNING id
            """
        ).map { try $0.decode(Int.self, "id") }
    }

    /// The keys of a 422's `errors`.
    static func fields(_ answer: JSONResponse) -> Set<String> {
        Set(answer["errors"]?.objectValue?.keys.map { $0 } ?? [])
    }
}
