import CekiTestSupport
import Foundation
import Generated
import Handlers
import HTTPTypes
import HummingbirdTesting
import ChainKeys
import CekiServer
import Hummingbird
import Testing

extension TestServer {
    /// The agent API's server and database (`ceki_test_agents`).
    static let agents = Task { try await TestServer(suite: "agents") }
}

/// The agent API's money end to end: derived deposit addresses, deposits by the signed webhook (replays credit
/// once, activation at $20), billed calls charged exactly once under races, the 402 with x402 requirements,
/// the free allowance of profile views.
@Suite("Agent wallets and billing over HTTP")
struct AgentWalletOverHTTPTests {
    /// Reports a deposit to the webhook as a chain watcher does, signed with the test secret.
    static func deposit(
        _ client: some TestClientProtocol, address: String, currency: String, amount: String, tx: String,
        confirmations: Int = 12, secret: String = TestServer.webhookSecret, timestamp: Date = Date()
    ) async throws -> JSONResponse {
        let body: JSONValue = [
            "address": .string(address), "currency": .string(currency), "amount": .string(amount), "tx_hash": .string(tx),
            "confirmations": .number(JSONNumber(confirmations)),
        ]
        let text = body.jsonText
        let stamp = String(Int(timestamp.timeIntervalSince1970))
        let signature = Secrets.hex(Secrets.hmacSHA256(key: Array(secret.utf8), message: Array("\(stamp).\(text)".utf8)))
        return try await client.execute(
            uri: "/webhooks/deposits", method: .post,
            headers: [
                .contentType: "application/json", HTTPField.Name("X-Ceki-Timestamp")!: stamp,
                HTTPField.Name("X-Ceki-Signature")!: "sha256=\(signature)",
            ],
            body: ByteBuffer(string: text), testCallback: JSONResponse.init)
    }

    /// A registered agent with a verified email and, when `funded`, a confirmed USDT deposit of that amount.
    static func agent(_ server: TestServer, _ client: some TestClientProtocol, funded: String? = nil) async throws
        -> (agent: RegisteredTestAgent, address: String)
    {
        let agent = try await server.registerAgent(client)
        let code = try await server.code(sentTo: agent.email)
        let verified = try await client.call(
            .post, "/api/agent/verify-email", json: ["email": .string(agent.email), "code": .string(code)])
        #expect(verified.status == 200)
        let wallet = try await client.call(.get, "/api/agent/wallet", bearer: agent.key)
        let address = try #require(wallet["wallets"]?[0]?["deposit_address"]?.stringValue)
        if let funded {
            let credited = try await deposit(client, address: address, currency: "USDT", amount: funded, tx: "t\(UUID().uuidString.prefix(8))")
            #expect(credited.status == 200, "\(credited.json)")
        }
        return (agent, address)
    }

    @Test func registrationAndCurrencyChoiceGiveDerivedAddressesOncePerCurrency() async throws {
        let server = try await TestServer.agents.value
        try await server.application.test(.live) { client in
            let (agent, address) = try await Self.agent(server, client)
            // EIP-55 addresses of the test key's receiving chain (which index depends on the suite's other tests).
            let ethereum = try await server.pool.query(
                "SELECT derivation_index FROM wallets WHERE agent_id = \(agent.id)")[0].decode(Int.self, "derivation_index")
            #expect(ethereum >= 0)
            #expect(address.wholeMatch(of: /0x[0-9a-fA-F]{40}/) != nil && address != address.lowercased())

            // Twenty parallel choices of BTC: one wallet, one address, the same for all.
            let answers = try await client.callInParallel(
                (0..<20).map { _ in ParallelRequest(.post, "/api/agent/wallet/currency", json: ["currency": "BTC"], bearer: agent.key) })
            #expect(answers.allSatisfy { $0.status == 200 }, "\(answers.map(\.status))")
            let addresses = Set(answers.compactMap { $0["deposit_address"]?.stringValue })
            #expect(addresses.count == 1)
            let btc = try #require(addresses.first)
            #expect(btc.hasPrefix("bc1q"))
            let wallets = try await client.call(.get, "/api/agent/wallet", bearer: agent.key)
            #expect(wallets["wallets"]?.arrayValue?.count == 2 && wallets["total"] == "0")
            #expect(answers[0]["min_deposit"] == "0.00001" && answers[0]["wallet"]?["balance"] == "0")

            // The address is the key's child at the stored index: derive it again from the test key.
            let index = try await server.pool.query(
                "SELECT derivation_index FROM wallets WHERE agent_id = \(agent.id) AND currency = 'BTC'"
            )[0].decode(Int.self, "derivation_index")
            #expect(try TestDepositKeys.keyring.address(for: .bitcoin, index: UInt32(index)) == btc)
        }
    }

    @Test func parallelRegistrationsTakeDistinctIndexesFromZeroWithTheirDerivedAddresses() async throws {
        // A database of its own, so that the key's first wallet is this test's.
        let server = try await TestServer(suite: "agents_indexes")
        try await server.application.test(.live) { client in
            let first = try await server.registerAgent(client)
            let firstAddress = try await server.pool.query(
                "SELECT derivation_index, deposit_address FROM wallets WHERE agent_id = \(first.id)")[0]
            #expect(try firstAddress.decode(Int.self, "derivation_index") == 0)
            #expect(try firstAddress.decode(String.self, "deposit_address") == TestDepositKeys.ethereumAddresses[0])

            let answers = try await client.callInParallel(
                (0..<20).map { n in
                    ParallelRequest(
                        .post, "/api/agent/register",
                        json: ["name": .string("Parallel \(n)"), "email": .string(TestServer.uniqueEmail("parallel"))])
                })
            #expect(answers.allSatisfy { $0.status == 201 }, "\(answers.map(\.status))")
            let rows = try await server.pool.query("SELECT derivation_index, deposit_address FROM wallets")
            let indexes = try rows.map { try $0.decode(Int.self, "derivation_index") }
            #expect(Set(indexes).count == 21 && indexes.allSatisfy { $0 >= 0 })
            for row in rows {
                let index = UInt32(try row.decode(Int.self, "derivation_index"))
                #expect(try TestDepositKeys.keyring.address(for: .ethereum, index: index) == row.decode(String.self, "deposit_address"))
            }
        }
    }

    @Test func aChainWithoutAKeyIsA503AndNoWallet() async throws {
        let server = try await TestServer(
            suite: "agents_no_btc",
            wallets: WalletSettings(keyring: try DepositKeyringFixture.ethereumOnly()))
        try await server.application.test(.live) { client in
            let agent = try await server.registerAgent(client)
            let chosen = try await client.call(.post, "/api/agent/wallet/currency", json: ["currency": "BTC"], bearer: agent.key)
            #expect(chosen.status == 503)
            #expect(chosen["message"]?.stringValue?.contains("Deposits in BTC are not configured") == true)
            let refused = try await client.call(
                .post, "/api/agent/register",
                json: ["name": "Bit", "email": .string(TestServer.uniqueEmail("agent")), "currency": "BTC"])
            #expect(refused.status == 503)
            let count = try await server.pool.query(
                "SELECT count(*) AS n FROM wallets WHERE currency = 'BTC'")[0].decode(Int.self, "n")
            #expect(count == 0)
        }
    }

    @Test func depositsAreCreditedOnceAndActivateTheAgent() async throws {
        let server = try await TestServer.agents.value
        try await server.application.test(.live) { client in
            let (agent, address) = try await Self.agent(server, client)
            // Below the required confirmations: pending, not credited, still pending_deposit.
            let pending = try await Self.deposit(client, address: address, currency: "USDT", amount: "15.5", tx: "aa01", confirmations: 3)
            #expect(pending["transaction"]?["status"] == "pending" && pending["agent_status"] == "pending_deposit")
            // Confirmed now; then a replay changes nothing.
            let confirmed = try await Self.deposit(client, address: address, currency: "USDT", amount: "15.5", tx: "aa01")
            #expect(confirmed["transaction"]?["status"] == "confirmed" && confirmed["credited"] == true)
            for _ in 0..<3 {
                let replay = try await Self.deposit(client, address: address, currency: "USDT", amount: "15.5", tx: "aa01")
                #expect(replay.status == 200 && replay["credited"] == false)
            }
            let other = try await Self.deposit(client, address: address, currency: "USDT", amount: "16", tx: "aa01")
            #expect(other.status == 409)
            var wallet = try await client.call(.get, "/api/agent/wallet", bearer: agent.key)
            #expect(wallet["wallets"]?[0]?["balance"] == "15.5")
            #expect(try await client.call(.get, "/api/agent/profile", bearer: agent.key)["agent"]?["status"] == "pending_deposit")
            // A second deposit brings the total past $20: active.
            let second = try await Self.deposit(client, address: address, currency: "USDT", amount: "4.50025", tx: "aa02")
            #expect(second["agent_status"] == "active")
            wallet = try await client.call(.get, "/api/agent/wallet", bearer: agent.key)
            #expect(wallet["wallets"]?[0]?["balance"] == "20.00025" && wallet["total"] == "20.00025")
            let history = try await client.call(.get, "/api/agent/wallet/transactions", bearer: agent.key)
            #expect(history["total"] == 2 && history["data"]?[0]?["tx_hash"] == "aa02")
        }
    }

    @Test func aBadSignatureOrAStaleTimestampIs401AndCreditsNothing() async throws {
        let server = try await TestServer.agents.value
        try await server.application.test(.live) { client in
            let (_, address) = try await Self.agent(server, client)
            let forged = try await Self.deposit(client, address: address, currency: "USDT", amount: "100", tx: "bb01", secret: "guess")
            #expect(forged.status == 401)
            let stale = try await Self.deposit(
                client, address: address, currency: "USDT", amount: "100", tx: "bb02", timestamp: Date().addingTimeInterval(-600))
            #expect(stale.status == 401)
            let unknown = try await Self.deposit(client, address: "0x0000000000000000000000000000000000000001", currency: "USDT", amount: "1", tx: "bb03")
            #expect(unknown.status == 404)
            let rows = try await server.pool.query(
                "SELECT count(*) AS n FROM wallet_transactions WHERE tx_hash IN ('bb01', 'bb02', 'bb03')")
            #expect(try rows[0].decode(Int.self, "n") == 0)
        }
    }

    @Test func aPendingAgentsBilledCallIs402WithX402RequirementsAndCostsNothing() async throws {
        let server = try await TestServer.agents.value
        try await server.application.test(.live) { client in
            let (agent, address) = try await Self.agent(server, client)
            let refused = try await client.call(.post, "/api/agent/search/specialists", json: [:], bearer: agent.key)
            #expect(refused.status == 402)
            #expect(refused["currency"] == "USDT" && refused["price"] == "20" && refused["deposit_address"]?.stringValue == address)
            let accepts = try #require(refused["accepts"]?.arrayValue)
            #expect(accepts.count == 1)
            #expect(accepts[0]["network"] == "eip155:1" && accepts[0]["amount"] == "20000000")
            #expect(accepts[0]["asset"] == "0xdAC17F958D2ee523a2206206994597C13D831ec7" && accepts[0]["payTo"]?.stringValue == address)
            let header = try #require(refused.headers[HTTPField.Name("PAYMENT-REQUIRED")!])
            let decoded = try JSONParser().parse(String(decoding: Data(base64Encoded: header) ?? Data(), as: UTF8.self))
            #expect(decoded["x402Version"] == 2 && decoded["accepts"]?[0]?["payTo"]?.stringValue == address)
            let usage = try await client.call(.get, "/api/agent/wallet/usage", bearer: agent.key)
            #expect(usage["usage"]?.arrayValue?.allSatisfy { $0["count"] == 0 } == true)
        }
    }

    @Test func parallelBilledCallsSpendTheBalanceExactlyOnce() async throws {
        let server = try await TestServer.agents.value
        try await server.application.test(.live) { client in
            // $20.50 activates the agent and stays on the wallet: twelve parallel searches at $0.10 each.
            let (agent, _) = try await Self.agent(server, client, funded: "20.5")
            let searches = try await client.callInParallel(
                (0..<12).map { _ in ParallelRequest(.post, "/api/agent/search/specialists", json: [:], bearer: agent.key) })
            let statuses = searches.map(\.status)
            let balance = try await client.call(.get, "/api/agent/wallet", bearer: agent.key)["wallets"]?[0]?["balance"]
            #expect(balance == "19.3", "\(statuses)")
            #expect(searches.allSatisfy { $0.status == 200 })

            // Leave exactly five searches' worth, then race ten: five succeed, five get 402, never below zero.
            try await server.pool.query(
                """
                INSERT INTO wallet_transactions (wallet_id, agent_id, type, status, amount, currency, usd_value, usage_type, description)
                SELECT id, agent_id, 'charge', 'confirmed', 18.8, 'USDT', 18.8, 'api_search', 'test: spend down'
                FROM wallets WHERE agent_id = \(agent.id)
                """)
            let raced = try await client.callInParallel(
                (0..<10).map { _ in ParallelRequest(.post, "/api/agent/search/specialists", json: [:], bearer: agent.key) })
            #expect(raced.filter { $0.status == 200 }.count == 5, "\(raced.map(\.status))")
            #expect(raced.filter { $0.status == 402 }.count == 5)
            let after = try await client.call(.get, "/api/agent/wallet", bearer: agent.key)
            #expect(after["wallets"]?[0]?["balance"] == "0")
            let usage = try await client.call(.get, "/api/agent/wallet/usage", bearer: agent.key)
            #expect(usage["usage"]?[0]?["type"] == "api_search" && usage["usage"]?[0]?["count"] == 17)
            #expect(usage["usage"]?[0]?["cost"] == "1.7")
        }
    }

    @Test func aRetriedBilledCallWithTheSameKeyIsChargedOnce() async throws {
        let server = try await TestServer.agents.value
        try await server.application.test(.live) { client in
            let (agent, _) = try await Self.agent(server, client, funded: "21")
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "retry-\(UUID().uuidString)"]
            for _ in 0..<3 {
                let answer = try await client.call(
                    .post, "/api/agent/search/specialists", json: ["query": "nobody"], bearer: agent.key, headers: key)
                #expect(answer.status == 200)
            }
            let balance = try await client.call(.get, "/api/agent/wallet", bearer: agent.key)["wallets"]?[0]?["balance"]
            #expect(balance == "20.9")
        }
    }

    @Test func anUnverifiedAgentIs403AndNotCharged() async throws {
        let server = try await TestServer.agents.value
        try await server.application.test(.live) { client in
            let agent = try await server.registerAgent(client)
            let refused = try await client.call(.post, "/api/agent/search/specialists", json: [:], bearer: agent.key)
            #expect(refused.status == 403)
            let view = try await client.call(.get, "/api/agent/user/1", bearer: agent.key)
            #expect(view.status == 403)
        }
    }

    @Test func theFirstHundredViewsOfAMonthAreFreeAndThe101stIsCharged() async throws {
        let server = try await TestServer.agents.value
        try await server.application.test(.live) { client in
            let (agent, _) = try await Self.agent(server, client, funded: "20")
            let anna = try await server.signIn(client, name: "Anna Viewed")
            let made = try await client.call(
                .post, "/api/schedules",
                json: ["label": "Open", "private": false, "settings": ["days": ["1": [["start": "09:00", "end": "12:00"]]]]],
                bearer: anna.token)
            #expect(made.status == 201)
            // 99 views of last month's allowance and 100 of this month's, written as the billing writes them.
            try await server.pool.query(
                """
                INSERT INTO agent_usage (agent_id, usage_type, free, price_usd, created_at)
                SELECT \(agent.id)::bigint, 'api_user_view', true, 0, date_trunc('month', now()) - interval '1 day'
                FROM generate_series(1, 99)
                UNION ALL
                SELECT \(agent.id)::bigint, 'api_user_view', true, 0, now() FROM generate_series(1, 99)
                """)
            let hundredth = try await client.call(.get, "/api/agent/user/\(anna.id)", bearer: agent.key)
            #expect(hundredth.status == 200 && hundredth["user"]?["active_schedules_count"] == 1)
            #expect(hundredth["user"]?["email"] == nil && hundredth["user"]?["phone"] == nil)
            var balance = try await client.call(.get, "/api/agent/wallet", bearer: agent.key)["wallets"]?[0]?["balance"]
            #expect(balance == "20")
            let hundredFirst = try await client.call(.get, "/api/agent/user/\(anna.id)", bearer: agent.key)
            #expect(hundredFirst.status == 200)
            balance = try await client.call(.get, "/api/agent/wallet", bearer: agent.key)["wallets"]?[0]?["balance"]
            #expect(balance == "19.95")
            let usage = try await client.call(.get, "/api/agent/wallet/usage", bearer: agent.key)
            #expect(usage["usage"]?[1]?["count"] == 101 && usage["usage"]?[1]?["free"] == 100 && usage["usage"]?[1]?["billed"] == 1)
            // A person without a public schedule is a 404 and costs nothing.
            let nobody = try await server.signIn(client, name: "No Schedule")
            let missing = try await client.call(.get, "/api/agent/user/\(nobody.id)", bearer: agent.key)
            #expect(missing.status == 404)
            balance = try await client.call(.get, "/api/agent/wallet", bearer: agent.key)["wallets"]?[0]?["balance"]
            #expect(balance == "19.95")
        }
    }
}

/// Keyrings tests configure besides the standard one.
enum DepositKeyringFixture {
    static func ethereumOnly() throws -> DepositKeyring {
        try DepositKeyring(bitcoin: nil, ethereum: TestDepositKeys.ethereumAccount)
    }
}
