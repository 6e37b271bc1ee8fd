import CekiTestSupport
import Foundation
import Generated
import Handlers
import HTTPTypes
import HummingbirdTesting
import Testing

/// `updateContractHandRole`, `removeContractHand` and `answerContractHand` end to end. Invitations are made in
/// the database here, a pending hand of a member in the contract's currency, so these tests need no work schedule
/// or mail; `addContractHand` itself is tested in `ContractHandInvitationsOverHTTPTests`.
@Suite("Contract hands over HTTP")
struct ContractHandsOverHTTPTests {
    /// A pending hand (an open invitation) of `user` on `contract`, and its id.
    static func invite(_ user: SignedInUser, to contract: Int, on server: TestServer) async throws -> Int {
        let rows = try await server.pool.query(
            """
            INSERT INTO contract_hands (contract_id, user_id, currency, price, status_id)
            SELECT id, \(user.id), currency, 40, 100 FROM contracts WHERE id = \(contract) RETURNING id
            """)
        return try rows[0].decode(Int.self, "id")
    }

    /// The id of the first hand of `contract` as its owner sees it.
    static func ownersHand(_ client: some TestClientProtocol, of contract: Int, owner: SignedInUser) async throws -> Int
    {
        let detail = try await client.call(.get, "/api/contracts/\(contract)", bearer: owner.token)
        return Int(try #require(detail["hands"]?[0]?["id"]?.int64Value))
    }

    @Test func anAdministratorRetitlesAHandOfThisContractOnly() async throws {
        let server = try await TestServer.contracts.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let eve = try await server.signIn(client, name: "Eve")
            let id = try await ContractOverHTTPTests.create(client, by: anna)
            let other = try await ContractOverHTTPTests.create(client, by: anna, ["label": "Other", "currency": "EUR"])
            try await ContractOverHTTPTests.add(client, ben, role: 3, to: id, by: anna)
            let hand = try await Self.ownersHand(client, of: id, owner: anna)
            let othersHand = try await Self.ownersHand(client, of: other, owner: anna)
            let uri = "/api/contracts/\(id)/hands/\(hand)"

            let titled = try await client.call(.put, uri, json: ["role": "Lead developer"], bearer: anna.token)
            #expect(titled.status == 200, "\(titled.json)")
            #expect(titled["id"]?.int64Value == Int64(hand) && titled["role"] == "Lead developer")
            #expect(titled["contract_id"]?.int64Value == Int64(id) && titled["status_id"] == 200)
            let refused = try await client.call(.put, uri, json: ["role": "Intern"], bearer: ben.token)
            #expect(refused.status == 403 && refused["message"]?.stringValue?.contains("write level 5") == true)
            #expect(try await client.call(.put, uri, json: ["role": "Mine"], bearer: eve.token).status == 404)
            let elsewhere = try await client.call(
                .put, "/api/contracts/\(id)/hands/\(othersHand)", json: ["role": "X"], bearer: anna.token)
            #expect(elsewhere.status == 404, "a hand of another contract")
            let unknown = try await client.call(
                .put, "/api/contracts/\(id)/hands/999999999", json: ["role": "X"], bearer: anna.token)
            #expect(unknown.status == 404)
            let empty = try await client.call(.put, uri, json: ["role": ""], bearer: anna.token)
            #expect(empty.status == 422 && empty["errors"]?["role"] != nil)
            #expect(try await client.call(.put, uri, json: ["role": "X"]).status == 401)
            let detail = try await client.call(.get, "/api/contracts/\(id)", bearer: anna.token)
            #expect(detail["hands"]?[0]?["role"] == "Lead developer")
        }
    }

    @Test func anOpenInvitationIsWithdrawnAndAnAnsweredOneIsNot() async throws {
        let server = try await TestServer.contracts.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let id = try await ContractOverHTTPTests.create(client, by: anna)
            try await ContractOverHTTPTests.add(client, ben, role: 3, to: id, by: anna)
            let pending = try await Self.invite(ben, to: id, on: server)
            let accepted = try await Self.ownersHand(client, of: id, owner: anna)

            let refused = try await client.call(.delete, "/api/contracts/\(id)/hands/\(pending)", bearer: ben.token)
            #expect(refused.status == 403)
            let answered = try await client.call(.delete, "/api/contracts/\(id)/hands/\(accepted)", bearer: anna.token)
            #expect(answered.status == 422 && answered["errors"]?["hand"] != nil)
            let removed = try await client.call(.delete, "/api/contracts/\(id)/hands/\(pending)", bearer: anna.token)
            #expect(removed.status == 200 && removed["message"] == "Hand removed")
            let left = try await server.pool.query("SELECT count(*) AS n FROM contract_hands WHERE id = \(pending)")
            #expect(try left[0].decode(Int.self, "n") == 0)
            let again = try await client.call(.delete, "/api/contracts/\(id)/hands/\(pending)", bearer: anna.token)
            #expect(again.status == 404)
            #expect(try await client.call(.delete, "/api/contracts/\(id)/hands/\(accepted)").status == 401)

            _ = try await client.call(.delete, "/api/contracts/\(id)", bearer: anna.token)
            let archived = try await client.call(.delete, "/api/contracts/\(id)/hands/\(accepted)", bearer: anna.token)
            #expect(archived.status == 404)
        }
    }

    @Test func theInvitedUserAnswersOnceAndTheFirstAcceptanceMakesTheContractActive() async throws {
        let server = try await TestServer.contracts.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let cleo = try await server.signIn(client, name: "Cleo")
            let id = try await ContractOverHTTPTests.create(client, by: anna)
            try await ContractOverHTTPTests.add(client, ben, role: 3, to: id, by: anna)
            try await ContractOverHTTPTests.add(client, cleo, role: 3, to: id, by: anna)
            let bens = try await Self.invite(ben, to: id, on: server)
            let cleos = try await Self.invite(cleo, to: id, on: server)
            let answer = "/api/contracts/\(id)/hands/\(bens)/answer"

            let notHis = try await client.call(.post, answer, json: ["answer": true], bearer: anna.token)
            #expect(notHis.status == 403)
            let rejected = try await client.call(
                .post, "/api/contracts/\(id)/hands/\(cleos)/answer", json: ["answer": false], bearer: cleo.token)
            #expect(rejected.status == 200 && rejected["status_id"] == 400, "\(rejected.json)")
            let stillPending = try await client.call(.get, "/api/contracts/\(id)", bearer: anna.token)
            #expect(stillPending["contract"]?["status_id"] == 100, "a rejection activates nothing")

            let accepted = try await client.call(.post, answer, json: ["answer": true], bearer: ben.token)
            #expect(accepted.status == 200 && accepted["status_id"] == 200, "\(accepted.json)")
            #expect(accepted["price"] == 40, "the hand's own user sees their rate")
            let active = try await client.call(.get, "/api/contracts/\(id)", bearer: anna.token)
            #expect(active["contract"]?["status_id"] == 200)
            let twice = try await client.call(.post, answer, json: ["answer": false], bearer: ben.token)
            #expect(twice.status == 422 && twice["errors"]?["answer"] != nil)

            // No operation proposes a change of a hand's work schedule, so a correction id names nothing.
            let correction = try await client.call(.post, answer, json: ["answer": true, "correction_id": 5], bearer: ben.token)
            #expect(correction.status == 422 && correction["errors"]?["correction_id"] != nil, "\(correction.json)")
            let schema = try await client.call(.post, answer, json: ["answer": "yes"], bearer: ben.token)
            #expect(schema.status == 422 && schema["errors"]?["answer"] != nil)
            #expect(try await client.call(.post, answer, json: ["answer": true]).status == 401)
            let eve = try await server.signIn(client, name: "Eve")
            #expect(try await client.call(.post, answer, json: ["answer": true], bearer: eve.token).status == 404)
        }
    }

    @Test func twoAnswersAtOnceAreOneAnswer() async throws {
        let server = try await TestServer.contracts.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let id = try await ContractOverHTTPTests.create(client, by: anna)
            try await ContractOverHTTPTests.add(client, ben, role: 3, to: id, by: anna)
            for _ in 0..<5 {
                let hand = try await Self.invite(ben, to: id, on: server)
                let answer = "/api/contracts/\(id)/hands/\(hand)/answer"
                let answers = try await client.callInParallel([
                    ParallelRequest(.post, answer, json: ["answer": true], bearer: ben.token),
                    ParallelRequest(.post, answer, json: ["answer": false], bearer: ben.token),
                ])
                #expect(answers.map(\.status).sorted() == [200, 422], "\(answers.map(\.json))")
                let winner = try #require(answers.first { $0.status == 200 })
                let stored = try await server.pool.query("SELECT status_id FROM contract_hands WHERE id = \(hand)")
                #expect(
                    try stored[0].decode(Int.self, "status_id") == Int(try #require(winner["status_id"]?.int64Value)))
                // Answered: it no longer blocks the next invitation of the same user.
            }
        }
    }
}
