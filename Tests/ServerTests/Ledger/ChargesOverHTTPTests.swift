import CekiTestSupport
import Foundation
import Generated
import Handlers
import HTTPTypes
import HummingbirdTesting
import Testing

/// Charges end to end (docs/domain.md "The ledger as built"): on a contract, on its event, on a hand; priced in
/// SQL numeric; a claim or confirmed by who records it; within the hand's weekly limit, also when charges race.
@Suite("Charges over HTTP")
struct ChargesOverHTTPTests {
    @Test func aHandClaimsItsOwnTimeAndAnAdministratorConfirmsAnyones() async throws {
        let server = try await TestServer.ledger.value
        try await server.application.test(.live) { client in
            let w = try await LedgerWorld.make(client, on: server)
            let own = try await client.call(
                .post, w.charges, json: ["date": "2026-04-07T09:00:00Z", "duration": 20, "label": "Layout"],
                bearer: w.ben.token)
            #expect(own.status == 201, "\(own.json)")
            #expect(own["amount"] == "13.33", "20 / 60 × 40, rounded to cents")
            #expect(own["status_id"] == 100 && own["payment_status_id"] == 100 && own["credit"] == false)
            #expect(own["benefitable_type"] == "ContractHand" && own["benefitable_id"]?.int64Value == Int64(w.benHand))
            #expect(own["billable_type"] == "Contract" && own["billable_id"]?.int64Value == Int64(w.contract))
            #expect(own["currency"] == "EUR" && own["kal_id"]?.int64Value == Int64(w.kal) && own["duration"] == 20)
            #expect(own["user_id"]?.int64Value == Int64(w.ben.id) && own["label"] == "Layout" && own["bill_id"] == .null)

            let confirmed = try await client.call(
                .post, w.charges,
                json: ["date": "2026-04-07T09:00:00Z", "duration": 90, "benefitable_id": number(w.benHand)],
                bearer: w.anna.token)
            #expect(confirmed.status == 201 && confirmed["status_id"] == 200 && confirmed["amount"] == "60.00")
            #expect(confirmed["label"] == "Work", "the default label")

            let notHis = try await client.call(
                .post, w.charges,
                json: ["date": "2026-04-07T09:00:00Z", "duration": 30, "benefitable_id": number(w.ownerHand)],
                bearer: w.ben.token)
            #expect(notHis.status == 403, "\(notHis.json)")
            let outsider = try await client.call(
                .post, w.charges, json: ["date": "2026-04-07T09:00:00Z", "duration": 30], bearer: w.eve.token)
            #expect(outsider.status == 404)
            #expect(try await client.call(.post, w.charges, json: ["date": "2026-04-07T09:00:00Z", "duration": 30]).status == 401)
            let schema = try await client.call(
                .post, w.charges, json: ["date": "yesterday", "duration": 5], bearer: w.anna.token)
            #expect(schema.status == 422 && schema["errors"]?["date"] != nil && schema["errors"]?["duration"] != nil)
            let unknownHand = try await client.call(
                .post, w.charges,
                json: ["date": "2026-04-07T09:00:00Z", "duration": 30, "benefitable_id": 999_999_999, "files": [999_999_999]],
                bearer: w.anna.token)
            #expect(unknownHand.status == 422 && unknownHand["errors"]?["benefitable_id"] != nil, "\(unknownHand.json)")
            #expect(unknownHand["errors"]?["files.0"] != nil, "every field in one answer")

            try await server.pool.query("UPDATE contract_hands SET price = NULL WHERE id = \(w.ownerHand)")
            let noRate = try await client.call(
                .post, w.charges, json: ["date": "2026-04-07T09:00:00Z", "duration": 30], bearer: w.anna.token)
            #expect(noRate.status == 422 && noRate["errors"]?["benefitable_id"] != nil, "a hand without a rate: \(noRate.json)")

            _ = try await client.call(.delete, "/api/contracts/\(w.contract)", bearer: w.anna.token)
            let archived = try await client.call(
                .post, w.charges, json: ["date": "2026-04-07T09:00:00Z", "duration": 30], bearer: w.ben.token)
            #expect(archived.status == 404)
        }
    }

    @Test func theWeeklyLimitCountsTheWeekInTheHandsZone() async throws {
        let server = try await TestServer.ledger.value
        try await server.application.test(.live) { client in
            let w = try await LedgerWorld.make(client, on: server, benLimit: 120)
            func charge(_ date: String, _ minutes: Int) async throws -> JSONResponse {
                try await client.call(
                    .post, w.charges, json: ["date": .string(date), "duration": number(minutes)], bearer: w.ben.token)
            }
            // Monday 6 April 2026 starts at 2026-04-05T22:00Z in Berlin (summer time).
            #expect(try await charge("2026-04-05T21:30:00Z", 100).status == 201, "Sunday evening, the week before")
            #expect(try await charge("2026-04-05T22:30:00Z", 90).status == 201, "Monday 00:30 in Berlin")
            let over = try await charge("2026-04-10T12:00:00Z", 60)
            #expect(over.status == 422, "\(over.json)")
            #expect(over["errors"]?["duration"]?[0]?.stringValue?.contains("30 are left") == true, "\(over.json)")
            #expect(try await charge("2026-04-10T12:00:00Z", 30).status == 201, "exactly what is left")
            #expect(try await charge("2026-04-12T21:59:00Z", 15).status == 422, "Sunday 23:59 in Berlin: the same week")
            #expect(try await charge("2026-04-12T22:00:00Z", 120).status == 201, "the next Monday: a new week")
        }
    }

    @Test func parallelChargesNeverPassTheWeeklyLimit() async throws {
        let server = try await TestServer.ledger.value
        try await server.application.test(.live) { client in
            let w = try await LedgerWorld.make(client, on: server, benLimit: 120)
            let answers = try await client.callInParallel(
                (0..<10).map { _ in
                    ParallelRequest(
                        .post, w.charges, json: ["date": "2026-04-08T10:00:00Z", "duration": 30], bearer: w.ben.token)
                })
            #expect(answers.filter { $0.status == 201 }.count == 4, "\(answers.map(\.status))")
            #expect(answers.filter { $0.status == 422 }.count == 6)
            let charged = try await server.pool.query(
                """
                SELECT coalesce(sum(duration), 0)::bigint AS minutes FROM events
                WHERE type_id = 4 AND NOT credit AND deleted_at IS NULL
                  AND benefitable_type = 'ContractHand' AND benefitable_id = \(w.benHand)
                """)
            #expect(try charged[0].decode(Int.self, "minutes") == 120)
            #expect(try await LedgerInvariants.balanceIsTheSumOfTransactions(client, w, on: server))
        }
    }

    @Test func timeTrackingCapsAChargeAtTheMinutesLeft() async throws {
        let server = try await TestServer.ledger.value
        try await server.application.test(.live) { client in
            let w = try await LedgerWorld.make(client, on: server, benLimit: 100)
            let date = ISO8601DateFormatter().date(from: "2026-04-08T10:00:00Z")!
            func record(_ minutes: Int) async throws -> Types.Transaction {
                try await server.pool.transaction { tx in
                    try await HandCharges.record(
                        minutes: minutes, for: w.benHand, date: date, label: "Tracked", description: nil, parent: nil,
                        recordedBy: w.ben.id, status: 100, overLimit: .cap, in: tx)
                }
            }
            let first = try await record(70)
            #expect(first.duration == 70 && first.amount == "46.67")
            let capped = try await record(50)
            #expect(capped.duration == 30 && capped.amount == "20.00", "only the 30 minutes left")
            let nothing = try await record(20)
            #expect(nothing.duration == 0 && nothing.amount == "0.00")
            let data = try await server.pool.query(
                "SELECT data->>'tracked' AS tracked FROM events WHERE id = \(nothing.id)")
            #expect(try data[0].decode(String?.self, "tracked") == "20")
            await #expect(throws: Problem.self) {
                try await server.pool.transaction { tx in
                    try await HandCharges.record(
                        minutes: 20, for: w.benHand, date: date, label: nil, description: nil, parent: nil,
                        recordedBy: w.ben.id, status: 100, overLimit: .reject, in: tx)
                }
            }
        }
    }

    @Test func aChargeOnAnEventOfTheContractIsAttachedToIt() async throws {
        let server = try await TestServer.ledger.value
        try await server.application.test(.live) { client in
            let w = try await LedgerWorld.make(client, on: server)
            let task = try await server.pool.query(
                """
                INSERT INTO events (user_id, type_id, kal_id, label) VALUES (\(w.anna.id), 2, \(w.kal), 'Landing page')
                RETURNING id
                """)[0].decode(Int.self, "id")
            let elsewhere = try await server.pool.query(
                """
                INSERT INTO events (user_id, type_id, kal_id, label)
                SELECT \(w.anna.id), 2, id, 'Private task' FROM kals WHERE owner_type = 'User' AND user_id = \(w.anna.id) LIMIT 1
                RETURNING id
                """)[0].decode(Int.self, "id")
            let body: JSONValue = ["date": "2026-04-08T00:00:00Z", "duration": 45, "label": "Review fixes"]
            let charged = try await client.call(.post, "/api/events/\(task)/charges", json: body, bearer: w.ben.token)
            #expect(charged.status == 201 && charged["parent_id"]?.int64Value == Int64(task), "\(charged.json)")
            #expect(charged["amount"] == "30.00" && charged["benefitable_id"]?.int64Value == Int64(w.benHand))
            let outside = try await client.call(.post, "/api/events/\(elsewhere)/charges", json: body, bearer: w.anna.token)
            #expect(outside.status == 422 && outside["errors"]?["event"] != nil)
            let onCharge = try await client.call(
                .post, "/api/events/\(try #require(charged["id"]?.int64Value))/charges", json: body, bearer: w.anna.token)
            #expect(onCharge.status == 422 && onCharge["errors"]?["event"] != nil)
            #expect(try await client.call(.post, "/api/events/\(task)/charges", json: body, bearer: w.eve.token).status == 404)
            #expect(try await client.call(.post, "/api/events/999999999/charges", json: body, bearer: w.anna.token).status == 404)
            #expect(try await client.call(.post, "/api/events/\(task)/charges", json: body).status == 401)
        }
    }

    @Test func aHandsChargesAreRecordedAndChangedThroughTheHand() async throws {
        let server = try await TestServer.ledger.value
        try await server.application.test(.live) { client in
            let w = try await LedgerWorld.make(client, on: server)
            let uri = "/api/hands/\(w.benHand)/charges"
            let created = try await client.call(
                .post, uri, json: ["date": "2026-04-09T00:00:00Z", "duration": 240, "label": "API"], bearer: w.ben.token)
            #expect(created.status == 201 && created["amount"] == "160.00" && created["status_id"] == 100, "\(created.json)")
            let id = try #require(created["id"]?.int64Value)
            let changed = try await client.call(
                .patch, "\(uri)/\(id)", json: ["duration": 210, "description": "without lunch"], bearer: w.ben.token)
            #expect(changed.status == 200 && changed["amount"] == "140.00" && changed["label"] == "API", "\(changed.json)")
            #expect(changed["description"] == "without lunch" && changed["duration"] == 210)
            #expect(
                try await client.call(.post, "/api/hands/\(w.ownerHand)/charges", json: ["date": "2026-04-09T00:00:00Z", "duration": 30], bearer: w.ben.token).status
                    == 403)
            #expect(try await client.call(.post, uri, json: ["date": "2026-04-09T00:00:00Z", "duration": 30], bearer: w.eve.token).status == 404)
            #expect(try await client.call(.patch, "/api/hands/\(w.ownerHand)/charges/\(id)", json: ["duration": 30], bearer: w.anna.token).status == 404, "a charge of another hand")
            #expect(try await client.call(.patch, "\(uri)/\(id)", json: [:], bearer: w.ben.token).status == 422, "at least one field")
            #expect(try await client.call(.post, uri, json: ["date": "2026-04-09T00:00:00Z", "duration": 30]).status == 401)

            // Approved, it is no longer Ben's to change; Anna's change sends it back for approval.
            let approved = try await client.call(.post, w.transactions("approve"), json: LedgerWorld.ids([Int(id)]), bearer: w.anna.token)
            #expect(approved.status == 200, "\(approved.json)")
            #expect(try await client.call(.patch, "\(uri)/\(id)", json: ["duration": 60], bearer: w.ben.token).status == 403)
            let put = try await client.call(
                .put, "\(w.charges)/\(id)",
                json: ["date": "2026-04-09T00:00:00Z", "time": 120, "label": "API integration", "hand_id": number(w.benHand)],
                bearer: w.anna.token)
            #expect(put.status == 200 && put["payment_status_id"] == 100 && put["amount"] == "80.00", "\(put.json)")
            let moved = try await client.call(
                .put, "\(w.charges)/\(id)",
                json: ["date": "2026-04-09T00:00:00Z", "time": 120, "label": "API integration", "hand_id": number(w.ownerHand)],
                bearer: w.anna.token)
            #expect(moved.status == 200 && moved["amount"] == "120.00" && moved["benefitable_id"]?.int64Value == Int64(w.ownerHand))
            let badHand = try await client.call(
                .put, "\(w.charges)/\(id)",
                json: ["date": "2026-04-09T00:00:00Z", "time": 120, "label": "X", "hand_id": 999_999_999], bearer: w.anna.token)
            #expect(badHand.status == 422 && badHand["errors"]?["hand_id"] != nil)
            _ = try await client.call(.post, w.transactions("approve"), json: LedgerWorld.ids([Int(id)]), bearer: w.anna.token)
            _ = try await client.call(.post, w.transactions("pay"), json: LedgerWorld.ids([Int(id)]), bearer: w.anna.token)
            let paid = try await client.call(
                .put, "\(w.charges)/\(id)",
                json: ["date": "2026-04-09T00:00:00Z", "time": 60, "label": "X", "hand_id": number(w.ownerHand)], bearer: w.anna.token)
            #expect(paid.status == 422 && paid["errors"]?["transaction"] != nil, "paid charges never change")
            #expect(try await client.call(.put, "\(w.charges)/999999999", json: ["date": "2026-04-09T00:00:00Z", "time": 60, "label": "X", "hand_id": number(w.ownerHand)], bearer: w.anna.token).status == 404)
        }
    }
}
