import CekiTestSupport
import Foundation
import Generated
import Handlers
import HTTPTypes
import HummingbirdTesting
import Testing

/// `listContractUsers`, `addContractUser` and `removeContractUser` end to end: the role defaults, levels nobody
/// may exceed, the owner role only owners give, and the last owner who cannot leave, even when two race.
@Suite("Contract members over HTTP")
struct ContractMembersOverHTTPTests {
    @Test func anOwnerAddsMembersWithTheirRolesDefaultsOrTheLevelsGiven() async throws {
        let server = try await TestServer.contracts.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let cleo = try await server.signIn(client, name: "Cleo")
            let id = try await ContractOverHTTPTests.create(client, by: anna)
            let users = "/api/contracts/\(id)/users"

            let admin = try await client.call(
                .post, users, json: ["user_id": number(ben.id), "role_id": 2], bearer: anna.token)
            #expect(admin.status == 201, "\(admin.json)")
            #expect(admin["contract_id"]?.int64Value == Int64(id) && admin["user_id"]?.int64Value == Int64(ben.id))
            #expect(admin["role_id"] == 2 && admin["read"] == 5 && admin["write"] == 4, "an admin's defaults")
            #expect(admin["user"]?["name"] == "Ben" && admin["hands"] == [])
            let member = try await client.call(
                .post, users, json: ["user_id": number(cleo.id), "role_id": 3, "read": 1], bearer: anna.token)
            #expect(member["read"] == 1 && member["write"] == 2, "the level given, the other the role's")

            let list = try await client.call(.get, users, bearer: cleo.token)
            #expect(list.status == 200)
            #expect(
                list.json.arrayValue?.map { $0["user_id"]?.int64Value } == [anna.id, ben.id, cleo.id].map { Int64($0) })
            #expect(list.json[0]?["role_id"] == 1 && list.json[0]?["hands"]?.arrayValue?.count == 1)
            #expect(list.json[0]?["hands"]?[0]?["price"] == .null, "Cleo (read 1) sees no rates")
            #expect(try await client.call(.get, users).status == 401)
            #expect(try await client.call(.post, users, json: ["user_id": 1, "role_id": 3]).status == 401)
            #expect(try await client.call(.delete, users).status == 401)
            // Ben now sees the contract in his list.
            let bens = try await client.call(.get, "/api/contracts", bearer: ben.token)
            #expect(bens.json.arrayValue?.map { $0["id"]?.int64Value } == [Int64(id)])
        }
    }

    @Test func nobodyGrantsAboveTheirOwnLevelsAndOnlyOwnersMakeOwners() async throws {
        let server = try await TestServer.contracts.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let dan = try await server.signIn(client, name: "Dan")
            let eve = try await server.signIn(client, name: "Eve")
            let id = try await ContractOverHTTPTests.create(client, by: anna)
            let users = "/api/contracts/\(id)/users"
            try await ContractOverHTTPTests.add(client, ben, role: 2, to: id, by: anna)  // write 4
            try await ContractOverHTTPTests.add(client, dan, role: 2, read: 3, write: 5, to: id, by: anna)

            let lowLevel = try await client.call(
                .post, users, json: ["user_id": number(eve.id), "role_id": 3], bearer: ben.token)
            #expect(lowLevel.status == 403, "write 4 does not manage members")
            #expect(lowLevel["message"]?.stringValue?.contains("write level 5") == true)

            let tooHigh = try await client.call(
                .post, users, json: ["user_id": number(eve.id), "role_id": 1], bearer: dan.token)
            #expect(tooHigh.status == 422, "\(tooHigh.json)")
            #expect(Set(tooHigh["errors"]?.objectValue?.keys ?? []) == ["role_id", "read"])
            let aboveRead = try await client.call(
                .post, users, json: ["user_id": number(eve.id), "role_id": 2], bearer: dan.token)
            #expect(aboveRead.status == 422 && Set(aboveRead["errors"]?.objectValue?.keys ?? []) == ["read"])
            let weakOwner = try await client.call(
                .post, users, json: ["user_id": number(eve.id), "role_id": 1, "write": 3], bearer: anna.token)
            #expect(weakOwner.status == 422 && weakOwner["errors"]?["write"] != nil)
            let twice = try await client.call(
                .post, users, json: ["user_id": number(ben.id), "role_id": 3], bearer: anna.token)
            #expect(twice.status == 422 && twice["errors"]?["user_id"] != nil)
            let nobody = try await client.call(
                .post, users, json: ["user_id": 999_999_999, "role_id": 3], bearer: anna.token)
            #expect(nobody.status == 422 && nobody["errors"]?["user_id"] != nil)
            let schema = try await client.call(
                .post, users, json: ["user_id": 0, "role_id": 9, "read": 6], bearer: anna.token)
            #expect(schema.status == 422)
            #expect(Set(schema["errors"]?.objectValue?.keys ?? []) == ["user_id", "role_id", "read"])

            let fine = try await client.call(
                .post, users, json: ["user_id": number(eve.id), "role_id": 5, "read": 3, "write": 1],
                bearer: dan.token)
            #expect(fine.status == 201 && fine["read"] == 3)
            let owner = try await client.call(
                .post, users, json: ["user_id": 999_999_998, "role_id": 1], bearer: anna.token)
            #expect(owner["errors"]?["role_id"] == nil, "an owner may make owners")
        }
    }

    @Test func aMemberWithAWorkScheduleGetsAPendingHand() async throws {
        let server = try await TestServer.contracts.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let id = try await ContractOverHTTPTests.create(client, by: anna)
            let answer = try await client.call(
                .post, "/api/contracts/\(id)/users",
                json: [
                    "user_id": number(ben.id), "role_id": 3,
                    "schedule": ["settings": ["days": ["1": [["start": "09:00", "end": "17:00"]]]]],
                ],
                bearer: anna.token)
            #expect(answer.status == 201, "\(answer.json)")
            #expect(answer["hands"]?[0]?["status_id"] == 100, "more in ContractHandInvitationsOverHTTPTests")
            let list = try await client.call(.get, "/api/contracts/\(id)/users", bearer: anna.token)
            #expect(list.json.arrayValue?.count == 2)
        }
    }

    @Test func membersLeaveAdministratorsRemoveAndTheLastOwnerStays() async throws {
        let server = try await TestServer.contracts.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let cleo = try await server.signIn(client, name: "Cleo")
            let dan = try await server.signIn(client, name: "Dan")
            let id = try await ContractOverHTTPTests.create(client, by: anna)
            let users = "/api/contracts/\(id)/users"
            try await ContractOverHTTPTests.add(client, ben, role: 2, to: id, by: anna)  // write 4
            try await ContractOverHTTPTests.add(client, cleo, role: 3, to: id, by: anna)
            try await ContractOverHTTPTests.add(client, dan, role: 2, write: 5, to: id, by: anna)
            // Cleo's open invitation goes with her; her accepted hand (it may carry money) stays.
            try await server.pool.query(
                """
                INSERT INTO contract_hands (contract_id, user_id, currency, status_id)
                VALUES (\(id), \(cleo.id), 'EUR', 100), (\(id), \(cleo.id), 'EUR', 200)
                """)

            #expect(try await client.call(.delete, "\(users)?user_id=\(cleo.id)", bearer: ben.token).status == 403)
            let ownerByAdmin = try await client.call(.delete, "\(users)?user_id=\(anna.id)", bearer: dan.token)
            #expect(ownerByAdmin.status == 403 && ownerByAdmin["message"]?.stringValue?.contains("owner") == true)

            let left = try await client.call(.delete, users, bearer: cleo.token)
            #expect(left.status == 200 && left["message"] == "User removed from contract")
            #expect(try await client.call(.get, users, bearer: cleo.token).status == 404, "no longer a member")
            let hands = try await server.pool.query(
                "SELECT status_id FROM contract_hands WHERE contract_id = \(id) AND user_id = \(cleo.id)")
            #expect(try hands.map { try $0.decode(Int.self, "status_id") } == [200])

            let removed = try await client.call(.delete, "\(users)?user_id=\(ben.id)", bearer: dan.token)
            #expect(removed.status == 200)
            let notMember = try await client.call(.delete, "\(users)?user_id=\(ben.id)", bearer: anna.token)
            #expect(notMember.status == 422 && notMember["errors"]?["user_id"] != nil)
            let last = try await client.call(.delete, users, bearer: anna.token)
            #expect(last.status == 422 && last["errors"]?["user_id"] != nil, "\(last.json)")
            let list = try await client.call(.get, users, bearer: anna.token)
            #expect(list.json.arrayValue?.map { $0["user_id"]?.int64Value } == [Int64(anna.id), Int64(dan.id)])
        }
    }

    @Test func twoOwnersLeavingAtOnceLeaveOneOwner() async throws {
        let server = try await TestServer.contracts.value
        try await server.application.test(.live) { client in
            for _ in 0..<5 {
                let anna = try await server.signIn(client)
                let ben = try await server.signIn(client, name: "Ben")
                let id = try await ContractOverHTTPTests.create(client, by: anna)
                try await ContractOverHTTPTests.add(client, ben, role: 1, to: id, by: anna)
                let users = "/api/contracts/\(id)/users"

                let leaving = try await client.callInParallel([
                    ParallelRequest(.delete, users, bearer: anna.token),
                    ParallelRequest(.delete, users, bearer: ben.token),
                ])
                #expect(leaving.map(\.status).sorted() == [200, 422], "\(leaving.map(\.json))")
                let owners = try await server.pool.query(
                    "SELECT count(*) AS n FROM contract_users WHERE contract_id = \(id) AND role_id = 1")
                #expect(try owners[0].decode(Int.self, "n") == 1)
            }
        }
    }

    @Test func twoOwnersRemovingEachOtherAtOnceLeaveOneOwner() async throws {
        let server = try await TestServer.contracts.value
        try await server.application.test(.live) { client in
            for _ in 0..<5 {
                let anna = try await server.signIn(client)
                let ben = try await server.signIn(client, name: "Ben")
                let id = try await ContractOverHTTPTests.create(client, by: anna)
                try await ContractOverHTTPTests.add(client, ben, role: 1, to: id, by: anna)
                let users = "/api/contracts/\(id)/users"

                let removing = try await client.callInParallel([
                    ParallelRequest(.delete, "\(users)?user_id=\(ben.id)", bearer: anna.token),
                    ParallelRequest(.delete, "\(users)?user_id=\(anna.id)", bearer: ben.token),
                ])
                // The first to take the contract's lock wins; the other is no longer a member.
                #expect(removing.map(\.status).sorted() == [200, 404], "\(removing.map(\.json))")
                let owners = try await server.pool.query(
                    "SELECT count(*) AS n FROM contract_users WHERE contract_id = \(id) AND role_id = 1")
                #expect(try owners[0].decode(Int.self, "n") == 1)
            }
        }
    }
}
