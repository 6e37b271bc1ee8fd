import CekiTestSupport
import Foundation
import Generated
import Handlers
import HTTPTypes
import HummingbirdTesting
import Testing

extension TestServer {
    /// The Contract suites' server and database (`ceki_test_contract`).
    static let contracts = Task { try await TestServer(suite: "contract") }
}

/// A step of a test's setup that did not answer what it must.
struct SetupFailure: Error, CustomStringConvertible {
    let description: String
}

/// A JSON number of an id.
func number(_ value: Int) -> JSONValue { .number(JSONNumber(value)) }

/// The contracts themselves end to end: create, list, the detail each member sees, change, archive and restore,
/// with who may and who may not.
@Suite("Contracts over HTTP")
struct ContractOverHTTPTests {
    static let body: JSONValue = [
        "label": "Website redesign", "description": "New landing page and blog.",
        "start": "2026-04-01T00:00:00Z", "end": "2026-06-30T00:00:00Z", "timezone": "Europe/Berlin",
        "credit": false, "amount": 12000, "currency": "EUR",
        "settings": ["trackable": true, "tags": [["key": "design", "label": "Design", "color": "#ff8800"]]],
    ]

    /// A new contract of `owner`'s, and its id.
    static func create(
        _ client: some TestClientProtocol, by owner: SignedInUser, _ body: JSONValue = ContractOverHTTPTests.body
    ) async throws -> Int {
        let created = try await client.call(.post, "/api/contracts", json: body, bearer: owner.token)
        guard created.status == 201, let id = created["id"]?.int64Value else {
            throw SetupFailure(description: "createContract answered \(created.status): \(created.json)")
        }
        return Int(id)
    }

    /// Makes `user` a member of `contract` with `role` (and levels, when given), as `owner`.
    static func add(
        _ client: some TestClientProtocol, _ user: SignedInUser, role: Int, read: Int? = nil, write: Int? = nil,
        to contract: Int, by owner: SignedInUser
    ) async throws {
        var body: JSONValue = ["user_id": number(user.id), "role_id": number(role)]
        if let read { body = body.merging(["read": number(read)]) }
        if let write { body = body.merging(["write": number(write)]) }
        let added = try await client.call(.post, "/api/contracts/\(contract)/users", json: body, bearer: owner.token)
        guard added.status == 201 else {
            throw SetupFailure(description: "addContractUser answered \(added.status): \(added.json)")
        }
    }

    @Test func aNewContractHasItsOwnKalItsOwnerAndTheOwnersAcceptedHand() async throws {
        let server = try await TestServer.contracts.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let created = try await client.call(.post, "/api/contracts", json: Self.body, bearer: anna.token)
            #expect(created.status == 201, "\(created.json)")
            #expect(created["label"] == "Website redesign" && created["description"] == "New landing page and blog.")
            #expect(created["status_id"] == 100 && created["currency"] == "EUR" && created["amount"] == 12000)
            #expect(created["private"] == true && created["credit"] == false && created["privacy"] == 0)
            #expect(created["start"] == "2026-04-01T00:00:00Z" && created["end"] == "2026-06-30T00:00:00Z")
            #expect(created["parent_id"] == .null && created["old_id"] == .null && created["deleted_at"] == .null)
            #expect(
                created["settings"]
                    == ["trackable": true, "tags": [["key": "design", "label": "Design", "color": "#ff8800"]]])
            #expect(created["files"] == [] && created["data"] == [:])
            let id = try #require(created["id"]?.int64Value)
            let kalID = try #require(created["kal_id"]?.int64Value)
            let kal = try await server.pool.query(
                "SELECT owner_type, user_id, type_id, private, label FROM kals WHERE id = \(Int(kalID))")
            #expect(try kal.first?.decode(String.self, "owner_type") == "Contract")
            #expect(try kal.first?.decode(Int.self, "user_id") == Int(id))
            #expect(try kal.first?.decode(Int.self, "type_id") == 2)
            #expect(try kal.first?.decode(Bool.self, "private") == true)

            let detail = try await client.call(.get, "/api/contracts/\(id)", bearer: anna.token)
            #expect(detail.status == 200, "\(detail.json)")
            #expect(detail["contract"] == created.json)
            #expect(detail["access"] == ["role_id": 1, "read": 5, "write": 5])
            #expect(detail["hands"]?.arrayValue?.count == 1)
            #expect(detail["hands"]?[0]?["user_id"]?.int64Value == Int64(anna.id))
            #expect(detail["hands"]?[0]?["status_id"] == 200 && detail["hands"]?[0]?["currency"] == "EUR")
            #expect(detail["hands"]?[0]?["is_working"] == false && detail["hands"]?[0]?["price"] == .null)
            #expect(detail["users"]?.arrayValue?.count == 1)
            #expect(detail["users"]?[0]?["role_id"] == 1 && detail["users"]?[0]?["user"]?["name"] == "Anna K.")
            #expect(detail["users"]?[0]?["hands"] == detail["hands"])
            #expect(detail["children"] == [])
            #expect(
                detail["totals"]
                    == [
                        "currency": "EUR", "minutes": 0, "charged": "0.00", "deposited": "0.00", "balance": "0.00",
                        "unpaid": "0.00",
                    ])

            let list = try await client.call(.get, "/api/contracts", bearer: anna.token)
            #expect(list.status == 200 && list.json.arrayValue?.map { $0["id"]?.int64Value } == [id])
        }
    }

    @Test func theOwnersContractsComeFirstThenTheMostRecentlyChanged() async throws {
        let server = try await TestServer.contracts.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let bens = try await Self.create(client, by: ben, ["label": "Ben's", "currency": "USD"])
            try await Self.add(client, anna, role: 3, to: bens, by: ben)
            let older = try await Self.create(client, by: anna, ["label": "Older", "currency": "USD"])
            let newer = try await Self.create(client, by: anna, ["label": "Newer", "currency": "USD"])
            let list = try await client.call(.get, "/api/contracts", bearer: anna.token)
            #expect(list.json.arrayValue?.map { $0["id"]?.int64Value } == [newer, older, bens].map { Int64($0) })
            #expect(try await client.call(.get, "/api/contracts").status == 401)
            #expect(try await client.call(.get, "/api/contracts/archived").status == 401)
        }
    }

    @Test func aBadContractIsOne422NamingEveryField() async throws {
        let server = try await TestServer.contracts.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let bens = try await Self.create(client, by: ben, ["label": "Ben's", "currency": "USD"])
            let bad = try await client.call(
                .post, "/api/contracts",
                json: [
                    "label": "X", "currency": "EUR", "timezone": "Mars/Olympus", "start": "2026-05-01T00:00:00Z",
                    "end": "2026-04-01T00:00:00Z", "parent_id": number(bens), "files": [999_999],
                    "settings": ["tags": [["key": "a"], ["key": "a"]]],
                ],
                bearer: anna.token)
            #expect(bad.status == 422, "\(bad.json)")
            #expect(
                Set(bad["errors"]?.objectValue?.keys ?? [])
                    == ["timezone", "end", "parent_id", "files.0", "settings.tags.1.key"])
            let schema = try await client.call(
                .post, "/api/contracts", json: ["label": "", "amount": -1], bearer: anna.token)
            #expect(schema.status == 422)
            #expect(Set(schema["errors"]?.objectValue?.keys ?? []) == ["label", "amount", "currency"])
            #expect(try await client.call(.post, "/api/contracts", json: Self.body).status == 401)
            let count = try await server.pool.query(
                "SELECT count(*) AS n FROM contract_users WHERE user_id = \(anna.id)")
            #expect(try count[0].decode(Int.self, "n") == 0, "nothing was made")
        }
    }

    @Test func aSubContractShowsOnlyToItsOwnMembers() async throws {
        let server = try await TestServer.contracts.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let parent = try await Self.create(client, by: anna, ["label": "Parent", "currency": "EUR"])
            try await Self.add(client, ben, role: 2, to: parent, by: anna)
            let child = try await Self.create(
                client, by: anna, ["label": "Child", "currency": "EUR", "parent_id": number(parent)])
            let annasView = try await client.call(.get, "/api/contracts/\(parent)", bearer: anna.token)
            #expect(annasView["children"]?.arrayValue?.map { $0["id"]?.int64Value } == [Int64(child)])
            #expect(annasView["children"]?[0]?["parent_id"]?.int64Value == Int64(parent))
            let bensView = try await client.call(.get, "/api/contracts/\(parent)", bearer: ben.token)
            #expect(bensView.status == 200 && bensView["children"] == [], "sub-contracts do not inherit access")
            #expect(try await client.call(.get, "/api/contracts/\(child)", bearer: ben.token).status == 404)
            // Ben administers the parent but does not own it: he cannot hang a sub-contract under it.
            let notOwner = try await client.call(
                .post, "/api/contracts", json: ["label": "Mine", "currency": "EUR", "parent_id": number(parent)],
                bearer: ben.token)
            #expect(notOwner.status == 422 && notOwner["errors"]?["parent_id"] != nil)
        }
    }

    @Test func anOutsiderAndAnUnknownIdAre404Everywhere() async throws {
        let server = try await TestServer.contracts.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let eve = try await server.signIn(client, name: "Eve")
            let id = try await Self.create(client, by: anna)
            for contract in [id, 999_999_999] {
                let base = "/api/contracts/\(contract)"
                let calls: [(HTTPRequest.Method, String, JSONValue?)] = [
                    (.get, base, nil), (.patch, base, ["label": "Mine"]), (.delete, base, nil),
                    (.post, "\(base)/restore", nil), (.get, "\(base)/users", nil),
                    (.post, "\(base)/users", ["user_id": number(eve.id), "role_id": 1]),
                    (.delete, "\(base)/users?user_id=\(anna.id)", nil), (.delete, "\(base)/users", nil),
                ]
                for (method, uri, body) in calls {
                    let answer = try await client.call(method, uri, json: body, bearer: eve.token)
                    #expect(answer.status == 404, "\(method) \(uri): \(answer.json)")
                }
            }
            let unchanged = try await client.call(.get, "/api/contracts/\(id)", bearer: anna.token)
            #expect(unchanged["contract"]?["label"] == "Website redesign" && unchanged["users"]?.arrayValue?.count == 1)
            for (method, uri) in [
                (HTTPRequest.Method.get, "/api/contracts/\(id)"), (.patch, "/api/contracts/\(id)"),
                (.delete, "/api/contracts/\(id)"), (.post, "/api/contracts/\(id)/restore"),
            ] {
                let answer = try await client.call(method, uri, json: method == .patch ? [:] : nil)
                #expect(answer.status == 401, "\(method) \(uri)")
            }
        }
    }

    @Test func anAdministratorChangesTheContractAndItsKalFollows() async throws {
        let server = try await TestServer.contracts.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let id = try await Self.create(client, by: anna)
            try await Self.add(client, ben, role: 3, to: id, by: anna)
            let changed = try await client.call(
                .patch, "/api/contracts/\(id)",
                json: [
                    "label": "Redesign, phase 2", "end": "2026-07-31T00:00:00Z", "amount": 15000, "currency": "USD",
                    "timezone": "America/New_York", "settings": ["tags": [["key": "qa"]]],
                ],
                bearer: anna.token)
            #expect(changed.status == 200, "\(changed.json)")
            #expect(changed["label"] == "Redesign, phase 2" && changed["amount"] == 15000)
            #expect(changed["description"] == "New landing page and blog.", "left out: kept")
            #expect(changed["end"]?.stringValue?.hasPrefix("2026-07-31") == true)
            #expect(
                changed["settings"] == ["trackable": false, "tags": [["key": "qa", "label": .null, "color": .null]]])
            let kal = try await server.pool.query(
                "SELECT label, timezone FROM kals WHERE id = \(Int(try #require(changed["kal_id"]?.int64Value)))")
            #expect(try kal[0].decode(String.self, "label") == "Redesign, phase 2")
            #expect(try kal[0].decode(String.self, "timezone") == "America/New_York")
            let detail = try await client.call(.get, "/api/contracts/\(id)", bearer: anna.token)
            #expect(detail["hands"]?[0]?["currency"] == "USD", "the hands follow the currency")
            #expect(detail["totals"]?["currency"] == "USD")

            // Ben (write 2) sees it but may not change it.
            let refused = try await client.call(
                .patch, "/api/contracts/\(id)", json: ["label": "Ben's"], bearer: ben.token)
            #expect(refused.status == 403)
            #expect(refused["message"]?.stringValue?.contains("write level 5") == true)

            let bad = try await client.call(
                .patch, "/api/contracts/\(id)",
                json: ["start": "2026-08-01T00:00:00Z", "timezone": "Nowhere", "files": [123_456_789]],
                bearer: anna.token)
            #expect(bad.status == 422, "\(bad.json)")
            #expect(Set(bad["errors"]?.objectValue?.keys ?? []) == ["end", "timezone", "files.0"])
            let schema = try await client.call(
                .patch, "/api/contracts/\(id)", json: ["label": "", "privacy": 2], bearer: anna.token)
            #expect(schema.status == 422 && Set(schema["errors"]?.objectValue?.keys ?? []) == ["label", "privacy"])
            let after = try await client.call(.get, "/api/contracts/\(id)", bearer: anna.token)
            #expect(
                after["contract"]?["label"] == "Redesign, phase 2" && after["contract"]?["start"] == changed["start"])
        }
    }

    @Test func theCurrencyCannotChangeOnceTheContractHasTransactions() async throws {
        let server = try await TestServer.contracts.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let created = try await client.call(.post, "/api/contracts", json: Self.body, bearer: anna.token)
            let id = Int(try #require(created["id"]?.int64Value))
            let kal = Int(try #require(created["kal_id"]?.int64Value))
            // A deposit and a charge as the ledger will record them (type 4 in the contract's kal).
            try await server.pool.query(
                """
                INSERT INTO events (user_id, type_id, kal_id, label, amount, currency, credit, payment_status_id,
                                    duration, billable_type, billable_id)
                VALUES (\(anna.id), 4, \(kal), 'Deposit', 100.5, 'EUR', true, 300, NULL, 'Contract', \(id)),
                       (\(anna.id), 4, \(kal), 'Charge', 30.25, 'EUR', false, 100, 90, 'Contract', \(id))
                """)
            let detail = try await client.call(.get, "/api/contracts/\(id)", bearer: anna.token)
            #expect(
                detail["totals"]
                    == [
                        "currency": "EUR", "minutes": 90, "charged": "30.25", "deposited": "100.50",
                        "balance": "70.25", "unpaid": "30.25",
                    ])
            let refused = try await client.call(
                .patch, "/api/contracts/\(id)", json: ["currency": "USD"], bearer: anna.token)
            #expect(refused.status == 422 && refused["errors"]?["currency"] != nil, "\(refused.json)")
            let same = try await client.call(
                .patch, "/api/contracts/\(id)", json: ["currency": "EUR"], bearer: anna.token)
            #expect(same.status == 200)
        }
    }

    @Test func totalsAndRatesShowByReadLevelAndPrivacy() async throws {
        let server = try await TestServer.contracts.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let cleo = try await server.signIn(client, name: "Cleo")
            let dan = try await server.signIn(client, name: "Dan")
            let id = try await Self.create(client, by: anna)
            try await Self.add(client, ben, role: 3, to: id, by: anna)  // member: read 2
            try await Self.add(client, cleo, role: 4, to: id, by: anna)  // client: read 4
            try await Self.add(client, dan, role: 2, to: id, by: anna)  // admin: read 5
            try await server.pool.query("UPDATE contract_hands SET price = 60 WHERE contract_id = \(id)")

            func detail(_ user: SignedInUser) async throws -> JSONResponse {
                try await client.call(.get, "/api/contracts/\(id)", bearer: user.token)
            }
            let bens = try await detail(ben)
            #expect(bens["access"] == ["role_id": 3, "read": 2, "write": 2])
            #expect(bens["totals"] == .null && bens["hands"]?[0]?["price"] == .null, "read 2: no totals, no rates")
            let cleos = try await detail(cleo)
            #expect(cleos["totals"]?["charged"] == "0.00" && cleos["hands"]?[0]?["price"] == .null)
            let dans = try await detail(dan)
            #expect(dans["totals"] != .null && dans["hands"]?[0]?["price"] == 60)
            #expect(dans["users"]?[0]?["hands"]?[0]?["price"] == 60)
            #expect(try await detail(anna)["hands"]?[0]?["price"] == 60, "the hand's own user")

            try await server.pool.query("UPDATE contracts SET privacy = 1 WHERE id = \(id)")
            #expect(try await detail(cleo)["totals"] == .null, "privacy 1: the owners' only")
            #expect(try await detail(dan)["totals"] == .null)
            #expect(try await detail(anna)["totals"] != .null)
        }
    }

    @Test func onlyAnOwnerArchivesAndRestoresAndAnArchivedContractIsGoneMeanwhile() async throws {
        let server = try await TestServer.contracts.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let id = try await Self.create(client, by: anna)
            try await Self.add(client, ben, role: 2, write: 4, to: id, by: anna)
            // A hand removed long before the archive, which restoring must not bring back.
            try await server.pool.query(
                """
                INSERT INTO contract_hands (contract_id, user_id, currency, status_id, deleted_at)
                VALUES (\(id), \(ben.id), 'EUR', 200, now() - interval '1 day')
                """)

            let refused = try await client.call(.delete, "/api/contracts/\(id)", bearer: ben.token)
            #expect(refused.status == 403 && refused["message"]?.stringValue?.contains("owner") == true)
            let archived = try await client.call(.delete, "/api/contracts/\(id)", bearer: anna.token)
            #expect(archived.status == 200 && archived["message"] == "Contract deleted")
            let hands = try await server.pool.query(
                "SELECT count(*) FILTER (WHERE deleted_at IS NULL) AS live FROM contract_hands WHERE contract_id = \(id)"
            )
            #expect(try hands[0].decode(Int.self, "live") == 0)

            for user in [anna, ben] {
                let base = "/api/contracts/\(id)"
                #expect(try await client.call(.get, base, bearer: user.token).status == 404)
                #expect(try await client.call(.patch, base, json: ["label": "X"], bearer: user.token).status == 404)
                #expect(try await client.call(.delete, base, bearer: user.token).status == 404)
                #expect(try await client.call(.get, "\(base)/users", bearer: user.token).status == 404)
                #expect(try await client.call(.delete, "\(base)/users", bearer: user.token).status == 404)
                #expect(try await client.call(.get, "/api/contracts", bearer: user.token).json == [])
                let list = try await client.call(.get, "/api/contracts/archived", bearer: user.token)
                #expect(list.json.arrayValue?.map { $0["id"]?.int64Value } == [Int64(id)])
                #expect(list.json[0]?["deleted_at"] != .null)
            }

            let eve = try await server.signIn(client, name: "Eve")
            #expect(try await client.call(.post, "/api/contracts/\(id)/restore", bearer: eve.token).status == 404)
            let notOwner = try await client.call(.post, "/api/contracts/\(id)/restore", bearer: ben.token)
            #expect(notOwner.status == 403)
            let restored = try await client.call(.post, "/api/contracts/\(id)/restore", bearer: anna.token)
            #expect(restored.status == 200 && restored["deleted_at"] == .null, "\(restored.json)")
            let detail = try await client.call(.get, "/api/contracts/\(id)", bearer: ben.token)
            #expect(detail.status == 200)
            #expect(detail["hands"]?.arrayValue?.map { $0["user_id"]?.int64Value } == [Int64(anna.id)])
            #expect(try await client.call(.get, "/api/contracts/archived", bearer: anna.token).json == [])
            let again = try await client.call(.post, "/api/contracts/\(id)/restore", bearer: anna.token)
            #expect(again.status == 422 && again["errors"]?["contract"] != nil)
        }
    }

    @Test func membersSeeTheContractsKalAtTheirLevelsAndNobodyChangesIt() async throws {
        let server = try await TestServer.contracts.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let eve = try await server.signIn(client, name: "Eve")
            let created = try await client.call(.post, "/api/contracts", json: Self.body, bearer: anna.token)
            let id = Int(try #require(created["id"]?.int64Value))
            let kal = "/api/kals/\(Int(try #require(created["kal_id"]?.int64Value)))"
            try await Self.add(client, ben, role: 5, to: id, by: anna)

            let annas = try await client.call(.get, kal, bearer: anna.token)
            #expect(annas.status == 200, "\(annas.json)")
            #expect(annas["access"] == ["role_id": 1, "read": 5, "write": 5])
            #expect(annas["kal"]?["owner_type"] == "Contract" && annas["kal"]?["type_id"] == 2)
            let bens = try await client.call(.get, kal, bearer: ben.token)
            #expect(bens.status == 200 && bens["access"] == ["role_id": 5, "read": 3, "write": 1])
            #expect(try await client.call(.get, kal, bearer: eve.token).status == 404)
            let change = try await client.call(
                .put, kal, json: ["label": "Mine", "private": false], bearer: anna.token)
            #expect(change.status == 403, "a contract's kal changes with its contract")

            _ = try await client.call(.delete, "/api/contracts/\(id)", bearer: anna.token)
            #expect(try await client.call(.get, kal, bearer: anna.token).status == 404, "archived")
        }
    }
}
