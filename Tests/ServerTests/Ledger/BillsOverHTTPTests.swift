import CekiTestSupport
import Foundation
import Generated
import Handlers
import HTTPTypes
import HummingbirdTesting
import Testing

/// Bills end to end (docs/domain.md "Bill status", "The ledger as built"): made from charges, each charge on one
/// bill at most even when two bills claim it at once; renamed, deleted while unpaid, paid once however many
/// payments race, with one deposit per beneficiary.
@Suite("Bills over HTTP")
struct BillsOverHTTPTests {
    /// A bill of `charges` made by Anna, and its id.
    static func bill(_ client: some TestClientProtocol, _ w: LedgerWorld, _ charges: [Int], label: String = "April")
        async throws -> Int
    {
        let made = try await client.call(
            .post, w.bills, json: ["label": .string(label), "data": LedgerWorld.ids(charges)], bearer: w.anna.token)
        guard made.status == 201, let id = made["id"]?.int64Value else {
            throw SetupFailure(description: "createContractBill answered \(made.status): \(made.json)")
        }
        return Int(id)
    }

    @Test func underPrivateAmountsOnlyTheOwnerReadsTheBills() async throws {
        let server = try await TestServer.ledger.value
        try await server.application.test(.live) { client in
            let w = try await LedgerWorld.make(client, on: server)
            let rosa = try await server.signIn(client, name: "Rosa Reader")
            try await ContractOverHTTPTests.add(client, rosa, role: 3, read: 4, write: 0, to: w.contract, by: w.anna)
            _ = try await Self.bill(client, w, [try await w.charge(client)])
            #expect(try await client.call(.get, w.bills, bearer: rosa.token)["total"] == 1, "privacy 0: read level 4 reads")
            for privacy in [1, 2] {
                // No operation changes a contract's privacy (docs/domain.md "Contracts as built").
                try await server.pool.query("UPDATE contracts SET privacy = \(privacy) WHERE id = \(w.contract)")
                let refused = try await client.call(.get, w.bills, bearer: rosa.token)
                #expect(refused.status == 403, "privacy \(privacy): \(refused.json)")
                #expect(try await client.call(.get, w.bills, bearer: w.anna.token)["total"] == 1, "the owner still reads")
            }
        }
    }

    @Test func aBillInvoicesChargesFreezesThemAndIsDeletedWhileUnpaid() async throws {
        let server = try await TestServer.ledger.value
        try await server.application.test(.live) { client in
            let w = try await LedgerWorld.make(client, on: server)
            let other = try await LedgerWorld.make(client, on: server)
            let a = try await w.charge(client, minutes: 90)
            let b = try await w.charge(client, hand: w.ownerHand, minutes: 30)
            let foreign = try await other.charge(client)
            let deposit = try #require(
                try await client.call(.post, w.deposits, json: ["date": "2026-04-10T00:00:00Z", "amount": 10], bearer: w.anna.token)["id"]?.int64Value)

            let made = try await client.call(
                .post, w.bills, json: ["label": "April 2026", "data": LedgerWorld.ids([a, b])], bearer: w.anna.token)
            #expect(made.status == 201, "\(made.json)")
            #expect(made["total"] == "90.00" && made["currency"] == "EUR" && made["status_id"] == 100, "60 + 30")
            #expect(made["billable_type"] == "Contract" && made["billable_id"]?.int64Value == Int64(w.contract))
            #expect(made["data"]?.arrayValue?.map { $0["transaction_id"]?.int64Value } == [Int64(a), Int64(b)])
            #expect(made["data"]?[0]?["amount"] == "60.00" && made["data"]?[0]?["duration"] == 90)
            let bill = try #require(made["id"]?.int64Value)

            let refused = try await client.call(
                .post, w.bills, json: ["label": "Again", "data": LedgerWorld.ids([a, foreign, Int(deposit), 999_999_999])],
                bearer: w.anna.token)
            #expect(refused.status == 422, "\(refused.json)")
            for index in 0...3 { #expect(refused["errors"]?["data.transactions.\(index)"] != nil, "data.transactions.\(index)") }
            #expect(try await client.call(.post, w.bills, json: ["label": "X", "data": LedgerWorld.ids([a])], bearer: w.ben.token).status == 403)
            #expect(try await client.call(.post, w.bills, json: ["label": "X", "data": LedgerWorld.ids([a])], bearer: w.eve.token).status == 404)
            #expect(try await client.call(.post, w.bills, json: ["label": "X", "data": LedgerWorld.ids([a])]).status == 401)
            let schema = try await client.call(.post, w.bills, json: ["label": "", "data": ["transactions": []]], bearer: w.anna.token)
            #expect(schema.status == 422 && schema["errors"]?["label"] != nil && schema["errors"]?["data.transactions"] != nil)

            // Frozen on the bill.
            let approve = try await client.call(.post, w.transactions("approve"), json: LedgerWorld.ids([a]), bearer: w.anna.token)
            #expect(approve.status == 422 && approve["errors"]?["transactions.0"] != nil)
            let edit = try await client.call(.patch, "/api/hands/\(w.benHand)/charges/\(a)", json: ["duration": 15], bearer: w.anna.token)
            #expect(edit.status == 422 && edit["errors"]?["event"] != nil)
            #expect(try await client.call(.post, w.transactions("delete"), json: LedgerWorld.ids([a]), bearer: w.anna.token).status == 422)

            let renamed = try await client.call(.put, "\(w.bills)/\(bill)", json: ["label": "April (corrected)"], bearer: w.anna.token)
            #expect(renamed.status == 200 && renamed["label"] == "April (corrected)")
            #expect(try await client.call(.put, "\(other.bills)/\(bill)", json: ["label": "X"], bearer: other.anna.token).status == 404, "another contract's bill")
            #expect(try await client.call(.put, "\(w.bills)/\(bill)", json: ["label": "X"], bearer: w.ben.token).status == 403)

            let listed = try await client.call(.get, w.bills, bearer: w.anna.token)
            #expect(listed.status == 200 && listed["total"] == 1 && listed["data"]?[0]?["id"]?.int64Value == bill)
            #expect(try await client.call(.get, w.bills, bearer: w.ben.token).status == 403, "bills need read level 4")
            #expect(try await client.call(.get, w.bills, bearer: w.eve.token).status == 404)
            #expect(try await client.call(.get, "\(w.bills)?sortBy=price", bearer: w.anna.token).status == 422)

            let deleted = try await client.call(.delete, "\(w.bills)/\(bill)", bearer: w.anna.token)
            #expect(deleted.status == 200 && deleted["message"] == "Bill deleted")
            let freed = try await server.pool.query("SELECT count(*) AS n FROM events WHERE bill_id = \(Int(bill))")
            #expect(try freed[0].decode(Int.self, "n") == 0, "its charges are free again")
            #expect(try await client.call(.delete, "\(w.bills)/\(bill)", bearer: w.anna.token).status == 404)
            #expect(try await client.call(.get, w.bills, bearer: w.anna.token)["total"] == 0)
            let again = try await Self.bill(client, w, [a, b])
            _ = try await client.call(.post, "\(w.bills)/\(again)/pay", bearer: w.anna.token)
            let paidDelete = try await client.call(.delete, "\(w.bills)/\(again)", bearer: w.anna.token)
            #expect(paidDelete.status == 422 && paidDelete["errors"]?["bill"] != nil)
            #expect(try await LedgerInvariants.chargesOnLiveBillsOnly(w, on: server))
        }
    }

    @Test func payingABillPaysItsChargesAndDepositsPerBeneficiary() async throws {
        let server = try await TestServer.ledger.value
        try await server.application.test(.live) { client in
            let w = try await LedgerWorld.make(client, on: server)
            let charges = [
                try await w.charge(client, minutes: 60), try await w.charge(client, minutes: 30),
                try await w.charge(client, hand: w.ownerHand, minutes: 15),
            ]
            let bill = try await Self.bill(client, w, charges)
            let uri = "\(w.bills)/\(bill)/pay"
            #expect(try await client.call(.post, uri, bearer: w.ben.token).status == 403)
            #expect(try await client.call(.post, uri, bearer: w.eve.token).status == 404)
            #expect(try await client.call(.post, uri).status == 401)
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "bill-\(UUID().uuidString)"]
            let paid = try await client.call(.post, uri, bearer: w.anna.token, headers: key)
            #expect(paid.status == 200 && paid["status_id"] == 300 && paid["total"] == "75.00", "\(paid.json)")
            let retried = try await client.call(.post, uri, bearer: w.anna.token, headers: key)
            #expect(retried.status == 200 && retried["status_id"] == 300, "the same key answers the payment again")
            let twice = try await client.call(.post, uri, bearer: w.anna.token)
            #expect(twice.status == 422 && twice["errors"]?["bill"] != nil)
            let deposits = try await server.pool.query(
                """
                SELECT benefitable_id, money_text(amount) AS amount, payment_status_id FROM events
                WHERE kal_id = \(w.kal) AND type_id = 4 AND credit ORDER BY benefitable_id
                """)
            let byHand = Dictionary(
                uniqueKeysWithValues: try deposits.map { (try $0.decode(Int.self, "benefitable_id"), try $0.decode(String.self, "amount")) })
            #expect(byHand == [w.benHand: "60.00", w.ownerHand: "15.00"], "one deposit per beneficiary")
            let charged = try await server.pool.query(
                "SELECT bool_and(payment_status_id = 300) AS paid FROM events WHERE id = ANY(\(charges))")
            #expect(try charged[0].decode(Bool.self, "paid"))
            #expect(try await LedgerInvariants.billDepositsEqualBillTotals(w, on: server))
            #expect(try await LedgerInvariants.balanceIsTheSumOfTransactions(client, w, on: server))
            #expect(try await client.call(.post, "\(w.bills)/999999999/pay", bearer: w.anna.token).status == 404)
        }
    }

    @Test func twentyPaymentsOfOneBillAtOncePayItOnce() async throws {
        let server = try await TestServer.ledger.value
        try await server.application.test(.live) { client in
            let w = try await LedgerWorld.make(client, on: server)
            let charges = [try await w.charge(client, minutes: 45), try await w.charge(client, hand: w.ownerHand, minutes: 20)]
            let bill = try await Self.bill(client, w, charges)
            let answers = try await client.callInParallel(
                (0..<20).map { _ in ParallelRequest(.post, "\(w.bills)/\(bill)/pay", bearer: w.anna.token) })
            #expect(answers.filter { $0.status == 200 }.count == 1, "\(answers.map(\.status))")
            #expect(answers.filter { $0.status == 422 }.count == 19)
            let deposits = try await server.pool.query(
                "SELECT count(*) AS n FROM events WHERE kal_id = \(w.kal) AND type_id = 4 AND credit")
            #expect(try deposits[0].decode(Int.self, "n") == 2, "one deposit per beneficiary, once")
            #expect(try await LedgerInvariants.billDepositsEqualBillTotals(w, on: server))
            #expect(try await LedgerInvariants.balanceIsTheSumOfTransactions(client, w, on: server))
        }
    }

    @Test func twoBillsClaimingTheSameChargesAtOnceLeaveEachOnOne() async throws {
        let server = try await TestServer.ledger.value
        try await server.application.test(.live) { client in
            let w = try await LedgerWorld.make(client, on: server)
            for _ in 0..<5 {
                let charges = [try await w.charge(client), try await w.charge(client), try await w.charge(client)]
                let answers = try await client.callInParallel([
                    ParallelRequest(.post, w.bills, json: ["label": "One", "data": LedgerWorld.ids(charges)], bearer: w.anna.token),
                    ParallelRequest(
                        .post, w.bills, json: ["label": "Two", "data": LedgerWorld.ids(Array(charges.reversed()))],
                        bearer: w.anna.token),
                ])
                #expect(answers.map(\.status).sorted() == [201, 422], "\(answers.map(\.json))")
                let winner = try #require(answers.first { $0.status == 201 }?["id"]?.int64Value)
                let billed = try await server.pool.query(
                    "SELECT bool_and(bill_id = \(Int(winner))) AS ok FROM events WHERE id = ANY(\(charges))")
                #expect(try billed[0].decode(Bool.self, "ok"), "every charge on the winning bill")
                let bills = try await server.pool.query(
                    "SELECT count(*) AS n FROM bills WHERE contract_id = \(w.contract) AND deleted_at IS NULL")
                #expect(try bills[0].decode(Int.self, "n") >= 1)
            }
            #expect(try await LedgerInvariants.chargesOnLiveBillsOnly(w, on: server))
            let totals = try await server.pool.query(
                """
                SELECT bool_and(b.total = (SELECT coalesce(sum(amount), 0) FROM events WHERE bill_id = b.id)) AS ok
                FROM bills b WHERE b.contract_id = \(w.contract)
                """)
            #expect(try totals[0].decode(Bool.self, "ok"), "each bill's total is its own lines'")
        }
    }
}
