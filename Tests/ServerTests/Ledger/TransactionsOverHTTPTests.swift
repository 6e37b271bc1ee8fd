import CekiTestSupport
import Foundation
import Generated
import Handlers
import HTTPTypes
import HummingbirdTesting
import Testing

/// Deposits, approving, paying and deleting transactions, and a participant's list (docs/domain.md "Payment
/// status", "The ledger as built"), with the all-or-none rule and its race.
@Suite("Transactions over HTTP")
struct TransactionsOverHTTPTests {
    @Test func aHandDepositRetriedInParallelWithOneKeyIsRecordedOnce() async throws {
        let server = try await TestServer.ledger.value
        try await server.application.test(.live) { client in
            let w = try await LedgerWorld.make(client, on: server)
            let uri = "/api/hands/\(w.benHand)/deposits"
            let body: JSONValue = ["date": "2026-04-30T00:00:00Z", "amount": .number(JSONNumber(literal: "1200.25")!), "label": "April payout"]
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "hand-deposit-\(UUID().uuidString)"]
            let answers = try await client.callInParallel(
                (0..<6).map { _ in ParallelRequest(.post, uri, json: body, bearer: w.anna.token, headers: key) })
            let created = answers.filter { $0.status == 201 }
            // Retries that meet the first still running are told so (409); the rest answer the one deposit.
            #expect(created.count >= 1 && answers.allSatisfy { [201, 409].contains($0.status) }, "\(answers.map(\.status))")
            #expect(Set(created.map { $0["id"] }).count == 1 && created[0]["amount"] == "1200.25")
            let count = try await server.pool.query(
                """
                SELECT count(*)::int AS n FROM events
                WHERE type_id = 4 AND credit AND benefitable_type = 'ContractHand' AND benefitable_id = \(w.benHand)
                """)
            #expect(try count[0].decode(Int.self, "n") == 1, "one deposit to the hand")
            let again = try await client.call(.post, uri, json: body, bearer: w.anna.token, headers: key)
            #expect(again.status == 201 && again["id"] == created[0]["id"], "a later retry answers the same deposit")
        }
    }

    @Test func depositsAreExactPaidAndTheAdministratorsAlone() async throws {
        let server = try await TestServer.ledger.value
        try await server.application.test(.live) { client in
            let w = try await LedgerWorld.make(client, on: server)
            let body: JSONValue = [
                "date": "2026-04-10T00:00:00Z", "amount": .number(JSONNumber(literal: "2500.123456789012345678")!),
                "benefitable_id": number(w.benHand), "label": "Advance",
            ]
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "deposit-\(UUID().uuidString)"]
            let created = try await client.call(.post, w.deposits, json: body, bearer: w.anna.token, headers: key)
            #expect(created.status == 201, "\(created.json)")
            #expect(created["amount"] == "2500.123456789012345678" && created["credit"] == true)
            #expect(created["payment_status_id"] == 300 && created["status_id"] == 200 && created["duration"] == .null)
            #expect(created["benefitable_id"]?.int64Value == Int64(w.benHand) && created["currency"] == "EUR")
            let retried = try await client.call(.post, w.deposits, json: body, bearer: w.anna.token, headers: key)
            #expect(retried.status == 201 && retried["id"] == created["id"], "the same key records once")
            let reused = try await client.call(
                .post, w.deposits, json: body.merging(["amount": 3]), bearer: w.anna.token, headers: key)
            #expect(reused.status == 422 && reused["errors"]?["Idempotency-Key"] != nil)
            let count = try await server.pool.query(
                "SELECT count(*) AS n FROM events WHERE kal_id = \(w.kal) AND type_id = 4 AND credit")
            #expect(try count[0].decode(Int.self, "n") == 1)

            let wide = try await client.call(
                .post, w.deposits, json: ["date": "2026-04-10T00:00:00Z", "amount": 100], bearer: w.anna.token)
            #expect(wide.status == 201 && wide["benefitable_id"] == .null && wide["label"] == "Deposit", "\(wide.json)")
            #expect(try await client.call(.post, w.deposits, json: ["date": "2026-04-10T00:00:00Z", "amount": 100], bearer: w.ben.token).status == 403)
            #expect(try await client.call(.post, w.deposits, json: ["date": "2026-04-10T00:00:00Z", "amount": 100], bearer: w.eve.token).status == 404)
            #expect(try await client.call(.post, w.deposits, json: ["date": "2026-04-10T00:00:00Z", "amount": 100]).status == 401)
            let bad = try await client.call(
                .post, w.deposits, json: ["date": "2026-04-10T00:00:00Z", "amount": .number(JSONNumber(literal: "0.5")!), "label": .string(String(repeating: "x", count: 1025))],
                bearer: w.anna.token)
            #expect(bad.status == 422 && bad["errors"]?["amount"] != nil && bad["errors"]?["label"] != nil)
            let otherHand = try await client.call(
                .post, w.deposits, json: ["date": "2026-04-10T00:00:00Z", "amount": 100, "benefitable_id": 999_999_999],
                bearer: w.anna.token)
            #expect(otherHand.status == 422 && otherHand["errors"]?["benefitable_id"] != nil)

            let id = try #require(created["id"]?.int64Value)
            let corrected = try await client.call(
                .put, "\(w.deposits)/\(id)", json: ["date": "2026-04-11T00:00:00Z", "amount": 2600, "label": "Advance (corrected)"],
                bearer: w.anna.token)
            #expect(corrected.status == 200 && corrected["amount"] == "2600.00" && corrected["payment_status_id"] == 300)
            #expect(try await client.call(.put, "\(w.deposits)/\(id)", json: ["date": "2026-04-11T00:00:00Z", "amount": 1], bearer: w.ben.token).status == 403)
            let charge = try await w.charge(client)
            let notDeposit = try await client.call(
                .put, "\(w.deposits)/\(charge)", json: ["date": "2026-04-11T00:00:00Z", "amount": 1], bearer: w.anna.token)
            #expect(notDeposit.status == 422 && notDeposit["errors"]?["transaction"] != nil)

            // Through the hand.
            let hand = try await client.call(
                .post, "/api/hands/\(w.benHand)/deposits", json: ["date": "2026-04-30T00:00:00Z", "amount": 1200, "label": "April payout"],
                bearer: w.anna.token)
            #expect(hand.status == 201 && hand["benefitable_id"]?.int64Value == Int64(w.benHand) && hand["amount"] == "1200.00")
            let handDeposit = try #require(hand["id"]?.int64Value)
            let patched = try await client.call(
                .patch, "/api/hands/\(w.benHand)/deposits/\(handDeposit)", json: ["amount": .number(JSONNumber(literal: "1250.5")!)], bearer: w.anna.token)
            #expect(patched.status == 200 && patched["amount"] == "1250.50" && patched["label"] == "April payout")
            #expect(try await client.call(.patch, "/api/hands/\(w.ownerHand)/deposits/\(handDeposit)", json: ["amount": 1], bearer: w.anna.token).status == 404)
            #expect(try await client.call(.patch, "/api/hands/\(w.benHand)/deposits/\(charge)", json: ["amount": 1], bearer: w.anna.token).status == 404)
            #expect(try await client.call(.post, "/api/hands/\(w.benHand)/deposits", json: ["date": "2026-04-30T00:00:00Z", "amount": 1], bearer: w.ben.token).status == 403)
            #expect(try await client.call(.post, "/api/hands/\(w.benHand)/deposits", json: ["date": "2026-04-30T00:00:00Z", "amount": 1], bearer: w.eve.token).status == 404)
            #expect(try await LedgerInvariants.balanceIsTheSumOfTransactions(client, w, on: server))
        }
    }

    @Test func approvePayAndDeleteMoveAllTheIdsOrNone() async throws {
        let server = try await TestServer.ledger.value
        try await server.application.test(.live) { client in
            let w = try await LedgerWorld.make(client, on: server)
            let other = try await LedgerWorld.make(client, on: server)
            let a = try await w.charge(client)
            let b = try await w.charge(client)
            let foreign = try await other.charge(client)
            let deposit = try #require(
                try await client.call(.post, w.deposits, json: ["date": "2026-04-10T00:00:00Z", "amount": 10], bearer: w.anna.token)["id"]?.int64Value)

            let mixed = try await client.call(
                .post, w.transactions("approve"), json: LedgerWorld.ids([a, foreign, Int(deposit), 999_999_999]),
                bearer: w.anna.token)
            #expect(mixed.status == 422, "\(mixed.json)")
            for index in 1...3 { #expect(mixed["errors"]?["transactions.\(index)"] != nil, "transactions.\(index)") }
            #expect(mixed["errors"]?["transactions.0"] == nil)
            let untouched = try await server.pool.query("SELECT payment_status_id FROM events WHERE id = \(a)")
            #expect(try untouched[0].decode(Int.self, "payment_status_id") == 100, "none moved")

            #expect(try await client.call(.post, w.transactions("approve"), json: LedgerWorld.ids([a]), bearer: w.ben.token).status == 403)
            #expect(try await client.call(.post, w.transactions("approve"), json: LedgerWorld.ids([a]), bearer: w.eve.token).status == 404)
            #expect(try await client.call(.post, w.transactions("approve"), json: LedgerWorld.ids([a])).status == 401)
            #expect(try await client.call(.post, w.transactions("approve"), json: ["transactions": []], bearer: w.anna.token).status == 422)

            let notApproved = try await client.call(.post, w.transactions("pay"), json: LedgerWorld.ids([a]), bearer: w.anna.token)
            #expect(notApproved.status == 422 && notApproved["errors"]?["transactions.0"] != nil)
            let approved = try await client.call(.post, w.transactions("approve"), json: LedgerWorld.ids([a, b]), bearer: w.anna.token)
            #expect(approved.status == 200 && approved.json.arrayValue?.map { $0["payment_status_id"] } == [200, 200])
            let paid = try await client.call(.post, w.transactions("pay"), json: LedgerWorld.ids([a]), bearer: w.anna.token)
            #expect(paid.status == 200 && paid.json.arrayValue?.first?["payment_status_id"] == 300, "\(paid.json)")
            let twice = try await client.call(.post, w.transactions("pay"), json: LedgerWorld.ids([a]), bearer: w.anna.token)
            #expect(twice.status == 422)

            let deletePaid = try await client.call(.post, w.transactions("delete"), json: LedgerWorld.ids([b, a]), bearer: w.anna.token)
            #expect(deletePaid.status == 422 && deletePaid["errors"]?["transactions.1"] != nil && deletePaid["errors"]?["transactions.0"] == nil)
            let deleted = try await client.call(.post, w.transactions("delete"), json: LedgerWorld.ids([b]), bearer: w.anna.token)
            #expect(deleted.status == 200 && deleted["message"] == "1 transaction deleted", "\(deleted.json)")
            #expect(try await client.call(.post, w.transactions("delete"), json: LedgerWorld.ids([b]), bearer: w.anna.token).status == 422, "gone")

            // Ben deletes his own unapproved claim, not Anna's charges.
            let claim = try #require(
                try await client.call(.post, w.charges, json: ["date": "2026-04-07T09:00:00Z", "duration": 30], bearer: w.ben.token)["id"]?.int64Value)
            let annas = try await w.charge(client, hand: w.ownerHand)
            #expect(try await client.call(.post, w.transactions("delete"), json: LedgerWorld.ids([Int(claim), annas]), bearer: w.ben.token).status == 403)
            #expect(try await client.call(.post, w.transactions("delete"), json: LedgerWorld.ids([Int(claim)]), bearer: w.ben.token).status == 200)
            #expect(try await LedgerInvariants.balanceIsTheSumOfTransactions(client, w, on: server))
        }
    }

    @Test func aParticipantsTransactionsAreTheirsAndReadLevelThrees() async throws {
        let server = try await TestServer.ledger.value
        try await server.application.test(.live) { client in
            let w = try await LedgerWorld.make(client, on: server)
            for day in 1...3 { _ = try await w.charge(client, date: "2026-04-0\(day)T09:00:00Z") }
            _ = try await w.charge(client, hand: w.ownerHand)
            let uri = "/api/contracts/\(w.contract)/users/\(w.ben.id)/transactions"
            let own = try await client.call(.get, "\(uri)?perPage=2", bearer: w.ben.token)
            #expect(own.status == 200 && own["total"] == 3 && own["data"]?.arrayValue?.count == 2, "\(own.json)")
            #expect(own["data"]?[0]?["date"]?.stringValue?.hasPrefix("2026-04-03") == true, "newest first")
            let second = try await client.call(.get, "\(uri)?perPage=2&page=2", bearer: w.ben.token)
            #expect(second["data"]?.arrayValue?.count == 1)
            #expect(try await client.call(.get, uri, bearer: w.anna.token)["total"] == 3)
            let annas = try await client.call(.get, "/api/contracts/\(w.contract)/users/\(w.anna.id)/transactions", bearer: w.ben.token)
            #expect(annas.status == 403, "read level 2 sees only one's own")
            #expect(try await client.call(.get, "/api/contracts/\(w.contract)/users/\(w.eve.id)/transactions", bearer: w.anna.token).status == 404)
            #expect(try await client.call(.get, uri, bearer: w.eve.token).status == 404)
            #expect(try await client.call(.get, uri).status == 401)
            #expect(try await client.call(.get, "\(uri)?perPage=0", bearer: w.ben.token).status == 422)
        }
    }

    @Test func approvePayAndDeleteInterleavedOverAHundredTransactions() async throws {
        let server = try await TestServer.ledger.value
        try await server.application.test(.live) { client in
            let w = try await LedgerWorld.make(client, on: server)
            var ids: [Int] = []
            for _ in 0..<100 { ids.append(try await w.charge(client, minutes: 15)) }
            // Half approved first, so that pay has something to race for.
            _ = try await client.call(.post, w.transactions("approve"), json: LedgerWorld.ids(Array(ids[0..<50])), bearer: w.anna.token)
            var requests: [ParallelRequest] = []
            var named: [(action: String, ids: [Int])] = []
            for start in stride(from: 0, to: 100, by: 10) {
                let chunk = Array(ids[start..<start + 10])
                for action in ["approve", "pay", "delete"] {
                    requests.append(ParallelRequest(.post, w.transactions(action), json: LedgerWorld.ids(chunk), bearer: w.anna.token))
                    named.append((action, chunk))
                }
            }
            let answers = try await client.callInParallel(requests)
            #expect(answers.allSatisfy { $0.status == 200 || $0.status == 422 }, "\(answers.map(\.status))")
            let rows = try await server.pool.query(
                """
                SELECT id, payment_status_id, deleted_at IS NOT NULL AS deleted FROM events WHERE id = ANY(\(ids)) ORDER BY id
                """)
            var state: [Int: (payment: Int, deleted: Bool)] = [:]
            for row in rows {
                state[try row.decode(Int.self, "id")] = (try row.decode(Int.self, "payment_status_id"), try row.decode(Bool.self, "deleted"))
            }
            // All or none: each answered request left every id it named in the state it moved it to.
            for (answer, request) in zip(answers, named) where answer.status == 200 {
                for id in request.ids {
                    let s = try #require(state[id])
                    switch request.action {
                    case "pay": #expect(s.payment == 300 && !s.deleted, "paid \(id) stays paid and live")
                    case "delete": #expect(s.deleted && s.payment != 300, "deleted \(id) was never paid")
                    default: #expect(s.payment != 100, "approved \(id) is approved or paid")
                    }
                }
            }
            let invariant = try await server.pool.query(
                """
                SELECT bool_and(NOT (payment_status_id = 300 AND deleted_at IS NOT NULL)
                                AND payment_status_id IN (100, 200, 300)) AS consistent
                FROM events WHERE id = ANY(\(ids))
                """)
            #expect(try invariant[0].decode(Bool.self, "consistent"), "no transaction is both paid and deleted")
            // Paid ones never change again: a second pay or delete of them is refused and they stay as they are.
            let paid = state.filter { $0.value.payment == 300 }.map(\.key).sorted()
            if let first = paid.first {
                let before = try await server.pool.query("SELECT updated_at::text AS at FROM events WHERE id = \(first)")
                #expect(try await client.call(.post, w.transactions("delete"), json: LedgerWorld.ids([first]), bearer: w.anna.token).status == 422)
                let after = try await server.pool.query("SELECT updated_at::text AS at FROM events WHERE id = \(first)")
                #expect(try before[0].decode(String.self, "at") == after[0].decode(String.self, "at"))
            }
            #expect(try await LedgerInvariants.balanceIsTheSumOfTransactions(client, w, on: server))
        }
    }
}
