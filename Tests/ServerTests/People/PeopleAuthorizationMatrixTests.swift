import CekiTestSupport
import Foundation
import Generated
import Handlers
import HTTPTypes
import HummingbirdTesting
import Testing

extension TestServer {
    /// The people matrix's own server and database: it compares whole tables before and after every request.
    static let peopleAuthorization = Task { try await TestServer(suite: "peopleauthz") }
}

/// Every operation of the Event, OtherUser, UserContacts and User tags that names an object by id, taken from the
/// generated operation table (so one added to the spec is tried without anyone listing it), tried by a signed-in
/// stranger on the first user's objects: a private event, a contact, a correction someone else proposed.
///
/// What a stranger may do is what the domain gives anyone signed in (docs/domain.md "People", docs/corrections.md):
/// see a public profile (without contact details), reveal them (logged), propose a correction and vote on one.
/// Those change only their own log, proposal or vote (``allowed``); everything else is refused, 404 where the object
/// is not theirs to see (``refusals`` lists the others), and nothing at all changes, table by table.
@Suite("People authorization matrix", .serialized)
struct PeopleAuthorizationMatrixTests {
    struct World {
        let owner: SignedInUser
        let contact: SignedInUser
        let event: Int
        let correction: Int64

        func value(of name: String) -> Int64? {
            switch name {
            case "event": Int64(event)
            case "otheruser", "user" : Int64(owner.id)
            case "correction": correction
            default: nil
            }
        }

        /// A body each operation accepts, so the request reaches the access check rather than validation.
        func body(for operation: String) -> JSONValue? {
            switch operation {
            case "proposeEventCorrections": ["label": "Not the dentist"]
            case "voteEventCorrections": ["vote": true, "ids": [1]]
            case "updateOtherUser": ["about": "Known for punctuality."]
            case "voteCorrection": ["vote": true]
            case "updateContact": ["label": "Old friend", "description": .null]
            default: nil
            }
        }

        /// The path's id for the contact operations is the contact's user, not the owner.
        func uri(for operation: OperationDescriptor) throws -> String {
            var uri = operation.path
            for match in operation.path.matches(of: /\{([A-Za-z]+)\}/) {
                let name = String(match.1)
                let value = operation.tag == "UserContacts" ? Int64(contact.id) : try #require(self.value(of: name))
                uri = uri.replacingOccurrences(of: "{\(name)}", with: "\(value)")
            }
            if "\(operation.id)" == "bulkDeleteCorrections" { uri += "?ids[]=\(correction)" }
            return uri
        }
    }

    /// The tags' operations with a path id, and the one that names its objects in the query.
    static var operations: [OperationDescriptor] {
        Operations.all.filter { operation in
            ["Event", "OtherUser", "UserContacts", "User"].contains(operation.tag ?? "")
                && (operation.path.contains("{") || "\(operation.id)" == "bulkDeleteCorrections")
        }
    }

    /// What a stranger may do, the status it gets and the only tables it may change.
    static let allowed: [String: (status: Int, tables: Set<String>)] = [
        "getUser": (200, []),
        "getOtherUser": (200, []),
        "revealOtherUserEmail": (200, ["user_reveals"]),
        "revealOtherUserPhone": (200, ["user_reveals"]),
        "updateOtherUser": (200, ["user_corrections"]),
        "voteCorrection": (200, ["user_correction_votes"]),
    ]

    /// The refusals that are not 404: a correction is visible to anyone, so withdrawing another's is 403; the bulk
    /// form names its ids in the body's place and answers 422 on each that is not the caller's (docs/corrections.md).
    static let refusals: [String: Int] = ["deleteCorrection": 403, "bulkDeleteCorrections": 422]

    static func snapshot(_ server: TestServer) async throws -> [String: String] {
        let tables = [
            "users", "events", "event_users", "event_corrections", "event_correction_votes", "event_history",
            "user_corrections", "user_correction_votes", "user_reveals", "contacts", "kals", "schedules", "files",
        ]
        return try await server.tableDigests(tables)
    }

    static func world(_ client: some TestClientProtocol, on server: TestServer) async throws -> World {
        let anna = try await server.signIn(client)
        let ben = try await server.signIn(client, name: "Ben")
        let added = try await client.call(.post, "/api/contacts", json: ["email": .string(ben.email)], bearer: anna.token)
        guard added.status == 201 else { throw SetupFailure(description: "addContact: \(added.status) \(added.json)") }
        try await server.pool.query("UPDATE users SET phone = '+49 30 7654321' WHERE id = \(anna.id)")
        let rows = try await server.pool.query(
            """
            INSERT INTO events (user_id, type_id, status_id, kal_id, label, private)
            SELECT \(anna.id), 1, 100, k.id, 'Dentist', true FROM kals k WHERE k.user_id = \(anna.id) AND k.is_default
            RETURNING id
            """)
        let proposal = try await client.call(.patch, "/api/otherusers/\(anna.id)", json: ["city": "Porto"], bearer: ben.token)
        guard let correction = proposal["corrections"]?.arrayValue?.first?["id"]?.int64Value else {
            throw SetupFailure(description: "updateOtherUser: \(proposal.status) \(proposal.json)")
        }
        return World(owner: anna, contact: ben, event: try rows[0].decode(Int.self, "id"), correction: correction)
    }

    @Test func everyOperationIsTried() {
        let names = Set(Self.operations.map { "\($0.id)" })
        #expect(names.count == 17, "\(names.sorted())")
        for expected in ["voteEventCorrections", "revealOtherUserPhone", "toggleContactPin", "getUser", "bulkDeleteCorrections"] {
            #expect(names.contains(expected))
        }
    }

    @Test func aStrangerSeesOnlyWhatAnyoneMayAndChangesOnlyTheirOwnTraces() async throws {
        let server = try await TestServer.peopleAuthorization.value
        try await server.application.test(.live) { client in
            let world = try await Self.world(client, on: server)
            let eve = try await server.signIn(client, name: "Eve")
            for operation in Self.operations {
                let name = "\(operation.id)"
                let uri = try world.uri(for: operation)
                let method = HTTPRequest.Method(rawValue: operation.method)!
                let before = try await Self.snapshot(server)
                let answer = try await client.call(method, uri, json: world.body(for: name), bearer: eve.token)
                let after = try await Self.snapshot(server)
                let changed = Set(before.keys.filter { before[$0] != after[$0] })
                if let allowed = Self.allowed[name] {
                    #expect(answer.status == allowed.status, "\(name): \(answer.status) \(answer.json)")
                    #expect(changed.isSubset(of: allowed.tables), "\(name) changed \(changed.sorted())")
                    if !name.hasPrefix("reveal") {
                        #expect(!answer.text.contains(world.owner.email), "\(name) showed the owner's email")
                    }
                } else {
                    let expected = Self.refusals[name] ?? 404
                    #expect(answer.status == expected, "\(name): \(answer.status) \(answer.json)")
                    #expect(changed.isEmpty, "\(name) changed \(changed.sorted())")
                }
            }
            // The owner's profile is as it was: a stranger's proposal and vote apply nothing.
            let city = try await server.pool.query("SELECT city FROM users WHERE id = \(world.owner.id)")
            #expect(try city[0].decode(String?.self, "city") == nil)
        }
    }
}
