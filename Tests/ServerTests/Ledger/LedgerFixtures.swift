import CekiTestSupport
import Foundation
import Generated
import Handlers
import HTTPTypes
import HummingbirdTesting
import Testing

extension TestServer {
    /// The ledger suites' server and database (`ceki_test_ledger`).
    static let ledger = Task { try await TestServer(suite: "ledger") }
}

/// A contract with money on it: Anna owns it (read and write 5, her own hand at `ownerHand`), Ben is a member
/// (role 3: read and write 2) with an accepted hand `benHand` at 40 EUR an hour, and Eve is outside.
struct LedgerWorld {
    let anna: SignedInUser
    let ben: SignedInUser
    let eve: SignedInUser
    let contract: Int
    let kal: Int
    let ownerHand: Int
    let benHand: Int

    /// Makes the world. Hands get their rate and limit in the database (`addContractHand` is another helper's),
    /// as that operation will store them.
    static func make(
        _ client: some TestClientProtocol, on server: TestServer, benLimit: Int? = nil, ownerPrice: Int? = 60
    ) async throws -> LedgerWorld {
        let anna = try await server.signIn(client)
        let ben = try await server.signIn(client, name: "Ben")
        let eve = try await server.signIn(client, name: "Eve")
        let contract = try await ContractOverHTTPTests.create(client, by: anna)
        try await ContractOverHTTPTests.add(client, ben, role: 3, to: contract, by: anna)
        let ownerHand = try await ContractHandsOverHTTPTests.ownersHand(client, of: contract, owner: anna)
        try await server.pool.query("UPDATE contract_hands SET price = \(ownerPrice) WHERE id = \(ownerHand)")
        let rows = try await server.pool.query(
            """
            INSERT INTO contract_hands (contract_id, user_id, currency, price, "limit", status_id)
            SELECT id, \(ben.id), currency, 40, \(benLimit), 200 FROM contracts WHERE id = \(contract)
            RETURNING id, (SELECT kal_id FROM contracts WHERE id = \(contract)) AS kal
            """)
        return LedgerWorld(
            anna: anna, ben: ben, eve: eve, contract: contract, kal: try rows[0].decode(Int.self, "kal"),
            ownerHand: ownerHand, benHand: try rows[0].decode(Int.self, "id"))
    }

    var charges: String { "/api/contracts/\(contract)/charges" }
    var deposits: String { "/api/contracts/\(contract)/deposits" }
    var bills: String { "/api/contracts/\(contract)/bills" }
    func transactions(_ action: String) -> String { "/api/contracts/\(contract)/transactions/\(action)" }

    /// A charge of `minutes` for `hand` recorded by Anna (confirmed, unpaid), and its id.
    func charge(
        _ client: some TestClientProtocol, hand: Int? = nil, minutes: Int = 60, date: String = "2026-04-07T09:00:00Z"
    ) async throws -> Int {
        let created = try await client.call(
            .post, charges,
            json: ["date": .string(date), "duration": number(minutes), "benefitable_id": number(hand ?? benHand)],
            bearer: anna.token)
        guard created.status == 201, let id = created["id"]?.int64Value else {
            throw SetupFailure(description: "createContractCharge answered \(created.status): \(created.json)")
        }
        return Int(id)
    }

    /// The ids as the `transactions` body of approve, pay and delete.
    static func ids(_ ids: [Int]) -> JSONValue { ["transactions": .array(ids.map(number))] }
}

/// The ledger's invariants, each one SQL query over the database (docs/domain.md "The ledger as built").
enum LedgerInvariants {
    /// The contract's balance the API shows (`ContractDetail.totals.balance`) is the sum of its live transactions,
    /// deposits in and charges out; and each hand's, summed over its transactions, adds up to it with the
    /// contract-wide deposits.
    static func balanceIsTheSumOfTransactions(
        _ client: some TestClientProtocol, _ world: LedgerWorld, on server: TestServer
    ) async throws -> Bool {
        let detail = try await client.call(.get, "/api/contracts/\(world.contract)", bearer: world.anna.token)
        let shown = try #require(detail["totals"]?["balance"]?.stringValue)
        let rows = try await server.pool.query(
            """
            SELECT money_text(coalesce(sum(CASE WHEN credit THEN amount ELSE -amount END), 0)) AS balance,
                   coalesce(sum(CASE WHEN credit THEN amount ELSE -amount END), 0)
                     = coalesce((SELECT sum(per_hand) FROM (
                           SELECT sum(CASE WHEN credit THEN amount ELSE -amount END) AS per_hand FROM events
                           WHERE kal_id = \(world.kal) AND type_id = 4 AND deleted_at IS NULL
                           GROUP BY benefitable_type, benefitable_id) p), 0) AS adds_up
            FROM events WHERE kal_id = \(world.kal) AND type_id = 4 AND deleted_at IS NULL
            """)
        return try rows[0].decode(String.self, "balance") == shown && rows[0].decode(Bool.self, "adds_up")
    }

    /// Every paid bill's deposits (those recorded by paying it) add up to its total, and its lines too; an unpaid
    /// bill has recorded none.
    static func billDepositsEqualBillTotals(_ world: LedgerWorld, on server: TestServer) async throws -> Bool {
        let rows = try await server.pool.query(
            """
            SELECT coalesce(bool_and(
                     CASE WHEN b.status_id = 300
                          THEN b.total = coalesce(d.total, -1) AND b.total = coalesce(l.total, -1)
                          ELSE d.total IS NULL END), true) AS ok
            FROM bills b
            LEFT JOIN LATERAL (SELECT sum(amount) AS total FROM events
                               WHERE type_id = 4 AND credit AND deleted_at IS NULL
                                 AND (data->>'bill')::bigint = b.id) d ON true
            LEFT JOIN LATERAL (SELECT sum(amount) AS total FROM events
                               WHERE type_id = 4 AND NOT credit AND bill_id = b.id AND payment_status_id = 300) l ON true
            WHERE b.contract_id = \(world.contract)
            """)
        return try rows[0].decode(Bool.self, "ok")
    }

    /// No charge is on two bills (by construction one `bill_id`), and every billed charge is on a live bill of its
    /// own contract.
    static func chargesOnLiveBillsOnly(_ world: LedgerWorld, on server: TestServer) async throws -> Bool {
        let rows = try await server.pool.query(
            """
            SELECT NOT EXISTS (
                SELECT 1 FROM events e LEFT JOIN bills b ON b.id = e.bill_id
                WHERE e.kal_id = \(world.kal) AND e.bill_id IS NOT NULL
                  AND (b.deleted_at IS NOT NULL OR b.contract_id <> \(world.contract) OR e.credit)
            ) AS ok
            """)
        return try rows[0].decode(Bool.self, "ok")
    }
}
