import CekiTestSupport
import Foundation
import Generated
import Handlers
import HTTPTypes
import HummingbirdTesting
import Testing

extension TestServer {
    /// The agents' billed search and views of people (`ceki_test_agent_specialists`).
    static let agentSpecialists = Task { try await TestServer(suite: "agent_specialists") }
}

/// The AgentSearch tag's billed operations end to end: `agentSearchSpecialists` finds people's public schedules at
/// $0.10 a call, `agentViewUserProfile` shows a person as a stranger sees them with the count of their live public
/// schedules; both need a verified email, refuse stopped agents, and charge nothing for a 403, 404 or 422.
@Suite("Agent search of specialists over HTTP")
struct AgentSpecialistsOverHTTPTests {
    /// A person with public schedules labelled with `word` (Mondays 09:00–12:00 Berlin) and one private one.
    static func person(
        _ server: TestServer, _ client: some TestClientProtocol, word: String, publicSchedules: Int = 1
    ) async throws -> (user: SignedInUser, schedules: [Int64]) {
        let user = try await server.signIn(client, name: "Ben \(word)")
        var ids: [Int64] = []
        for (index, isPrivate) in (Array(repeating: false, count: publicSchedules) + [true]).enumerated() {
            let made = try await client.call(
                .post, "/api/schedules",
                json: [
                    "label": .string("Tax \(word) \(index)"), "private": .bool(isPrivate), "timezone": "Europe/Berlin",
                    "settings": ["duration": 30, "days": ["1": [["start": "09:00", "end": "12:00"]]]],
                ],
                bearer: user.token)
            #expect(made.status == 201, "\(made.json)")
            if !isPrivate { ids.append(try #require(made["id"]?.int64Value)) }
        }
        return (user, ids)
    }

    static func uniqueWord() -> String {
        "w" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
    }

    /// How many billed calls of `agent` were recorded, free or charged.
    static func usageCount(_ server: TestServer, _ agent: RegisteredTestAgent) async throws -> Int {
        try await server.pool.query("SELECT count(*) AS n FROM agent_usage WHERE agent_id = \(agent.id)")[0]
            .decode(Int.self, "n")
    }

    static let week: JSONObject = ["start": "2027-03-22T00:00:00Z", "end": "2027-03-29T00:00:00Z"]

    @Test func aSearchFindsPeoplesPublicSchedulesAndCostsTenCents() async throws {
        let server = try await TestServer.agentSpecialists.value
        try await server.application.test(.live) { client in
            let (agent, _) = try await AgentWalletOverHTTPTests.agent(server, client, funded: "20")
            let word = Self.uniqueWord()
            let (ben, schedules) = try await Self.person(server, client, word: word, publicSchedules: 2)
            var body = Self.week
            body["query"] = .string(word)
            let found = try await client.call(
                .post, "/api/agent/search/specialists", json: .object(body), bearer: agent.key)
            #expect(found.status == 200, "\(found.json)")
            let ids = found["data"]?.arrayValue?.compactMap { $0["schedule"]?["id"]?.int64Value } ?? []
            #expect(Set(ids) == Set(schedules) && found["total"] == 2, "\(found.json)")
            let owner = try #require(found["data"]?[0]?["user"])
            #expect(owner["id"]?.int64Value == Int64(ben.id) && owner["name"]?.stringValue == "Ben \(word)")
            #expect(owner["email"] == nil && owner["phone"] == nil)

            #expect(try await AgentFixtures.balance(client, agent) == "19.9")
            let charge = try await server.pool.query(
                """
                SELECT trim_scale(amount)::text AS amount, usage_type FROM wallet_transactions
                WHERE agent_id = \(agent.id) AND type = 'charge'
                """)
            #expect(charge.count == 1)
            #expect(try charge.first?.decode(String.self, "amount") == "0.1")
            #expect(try charge.first?.decode(String.self, "usage_type") == "api_search")
            // A search that finds nothing is still a search, and billed.
            let none = try await client.call(
                .post, "/api/agent/search/specialists", json: ["query": .string(Self.uniqueWord())], bearer: agent.key)
            #expect(none.status == 200 && none["total"] == 0 && none["data"] == [])
            #expect(try await AgentFixtures.balance(client, agent) == "19.8")
        }
    }

    @Test func aBadSearchIs422NamingEachFieldAndCostsNothing() async throws {
        let server = try await TestServer.agentSpecialists.value
        try await server.application.test(.live) { client in
            let (agent, _) = try await AgentWalletOverHTTPTests.agent(server, client, funded: "20")
            let refused = try await client.call(
                .post, "/api/agent/search/specialists", json: ["perPage": 0, "sortBy": "name", "msp": -1],
                bearer: agent.key)
            #expect(refused.status == 422, "\(refused.json)")
            #expect(AgentFixtures.fields(refused) == ["perPage", "sortBy", "msp"], "\(refused.json)")
            #expect(try await AgentFixtures.balance(client, agent) == "20")
            #expect(try await Self.usageCount(server, agent) == 0)
        }
    }

    @Test func aViewShowsWhatAStrangerSeesAndTheCountOfLivePublicSchedules() async throws {
        let server = try await TestServer.agentSpecialists.value
        try await server.application.test(.live) { client in
            let (agent, _) = try await AgentWalletOverHTTPTests.agent(server, client, funded: "20")
            let word = Self.uniqueWord()
            let (ben, schedules) = try await Self.person(server, client, word: word, publicSchedules: 3)
            // One of the three public schedules has ended: two are live.
            try await server.pool.query(
                """
                UPDATE schedules SET start = now() - interval '30 days', "end" = now() - interval '1 day'
                WHERE id = \(Int(schedules[0]))
                """)
            let answer = try await client.call(.get, "/api/agent/user/\(ben.id)", bearer: agent.key)
            #expect(answer.status == 200, "\(answer.json)")
            let user = try #require(answer["user"])
            #expect(user["id"]?.int64Value == Int64(ben.id) && user["name"]?.stringValue == "Ben \(word)")
            #expect(user["active_schedules_count"] == 2)
            #expect(user["email"] == nil && user["phone"] == nil)
            // Within the month's free views: recorded, not charged.
            #expect(try await AgentFixtures.balance(client, agent) == "20")
            let usage = try await server.pool.query(
                "SELECT usage_type, free FROM agent_usage WHERE agent_id = \(agent.id)")
            #expect(usage.count == 1)
            #expect(try usage.first?.decode(String.self, "usage_type") == "api_user_view")
            #expect(try usage.first?.decode(Bool.self, "free") == true)

            // Unknown people and people without a live public schedule are 404s that cost nothing.
            let hidden = try await server.signIn(client, name: "Private Person")
            _ = try await client.call(
                .post, "/api/schedules",
                json: [
                    "label": "Secret", "private": true,
                    "settings": ["days": ["1": [["start": "09:00", "end": "12:00"]]]],
                ],
                bearer: hidden.token)
            #expect(try await client.call(.get, "/api/agent/user/\(hidden.id)", bearer: agent.key).status == 404)
            #expect(try await client.call(.get, "/api/agent/user/987654321", bearer: agent.key).status == 404)
            let zero = try await client.call(.get, "/api/agent/user/0", bearer: agent.key)
            #expect(zero.status == 422 && AgentFixtures.fields(zero) == ["id"], "\(zero.json)")
            #expect(try await Self.usageCount(server, agent) == 1)
        }
    }

    @Test func bothNeedAGoodKeyOfAnAgentThatIsNotStopped() async throws {
        let server = try await TestServer.agentSpecialists.value
        try await server.application.test(.live) { client in
            let word = Self.uniqueWord()
            let (ben, _) = try await Self.person(server, client, word: word)
            let calls: [(HTTPRequest.Method, String, JSONValue?)] = [
                (.post, "/api/agent/search/specialists", ["query": .string(word)]),
                (.get, "/api/agent/user/\(ben.id)", nil),
            ]
            for (method, path, body) in calls {
                #expect(try await client.call(method, path, json: body).status == 401, "\(path)")
                #expect(try await client.call(method, path, json: body, bearer: "ceki_not_a_real_key").status == 401)
            }
            for status in ["suspended", "banned"] {
                let (agent, _) = try await AgentWalletOverHTTPTests.agent(server, client, funded: "20")
                try await AgentFixtures.setStatus(server, agent.id, status)
                for (method, path, body) in calls {
                    let refused = try await client.call(method, path, json: body, bearer: agent.key)
                    #expect(refused.status == 403, "\(status) \(path): \(refused.json)")
                }
                #expect(try await Self.usageCount(server, agent) == 0)
                try await AgentFixtures.setStatus(server, agent.id, "active")
                #expect(try await AgentFixtures.balance(client, agent) == "20")
            }
        }
    }

    @Test func anActiveAgentWithAnUnverifiedEmailIs403AndNothingIsRecorded() async throws {
        let server = try await TestServer.agentSpecialists.value
        try await server.application.test(.live) { client in
            let (ben, _) = try await Self.person(server, client, word: Self.uniqueWord())
            let agent = try await AgentFixtures.activeAgent(server, client)
            let search = try await client.call(.post, "/api/agent/search/specialists", json: [:], bearer: agent.key)
            #expect(search.status == 403, "\(search.json)")
            #expect(search["message"]?.stringValue?.contains("Verify this agent's email") == true)
            let view = try await client.call(.get, "/api/agent/user/\(ben.id)", bearer: agent.key)
            #expect(view.status == 403, "\(view.json)")
            #expect(try await Self.usageCount(server, agent) == 0)
        }
    }

    @Test func aVerifiedAgentAwaitingItsDepositGets402ForBothFreeViewsIncluded() async throws {
        let server = try await TestServer.agentSpecialists.value
        try await server.application.test(.live) { client in
            let (ben, _) = try await Self.person(server, client, word: Self.uniqueWord())
            let (agent, address) = try await AgentWalletOverHTTPTests.agent(server, client)
            let search = try await client.call(.post, "/api/agent/search/specialists", json: [:], bearer: agent.key)
            #expect(
                search.status == 402 && search["price"] == "20" && search["deposit_address"]?.stringValue == address)
            let view = try await client.call(.get, "/api/agent/user/\(ben.id)", bearer: agent.key)
            #expect(view.status == 402 && view["price"] == "20", "\(view.json)")
            #expect(try await Self.usageCount(server, agent) == 0)
        }
    }
}
