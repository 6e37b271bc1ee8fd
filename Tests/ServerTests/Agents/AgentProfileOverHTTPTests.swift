import CekiTestSupport
import Foundation
import Generated
import Handlers
import HummingbirdTesting
import Testing

extension TestServer {
    /// The agent profiles' server and database (`ceki_test_agent_profiles`).
    static let agentProfiles = Task { try await TestServer(suite: "agent_profiles") }
}

/// The AgentProfile tag end to end: the own profile (read, partial update, fields the spec does not list refused),
/// the public profile of active agents with its 20 newest public schedules and `last_accessed_at` written at most
/// once a minute, and the public schedule history in pages of 50.
@Suite("Agent profiles over HTTP")
struct AgentProfileOverHTTPTests {
    @Test func theOwnProfileShowsThePrivateFieldsTheKeyPrefixAndTheWallet() async throws {
        let server = try await TestServer.agentProfiles.value
        try await server.application.test(.live) { client in
            let agent = try await server.registerAgent(client, name: "Profile Bot")
            let answer = try await client.call(.get, "/api/agent/profile", bearer: agent.key)
            #expect(answer.status == 200)
            let own = try #require(answer["agent"])
            #expect(own["id"]?.int64Value == Int64(agent.id) && own["name"] == "Profile Bot")
            #expect(own["email"]?.stringValue == agent.email && own["status"] == "pending_deposit")
            #expect(own["email_verified"] == false && own["skills"] == [] && own["description"] == .null)
            let prefix = try #require(own["api_key_prefix"]?.stringValue)
            #expect(!prefix.isEmpty && agent.key.hasPrefix(prefix))
            let kal = try #require(own["kal_id"]?.int64Value)
            let kalOwner = try await server.pool.query("SELECT user_id, owner_type FROM kals WHERE id = \(Int(kal))")
            #expect(try kalOwner.first?.decode(Int.self, "user_id") == agent.id)
            #expect(try kalOwner.first?.decode(String.self, "owner_type") == "Agent")
            #expect(own["wallets"]?.arrayValue?.count == 1 && own["wallets"]?[0]?["currency"] == "USDT")
            #expect(own["wallets"]?[0]?["balance"] == "0")
        }
    }

    @Test func theOwnProfileNeedsAGoodKeyOfAnAgentThatIsNotStopped() async throws {
        let server = try await TestServer.agentProfiles.value
        try await server.application.test(.live) { client in
            let patch: JSONValue = ["description": "Nope"]
            #expect(try await client.call(.get, "/api/agent/profile").status == 401)
            #expect(try await client.call(.get, "/api/agent/profile", bearer: "ceki_not_a_real_key").status == 401)
            #expect(try await client.call(.patch, "/api/agent/profile", json: patch).status == 401)
            #expect(
                try await client.call(.patch, "/api/agent/profile", json: patch, bearer: "ceki_not_a_real_key").status
                    == 401)
            for status in ["suspended", "banned"] {
                let agent = try await server.registerAgent(client)
                try await AgentFixtures.setStatus(server, agent.id, status)
                let read = try await client.call(.get, "/api/agent/profile", bearer: agent.key)
                #expect(read.status == 403, "\(status): \(read.json)")
                #expect(read["message"]?.stringValue?.contains(status) == true, "\(read.json)")
                let write = try await client.call(.patch, "/api/agent/profile", json: patch, bearer: agent.key)
                #expect(write.status == 403)
                let stored = try await server.pool.query("SELECT description FROM agents WHERE id = \(agent.id)")
                #expect(try stored[0].decode(String?.self, "description") == nil)
            }
        }
    }

    @Test func aPartialUpdateChangesWhatIsSentAndKeepsTheRest() async throws {
        let server = try await TestServer.agentProfiles.value
        try await server.application.test(.live) { client in
            let agent = try await server.registerAgent(client, name: "Partial Bot")
            let first = try await client.call(
                .patch, "/api/agent/profile",
                json: [
                    "description": "Books tax consultations", "skills": ["scheduling", "tax"], "license": "MIT",
                    "website_url": "https://bot.example.com", "links": [["url": "https://docs.example.com"]],
                    "example_requests": [["label": "Find", "content": "{\"query\": \"tax\"}"]],
                ],
                bearer: agent.key)
            #expect(first.status == 200, "\(first.json)")
            #expect(first["agent"]?["description"] == "Books tax consultations")
            #expect(first["agent"]?["skills"] == ["scheduling", "tax"] && first["agent"]?["license"] == "MIT")
            #expect(first["agent"]?["links"] == [["label": .null, "url": "https://docs.example.com"]])
            #expect(
                first["agent"]?["example_requests"]
                    == [["label": "Find", "description": .null, "content": "{\"query\": \"tax\"}"]])

            // Only the SLA and the tags: everything else stays.
            let second = try await client.call(
                .patch, "/api/agent/profile", json: ["sla": "Answers within 5 seconds", "tags": ["legal"]],
                bearer: agent.key)
            let kept = try #require(second["agent"])
            #expect(kept["sla"] == "Answers within 5 seconds" && kept["tags"] == ["legal"])
            #expect(kept["name"] == "Partial Bot" && kept["description"] == "Books tax consultations")
            #expect(kept["skills"] == ["scheduling", "tax"] && kept["website_url"] == "https://bot.example.com")
            #expect(kept["email"]?.stringValue == agent.email && kept["status"] == "pending_deposit")

            // A list sent replaces the list; an empty text clears a text.
            let third = try await client.call(
                .patch, "/api/agent/profile", json: ["skills": ["search"], "description": ""], bearer: agent.key)
            #expect(third["agent"]?["skills"] == ["search"] && third["agent"]?["description"] == .null)
            #expect(third["agent"]?["license"] == "MIT" && third["agent"]?["tags"] == ["legal"])
            let stored = try await server.pool.query(
                "SELECT skills::text AS skills, description, sla FROM agents WHERE id = \(agent.id)")
            #expect(try stored[0].decode(String.self, "skills") == "[\"search\"]")
            #expect(try stored[0].decode(String?.self, "description") == nil)
            #expect(try stored[0].decode(String?.self, "sla") == "Answers within 5 seconds")
            // The own profile reads what the update answered.
            let read = try await client.call(.get, "/api/agent/profile", bearer: agent.key)
            #expect(read["agent"] == third["agent"])
        }
    }

    @Test func fieldsTheSpecDoesNotListAre422AndNothingIsStored() async throws {
        let server = try await TestServer.agentProfiles.value
        try await server.application.test(.live) { client in
            let agent = try await server.registerAgent(client)
            let forbidden: [(String, JSONValue)] = [
                ("status", "active"), ("balance", "1000"), ("api_key", "ceki_mine"), ("email", "other@example.com"),
                ("email_verified", true), ("kal_id", 1),
            ]
            for (field, value) in forbidden {
                var body: JSONObject = ["description": "Sneaky"]
                body[field] = value
                let refused = try await client.call(
                    .patch, "/api/agent/profile", json: .object(body), bearer: agent.key)
                #expect(refused.status == 422, "\(field): \(refused.json)")
                #expect(AgentFixtures.fields(refused) == [field], "\(refused.json)")
            }
            let stored = try await server.pool.query(
                "SELECT status, email, description, email_verified_at IS NULL AS unverified FROM agents WHERE id = \(agent.id)"
            )
            #expect(try stored[0].decode(String.self, "status") == "pending_deposit")
            #expect(try stored[0].decode(String.self, "email") == agent.email)
            #expect(try stored[0].decode(String?.self, "description") == nil)
            #expect(try stored[0].decode(Bool.self, "unverified"))
            let keys = try await server.pool.query(
                "SELECT count(*) AS n FROM agent_api_keys WHERE agent_id = \(agent.id) AND revoked_at IS NULL")
            #expect(try keys[0].decode(Int.self, "n") == 1)
            #expect(try await client.call(.get, "/api/agent/profile", bearer: agent.key).status == 200)
        }
    }

    @Test func badValuesAre422NamingEachField() async throws {
        let server = try await TestServer.agentProfiles.value
        try await server.application.test(.live) { client in
            let agent = try await server.registerAgent(client, name: "Strict Bot")
            let refused = try await client.call(
                .patch, "/api/agent/profile",
                json: [
                    "name": "", "website_url": "not a url", "owner_email": "nobody", "languages": ["a-language-name"],
                    "skills": .array(Array(repeating: "x", count: 101)),
                    "sla": .string(String(repeating: "s", count: 501)),
                ],
                bearer: agent.key)
            #expect(refused.status == 422)
            let fields = AgentFixtures.fields(refused)
            #expect(
                ["name", "website_url", "owner_email", "sla"].allSatisfy(fields.contains)
                    && fields.contains { $0.hasPrefix("languages") } && fields.contains { $0.hasPrefix("skills") },
                "\(refused.json)")
            let stored = try await server.pool.query(
                "SELECT name, skills::text AS skills FROM agents WHERE id = \(agent.id)")
            #expect(try stored[0].decode(String.self, "name") == "Strict Bot")
            #expect(try stored[0].decode(String.self, "skills") == "[]")
        }
    }

    @Test func thePublicProfileShowsAnActiveAgentAndItsTwentyNewestLivePublicSchedules() async throws {
        let server = try await TestServer.agentProfiles.value
        try await server.application.test(.live) { client in
            let (agent, _) = try await AgentWalletOverHTTPTests.agent(server, client, funded: "21")
            _ = try await client.call(
                .patch, "/api/agent/profile", json: ["description": "Public face", "owner_email": "owner@example.com"],
                bearer: agent.key)
            let kal = try await AgentFixtures.kal(client, agent)
            let made = try await client.call(
                .post, "/api/agent/schedules", json: AgentFixtures.scheduleBody(kal: kal, ["private": false]),
                bearer: agent.key)
            #expect(made.status == 201, "\(made.json)")
            let newest = Int(try #require(made["schedule"]?["id"]?.int64Value))
            // 24 older public ones, and private, ended and deleted ones that never show.
            let older = try await AgentFixtures.cloneSchedule(server, newest, count: 24)
            try await AgentFixtures.cloneSchedule(server, newest, count: 2, private: true)
            try await AgentFixtures.cloneSchedule(server, newest, count: 2, ended: true)
            try await AgentFixtures.cloneSchedule(server, newest, count: 2, deleted: true)

            let answer = try await client.call(.get, "/api/agent/agents/\(agent.id)")
            #expect(answer.status == 200, "\(answer.json)")
            let shown = try #require(answer["agent"])
            #expect(shown["id"]?.int64Value == Int64(agent.id) && shown["description"] == "Public face")
            // Not the private fields.
            #expect(shown["email"] == nil && shown["status"] == nil && shown["owner_email"] == nil)
            #expect(shown["wallets"] == nil && shown["api_key_prefix"] == nil)
            let ids = answer["schedules"]?.arrayValue?.compactMap { $0["id"]?.int64Value.map(Int.init) } ?? []
            #expect(ids == [newest] + older.prefix(19), "\(ids)")
            #expect(answer["schedules"]?[0]?["settings"] == AgentFixtures.resolvedSettings)
            #expect(answer["schedules"]?[0]?["agent_id"]?.int64Value == Int64(agent.id))
            #expect(answer["schedules"]?.arrayValue?.allSatisfy { $0["private"] == false } == true)
        }
    }

    @Test func onlyActiveAgentsHaveAPublicProfileOrHistory() async throws {
        let server = try await TestServer.agentProfiles.value
        try await server.application.test(.live) { client in
            let unknown = try await client.call(.get, "/api/agent/agents/987654321")
            #expect(unknown.status == 404)
            #expect(try await client.call(.get, "/api/agent/agents/987654321/schedules").status == 404)
            for status in ["pending_deposit", "suspended", "banned"] {
                let agent = try await server.registerAgent(client)
                try await AgentFixtures.setStatus(server, agent.id, status)
                let profile = try await client.call(.get, "/api/agent/agents/\(agent.id)")
                #expect(profile.status == 404, "\(status): \(profile.json)")
                let history = try await client.call(.get, "/api/agent/agents/\(agent.id)/schedules")
                #expect(history.status == 404, "\(status): \(history.json)")
                // Reading nothing touched nothing.
                let touched = try await server.pool.query(
                    "SELECT last_accessed_at IS NULL AS untouched FROM agents WHERE id = \(agent.id)")
                #expect(try touched[0].decode(Bool.self, "untouched"))
            }
            let active = try await AgentFixtures.activeAgent(server, client)
            #expect(try await client.call(.get, "/api/agent/agents/\(active.id)").status == 200)
            // Not a valid id at all.
            let zero = try await client.call(.get, "/api/agent/agents/0")
            #expect(zero.status == 422 && AgentFixtures.fields(zero) == ["id"], "\(zero.json)")
        }
    }

    @Test func lastAccessedAtIsWrittenWithinASecondOfAReadAndAtMostOnceAMinute() async throws {
        let server = try await TestServer.agentProfiles.value
        try await server.application.test(.live) { client in
            let agent = try await AgentFixtures.activeAgent(server, client)
            func stored() async throws -> String? {
                try await server.pool.query("SELECT last_accessed_at::text AS at FROM agents WHERE id = \(agent.id)")[0]
                    .decode(String?.self, "at")
            }
            #expect(try await stored() == nil)
            let first = try await client.call(.get, "/api/agent/agents/\(agent.id)")
            #expect(first.status == 200)
            // The read answers what was written before it (nothing yet); the access is written off its path.
            #expect(first["agent"]?["last_accessed_at"]?.stringValue == nil)
            var touched: String?
            for _ in 0..<50 where touched == nil {
                try await Task.sleep(for: .milliseconds(100))
                touched = try await stored()
            }
            let written = try #require(touched, "no access written 5 s after a read")
            // More reads within the minute, and more than a flush interval later: the same time, answered.
            let second = try await client.call(.get, "/api/agent/agents/\(agent.id)")
            _ = try await client.call(.get, "/api/agent/agents/\(agent.id)")
            try await Task.sleep(for: .milliseconds(1_500))
            #expect(try await stored() == written)
            #expect(second["agent"]?["last_accessed_at"]?.stringValue != nil)
        }
    }

    @Test func theAccessLogWritesAnAgentAgainOnceItsLastWriteIsOlderThanTheResolution() async throws {
        let server = try await TestServer.agentProfiles.value
        let agent = try await server.application.test(.live) { client in try await AgentFixtures.activeAgent(server, client) }
        let log = AgentAccessLog(pool: server.pool, flushInterval: .milliseconds(50), resolution: .seconds(2))
        func stored() async throws -> Double? {
            try await server.pool.query(
                "SELECT extract(epoch FROM last_accessed_at)::float8 AS at FROM agents WHERE id = \(agent.id)")[0]
                .decode(Double?.self, "at")
        }
        func recordAndSettle() async throws -> Double? {
            log.record(agent.id)
            try await Task.sleep(for: .milliseconds(400))
            return try await stored()
        }
        let first = try #require(try await recordAndSettle())
        #expect(try await recordAndSettle() == first)  // within the resolution: not written again
        try await Task.sleep(for: .seconds(2))
        // Written by the next flush: waited for (up to 5 s) rather than assumed, since a loaded machine flushes late.
        var later = try #require(try await recordAndSettle())
        for _ in 0..<50 where later < first + 2 {
            try await Task.sleep(for: .milliseconds(100))
            later = try #require(try await stored())
        }
        #expect(later >= first + 2)
    }

    @Test func theScheduleHistoryPagesEveryPublicScheduleNewestFirst() async throws {
        let server = try await TestServer.agentProfiles.value
        try await server.application.test(.live) { client in
            let (agent, _) = try await AgentWalletOverHTTPTests.agent(server, client, funded: "21")
            let kal = try await AgentFixtures.kal(client, agent)
            let made = try await client.call(
                .post, "/api/agent/schedules", json: AgentFixtures.scheduleBody(kal: kal, ["private": false]),
                bearer: agent.key)
            let newest = Int(try #require(made["schedule"]?["id"]?.int64Value, "\(made.json)"))
            // 50 older live ones and 2 ended ones: 53 in the history; private and deleted ones are left out.
            var expected = [newest] + (try await AgentFixtures.cloneSchedule(server, newest, count: 50))
            let ended = try await AgentFixtures.cloneSchedule(server, newest, count: 2)
            try await server.pool.query(
                """
                UPDATE schedules SET start = now() - interval '30 days', "end" = now() - interval '1 day',
                                     created_at = created_at - interval '1 day'
                WHERE id = ANY(\(ended)::bigint[])
                """)
            expected += ended
            try await AgentFixtures.cloneSchedule(server, newest, count: 3, private: true)
            try await AgentFixtures.cloneSchedule(server, newest, count: 3, deleted: true)

            let first = try await client.call(.get, "/api/agent/agents/\(agent.id)/schedules")
            #expect(first.status == 200, "\(first.json)")
            #expect(first["agent_id"]?.int64Value == Int64(agent.id))
            let page = try #require(first["schedules"])
            #expect(
                page["total"] == 53 && page["per_page"] == 50 && page["current_page"] == 1 && page["last_page"] == 2)
            #expect(page["from"] == 1 && page["to"] == 50 && page["prev_page_url"] == .null)
            #expect(
                page["next_page_url"]?.stringValue?.hasSuffix("/api/agent/agents/\(agent.id)/schedules?page=2") == true)
            func ids(_ page: JSONValue?) -> [Int] {
                page?["data"]?.arrayValue?.compactMap { $0["id"]?.int64Value.map(Int.init) } ?? []
            }
            let second = try await client.call(.get, "/api/agent/agents/\(agent.id)/schedules?page=2")
            #expect(ids(page) + ids(second["schedules"]) == expected)
            #expect(second["schedules"]?["from"] == 51 && second["schedules"]?["to"] == 53)
            let past = try await client.call(.get, "/api/agent/agents/\(agent.id)/schedules?page=3")
            #expect(ids(past["schedules"]).isEmpty && past["schedules"]?["total"] == 53)
            #expect(past["schedules"]?["from"] == .null && past["schedules"]?["to"] == .null)
            // Private schedules are the owner's business only: the owner's own list has all 56 live ones.
            let own = try await client.call(.get, "/api/agent/schedules", bearer: agent.key)
            #expect(own["total"] == 56)
        }
    }
}
