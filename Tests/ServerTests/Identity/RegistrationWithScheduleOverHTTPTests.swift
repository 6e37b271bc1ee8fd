import CekiTestSupport
import Foundation
import Generated
import Testing

/// `registerUser` with a `schedule` JSON part: the account and its schedule are made together, or neither.
@Suite("Registration with a schedule over HTTP")
struct RegistrationWithScheduleOverHTTPTests {
    static func form(email: String, schedule: String) -> MultipartForm {
        var form = MultipartForm()
        form.field("email", email)
        form.field("name", "Clara Consultant")
        form.field("terms", "1")
        form.field("schedule", schedule)
        return form
    }

    @Test func theScheduleSentWithTheSignUpIsTheNewAccountsAndBookable() async throws {
        let server = try await TestServer.identity.value
        try await server.application.test(.live) { client in
            let email = TestServer.uniqueEmail("scheduled")
            let schedule = #"""
                {"label": "Tax consultations", "price": 40, "currency": "EUR",
                 "settings": {"timezone": "Europe/Berlin", "duration": 30,
                              "days": {"1": [{"start": "09:00", "end": "12:00"}]}}}
                """#
            let registered = try await client.post("/api/register", form: Self.form(email: email, schedule: schedule))
            #expect(registered.status == 201, "\(registered.json)")
            let code = try await server.code(sentTo: email)
            let login = try await client.call(.post, "/api/login", json: ["email": .string(email), "password": .string(code)])
            let token = try #require(login["token"]?.stringValue)
            let user = try #require(login["user"]?["id"]?.int64Value)

            let profile = try await client.call(.get, "/api/users/\(user)", bearer: token)
            let schedules = try #require(profile["schedules"]?.arrayValue)
            #expect(schedules.count == 1 && schedules[0]["label"] == "Tax consultations", "\(profile.json)")
            #expect(schedules[0]["slug"] == "tax-consultations" && schedules[0]["price"] == 40)
            #expect(schedules[0]["settings"]?["timezone"] == "Europe/Berlin" && schedules[0]["currency"] == "EUR")
            let id = try #require(schedules[0]["id"]?.int64Value)
            // Monday 22 March 2027, 09:00 in Berlin (still winter time, UTC+1).
            let next = try await client.call(
                .get, "/api/schedules/\(id)/next-slot?after=2027-03-22T07:00:00Z", bearer: token)
            #expect(next["slot"]?["start"] == "2027-03-22T08:00:00Z", "\(next.json)")
        }
    }

    @Test func aScheduleCreateScheduleWouldRefuseLeavesNoAccount() async throws {
        let server = try await TestServer.identity.value
        try await server.application.test(.live) { client in
            let email = TestServer.uniqueEmail("badschedule")
            let schedule = #"""
                {"label": "Nights", "settings": {"timezone": "Mars/Olympus",
                                                 "days": {"1": [{"start": "09:00", "end": "12:00"}]}}}
                """#
            let refused = try await client.post("/api/register", form: Self.form(email: email, schedule: schedule))
            #expect(refused.status == 422, "\(refused.json)")
            #expect(Set(refused["errors"]?.objectValue?.keys ?? []) == ["schedule.settings.timezone"], "\(refused.json)")
            let rows = try await server.pool.query("SELECT count(*)::int AS n FROM users WHERE email = \(email)")
            #expect(try rows[0].decode(Int.self, "n") == 0, "a refused registration left an account")
            #expect(try await server.mailCount(to: email) == 0)
        }
    }
}
