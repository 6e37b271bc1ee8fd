import CekiTestSupport
import Foundation
import Generated
import Handlers
import HTTPTypes
import HummingbirdTesting
import Testing

extension TestServer {
    /// The time tracking suite's server and database (`ceki_test_timelog`); its clock is set by the tests.
    static let timeLogs = Task { try await TestServer(suite: "timelog") }
}

/// Time tracking end to end (docs/domain.md "Time logs"): sessions on a hand and on a contract, one running per
/// hand even when starts race, who may start, see and discard them. The server's clock is the suite's, set by
/// each test, so the tests run one at a time.
@Suite("Time logs over HTTP", .serialized)
struct TimeLogsOverHTTPTests {
    static let monday = ISO8601DateFormatter().date(from: "2027-03-01T09:00:00Z")!

    /// A trackable contract of `owner`'s (Europe/Berlin), and the owner's own accepted hand in it.
    static func contract(
        _ client: some TestClientProtocol, of owner: SignedInUser, trackable: Bool = true
    ) async throws -> (contract: Int, hand: Int) {
        let body = ContractOverHTTPTests.body.merging(["settings": ["trackable": .bool(trackable), "tags": []]])
        let id = try await ContractOverHTTPTests.create(client, by: owner, body)
        return (id, try await ContractHandsOverHTTPTests.ownersHand(client, of: id, owner: owner))
    }

    static func date(_ value: JSONValue?) -> Date? {
        value?.stringValue.flatMap { try? Date($0, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted)) }
            ?? value?.stringValue.flatMap { ISO8601DateFormatter().date(from: $0) }
    }

    @Test func aHandStartsOneSessionShowsWorkingAndDiscardsIt() async throws {
        let server = try await TestServer.timeLogs.value
        server.clock.set(Self.monday)
        defer { server.clock.reset() }
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let (contract, hand) = try await Self.contract(client, of: anna)

            let started = try await client.call(.post, "/api/hands/\(hand)/tracking/start", bearer: anna.token)
            #expect(started.status == 201, "\(started.json)")
            #expect(started["status_id"] == 100 && started["trackable_type"] == "ContractHand")
            #expect(started["trackable_id"]?.int64Value == Int64(hand) && started["benefitable_id"]?.int64Value == Int64(hand))
            #expect(started["timezone"] == "Europe/Berlin", "the contract's zone: the hand has no work schedule")
            let start = try #require(Self.date(started["start"]))
            let end = try #require(Self.date(started["end"]))
            #expect(abs(start.timeIntervalSince(Self.monday)) < 0.001, "the server's clock")
            #expect((54 * 60...66 * 60).contains(end.timeIntervalSince(start)), "an hour ± 10 % without history: \(end.timeIntervalSince(start))")
            let log = try #require(started["id"]?.int64Value)

            let state = try await client.call(.get, "/api/hands/\(hand)/tracking", bearer: anna.token)
            #expect(state.status == 200 && state["active"] == true && state["timelog"]?["id"]?.int64Value == log)
            let detail = try await client.call(.get, "/api/contracts/\(contract)", bearer: anna.token)
            #expect(detail["hands"]?[0]?["is_working"] == true)
            let again = try await client.call(.post, "/api/hands/\(hand)/tracking/start", bearer: anna.token)
            #expect(again.status == 422 && again["errors"]?["contractHand"] != nil, "\(again.json)")

            let overview = try await client.call(.get, "/api/timelogs", bearer: anna.token)
            #expect(overview.status == 200)
            #expect(overview["contracts"]?.arrayValue?.contains { $0["id"]?.int64Value == Int64(contract) } == true)
            #expect(overview["timelogs"]?.arrayValue?.map { $0["id"]?.int64Value } == [log])

            let discarded = try await client.call(.delete, "/api/timelogs/\(log)", bearer: anna.token)
            #expect(discarded.status == 200 && discarded["message"] == "deleted")
            let idle = try await client.call(.get, "/api/hands/\(hand)/tracking", bearer: anna.token)
            #expect(idle["active"] == false && idle["timelog"] == .null)
            let after = try await client.call(.get, "/api/contracts/\(contract)", bearer: anna.token)
            #expect(after["hands"]?[0]?["is_working"] == false)
            let stored = try await server.pool.query(
                "SELECT status_id, charge_id IS NULL AS uncharged, deleted_at IS NOT NULL AS gone FROM time_logs WHERE id = \(Int(log))")
            #expect(try stored[0].decode(Int.self, "status_id") == 777 && stored[0].decode(Bool.self, "uncharged"))
            #expect(try stored[0].decode(Bool.self, "gone"))
            #expect(try await client.call(.delete, "/api/timelogs/\(log)", bearer: anna.token).status == 404)
            #expect(try await client.call(.get, "/api/timelogs").status == 401)
        }
    }

    @Test func tenParallelStartsMakeOneSession() async throws {
        let server = try await TestServer.timeLogs.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let (_, hand) = try await Self.contract(client, of: anna)
            let answers = try await client.callInParallel(
                Array(repeating: ParallelRequest(.post, "/api/hands/\(hand)/tracking/start", bearer: anna.token), count: 10))
            #expect(answers.filter { $0.status == 201 }.count == 1, "\(answers.map(\.status))")
            #expect(answers.filter { $0.status == 422 && $0["errors"]?["contractHand"] != nil }.count == 9)
            let running = try await server.pool.query(
                "SELECT count(*)::int AS n FROM time_logs WHERE hand_id = \(hand) AND status_id = 100")
            #expect(try running[0].decode(Int.self, "n") == 1)
        }
    }

    @Test func aSessionOnATrackableContractNamesEveryProblemAtOnce() async throws {
        let server = try await TestServer.timeLogs.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let (contract, hand) = try await Self.contract(client, of: anna)
            let (untracked, _) = try await Self.contract(client, of: anna, trackable: false)

            let started = try await client.call(
                .post, "/api/timelogs",
                json: ["timezone": "America/New_York", "trackable_id": number(contract), "label": "Landing page"],
                bearer: anna.token)
            #expect(started.status == 201, "\(started.json)")
            #expect(started["trackable_type"] == "Contract" && started["trackable_id"]?.int64Value == Int64(contract))
            #expect(started["benefitable_id"]?.int64Value == Int64(hand) && started["timezone"] == "America/New_York")
            #expect(started["label"] == "Landing page")
            let twice = try await client.call(
                .post, "/api/timelogs", json: ["timezone": "UTC", "trackable_id": number(contract)], bearer: anna.token)
            #expect(twice.status == 422 && twice["errors"]?["trackable_id"] != nil, "one running session per hand")
            let onHand = try await client.call(.post, "/api/hands/\(hand)/tracking/start", bearer: anna.token)
            #expect(onHand.status == 422, "the same hand, whichever way it was started")

            let notTracked = try await client.call(
                .post, "/api/timelogs", json: ["timezone": "UTC", "trackable_id": number(untracked)], bearer: anna.token)
            #expect(notTracked.status == 422)
            #expect(notTracked["errors"]?["trackable_id"]?[0]?.stringValue?.contains("does not track time") == true)
            let both = try await client.call(
                .post, "/api/timelogs", json: ["timezone": "Mars/Olympus", "trackable_id": 999_999_999], bearer: anna.token)
            #expect(both.status == 422 && both["errors"]?["timezone"] != nil && both["errors"]?["trackable_id"] != nil)
            let untrackedHand = try await ContractHandsOverHTTPTests.ownersHand(client, of: untracked, owner: anna)
            let refused = try await client.call(.post, "/api/hands/\(untrackedHand)/tracking/start", bearer: anna.token)
            #expect(refused.status == 422 && refused["errors"]?["contractHand"] != nil)
            let overview = try await client.call(.get, "/api/timelogs", bearer: anna.token)
            #expect(overview["contracts"]?.arrayValue?.contains { $0["id"]?.int64Value == Int64(untracked) } == false)
        }
    }

    @Test func onlyTheHandsUserTracksAndReaders3SeeIt() async throws {
        let server = try await TestServer.timeLogs.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let ada = try await server.signIn(client, name: "Ada")
            let eve = try await server.signIn(client, name: "Eve")
            let (contract, hand) = try await Self.contract(client, of: anna)
            try await ContractOverHTTPTests.add(client, ben, role: 3, to: contract, by: anna)
            try await ContractOverHTTPTests.add(client, ada, role: 2, to: contract, by: anna)
            let started = try await client.call(.post, "/api/hands/\(hand)/tracking/start", bearer: anna.token)
            #expect(started.status == 201)
            let log = try #require(started["id"]?.int64Value)

            let uri = "/api/hands/\(hand)/tracking"
            #expect(try await client.call(.get, uri, bearer: ben.token).status == 403, "read 2")
            #expect(try await client.call(.get, uri, bearer: ada.token)["active"] == true, "read 5")
            #expect(try await client.call(.get, uri, bearer: eve.token).status == 404, "not a member")
            #expect(try await client.call(.get, uri).status == 401)
            #expect(try await client.call(.post, "\(uri)/start", bearer: ada.token).status == 403, "not their hand")
            #expect(try await client.call(.post, "\(uri)/start", bearer: eve.token).status == 404)
            #expect(try await client.call(.get, "/api/hands/999999999/tracking", bearer: anna.token).status == 404)
            #expect(try await client.call(.delete, "/api/timelogs/\(log)", bearer: ada.token).status == 404, "another's log")

            let pending = try await ContractHandsOverHTTPTests.invite(ben, to: contract, on: server)
            let unanswered = try await client.call(.post, "/api/hands/\(pending)/tracking/start", bearer: ben.token)
            #expect(unanswered.status == 422 && unanswered["errors"]?["contractHand"] != nil, "a pending hand")
            let bensView = try await client.call(.get, "/api/hands/\(pending)/tracking", bearer: ben.token)
            #expect(bensView.status == 200 && bensView["active"] == false, "their own hand, at read 2")

            #expect(try await client.call(.delete, "/api/contracts/\(contract)", bearer: anna.token).status == 200)
            #expect(try await client.call(.get, uri, bearer: anna.token).status == 404, "an archived contract")
        }
    }

    /// Starts a session on `hand` at the clock's time and stops it `seconds` later; answers the stop.
    static func session(
        of hand: Int, lasting seconds: TimeInterval, by user: SignedInUser, _ client: some TestClientProtocol,
        on server: TestServer
    ) async throws -> JSONResponse {
        let started = try await client.call(.post, "/api/hands/\(hand)/tracking/start", bearer: user.token)
        guard started.status == 201 else {
            throw SetupFailure(description: "startHandTracking answered \(started.status): \(started.json)")
        }
        server.clock.advance(by: seconds)
        return try await client.call(.post, "/api/hands/\(hand)/tracking/stop", bearer: user.token)
    }

    @Test func stoppingChargesTheWholeMinutesOnceAtTheHandsRate() async throws {
        let server = try await TestServer.timeLogs.value
        server.clock.set(Self.monday)
        defer { server.clock.reset() }
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let (_, hand) = try await Self.contract(client, of: anna)
            let started = try await client.call(.post, "/api/hands/\(hand)/tracking/start", bearer: anna.token)
            #expect(started.status == 201)
            server.clock.advance(by: 90 * 60 + 30)
            let unpriced = try await client.call(.post, "/api/hands/\(hand)/tracking/stop", bearer: anna.token)
            #expect(unpriced.status == 422 && unpriced["errors"]?["contractHand"] != nil, "no rate: \(unpriced.json)")
            #expect(try await client.call(.get, "/api/hands/\(hand)/tracking", bearer: anna.token)["active"] == true)

            try await server.pool.query("UPDATE contract_hands SET price = 60 WHERE id = \(hand)")
            let stopped = try await client.call(.post, "/api/hands/\(hand)/tracking/stop", bearer: anna.token)
            #expect(stopped.status == 200, "\(stopped.json)")
            #expect(stopped["timelog"]?["status_id"] == 200 && stopped["timelog"]?["id"] == started["id"])
            let end = try #require(Self.date(stopped["timelog"]?["end"]))
            #expect(abs(end.timeIntervalSince(Self.monday) - (90 * 60 + 30)) < 0.001, "stopped at the clock's time")
            let charge = try #require(stopped["charge"])
            #expect(charge["duration"] == 90 && charge["amount"] == "90.00" && charge["credit"] == false)
            #expect(charge["payment_status_id"] == 100 && charge["status_id"] == 200, "recorded by an owner (write 5)")
            #expect(charge["benefitable_type"] == "ContractHand" && charge["benefitable_id"]?.int64Value == Int64(hand))
            #expect(Self.date(charge["date"]).map { abs($0.timeIntervalSince(Self.monday)) < 0.001 } == true, "dated at the start")
            let again = try await client.call(.post, "/api/hands/\(hand)/tracking/stop", bearer: anna.token)
            #expect(again.status == 422 && again["errors"]?["contractHand"] != nil, "nothing runs any more")
            let stored = try await server.pool.query(
                "SELECT charge_id FROM time_logs WHERE id = \(Int(try #require(started["id"]?.int64Value)))")
            #expect(try stored[0].decode(Int.self, "charge_id") == Int(try #require(charge["id"]?.int64Value)))

            let brief = try await Self.session(of: hand, lasting: 20, by: anna, client, on: server)
            #expect(brief["charge"]?["duration"] == 1 && brief["charge"]?["amount"] == "1.00", "at least a minute")
            // The discarded log keeps its charge.
            let log = try #require(brief["timelog"]?["id"]?.int64Value)
            #expect(try await client.call(.delete, "/api/timelogs/\(log)", bearer: anna.token).status == 200)
            let kept = try await server.pool.query(
                "SELECT count(*)::int AS n FROM events WHERE benefitable_id = \(hand) AND type_id = 4 AND deleted_at IS NULL")
            #expect(try kept[0].decode(Int.self, "n") == 2)
        }
    }

    @Test func theEstimateFollowsTheMedianOfTheLastSessions() async throws {
        let server = try await TestServer.timeLogs.value
        server.clock.set(Self.monday)
        defer { server.clock.reset() }
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let (_, hand) = try await Self.contract(client, of: anna)
            try await server.pool.query("UPDATE contract_hands SET price = 30 WHERE id = \(hand)")
            for minutes in [30, 50, 40] {
                #expect(try await Self.session(of: hand, lasting: TimeInterval(minutes * 60), by: anna, client, on: server).status == 200)
            }
            let started = try await client.call(.post, "/api/hands/\(hand)/tracking/start", bearer: anna.token)
            let start = try #require(Self.date(started["start"]))
            let end = try #require(Self.date(started["end"]))
            #expect((36 * 60...44 * 60).contains(end.timeIntervalSince(start)), "40 minutes ± 10 %: \(end.timeIntervalSince(start))")
        }
    }

    @Test func twentyParallelStopsChargeOnceAndAClaimStaysUnapproved() async throws {
        let server = try await TestServer.timeLogs.value
        server.clock.set(Self.monday)
        defer { server.clock.reset() }
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let (contract, _) = try await Self.contract(client, of: anna)
            try await ContractOverHTTPTests.add(client, ben, role: 3, to: contract, by: anna)
            let hand = try await ContractHandsOverHTTPTests.invite(ben, to: contract, on: server)
            try await server.pool.query("UPDATE contract_hands SET status_id = 200, price = 45 WHERE id = \(hand)")
            #expect(try await client.call(.post, "/api/hands/\(hand)/tracking/start", bearer: ben.token).status == 201)
            server.clock.advance(by: 60 * 60)
            let answers = try await client.callInParallel(
                Array(repeating: ParallelRequest(.post, "/api/hands/\(hand)/tracking/stop", bearer: ben.token), count: 20))
            #expect(answers.filter { $0.status == 200 }.count == 1, "\(answers.map(\.status))")
            #expect(answers.filter { $0.status == 422 }.count == 19)
            let charge = try #require(answers.first { $0.status == 200 }?["charge"])
            #expect(charge["amount"] == "45.00" && charge["status_id"] == 100, "a hand's own charge is a claim")
            let charges = try await server.pool.query(
                """
                SELECT count(*)::int AS n, sum(amount)::text AS total FROM events
                WHERE type_id = 4 AND benefitable_type = 'ContractHand' AND benefitable_id = \(hand)
                """)
            #expect(try charges[0].decode(Int.self, "n") == 1)
            #expect(try await client.call(.post, "/api/hands/\(hand)/tracking/stop", bearer: anna.token).status == 403)
        }
    }

    @Test func aSessionPastTheWeeklyLimitChargesWhatIsLeft() async throws {
        let server = try await TestServer.timeLogs.value
        server.clock.set(Self.monday)
        defer { server.clock.reset() }
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let (_, hand) = try await Self.contract(client, of: anna)
            try await server.pool.query("UPDATE contract_hands SET price = 60, \"limit\" = 60 WHERE id = \(hand)")
            let first = try await Self.session(of: hand, lasting: 45 * 60, by: anna, client, on: server)
            #expect(first["charge"]?["duration"] == 45)
            let second = try await Self.session(of: hand, lasting: 30 * 60, by: anna, client, on: server)
            #expect(second.status == 200, "the session happened: it stops")
            #expect(second["charge"]?["duration"] == 15 && second["charge"]?["amount"] == "15.00", "capped at the limit")
            let third = try await Self.session(of: hand, lasting: 10 * 60, by: anna, client, on: server)
            #expect(third["charge"]?["duration"] == 0 && third["charge"]?["amount"] == "0.00", "nothing left this week")
            // The next Monday (Berlin) starts a new week.
            server.clock.set(ISO8601DateFormatter().date(from: "2027-03-08T08:00:00Z")!)
            let nextWeek = try await Self.session(of: hand, lasting: 20 * 60, by: anna, client, on: server)
            #expect(nextWeek["charge"]?["duration"] == 20)
        }
    }
}
