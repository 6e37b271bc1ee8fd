import CekiTestSupport
import Foundation
import Generated
import Handlers
import HTTPTypes
import HummingbirdTesting
import Testing

/// `bookScheduleSlot` end to end: only an offered start is taken, guests get an account only for a new address,
/// and no interleaving of parallel requests (each on its own connection) books one person twice.
@Suite("Booking over HTTP")
struct BookingOverHTTPTests {
    /// Mondays 09:00–12:00 Berlin with `duration`-minute slots every `step` minutes, no notice.
    static func schedule(duration: Int = 30, step: Int? = nil, price: Int? = nil) -> JSONValue {
        var settings: JSONObject = [
            "timezone": "Europe/Berlin", "duration": .number(JSONNumber(duration)),
            "days": ["1": [["start": "09:00", "end": "12:00"]]],
        ]
        if let step { settings["step"] = .number(JSONNumber(step)) }
        return [
            "label": "Consultations", "private": false, "currency": "EUR",
            "price": price.map { .number(JSONNumber($0)) } ?? .null, "settings": .object(settings),
        ]
    }

    /// Monday 22 March 2027, 09:00 in Berlin (08:00 UTC), plus `minutes`.
    static func monday(_ minutes: Int = 0) -> String {
        let date = Date(timeIntervalSince1970: 1_805_702_400 + Double(minutes * 60))
        return date.json.stringValue ?? ""
    }

    static func makeSchedule(_ server: TestServer, _ client: some TestClientProtocol, _ body: JSONValue = schedule())
        async throws -> (owner: SignedInUser, id: Int64)
    {
        let owner = try await server.signIn(client, name: "Olga Owner")
        let created = try await client.call(.post, "/api/schedules", json: body, bearer: owner.token)
        return (owner, try #require(created["id"]?.int64Value))
    }

    static func slotStarts(_ client: some TestClientProtocol, _ id: Int64, token: String) async throws -> [String] {
        let view = try await client.call(
            .get, "/api/schedules/\(id)?dates[from]=2027-03-22T00:00:00Z&dates[to]=2027-03-23T00:00:00Z",
            bearer: token)
        return view["slots"]?.arrayValue?.compactMap { $0["start"]?.stringValue } ?? []
    }

    @Test func aSignedInBookingIsPendingInTheOwnersKalAndTheSlotIsGone() async throws {
        let server = try await TestServer.schedules.value
        try await server.application.test(.live) { client in
            let (owner, id) = try await Self.makeSchedule(server, client, Self.schedule(price: 40))
            let ben = try await server.signIn(client, name: "Ben")
            let booked = try await client.call(
                .post, "/api/schedules/\(id)/book", json: ["start": .string(Self.monday(30)), "label": "Tax question"],
                bearer: ben.token)
            #expect(booked.status == 201, "\(booked.json)")
            #expect(booked["token"] == .null && booked["url"] == .null)
            #expect(booked["user"]?["id"]?.int64Value == Int64(ben.id) && booked["user"]?["name"] == "Ben")
            let event = try #require(booked["event"])
            #expect(event["status_id"] == 100 && event["type_id"] == 1 && event["private"] == true)
            #expect(event["date"]?.stringValue == Self.monday(30) && event["duration"] == 30)
            #expect(event["kal_schedule_id"]?.int64Value == id && event["amount"] == "40.00" && event["currency"] == "EUR")
            #expect(event["payment_status_id"] == 100 && event["label"] == "Tax question")
            // Ben has answered; Olga, who decides, is invited.
            let attendees = Dictionary(
                uniqueKeysWithValues: (event["attendees"]?.arrayValue ?? []).map {
                    ($0["user_id"]?.int64Value ?? 0, [$0["role_id"], $0["status_id"]])
                })
            #expect(attendees == [Int64(ben.id): [3, 200], Int64(owner.id): [1, 100]], "\(event)")

            let starts = try await Self.slotStarts(client, id, token: owner.token)
            #expect(starts.count == 5 && !starts.contains(Self.monday(30)), "\(starts)")
            let again = try await client.call(
                .post, "/api/schedules/\(id)/book", json: ["start": .string(Self.monday(30))], bearer: ben.token)
            #expect(again.status == 422 && again["errors"]?["start"] != nil, "\(again.json)")

            // An hour-long booking takes two slots; a length that is not whole slots is refused.
            let long = try await client.call(
                .post, "/api/schedules/\(id)/book", json: ["start": .string(Self.monday(60)), "duration": 60],
                bearer: ben.token)
            #expect(long.status == 201 && long["event"]?["amount"] == "80.00", "\(long.json)")
            let odd = try await client.call(
                .post, "/api/schedules/\(id)/book", json: ["start": .string(Self.monday(150)), "duration": 45],
                bearer: ben.token)
            #expect(odd.status == 422 && odd["errors"]?["duration"] != nil)
            let pay = try await client.call(
                .post, "/api/schedules/\(id)/book", json: ["start": .string(Self.monday(150)), "pay": true],
                bearer: ben.token)
            #expect(pay.status == 503 && pay["message"]?.stringValue?.contains("payment") == true)
        }
    }

    @Test func startsTheEngineDoesNotOfferAreRefusedOnStart() async throws {
        let server = try await TestServer.schedules.value
        try await server.application.test(.live) { client in
            let (owner, id) = try await Self.makeSchedule(server, client)
            let ben = try await server.signIn(client, name: "Ben")
            for start in [Self.monday(15), Self.monday(-60), Self.monday(24 * 60), "2020-03-23T08:00:00Z"] {
                let refused = try await client.call(
                    .post, "/api/schedules/\(id)/book", json: ["start": .string(start)], bearer: ben.token)
                #expect(refused.status == 422 && refused["errors"]?["start"] != nil, "\(start): \(refused.json)")
            }
            let own = try await client.call(
                .post, "/api/schedules/\(id)/book", json: ["start": .string(Self.monday())], bearer: owner.token)
            #expect(own.status == 403)
            let missing = try await client.call(
                .post, "/api/schedules/999999999/book", json: ["start": .string(Self.monday())], bearer: ben.token)
            #expect(missing.status == 404)
            let badToken = try await client.call(
                .post, "/api/schedules/\(id)/book", json: ["start": .string(Self.monday())], bearer: "nope")
            #expect(badToken.status == 401)
        }
    }

    @Test func aGuestGetsAnAccountOnlyForANewAddress() async throws {
        let server = try await TestServer.schedules.value
        try await server.application.test(.live) { client in
            let (_, id) = try await Self.makeSchedule(server, client)
            let noEmail = try await client.call(.post, "/api/schedules/\(id)/book", json: ["start": .string(Self.monday())])
            #expect(noEmail.status == 422 && noEmail["errors"]?["email"] != nil, "\(noEmail.json)")

            let email = TestServer.uniqueEmail("guest")
            let guest = try await client.call(
                .post, "/api/schedules/\(id)/book",
                json: ["start": .string(Self.monday()), "email": .string(email), "name": "Gina Guest"])
            #expect(guest.status == 201, "\(guest.json)")
            let token = try #require(guest["token"]?.stringValue)
            let home = try await client.call(.get, "/api/kals/default", bearer: token)
            #expect(home.status == 200 && home["kal"]?["user_id"] == guest["user"]?["id"], "\(home.json)")
            #expect(guest["user"]?["name"] == "Gina Guest")

            // The same address again, without a token: booked as that person, and no token handed out.
            let second = try await client.call(
                .post, "/api/schedules/\(id)/book", json: ["start": .string(Self.monday(30)), "email": .string(email)])
            #expect(second.status == 201 && second["token"] == .null, "\(second.json)")
            #expect(second["user"]?["id"] == guest["user"]?["id"])

            // A refused guest booking leaves no account behind.
            let stranger = TestServer.uniqueEmail("stranger")
            let refused = try await client.call(
                .post, "/api/schedules/\(id)/book", json: ["start": .string(Self.monday(15)), "email": .string(stranger)])
            #expect(refused.status == 422)
            let count = try await server.pool.query("SELECT count(*)::bigint AS n FROM users WHERE email = \(stranger)::citext")
            #expect(try count[0].decode(Int.self, "n") == 0)
        }
    }

    @Test func fiftyParallelBookingsOfOneSlotGiveExactlyOneBooking() async throws {
        let server = try await TestServer.schedules.value
        try await server.application.test(.live) { client in
            let (owner, id) = try await Self.makeSchedule(server, client)
            var bookers: [SignedInUser] = []
            for index in 0..<5 { bookers.append(try await server.signIn(client, name: "Booker \(index)")) }
            let requests = (0..<50).map { index in
                ParallelRequest(
                    .post, "/api/schedules/\(id)/book", json: ["start": .string(Self.monday(60))],
                    bearer: bookers[index % bookers.count].token)
            }
            let answers = try await client.callInParallel(requests)
            #expect(answers.filter { $0.status == 201 }.count == 1)
            #expect(answers.filter { $0.status == 422 }.count == 49, "\(answers.map(\.status))")
            let stored = try await server.pool.query(
                "SELECT count(*)::bigint AS n FROM events WHERE kal_schedule_id = \(Int(id)) AND deleted_at IS NULL")
            #expect(try stored[0].decode(Int.self, "n") == 1)
            #expect(try await Self.slotStarts(client, id, token: owner.token).count == 5)
        }
    }

    @Test func fiftyParallelOverlappingIntervalsGiveExactlyOneBookingAndBackToBackSlotsBothSucceed() async throws {
        let server = try await TestServer.schedules.value
        try await server.application.test(.live) { client in
            // 60-minute slots every minute: the starts 09:00 … 09:49 are 50 different slots, each overlapping
            // every other one.
            let (_, id) = try await Self.makeSchedule(server, client, Self.schedule(duration: 60, step: 1))
            let ben = try await server.signIn(client, name: "Ben")
            let requests = (0..<50).map { minute in
                ParallelRequest(.post, "/api/schedules/\(id)/book", json: ["start": .string(Self.monday(minute))], bearer: ben.token)
            }
            let answers = try await client.callInParallel(requests)
            #expect(answers.filter { $0.status == 201 }.count == 1, "\(answers.map(\.status))")
            #expect(answers.filter { $0.status == 422 }.count == 49)

            // Another owner's back-to-back half hours, booked at once: both are free, both succeed.
            let (_, other) = try await Self.makeSchedule(server, client)
            let pair = try await client.callInParallel([
                ParallelRequest(.post, "/api/schedules/\(other)/book", json: ["start": .string(Self.monday(0))], bearer: ben.token),
                ParallelRequest(.post, "/api/schedules/\(other)/book", json: ["start": .string(Self.monday(30))], bearer: ben.token),
            ])
            #expect(pair.map(\.status) == [201, 201], "\(pair.map(\.json))")
        }
    }

    @Test func anIdempotencyKeyBooksOnceHoweverOftenTheRequestIsSent() async throws {
        let server = try await TestServer.schedules.value
        try await server.application.test(.live) { client in
            let (_, id) = try await Self.makeSchedule(server, client)
            let ben = try await server.signIn(client, name: "Ben")
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "booking-\(UUID().uuidString)"]
            let body: JSONValue = ["start": .string(Self.monday(0))]
            let first = try await client.call(.post, "/api/schedules/\(id)/book", json: body, bearer: ben.token, headers: key)
            let retry = try await client.call(.post, "/api/schedules/\(id)/book", json: body, bearer: ben.token, headers: key)
            #expect(first.status == 201 && retry.status == 201, "\(retry.json)")
            #expect(retry.json == first.json, "the retry answers the first booking")
            let other = try await client.call(
                .post, "/api/schedules/\(id)/book", json: ["start": .string(Self.monday(30))], bearer: ben.token, headers: key)
            #expect(other.status == 422 && other["errors"]?["Idempotency-Key"] != nil, "\(other.json)")

            // Ten copies of one request with one key, at once: one booking; each answer is it, or a 409 while it
            // was being made.
            let burstKey: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "burst-\(UUID().uuidString)"]
            let burstBody: JSONValue = ["start": .string(Self.monday(60))]
            let answers = try await client.callInParallel(
                (0..<10).map { _ in
                    ParallelRequest(.post, "/api/schedules/\(id)/book", json: burstBody, bearer: ben.token, headers: burstKey)
                })
            #expect(answers.allSatisfy { $0.status == 201 || $0.status == 409 }, "\(answers.map(\.status))")
            let eventIDs = Set(answers.filter { $0.status == 201 }.compactMap { $0["event"]?["id"]?.int64Value })
            #expect(eventIDs.count == 1)
            let stored = try await server.pool.query(
                "SELECT count(*)::bigint AS n FROM events WHERE kal_schedule_id = \(Int(id)) AND deleted_at IS NULL")
            #expect(try stored[0].decode(Int.self, "n") == 2)

            // Another person's same key is theirs alone.
            let cleo = try await server.signIn(client, name: "Cleo")
            let hers = try await client.call(
                .post, "/api/schedules/\(id)/book", json: ["start": .string(Self.monday(90))], bearer: cleo.token, headers: key)
            #expect(hers.status == 201 && hers["user"]?["id"]?.int64Value == Int64(cleo.id))
        }
    }
}
