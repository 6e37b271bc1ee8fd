import CekiTestSupport
import Foundation
import Generated
import Handlers
import HummingbirdTesting
import Testing

extension TestServer {
    /// The event corrections suite's server and database (`ceki_test_eventcorr`).
    static let eventCorrections = Task { try await TestServer(suite: "eventcorr") }
}

/// getEvent, proposeEventCorrections and voteEventCorrections end to end (docs/domain.md "Event corrections",
/// docs/corrections.md): who reads and proposes, every voter's approval applying a correction once, the first
/// rejection and a stale `old_value` rejecting it, money never moving, and the history of every change.
@Suite("Event corrections over HTTP")
struct EventCorrectionsOverHTTPTests {
    /// Olga's public schedule with Ben (read 2, write 2), Cleo and Dan (read 1, write 1) taking part, and a
    /// meeting Olga made with the three of them (pending: they have not answered). Eve has nothing to do with it.
    struct World {
        let olga: SignedInUser, ben: SignedInUser, cleo: SignedInUser, dan: SignedInUser, eve: SignedInUser
        let schedule: Int64
        let event: Int64
    }

    static func world(_ server: TestServer, _ client: some TestClientProtocol) async throws -> World {
        let (olga, schedule) = try await BookingOverHTTPTests.makeSchedule(server, client)
        let ben = try await server.signIn(client, name: "Ben")
        let cleo = try await server.signIn(client, name: "Cleo")
        let dan = try await server.signIn(client, name: "Dan")
        let eve = try await server.signIn(client, name: "Eve")
        let added = try await client.call(
            .post, "/api/schedules/\(schedule)/users",
            json: [
                ["user_id": .number(JSONNumber(ben.id)), "role_id": 3, "read": 2, "write": 2],
                ["user_id": .number(JSONNumber(cleo.id)), "role_id": 3, "read": 1, "write": 1],
                ["user_id": .number(JSONNumber(dan.id)), "role_id": 3, "read": 1, "write": 1],
            ],
            bearer: olga.token)
        try #require(added.status == 201, "\(added.json)")
        let meeting = try await client.call(
            .post, "/api/schedules/\(schedule)/events",
            json: [
                "label": "Planning", "date": "2027-03-23T10:00:00Z", "duration": 60,
                "attendees": [
                    ["user_id": .number(JSONNumber(ben.id))], ["user_id": .number(JSONNumber(cleo.id))],
                    ["user_id": .number(JSONNumber(dan.id))],
                ],
            ],
            bearer: olga.token)
        try #require(meeting.status == 201, "\(meeting.json)")
        return World(
            olga: olga, ben: ben, cleo: cleo, dan: dan, eve: eve, schedule: schedule,
            event: try #require(meeting["id"]?.int64Value))
    }

    static func ids(_ detail: JSONResponse) -> [Int64] {
        detail["corrections"]?.arrayValue?.compactMap { $0["id"]?.int64Value } ?? []
    }

    static func vote(
        _ client: some TestClientProtocol, _ event: Int64, _ ids: [Int64], _ vote: Bool, by user: SignedInUser
    ) async throws -> JSONResponse {
        try await client.call(
            .post, "/api/events/\(event)/vote",
            json: ["vote": .bool(vote), "ids": .array(ids.map { .number(JSONNumber($0)) })], bearer: user.token)
    }

    static func actions(_ detail: JSONResponse) -> [String] {
        detail["history"]?.arrayValue?.compactMap { $0["action"]?.stringValue } ?? []
    }

    @Test func theEventIsReadInFullByThoseWhoSeeItAndNobodyElse() async throws {
        let server = try await TestServer.eventCorrections.value
        try await server.application.test(.live) { client in
            let world = try await Self.world(server, client)
            let read = try await client.call(.get, "/api/events/\(world.event)", bearer: world.ben.token)
            #expect(read.status == 200, "\(read.json)")
            #expect(read["event"]?["id"]?.int64Value == world.event && read["event"]?["label"] == "Planning")
            #expect(read["pivot"]?["user_id"]?.int64Value == Int64(world.ben.id) && read["pivot"]?["status_id"] == 100)
            #expect(read["corrections"]?.arrayValue?.isEmpty == true && read["history"]?.arrayValue?.isEmpty == true)
            #expect(read["kals"]?.arrayValue?.count == 1, "the schedule's kal: \(read.json)")
            let olgas = try await client.call(.get, "/api/events/\(world.event)", bearer: world.olga.token)
            #expect(olgas.status == 200 && olgas["pivot"] == .null, "the creator does not attend it")
            // A public event of a public kal: Eve reads it too, as anyone signed in.
            let eves = try await client.call(.get, "/api/events/\(world.event)", bearer: world.eve.token)
            #expect(eves.status == 200 && eves["pivot"] == .null)
            #expect(try await client.call(.get, "/api/events/999999999", bearer: world.ben.token).status == 404)
            #expect(try await client.call(.get, "/api/events/\(world.event)").status == 401)

            // Olga's own event, made private (no voter: at once). Cleo's read level 1 shows it only as busy time,
            // Ben's 2 in full; Eve sees nothing of it.
            let created = try await client.call(
                .post, "/api/schedules/\(world.schedule)/events",
                json: ["label": "Dentist", "date": "2027-03-24T10:00:00Z"], bearer: world.olga.token)
            let own = try #require(created["id"]?.int64Value, "\(created.json)")
            let hidden = try await client.call(
                .patch, "/api/events/\(own)", json: ["private": true], bearer: world.olga.token)
            #expect(hidden["event"]?["private"] == true, "\(hidden.json)")
            #expect(try await client.call(.get, "/api/events/\(own)", bearer: world.cleo.token).status == 404)
            #expect(try await client.call(.get, "/api/events/\(own)", bearer: world.eve.token).status == 404)
            #expect(try await client.call(.get, "/api/events/\(own)", bearer: world.ben.token).status == 200, "read 2")
            // Cleo attends the meeting: made private, she still reads it in full.
            let meeting = try await client.call(
                .patch, "/api/events/\(world.event)", json: ["private": true], bearer: world.olga.token)
            for voter in [world.ben, world.cleo, world.dan] {
                _ = try await Self.vote(client, world.event, Self.ids(meeting), true, by: voter)
            }
            #expect(try await client.call(.get, "/api/events/\(world.event)", bearer: world.cleo.token).status == 200)
            #expect(try await client.call(.get, "/api/events/\(world.event)", bearer: world.eve.token).status == 404)
        }
    }

    @Test func everyVotersApprovalAppliesACorrectionAndTheHistorySaysWhoDidWhat() async throws {
        let server = try await TestServer.eventCorrections.value
        try await server.application.test(.live) { client in
            let world = try await Self.world(server, client)
            let proposed = try await client.call(
                .patch, "/api/events/\(world.event)",
                json: ["label": "Planning Q2", "start": "12:30", "duration": 60, "private": false],
                bearer: world.ben.token)
            #expect(proposed.status == 200, "\(proposed.json)")
            let corrections = proposed["corrections"]?.arrayValue ?? []
            // Berlin is UTC+1 on 23 March 2027: 12:30 there is 11:30Z. Duration and privacy are unchanged: no
            // correction for them.
            #expect(corrections.map { $0["field"]?.stringValue } == ["label", "date"], "\(proposed.json)")
            #expect(corrections.first?["old_value"] == "Planning" && corrections.first?["new_value"] == "Planning Q2")
            #expect(corrections.last?["old_value"] == "2027-03-23T10:00:00Z")
            #expect(corrections.last?["new_value"] == "2027-03-23T11:30:00Z")
            #expect(
                corrections.allSatisfy { $0["status_id"] == 100 && $0["user_id"]?.int64Value == Int64(world.ben.id) })
            #expect(proposed["event"]?["label"] == "Planning", "nothing applies before the votes")
            let ids = Self.ids(proposed)

            // Ben does not vote on his own; Eve is no voter (she sees the public event, so 403, not 404).
            #expect(try await Self.vote(client, world.event, ids, true, by: world.ben).status == 403)
            #expect(try await Self.vote(client, world.event, ids, true, by: world.eve).status == 403)

            let olgas = try await Self.vote(client, world.event, ids, true, by: world.olga)
            #expect(olgas.status == 200, "\(olgas.json)")
            // Cleo votes twice: one vote per voter, the second replaces the first.
            _ = try await Self.vote(client, world.event, ids, true, by: world.cleo)
            let again = try await Self.vote(client, world.event, ids, true, by: world.cleo)
            #expect(again["corrections"]?.arrayValue?.map { $0["votes_for"] } == [2, 2], "\(again.json)")
            #expect(again["corrections"]?.arrayValue?.allSatisfy { $0["status_id"] == 100 } == true)

            let last = try await Self.vote(client, world.event, ids, true, by: world.dan)
            #expect(last.status == 200, "\(last.json)")
            #expect(
                last["corrections"]?.arrayValue?.allSatisfy { $0["status_id"] == 200 && $0["votes_for"] == 3 } == true)
            let event = last["event"]
            #expect(event?["label"] == "Planning Q2" && event?["date"] == "2027-03-23T11:30:00Z", "\(last.json)")
            #expect(event?["start"] == "12:30" && event?["end"] == "13:30" && event?["duration"] == 60)
            let span = try await server.pool.query(
                "SELECT ends_at = date + interval '60 minutes' AS right FROM events WHERE id = \(Int(world.event))")
            #expect(try span[0].decode(Bool.self, "right"), "ends_at moved with the date")
            #expect(
                Self.actions(last)
                    == ["proposed", "proposed"] + Array(repeating: "voted", count: 6)
                    + ["voted", "applied", "voted", "applied"],
                "\(Self.actions(last))")
            let applied = last["history"]?.arrayValue?.last
            #expect(applied?["user_id"]?.int64Value == Int64(world.dan.id) && applied?["field"] == "date")

            // Decided corrections and ids of nothing take no votes: every bad id named, nothing recorded.
            let late = try await Self.vote(client, world.event, [ids[0], 999_999_999], false, by: world.cleo)
            #expect(
                late.status == 422 && Set(late["errors"]?.objectValue?.keys ?? []) == ["ids.0", "ids.1"], "\(late.json)"
            )
            #expect(try await Self.vote(client, world.event, ids, true, by: world.cleo).status == 422)
            let after = try await client.call(.get, "/api/events/\(world.event)", bearer: world.cleo.token)
            #expect(Self.actions(after).count == 12, "the refused votes left no trace")
            #expect(
                try await client.call(.post, "/api/events/\(world.event)/vote", json: ["vote": true, "ids": [1]]).status
                    == 401)
        }
    }

    @Test func theFirstRejectionRejectsAndAProposalIsCheckedFieldByField() async throws {
        let server = try await TestServer.eventCorrections.value
        try await server.application.test(.live) { client in
            let world = try await Self.world(server, client)
            let proposed = try await client.call(
                .patch, "/api/events/\(world.event)", json: ["description": "Bring numbers", "status_id": 444],
                bearer: world.cleo.token)
            #expect(proposed.status == 200, "an attendee proposes, whatever her write level: \(proposed.json)")
            let ids = Self.ids(proposed)
            #expect(ids.count == 2)
            _ = try await Self.vote(client, world.event, ids, true, by: world.olga)
            let rejected = try await Self.vote(client, world.event, [ids[1]], false, by: world.ben)
            #expect(rejected["corrections"]?.arrayValue?.map { $0["status_id"] } == [100, 400], "\(rejected.json)")
            #expect(rejected["corrections"]?.arrayValue?.last?["votes_against"] == 1)
            #expect(rejected["event"]?["status_id"] == 100, "the event keeps its status")

            // Money is never corrected, nor an unknown field; the schema names each, with the lengths it states.
            let money = try await client.call(
                .patch, "/api/events/\(world.event)",
                json: ["amount": "5.00", "payment_status_id": 300, "duration": 5, "attendees": []],
                bearer: world.ben.token)
            #expect(money.status == 422, "\(money.json)")
            #expect(
                Set(money["errors"]?.objectValue?.keys ?? []) == [
                    "amount", "payment_status_id", "duration", "attendees",
                ],
                "\(money.json)")
            // What needs the event: a status the state machine does not reach from 100, a zone that does not exist.
            let steps = try await client.call(
                .patch, "/api/events/\(world.event)", json: ["status_id": 555, "timezone": "Mars/Olympus"],
                bearer: world.ben.token)
            #expect(
                steps.status == 422 && Set(steps["errors"]?.objectValue?.keys ?? []) == ["status_id", "timezone"],
                "\(steps.json)")
            // Eve sees the public event but neither attends nor has write level 2 on it; nobody signed out proposes.
            #expect(
                try await client.call(
                    .patch, "/api/events/\(world.event)", json: ["label": "Mine"], bearer: world.eve.token
                ).status == 403)
            #expect(try await client.call(.patch, "/api/events/\(world.event)", json: ["label": "Mine"]).status == 401)
            #expect(
                try await client.call(.patch, "/api/events/999999999", json: ["label": "x"], bearer: world.ben.token)
                    .status == 404)
            let count = try await server.pool.query(
                "SELECT count(*)::int AS n FROM event_corrections WHERE event_id = \(Int(world.event))")
            #expect(try count[0].decode(Int.self, "n") == 2, "refused proposals stored nothing")
        }
    }

    @Test func twoLastVotesAtOnceApplyTheCorrectionExactlyOnce() async throws {
        let server = try await TestServer.eventCorrections.value
        try await server.application.test(.live) { client in
            for _ in 0..<3 {
                let world = try await Self.world(server, client)
                let proposed = try await client.call(
                    .patch, "/api/events/\(world.event)", json: ["duration": 90], bearer: world.ben.token)
                let ids = Self.ids(proposed)
                try #require(ids.count == 1, "\(proposed.json)")
                _ = try await Self.vote(client, world.event, ids, true, by: world.olga)
                let body: JSONValue = ["vote": true, "ids": .array(ids.map { .number(JSONNumber($0)) })]
                let answers = try await client.callInParallel([
                    ParallelRequest(.post, "/api/events/\(world.event)/vote", json: body, bearer: world.cleo.token),
                    ParallelRequest(.post, "/api/events/\(world.event)/vote", json: body, bearer: world.dan.token),
                ])
                #expect(answers.map(\.status) == [200, 200], "\(answers.map(\.json))")
                let rows = try await server.pool.query(
                    """
                    SELECT (SELECT count(*)::int FROM event_history WHERE correction_id = \(Int(ids[0])) AND action = 'applied') AS applied,
                           (SELECT status_id::int FROM event_corrections WHERE id = \(Int(ids[0]))) AS status,
                           (SELECT duration FROM events WHERE id = \(Int(world.event))) AS duration
                    """)
                #expect(try rows[0].decode(Int.self, "applied") == 1, "applied exactly once")
                #expect(try rows[0].decode(Int.self, "status") == 200 && rows[0].decode(Int.self, "duration") == 90)
            }
        }
    }

    @Test func aCorrectionWhoseOldValueIsStaleIsRejectedWhenItWouldApply() async throws {
        let server = try await TestServer.eventCorrections.value
        try await server.application.test(.live) { client in
            let world = try await Self.world(server, client)
            let bens = try await client.call(
                .patch, "/api/events/\(world.event)", json: ["label": "Ben's name"], bearer: world.ben.token)
            let cleos = try await client.call(
                .patch, "/api/events/\(world.event)", json: ["label": "Cleo's name"], bearer: world.cleo.token)
            let ben = try #require(Self.ids(bens).first)
            let cleo = try #require(Self.ids(cleos).last)
            for voter in [world.olga, world.ben, world.dan] {
                _ = try await Self.vote(client, world.event, [cleo], true, by: voter)
            }
            var last = JSONResponse?.none
            for voter in [world.olga, world.cleo, world.dan] {
                last = try await Self.vote(client, world.event, [ben], true, by: voter)
            }
            let detail = try #require(last)
            let statuses = Dictionary(
                uniqueKeysWithValues: (detail["corrections"]?.arrayValue ?? []).map {
                    ($0["id"]?.int64Value, $0["status_id"])
                })
            #expect(statuses == [cleo: 200, ben: 400], "Ben's was proposed on \"Planning\": \(detail.json)")
            #expect(detail["event"]?["label"] == "Cleo's name")
            #expect(Self.actions(detail).last == "rejected")
        }
    }

    @Test func withoutVotersChangesApplyAtOnceAlongTheStateMachineAndMoneyNeverMoves() async throws {
        let server = try await TestServer.eventCorrections.value
        try await server.application.test(.live) { client in
            let world = try await Self.world(server, client)
            let created = try await client.call(
                .post, "/api/schedules/\(world.schedule)/events",
                json: ["label": "Focus time", "date": "2027-03-25T09:00:00Z", "duration": 120], bearer: world.olga.token
            )
            let own = try #require(created["id"]?.int64Value)
            #expect(created["status_id"] == 200)
            let moved = try await client.call(
                .patch, "/api/events/\(own)", json: ["timezone": "Europe/London", "label": "Deep work"],
                bearer: world.olga.token)
            #expect(moved.status == 200, "\(moved.json)")
            #expect(moved["corrections"]?.arrayValue?.allSatisfy { $0["status_id"] == 200 } == true, "\(moved.json)")
            #expect(moved["event"]?["label"] == "Deep work" && moved["event"]?["timezone"] == "Europe/London")
            #expect(
                moved["event"]?["start"] == "09:00" && moved["event"]?["date"] == "2027-03-25T09:00:00Z",
                "the same instant, London's clock")
            let completed = try await client.call(
                .patch, "/api/events/\(own)", json: ["status_id": 555], bearer: world.olga.token)
            #expect(completed["event"]?["status_id"] == 555, "\(completed.json)")
            #expect(Self.actions(completed).suffix(3) == ["proposed", "applied", "status"])
            let final = try await client.call(
                .patch, "/api/events/\(own)", json: ["label": "Again"], bearer: world.olga.token)
            #expect(final.status == 422 && final["errors"]?["event"] != nil, "a completed event is final")

            // A transaction is money: no correction touches it.
            let deposit = try await client.call(
                .post, "/api/schedules/\(world.schedule)/deposits",
                json: ["date": "2027-03-22T10:00:00Z", "amount": 5],
                bearer: world.olga.token)
            let money = try #require(deposit["id"]?.int64Value, "\(deposit.json)")
            let refused = try await client.call(
                .patch, "/api/events/\(money)", json: ["label": "Gift"], bearer: world.olga.token)
            #expect(refused.status == 422 && refused["errors"]?["event"] != nil, "\(refused.json)")
            let rows = try await server.pool.query(
                "SELECT label, money_text(amount) AS amount, payment_status_id::int AS paid FROM events WHERE id = \(Int(money))"
            )
            #expect(
                try rows[0].decode(String.self, "label") != "Gift" && rows[0].decode(String.self, "amount") == "5.00")
            #expect(try rows[0].decode(Int.self, "paid") == 300)
        }
    }

    @Test func onlyVotersWithAVerifiedEmailVoteAndAnswersAreHistoryToo() async throws {
        let server = try await TestServer.eventCorrections.value
        try await server.application.test(.live) { client in
            let world = try await Self.world(server, client)
            let proposed = try await client.call(
                .patch, "/api/events/\(world.event)", json: ["label": "Kick-off"], bearer: world.ben.token)
            let ids = Self.ids(proposed)
            // As if Dan's account had been made for him by a booking or addContact and he had never signed in.
            try await server.pool.query("UPDATE users SET email_verified_at = NULL WHERE id = \(world.dan.id)")
            let refused = try await Self.vote(client, world.event, ids, true, by: world.dan)
            #expect(
                refused.status == 403 && refused["message"]?.stringValue?.contains("verified") == true,
                "\(refused.json)")
            let votes = try await server.pool.query(
                "SELECT count(*)::int AS n FROM event_correction_votes WHERE user_id = \(world.dan.id)")
            #expect(try votes[0].decode(Int.self, "n") == 0)

            for attendee in [world.ben, world.cleo] {
                #expect(
                    try await client.call(.post, "/api/events/\(world.event)/confirm", bearer: attendee.token).status
                        == 200)
            }
            let declined = try await client.call(.post, "/api/events/\(world.event)/decline", bearer: world.dan.token)
            #expect(declined.status == 200)
            let detail = try await client.call(.get, "/api/events/\(world.event)", bearer: world.olga.token)
            let answers = (detail["history"]?.arrayValue ?? []).filter { $0["action"] == "answered" }
            #expect(
                answers.map { $0["user_id"]?.int64Value } == [world.ben, world.cleo, world.dan].map { Int64($0.id) })
            #expect(answers.map { $0["new_value"] } == ["200", "200", "400"], "\(detail.json)")
        }
    }

    @Test func contractMembersReadAndCorrectAContractsEventsByTheirLevels() async throws {
        let server = try await TestServer.eventCorrections.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let cleo = try await server.signIn(client, name: "Cleo")
            let eve = try await server.signIn(client, name: "Eve")
            let contract = try await ContractOverHTTPTests.create(client, by: anna)
            try await ContractOverHTTPTests.add(client, ben, role: 3, read: 2, write: 2, to: contract, by: anna)
            try await ContractOverHTTPTests.add(client, cleo, role: 3, read: 1, write: 1, to: contract, by: anna)
            let task = try await ContractEventsOverHTTPTests.event(
                client, ["label": "Draft the brief", "type_id": 2], in: contract, by: anna)

            let bens = try await client.call(.get, "/api/events/\(task)", bearer: ben.token)
            #expect(
                bens.status == 200 && bens["pivot"] == .null, "read 2 shows every event but transactions: \(bens.json)")
            let kal = try await ContractEventsOverHTTPTests.kal(of: contract, on: server)
            #expect(bens["kals"]?.arrayValue?.map { $0["id"]?.int64Value } == [Int64(kal)], "the contract's kal")
            // Read 1 shows a member only their own events; Eve is no member.
            #expect(try await client.call(.get, "/api/events/\(task)", bearer: cleo.token).status == 404)
            #expect(try await client.call(.get, "/api/events/\(task)", bearer: eve.token).status == 404)

            // Ben's write level 2 lets him propose; Anna, its creator, is the one voter.
            let proposed = try await client.call(
                .patch, "/api/events/\(task)", json: ["label": "Draft the brief (v2)"], bearer: ben.token)
            #expect(proposed.status == 200, "\(proposed.json)")
            let applied = try await Self.vote(client, Int64(task), Self.ids(proposed), true, by: anna)
            #expect(applied["event"]?["label"] == "Draft the brief (v2)", "\(applied.json)")
            // Ben is no voter: he neither created nor attends it.
            let again = try await client.call(.patch, "/api/events/\(task)", json: ["label": "Mine"], bearer: ben.token)
            #expect(try await Self.vote(client, Int64(task), Self.ids(again).suffix(1), true, by: ben).status == 403)
        }
    }

    @Test func someoneWhoDoesNotSeeAnEventChangesNothingThroughAnyOperation() async throws {
        let server = try await TestServer.eventCorrections.value
        try await server.application.test(.live) { client in
            let world = try await Self.world(server, client)
            let proposed = try await client.call(
                .patch, "/api/events/\(world.event)", json: ["private": true], bearer: world.ben.token)
            for voter in [world.olga, world.cleo, world.dan] {
                _ = try await Self.vote(client, world.event, Self.ids(proposed), true, by: voter)
            }
            let pending = try await client.call(
                .patch, "/api/events/\(world.event)", json: ["label": "Renamed"], bearer: world.ben.token)
            let ids = Self.ids(pending).suffix(1).map { $0 }  // the pending one (the first is applied)
            func state() async throws -> String {
                let rows = try await server.pool.query(
                    """
                    SELECT jsonb_build_object(
                        'event', (SELECT to_jsonb(e) FROM events e WHERE e.id = \(Int(world.event))),
                        'attendees', (SELECT jsonb_agg(to_jsonb(eu) ORDER BY eu.user_id) FROM event_users eu
                                      WHERE eu.event_id = \(Int(world.event))),
                        'corrections', (SELECT jsonb_agg(to_jsonb(c) ORDER BY c.id) FROM event_corrections c
                                        WHERE c.event_id = \(Int(world.event))),
                        'votes', (SELECT jsonb_agg(to_jsonb(v) ORDER BY v.correction_id, v.user_id)
                                  FROM event_correction_votes v JOIN event_corrections c ON c.id = v.correction_id
                                  WHERE c.event_id = \(Int(world.event))),
                        'history', (SELECT count(*) FROM event_history WHERE event_id = \(Int(world.event))))::text AS state
                    """)
                return try rows[0].decode(String.self, "state")
            }
            let before = try await state()
            // Eve: the event is private now, so every operation on it is a 404, as for an id that does not exist.
            let eve = world.eve.token
            let answers = [
                try await client.call(.get, "/api/events/\(world.event)", bearer: eve).status,
                try await client.call(.patch, "/api/events/\(world.event)", json: ["label": "Eve's"], bearer: eve)
                    .status,
                try await Self.vote(client, world.event, ids, false, by: world.eve).status,
                try await client.call(.post, "/api/events/\(world.event)/confirm", bearer: eve).status,
                try await client.call(.post, "/api/events/\(world.event)/decline", bearer: eve).status,
                try await client.call(.delete, "/api/events/\(world.event)", bearer: eve).status,
            ]
            #expect(answers == [404, 404, 404, 404, 404, 404], "\(answers)")
            #expect(try await state() == before, "nothing changed")

            // Deleting the event takes its pending corrections with it.
            #expect(
                try await client.call(.delete, "/api/events/\(world.event)", bearer: world.olga.token).status == 200)
            let rows = try await server.pool.query(
                "SELECT status_id::int AS status FROM event_corrections WHERE id = \(Int(ids[0]))")
            #expect(try rows[0].decode(Int.self, "status") == 400)
            #expect(try await Self.vote(client, world.event, ids, true, by: world.cleo).status == 404)
        }
    }
}
