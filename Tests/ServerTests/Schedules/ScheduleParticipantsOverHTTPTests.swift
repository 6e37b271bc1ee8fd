import CekiTestSupport
import Foundation
import Generated
import Handlers
import HTTPTypes
import HummingbirdTesting
import Testing

/// `listScheduleUsers`, `addScheduleUsers` and `removeScheduleUser` end to end: levels nobody may exceed, the
/// owner's row that nobody rewrites, and what a participant's levels then let them see and do.
@Suite("Schedule participants over HTTP")
struct ScheduleParticipantsOverHTTPTests {
    @Test func theOwnerAddsParticipantsWhoseLevelsDecideWhatTheyMayDo() async throws {
        let server = try await TestServer.schedules.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let cleo = try await server.signIn(client, name: "Cleo")
            let created = try await client.call(
                .post, "/api/schedules",
                json: ScheduleOverHTTPTests.body("Team hours").merging(["private": true]), bearer: anna.token)
            let id = try #require(created["id"]?.int64Value)
            let users = "/api/schedules/\(id)/users"

            #expect(try await client.call(.get, users, bearer: ben.token).status == 404, "private: invisible to Ben")
            let added = try await client.call(
                .post, users, json: [["user_id": .number(JSONNumber(ben.id)), "role_id": 2, "read": 2, "write": 3]],
                bearer: anna.token)
            #expect(added.status == 201, "\(added.json)")
            #expect(added.json.arrayValue?.map { $0["user_id"]?.int64Value } == [Int64(anna.id), Int64(ben.id)])
            #expect(added.json[0]?["role_id"] == 1 && added.json[1]?["user"]?["name"] == "Ben")

            // Ben, an admin with write level 3, now sees the private schedule and may add Cleo, but not above
            // his own levels and not as an owner.
            #expect(try await client.call(.get, "/api/schedules/\(id)", bearer: ben.token).status == 200)
            let tooHigh = try await client.call(
                .post, users,
                json: [
                    ["user_id": .number(JSONNumber(cleo.id)), "role_id": 1],
                    ["user_id": .number(JSONNumber(anna.id)), "role_id": 3],
                    ["user_id": 999_999_999, "role_id": 3],
                ],
                bearer: ben.token)
            #expect(tooHigh.status == 422, "\(tooHigh.json)")
            #expect(Set(tooHigh["errors"]?.objectValue?.keys ?? []) == ["0.role_id", "1.user_id", "2.user_id"])
            let member = try await client.call(
                .post, users, json: [["user_id": .number(JSONNumber(cleo.id)), "role_id": 3, "read": 1]],
                bearer: ben.token)
            #expect(member.status == 201 && member.json.arrayValue?.count == 3, "\(member.json)")
            #expect(member.json[2]?["read"] == 1 && member.json[2]?["write"] == 0)

            // Cleo (write 0) may list, may not add or remove others, may leave.
            #expect(try await client.call(.get, users, bearer: cleo.token).status == 200)
            let refused = try await client.call(
                .post, users, json: [["user_id": .number(JSONNumber(cleo.id)), "role_id": 3, "write": 3]],
                bearer: cleo.token)
            #expect(refused.status == 403)
            #expect(try await client.call(.delete, "\(users)?user_id=\(ben.id)", bearer: cleo.token).status == 403)
            let owner = try await client.call(.delete, "\(users)?user_id=\(anna.id)", bearer: ben.token)
            #expect(owner.status == 422 && owner["errors"]?["user_id"] != nil)
            let left = try await client.call(.delete, "\(users)?user_id=\(cleo.id)", bearer: cleo.token)
            #expect(left.status == 200 && left.json.arrayValue?.count == 2, "\(left.json)")
            #expect(try await client.call(.get, users, bearer: cleo.token).status == 404, "gone, and it is private")
            let notThere = try await client.call(.delete, "\(users)?user_id=\(cleo.id)", bearer: anna.token)
            #expect(notThere.status == 422)
        }
    }

    @Test func someoneWhoOnlySeesAPublicScheduleCannotListItsParticipants() async throws {
        let server = try await TestServer.schedules.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let created = try await client.call(
                .post, "/api/schedules", json: ScheduleOverHTTPTests.body("Open hours"), bearer: anna.token)
            let id = try #require(created["id"]?.int64Value)
            #expect(try await client.call(.get, "/api/schedules/\(id)/users", bearer: ben.token).status == 403)
            #expect(try await client.call(.get, "/api/schedules/\(id)/users").status == 401)
        }
    }
}
