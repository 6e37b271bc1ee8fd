import CekiTestSupport
import Foundation
import Generated
import Handlers
import HTTPTypes
import HummingbirdTesting
import Testing

extension TestServer {
    /// The agent schedules' server and database (`ceki_test_agent_schedules`).
    static let agentSchedules = Task { try await TestServer(suite: "agent_schedules") }
}

/// The AgentSchedule tag end to end: creating is billed at `BILLING_PRICE_API_SCHEDULE_CREATE` ($1) and a body
/// that fails its checks costs nothing; a pending agent gets a 402; another agent's schedule is a 404; updates
/// change only what they send; deletion is soft and refunds nothing.
@Suite("Agent schedules over HTTP")
struct AgentSchedulesOverHTTPTests {
    @Test func creatingAScheduleChargesTheConfiguredPriceOnce() async throws {
        let server = try await TestServer.agentSchedules.value
        try await server.application.test(.live) { client in
            let (agent, _) = try await AgentWalletOverHTTPTests.agent(server, client, funded: "25")
            let kal = try await AgentFixtures.kal(client, agent)
            let made = try await client.call(
                .post, "/api/agent/schedules",
                json: AgentFixtures.scheduleBody(kal: kal, ["end": "2027-06-30T00:00:00Z"]),
                bearer: agent.key)
            #expect(made.status == 201, "\(made.json)")
            let schedule = try #require(made["schedule"])
            #expect(schedule["agent_id"]?.int64Value == Int64(agent.id) && schedule["kal_id"]?.int64Value == Int64(kal))
            #expect(schedule["timezone"] == "Europe/Berlin" && schedule["settings"] == AgentFixtures.resolvedSettings)
            #expect(schedule["start"] == "2027-01-04T00:00:00Z" && schedule["end"] == "2027-06-30T00:00:00Z")
            // Private unless asked otherwise.
            #expect(schedule["private"] == true)

            #expect(try await AgentFixtures.balance(client, agent) == "24")
            let charges = try await server.pool.query(
                """
                SELECT trim_scale(amount)::text AS amount, trim_scale(usd_value)::text AS usd, usage_type, currency
                FROM wallet_transactions WHERE agent_id = \(agent.id) AND type = 'charge'
                """)
            #expect(charges.count == 1)
            #expect(try charges.first?.decode(String.self, "amount") == "1")
            #expect(try charges.first?.decode(String.self, "usd") == "1")
            #expect(try charges.first?.decode(String.self, "usage_type") == "api_schedule_create")
            #expect(try charges.first?.decode(String.self, "currency") == "USDT")
            let usage = try await client.call(.get, "/api/agent/wallet/usage", bearer: agent.key)
            let creations = usage["usage"]?.arrayValue?.first { $0["type"] == "api_schedule_create" }
            #expect(creations?["count"] == 1 && creations?["cost"] == "1", "\(usage.json)")

            // The schedule is what the agent's own reads answer.
            let id = try #require(schedule["id"]?.int64Value)
            let read = try await client.call(.get, "/api/agent/schedules/\(id)", bearer: agent.key)
            #expect(read.status == 200 && read["schedule"] == schedule)
            let list = try await client.call(.get, "/api/agent/schedules", bearer: agent.key)
            #expect(list["total"] == 1 && list["data"]?[0] == schedule && list["per_page"] == 50)
        }
    }

    @Test func aBodyThatFailsItsChecksIs422NamingEachFieldAndCostsNothing() async throws {
        let server = try await TestServer.agentSchedules.value
        try await server.application.test(.live) { client in
            let (agent, _) = try await AgentWalletOverHTTPTests.agent(server, client, funded: "25")
            let other = try await server.registerAgent(client)
            let othersKal = try await AgentFixtures.kal(client, other)
            let refused = try await client.call(
                .post, "/api/agent/schedules",
                json: AgentFixtures.scheduleBody(
                    kal: othersKal,
                    [
                        "timezone": "Mars/Olympus", "start": "2027-05-01T00:00:00Z", "end": "2027-04-01T00:00:00Z",
                        "settings": [
                            "days": ["1": [["start": "09:00", "end": "12:00"], ["start": "11:00", "end": "13:00"]]]
                        ],
                    ]),
                bearer: agent.key)
            #expect(refused.status == 422, "\(refused.json)")
            #expect(
                AgentFixtures.fields(refused) == ["kal_id", "timezone", "settings.days.1.1", "end"], "\(refused.json)")
            // The schema's checks too: a missing kal and start, a field it does not list.
            let kal = try await AgentFixtures.kal(client, agent)
            let missing = try await client.call(
                .post, "/api/agent/schedules", json: ["settings": ["duration": 30], "label": "Mine"], bearer: agent.key)
            #expect(missing.status == 422)
            #expect(AgentFixtures.fields(missing) == ["kal_id", "start", "label", "settings.days"], "\(missing.json)")
            let zero = try await client.call(
                .post, "/api/agent/schedules",
                json: AgentFixtures.scheduleBody(
                    kal: kal, ["settings": ["duration": 0, "days": ["1": [["start": "09:00", "end": "12:00"]]]]]),
                bearer: agent.key)
            #expect(zero.status == 422 && AgentFixtures.fields(zero) == ["settings.duration"], "\(zero.json)")

            #expect(try await AgentFixtures.balance(client, agent) == "25")
            let rows = try await server.pool.query(
                """
                SELECT (SELECT count(*) FROM schedules WHERE agent_id = \(agent.id)) AS schedules,
                       (SELECT count(*) FROM agent_usage WHERE agent_id = \(agent.id)) AS usage,
                       (SELECT count(*) FROM wallet_transactions WHERE agent_id = \(agent.id) AND type = 'charge') AS charges
                """)
            #expect(try rows[0].decode(Int.self, "schedules") == 0)
            #expect(try rows[0].decode(Int.self, "usage") == 0 && rows[0].decode(Int.self, "charges") == 0)
        }
    }

    @Test func aRetriedCreationWithTheSameIdempotencyKeyMakesOneScheduleAndChargesOnce() async throws {
        let server = try await TestServer.agentSchedules.value
        try await server.application.test(.live) { client in
            let (agent, _) = try await AgentWalletOverHTTPTests.agent(server, client, funded: "25")
            let kal = try await AgentFixtures.kal(client, agent)
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "create-\(UUID().uuidString)"]
            var ids: Set<Int64> = []
            for _ in 0..<3 {
                let made = try await client.call(
                    .post, "/api/agent/schedules", json: AgentFixtures.scheduleBody(kal: kal), bearer: agent.key,
                    headers: key)
                #expect(made.status == 201, "\(made.json)")
                if let id = made["schedule"]?["id"]?.int64Value { ids.insert(id) }
            }
            #expect(ids.count == 1)
            let count = try await server.pool.query("SELECT count(*) AS n FROM schedules WHERE agent_id = \(agent.id)")
            #expect(try count[0].decode(Int.self, "n") == 1)
            #expect(try await AgentFixtures.balance(client, agent) == "24")
        }
    }

    @Test func aPendingAgentGets402AndNoSchedule() async throws {
        let server = try await TestServer.agentSchedules.value
        try await server.application.test(.live) { client in
            let (agent, address) = try await AgentWalletOverHTTPTests.agent(server, client)
            let kal = try await AgentFixtures.kal(client, agent)
            let refused = try await client.call(
                .post, "/api/agent/schedules", json: AgentFixtures.scheduleBody(kal: kal), bearer: agent.key)
            #expect(refused.status == 402, "\(refused.json)")
            #expect(refused["price"] == "20" && refused["deposit_address"]?.stringValue == address)
            #expect(refused.headers[HTTPField.Name("PAYMENT-REQUIRED")!] != nil)
            let count = try await server.pool.query("SELECT count(*) AS n FROM schedules WHERE agent_id = \(agent.id)")
            #expect(try count[0].decode(Int.self, "n") == 0)
            #expect(try await client.call(.get, "/api/agent/schedules", bearer: agent.key)["total"] == 0)
        }
    }

    @Test func aFundedAgentThatCannotCoverThePriceGets402AndNoSchedule() async throws {
        let server = try await TestServer.agentSchedules.value
        try await server.application.test(.live) { client in
            let (agent, _) = try await AgentWalletOverHTTPTests.agent(server, client, funded: "20.5")
            let kal = try await AgentFixtures.kal(client, agent)
            for _ in 0..<2 {
                let paid = try await client.call(
                    .post, "/api/agent/schedules", json: AgentFixtures.scheduleBody(kal: kal), bearer: agent.key)
                #expect(paid.status == 201, "\(paid.json)")
            }
            // 18.5 left after two creations: spend 18 of it, and the next creation cannot be paid.
            try await server.pool.query(
                """
                INSERT INTO wallet_transactions (wallet_id, agent_id, type, status, amount, currency, usd_value, usage_type, description)
                SELECT id, agent_id, 'charge', 'confirmed', 18, 'USDT', 18, 'api_search', 'test: spend down'
                FROM wallets WHERE agent_id = \(agent.id)
                """)
            let unpaid = try await client.call(
                .post, "/api/agent/schedules", json: AgentFixtures.scheduleBody(kal: kal), bearer: agent.key)
            #expect(unpaid.status == 402, "\(unpaid.json)")
            #expect(unpaid["price"] == "1" && unpaid["balance"] == "0.5")
            #expect(try await AgentFixtures.balance(client, agent) == "0.5")
            #expect(try await client.call(.get, "/api/agent/schedules", bearer: agent.key)["total"] == 2)
        }
    }

    @Test func anotherAgentsScheduleIs404ForReadUpdateAndDelete() async throws {
        let server = try await TestServer.agentSchedules.value
        try await server.application.test(.live) { client in
            let (owner, _) = try await AgentWalletOverHTTPTests.agent(server, client, funded: "21")
            let stranger = try await AgentFixtures.activeAgent(server, client)
            let kal = try await AgentFixtures.kal(client, owner)
            let made = try await client.call(
                .post, "/api/agent/schedules", json: AgentFixtures.scheduleBody(kal: kal), bearer: owner.key)
            let id = try #require(made["schedule"]?["id"]?.int64Value)
            let read = try await client.call(.get, "/api/agent/schedules/\(id)", bearer: stranger.key)
            #expect(read.status == 404)
            let update = try await client.call(
                .patch, "/api/agent/schedules/\(id)", json: ["private": false], bearer: stranger.key)
            #expect(update.status == 404)
            let delete = try await client.call(.delete, "/api/agent/schedules/\(id)", bearer: stranger.key)
            #expect(delete.status == 404)
            #expect(try await client.call(.get, "/api/agent/schedules", bearer: stranger.key)["total"] == 0)
            // The owner's schedule is as it was.
            let mine = try await client.call(.get, "/api/agent/schedules/\(id)", bearer: owner.key)
            #expect(mine.status == 200 && mine["schedule"] == made["schedule"])
            // And an id nobody has.
            #expect(try await client.call(.get, "/api/agent/schedules/987654321", bearer: owner.key).status == 404)
        }
    }

    @Test func anUpdateChangesOnlyWhatItSendsIsCheckedAndIsFree() async throws {
        let server = try await TestServer.agentSchedules.value
        try await server.application.test(.live) { client in
            let (agent, _) = try await AgentWalletOverHTTPTests.agent(server, client, funded: "21")
            let kal = try await AgentFixtures.kal(client, agent)
            let made = try await client.call(
                .post, "/api/agent/schedules", json: AgentFixtures.scheduleBody(kal: kal), bearer: agent.key)
            let id = try #require(made["schedule"]?["id"]?.int64Value)
            let path = "/api/agent/schedules/\(id)"

            let visible = try await client.call(.patch, path, json: ["private": false], bearer: agent.key)
            #expect(visible.status == 200, "\(visible.json)")
            #expect(visible["schedule"]?["private"] == false)
            #expect(visible["schedule"]?["settings"] == AgentFixtures.resolvedSettings)
            #expect(visible["schedule"]?["start"] == made["schedule"]?["start"])

            // `timezone` alone moves the stored settings to that zone and keeps the days.
            let moved = try await client.call(.patch, path, json: ["timezone": "America/New_York"], bearer: agent.key)
            #expect(moved["schedule"]?["timezone"] == "America/New_York")
            #expect(moved["schedule"]?["settings"]?["timezone"] == "America/New_York")
            #expect(moved["schedule"]?["settings"]?["days"] == AgentFixtures.resolvedSettings["days"])
            #expect(moved["schedule"]?["private"] == false)

            // `settings` replaces the settings as a whole.
            let replaced = try await client.call(
                .patch, path,
                json: ["settings": ["duration": 60, "days": ["3": [["start": "10:00", "end": "14:00"]]]]],
                bearer: agent.key)
            #expect(
                replaced["schedule"]?["settings"]?["duration"] == 60 && replaced["schedule"]?["settings"]?["step"] == 60
            )
            #expect(replaced["schedule"]?["settings"]?["days"] == ["3": [["start": "10:00", "end": "14:00"]]])

            // Checked as a creation is: an end before the start, an unknown zone, a field it does not list.
            let backwards = try await client.call(
                .patch, path, json: ["end": "2026-01-01T00:00:00Z"], bearer: agent.key)
            #expect(backwards.status == 422 && AgentFixtures.fields(backwards) == ["end"], "\(backwards.json)")
            let zone = try await client.call(.patch, path, json: ["timezone": "Mars/Olympus"], bearer: agent.key)
            #expect(zone.status == 422 && AgentFixtures.fields(zone) == ["timezone"], "\(zone.json)")
            let unlisted = try await client.call(.patch, path, json: ["kal_id": 1], bearer: agent.key)
            #expect(unlisted.status == 422 && AgentFixtures.fields(unlisted) == ["kal_id"], "\(unlisted.json)")
            let after = try await client.call(.get, path, bearer: agent.key)
            #expect(after["schedule"] == replaced["schedule"])

            // Only the creation was charged.
            #expect(try await AgentFixtures.balance(client, agent) == "20")
        }
    }

    @Test func aDeletedScheduleIsGoneFromEveryReadAndTheChargeStays() async throws {
        let server = try await TestServer.agentSchedules.value
        try await server.application.test(.live) { client in
            let (agent, _) = try await AgentWalletOverHTTPTests.agent(server, client, funded: "22")
            let kal = try await AgentFixtures.kal(client, agent)
            var ids: [Int64] = []
            for _ in 0..<2 {
                let made = try await client.call(
                    .post, "/api/agent/schedules", json: AgentFixtures.scheduleBody(kal: kal, ["private": false]),
                    bearer: agent.key)
                ids.append(try #require(made["schedule"]?["id"]?.int64Value, "\(made.json)"))
            }
            let listed = try await client.call(.get, "/api/agent/schedules", bearer: agent.key)
            #expect(listed["data"]?.arrayValue?.compactMap { $0["id"]?.int64Value } == ids.reversed())

            let deleted = try await client.call(.delete, "/api/agent/schedules/\(ids[0])", bearer: agent.key)
            #expect(deleted.status == 200 && deleted["message"] == "Schedule deleted")
            #expect(try await client.call(.get, "/api/agent/schedules/\(ids[0])", bearer: agent.key).status == 404)
            let update = try await client.call(
                .patch, "/api/agent/schedules/\(ids[0])", json: ["private": true], bearer: agent.key)
            #expect(update.status == 404)
            #expect(try await client.call(.delete, "/api/agent/schedules/\(ids[0])", bearer: agent.key).status == 404)
            let list = try await client.call(.get, "/api/agent/schedules", bearer: agent.key)
            #expect(list["total"] == 1 && list["data"]?.arrayValue?.compactMap { $0["id"]?.int64Value } == [ids[1]])
            // Not on the public profile or history either.
            let profile = try await client.call(.get, "/api/agent/agents/\(agent.id)")
            #expect(profile["schedules"]?.arrayValue?.compactMap { $0["id"]?.int64Value } == [ids[1]])
            let history = try await client.call(.get, "/api/agent/agents/\(agent.id)/schedules")
            #expect(history["schedules"]?["total"] == 1)
            // Soft: the row stays, marked deleted; both creations stay charged.
            let row = try await server.pool.query(
                "SELECT deleted_at IS NOT NULL AS deleted FROM schedules WHERE id = \(Int(ids[0]))")
            #expect(try row.first?.decode(Bool.self, "deleted") == true)
            #expect(try await AgentFixtures.balance(client, agent) == "20")
        }
    }

    @Test func theListIsNewestFirstInPagesOfFifty() async throws {
        let server = try await TestServer.agentSchedules.value
        try await server.application.test(.live) { client in
            let (agent, _) = try await AgentWalletOverHTTPTests.agent(server, client, funded: "21")
            let kal = try await AgentFixtures.kal(client, agent)
            let made = try await client.call(
                .post, "/api/agent/schedules", json: AgentFixtures.scheduleBody(kal: kal), bearer: agent.key)
            let newest = Int(try #require(made["schedule"]?["id"]?.int64Value))
            let expected = [newest] + (try await AgentFixtures.cloneSchedule(server, newest, count: 51))
            let first = try await client.call(.get, "/api/agent/schedules", bearer: agent.key)
            #expect(first["total"] == 52 && first["last_page"] == 2 && first["per_page"] == 50 && first["to"] == 50)
            let second = try await client.call(.get, "/api/agent/schedules?page=2", bearer: agent.key)
            func ids(_ page: JSONResponse) -> [Int] {
                page["data"]?.arrayValue?.compactMap { $0["id"]?.int64Value.map(Int.init) } ?? []
            }
            #expect(ids(first) + ids(second) == expected)
            let past = try await client.call(.get, "/api/agent/schedules?page=9", bearer: agent.key)
            #expect(ids(past).isEmpty && past["total"] == 52 && past["current_page"] == 9)
            let bad = try await client.call(.get, "/api/agent/schedules?page=0", bearer: agent.key)
            #expect(bad.status == 422 && AgentFixtures.fields(bad) == ["page"], "\(bad.json)")
        }
    }

    @Test func everyScheduleOperationNeedsAGoodKeyOfAnAgentThatIsNotStopped() async throws {
        let server = try await TestServer.agentSchedules.value
        try await server.application.test(.live) { client in
            let (agent, _) = try await AgentWalletOverHTTPTests.agent(server, client, funded: "21")
            let kal = try await AgentFixtures.kal(client, agent)
            let made = try await client.call(
                .post, "/api/agent/schedules", json: AgentFixtures.scheduleBody(kal: kal), bearer: agent.key)
            let id = try #require(made["schedule"]?["id"]?.int64Value)
            let calls: [(HTTPRequest.Method, String, JSONValue?)] = [
                (.get, "/api/agent/schedules", nil),
                (.post, "/api/agent/schedules", AgentFixtures.scheduleBody(kal: kal)),
                (.get, "/api/agent/schedules/\(id)", nil), (.patch, "/api/agent/schedules/\(id)", ["private": false]),
                (.delete, "/api/agent/schedules/\(id)", nil),
            ]
            for (method, path, body) in calls {
                #expect(try await client.call(method, path, json: body).status == 401, "\(method) \(path)")
                #expect(
                    try await client.call(method, path, json: body, bearer: "ceki_not_a_real_key").status == 401,
                    "\(method) \(path)")
            }
            try await AgentFixtures.setStatus(server, agent.id, "suspended")
            for (method, path, body) in calls {
                let refused = try await client.call(method, path, json: body, bearer: agent.key)
                #expect(refused.status == 403, "\(method) \(path): \(refused.json)")
            }
            try await AgentFixtures.setStatus(server, agent.id, "active")
            // Nothing the refused calls asked for happened.
            let still = try await client.call(.get, "/api/agent/schedules/\(id)", bearer: agent.key)
            #expect(still.status == 200 && still["schedule"]?["private"] == true)
            #expect(try await client.call(.get, "/api/agent/schedules", bearer: agent.key)["total"] == 1)
            #expect(try await AgentFixtures.balance(client, agent) == "20")
        }
    }
}
