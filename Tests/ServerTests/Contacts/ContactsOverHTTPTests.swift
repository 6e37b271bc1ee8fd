import CekiTestSupport
import Foundation
import Generated
import Handlers
import HTTPTypes
import HummingbirdTesting
import Testing

extension TestServer {
    /// The address book suite's server and database (`ceki_test_contact`).
    static let contacts = Task { try await TestServer(suite: "contact") }
}

/// The UserContacts tag end to end (docs/domain.md "Contacts"): adding by email (an account made for an unknown
/// address, no mail), pinning, labelling, what two people share, and whose book is whose.
@Suite("Contacts over HTTP")
struct ContactsOverHTTPTests {
    static func add(_ email: String, by user: SignedInUser, _ client: some TestClientProtocol) async throws -> JSONResponse {
        try await client.call(.post, "/api/contacts", json: ["email": .string(email)], bearer: user.token)
    }

    @Test func anUnknownAddressBecomesAnAccountAndAContactOnce() async throws {
        let server = try await TestServer.contacts.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let email = "max.\(UUID().uuidString.prefix(8).lowercased())@example.test"
            let added = try await Self.add(email, by: anna, client)
            #expect(added.status == 201, "\(added.json)")
            let new = try #require(added["new"])
            let user = try #require(new["user_id"]?.int64Value)
            #expect(new["owner_id"]?.int64Value == Int64(anna.id) && new["settings"]?["pinned"] == false)
            #expect(new["count"] == 0 && new["last_contact"] == .null && new["label"] == .null)
            #expect(new["user"]?["id"]?.int64Value == user && new["user"]?["email"] == nil, "a public view: no email")
            #expect(added["contacts"]?.arrayValue?.count == 1)
            let account = try await server.pool.query(
                "SELECT email_verified_at IS NULL AS unverified FROM users WHERE id = \(Int(user))")
            #expect(try account[0].decode(Bool.self, "unverified"))
            let mails = try await server.pool.query(
                "SELECT count(*)::int AS n FROM mail_outbox WHERE recipient = \(email)")
            #expect(try mails[0].decode(Int.self, "n") == 0, "adding someone mails nobody")

            let again = try await Self.add(email.uppercased(), by: anna, client)
            #expect(again.status == 201 && again["new"]?["id"] == new["id"], "the same entry, whatever the case")
            #expect(again["contacts"]?.arrayValue?.count == 1)
            let own = try await Self.add(anna.email, by: anna, client)
            #expect(own.status == 422 && own["errors"]?["email"] != nil)
            let bad = try await Self.add("not an address", by: anna, client)
            #expect(bad.status == 422 && bad["errors"]?["email"] != nil)
            #expect(try await client.call(.get, "/api/contacts").status == 401)
        }
    }

    @Test func pinsAndLabelsAreTheOwnersAlone() async throws {
        let server = try await TestServer.contacts.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let cleo = try await server.signIn(client, name: "Cleo")
            let eve = try await server.signIn(client, name: "Eve")
            _ = try await Self.add(ben.email, by: anna, client)
            _ = try await Self.add(cleo.email, by: anna, client)

            let pinned = try await client.call(.post, "/api/contacts/\(cleo.id)/pin", bearer: anna.token)
            #expect(pinned.status == 200 && pinned["settings"]?["pinned"] == true && pinned["user_id"]?.int64Value == Int64(cleo.id))
            let list = try await client.call(.get, "/api/contacts", bearer: anna.token)
            #expect(list.json.arrayValue?.map { $0["user_id"]?.int64Value } == [Int64(cleo.id), Int64(ben.id)], "pinned first")
            let unpinned = try await client.call(.post, "/api/contacts/\(cleo.id)/pin", bearer: anna.token)
            #expect(unpinned["settings"]?["pinned"] == false)

            let labelled = try await client.call(
                .put, "/api/contacts/\(ben.id)", json: ["label": "Ben (designer)", "description": "Met in April."],
                bearer: anna.token)
            #expect(labelled.status == 200 && labelled["label"] == "Ben (designer)" && labelled["description"] == "Met in April.")
            let cleared = try await client.call(.put, "/api/contacts/\(ben.id)", json: ["label": "Ben"], bearer: anna.token)
            #expect(cleared["label"] == "Ben" && cleared["description"] == .null, "a PUT: what is left out is cleared")
            let short = try await client.call(.put, "/api/contacts/\(ben.id)", json: ["label": "B"], bearer: anna.token)
            #expect(short.status == 422 && short["errors"]?["label"] != nil)

            #expect(try await client.call(.post, "/api/contacts/\(eve.id)/pin", bearer: anna.token).status == 404, "not a contact")
            #expect(try await client.call(.post, "/api/contacts/\(ben.id)/pin", bearer: eve.token).status == 404, "not Eve's")
            #expect(
                try await client.call(.put, "/api/contacts/\(ben.id)", json: ["label": "Mine"], bearer: eve.token).status
                    == 404)
            #expect(try await client.call(.get, "/api/contacts", bearer: eve.token).json.arrayValue?.isEmpty == true)
            let untouched = try await client.call(.get, "/api/contacts", bearer: anna.token)
            #expect(untouched.json.arrayValue?.first { $0["user_id"]?.int64Value == Int64(ben.id) }?["label"] == "Ben")
        }
    }

    @Test func whatTwoPeopleShareIsCountedAndOrdersTheList() async throws {
        let server = try await TestServer.contacts.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let cleo = try await server.signIn(client, name: "Cleo")
            _ = try await Self.add(ben.email, by: anna, client)
            _ = try await Self.add(cleo.email, by: anna, client)
            let contract = try await ContractOverHTTPTests.create(client, by: anna)
            try await ContractOverHTTPTests.add(client, ben, role: 3, to: contract, by: anna)
            // A task Ben created and Anna attends, and one of Anna's own that Ben does not.
            try await server.pool.query(
                """
                WITH k AS (SELECT kal_id FROM contracts WHERE id = \(contract)),
                shared AS (INSERT INTO events (user_id, type_id, kal_id, label) SELECT \(ben.id), 2, kal_id, 'Review' FROM k RETURNING id),
                own AS (INSERT INTO events (user_id, type_id, kal_id, label) SELECT \(anna.id), 2, kal_id, 'Mine' FROM k RETURNING id)
                INSERT INTO event_users (event_id, user_id, status_id) SELECT id, \(anna.id), 200 FROM shared
                """)
            let list = try await client.call(.get, "/api/contacts", bearer: anna.token)
            #expect(list.json.arrayValue?.map { $0["user_id"]?.int64Value } == [Int64(ben.id), Int64(cleo.id)], "shared most recently first")
            let benEntry = try #require(list.json.arrayValue?.first)
            #expect(benEntry["count"] == 2, "the contract and the task: \(benEntry.json)")
            #expect(benEntry["last_contact"] != .null)
            #expect(list.json.arrayValue?.last?["count"] == 0)
        }
    }

    @Test func twoAddsOfANewAddressAtOnceMakeOneAccountAndOneEntry() async throws {
        let server = try await TestServer.contacts.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let email = "twice.\(UUID().uuidString.prefix(8).lowercased())@example.test"
            let answers = try await client.callInParallel(
                Array(repeating: ParallelRequest(.post, "/api/contacts", json: ["email": .string(email)], bearer: anna.token), count: 6))
            #expect(answers.allSatisfy { $0.status == 201 }, "\(answers.map(\.status))")
            let rows = try await server.pool.query(
                """
                SELECT (SELECT count(*)::int FROM users WHERE email = \(email)::citext) AS accounts,
                       (SELECT count(*)::int FROM contacts ct JOIN users u ON u.id = ct.user_id
                        WHERE ct.owner_id = \(anna.id) AND u.email = \(email)::citext) AS entries
                """)
            #expect(try rows[0].decode(Int.self, "accounts") == 1 && rows[0].decode(Int.self, "entries") == 1)
        }
    }
}
