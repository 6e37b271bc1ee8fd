import CekiTestSupport
import Foundation
import Handlers
import HummingbirdTesting
import Testing

extension TestServer {
    /// The operators' deposit command's server and database (`ceki_test_agent_cli`).
    static let agentCommand = Task { try await TestServer(suite: "agent_cli") }
}

/// `ceki wallet deposit --wallet ID --amount A --tx HASH [--confirmations N]`, the operator's way to credit a
/// wallet, run as the executable over the suite's database: a deposit credits once, a replay credits nothing,
/// and a bad amount, an unknown wallet or another amount for the same hash fail with a message and a non-zero
/// exit.
@Suite("ceki wallet deposit")
struct WalletDepositCommandTests {
    /// The suite database's URL: the test cluster's, naming `ceki_test_agent_cli`.
    static func databaseURL() throws -> String {
        var components = try #require(URLComponents(string: try TestEnvironment.databaseURL()))
        components.path = "/ceki_test_agent_cli"
        return try #require(components.string)
    }

    /// Runs `ceki wallet deposit` with `arguments`; its exit status and what it printed.
    static func deposit(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try #require(
            FileManager.default.isExecutableFile(atPath: CekiExecutableTests.executable.path),
            "\(CekiExecutableTests.executable.path) is missing: build with swift build --build-tests")
        let (process, pipe) = CekiExecutableTests.process(
            ["wallet", "deposit"] + arguments, databaseURL: try databaseURL())
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    static func wallet(_ server: TestServer, of agent: RegisteredTestAgent) async throws -> Int {
        try await server.pool.query("SELECT id FROM wallets WHERE agent_id = \(agent.id)")[0].decode(Int.self, "id")
    }

    @Test func aDepositIsCreditedOnceAndActivatesTheAgent() async throws {
        let server = try await TestServer.agentCommand.value
        try await server.application.test(.live) { client in
            let agent = try await server.registerAgent(client)
            let wallet = try await Self.wallet(server, of: agent)
            let tx = "cli\(UUID().uuidString.prefix(8))"
            let first = try Self.deposit(["--wallet", "\(wallet)", "--amount", "25.5", "--tx", tx])
            #expect(first.status == 0, "\(first.output)")
            #expect(first.output.contains("recorded; agent is active"), "\(first.output)")
            #expect(
                first.output.contains("\"status\":\"confirmed\"") || first.output.contains("\"status\": \"confirmed\""),
                "\(first.output)")
            #expect(try await AgentFixtures.balance(client, agent) == "25.5")
            #expect(
                try await client.call(.get, "/api/agent/profile", bearer: agent.key)["agent"]?["status"] == "active")

            let replay = try Self.deposit(["--wallet", "\(wallet)", "--amount", "25.5", "--tx", tx])
            #expect(replay.status == 0, "\(replay.output)")
            #expect(replay.output.contains("already recorded; nothing changed"), "\(replay.output)")
            #expect(try await AgentFixtures.balance(client, agent) == "25.5")
            let rows = try await server.pool.query(
                "SELECT count(*) AS n FROM wallet_transactions WHERE wallet_id = \(wallet) AND type = 'deposit'")
            #expect(try rows[0].decode(Int.self, "n") == 1)

            // Another amount for the same transaction is refused and changes nothing.
            let other = try Self.deposit(["--wallet", "\(wallet)", "--amount", "30", "--tx", tx])
            #expect(other.status != 0)
            #expect(other.output.contains("already reported for this wallet with another amount"), "\(other.output)")
            #expect(try await AgentFixtures.balance(client, agent) == "25.5")
        }
    }

    @Test func tooFewConfirmationsKeepItPendingUntilALaterReportConfirmsIt() async throws {
        let server = try await TestServer.agentCommand.value
        try await server.application.test(.live) { client in
            let agent = try await server.registerAgent(client)
            let wallet = try await Self.wallet(server, of: agent)
            let tx = "cli\(UUID().uuidString.prefix(8))"
            let pending = try Self.deposit([
                "--wallet", "\(wallet)", "--amount", "20", "--tx", tx, "--confirmations", "3",
            ])
            #expect(pending.status == 0 && pending.output.contains("agent is pending_deposit"), "\(pending.output)")
            #expect(try await AgentFixtures.balance(client, agent) == "0")
            let confirmed = try Self.deposit([
                "--wallet", "\(wallet)", "--amount", "20", "--tx", tx, "--confirmations", "12",
            ])
            #expect(
                confirmed.status == 0 && confirmed.output.contains("recorded; agent is active"), "\(confirmed.output)")
            #expect(try await AgentFixtures.balance(client, agent) == "20")
        }
    }

    @Test func aBadAmountOrAnUnknownWalletFailsWithAMessageAndCreditsNothing() async throws {
        let server = try await TestServer.agentCommand.value
        try await server.application.test(.live) { client in
            let agent = try await server.registerAgent(client)
            let wallet = try await Self.wallet(server, of: agent)
            for amount in ["abc", "1e3", "5,5"] {
                let bad = try Self.deposit(["--wallet", "\(wallet)", "--amount", amount, "--tx", "clibad1"])
                #expect(bad.status != 0, "\(amount): \(bad.output)")
                #expect(bad.output.contains("The amount must be a decimal number"), "\(amount): \(bad.output)")
            }
            let badHash = try Self.deposit(["--wallet", "\(wallet)", "--amount", "5", "--tx", "not a hash!"])
            #expect(badHash.status != 0 && badHash.output.contains("transaction hash"), "\(badHash.output)")
            let unknown = try Self.deposit(["--wallet", "987654321", "--amount", "5", "--tx", "clibad2"])
            #expect(unknown.status != 0, "\(unknown.output)")
            #expect(unknown.output.contains("No wallet with this id exists"), "\(unknown.output)")
            let missing = try Self.deposit(["--wallet", "\(wallet)", "--amount", "5"])
            #expect(missing.status != 0 && missing.output.contains("--tx"), "\(missing.output)")
            #expect(try await AgentFixtures.balance(client, agent) == "0")
            let rows = try await server.pool.query(
                "SELECT count(*) AS n FROM wallet_transactions WHERE wallet_id = \(wallet)")
            #expect(try rows[0].decode(Int.self, "n") == 0)
        }
    }

    @Test func anImportRecordsEachLineOnceReportsTheRefusedOnesAndDrawsNoProgressOffATerminal() async throws {
        let server = try await TestServer.agentCommand.value
        try await server.application.test(.live) { client in
            let first = try await server.registerAgent(client)
            let second = try await server.registerAgent(client)
            let (a, b) = (try await Self.wallet(server, of: first), try await Self.wallet(server, of: second))
            let tag = UUID().uuidString.prefix(8)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("deposits-\(tag).csv")
            try """
                wallet,amount,tx,confirmations
                \(a),25,imp\(tag)a
                \(b),5.5,imp\(tag)b,12

                \(a),abc,imp\(tag)c
                not a line
                """.write(to: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: file) }
            func runImport() throws -> (status: Int32, output: String) {
                let (process, pipe) = CekiExecutableTests.process(
                    ["wallet", "import", file.path], databaseURL: try Self.databaseURL())
                try process.run()
                let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                return (process.terminationStatus, output)
            }
            let imported = try runImport()
            #expect(imported.status == 1, "\(imported.output)")
            #expect(imported.output.contains("2 recorded, 0 already recorded, 2 refused"), "\(imported.output)")
            #expect(imported.output.contains("line 5:") && imported.output.contains("line 6:"), "\(imported.output)")
            #expect(!imported.output.contains("\r") && !imported.output.contains("importing deposits"))
            #expect(try await AgentFixtures.balance(client, first) == "25")
            #expect(try await AgentFixtures.balance(client, second) == "5.5")
            let again = try runImport()
            #expect(again.output.contains("0 recorded, 2 already recorded, 2 refused"), "\(again.output)")
            #expect(try await AgentFixtures.balance(client, first) == "25")
        }
    }
}
