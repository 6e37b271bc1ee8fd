import CekiTestSupport
import Foundation
import Generated
import Testing

extension TestServer {
    static let people = Task { try await TestServer(suite: "people") }
}

/// One's own profile, its changes, others' public profiles and the reveals of their contact details, over HTTP
/// (docs/domain.md "People").
@Suite("People over HTTP", .serialized)
struct PeopleOverHTTPTests {
    @Test func theCurrentUserSeesTheirProfileContactsKalsContractsAndHands() async throws {
        let server = try await TestServer.people.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            #expect(try await client.call(.post, "/api/contacts", json: ["email": .string(ben.email)], bearer: anna.token).status == 201)
            let contract = try await ContractOverHTTPTests.create(client, by: anna)
            let kal = try await client.call(.post, "/api/kals", json: ["label": "Side projects", "private": false], bearer: anna.token)
            #expect(kal.status == 201, "\(kal.json)")

            let me = try await client.call(.get, "/api/profile", bearer: anna.token)
            #expect(me.status == 200, "\(me.json)")
            #expect(me["user"]?["id"]?.int64Value == Int64(anna.id) && me["user"]?["email"]?.stringValue == anna.email)
            #expect(me["contacts"]?.arrayValue?.map { $0["user_id"]?.int64Value } == [Int64(ben.id)])
            let kals = try #require(me["kals"]?.arrayValue)
            #expect(kals.count == 2 && kals[1]["label"] == "Side projects", "the default kal first")
            #expect(me["contracts"]?.arrayValue?.map { $0["id"]?.int64Value } == [Int64(contract)])
            let hands = try #require(me["hands"]?.arrayValue)
            #expect(hands.count == 1 && hands[0]["contract_id"]?.int64Value == Int64(contract))
            #expect(hands[0]["user_id"]?.int64Value == Int64(anna.id))

            let bens = try await client.call(.get, "/api/profile", bearer: ben.token)
            #expect(bens["contacts"]?.arrayValue?.isEmpty == true && bens["contracts"]?.arrayValue?.isEmpty == true)
            #expect(try await client.call(.get, "/api/profile").status == 401)
        }
    }

    @Test func aProfileChangeKeepsWhatWasNotSentAndClearsWhatWasSentEmpty() async throws {
        let server = try await TestServer.people.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            var form = MultipartForm()
            form.field("name", "Anna Kowalski")
            form.field("timezone", "Europe/Berlin")
            form.field("city", "Berlin")
            form.field("about", "Tax adviser for freelancers.")
            form.field("phone", "+49 30 1234567")
            form.field("birthtime", "07:45")
            form.field("sallary", #"{"amount": 80, "currency": "EUR", "period": "hour"}"#)
            form.field("skills", #"[{"label": "Tax law"}, {"label": "tax LAW"}, {"label": "Payroll"}]"#)
            form.field("languages", #"[{"code": "de", "level": "native"}, {"code": "en"}]"#)
            form.field("links", #"[{"label": "Website", "url": "https://anna.example.com"}]"#)
            let changed = try await client.send(.patch, "/api/profile", form: form, bearer: anna.token)
            #expect(changed.status == 200, "\(changed.json)")
            let user = try #require(changed["user"])
            #expect(user["name"] == "Anna Kowalski" && user["city"] == "Berlin" && user["timezone"] == "Europe/Berlin")
            #expect(user["phone"] == "+49 30 1234567" && user["birthtime"] == "07:45")
            #expect(user["sallary"] == ["amount": 80, "currency": "EUR", "period": "hour"])
            #expect(user["skills"]?.arrayValue?.map { $0["label"] } == ["Tax law", "Payroll"], "one skill per label")
            #expect(user["languages"] == [["code": "de", "level": "native"], ["code": "en", "level": nil]])
            #expect(user["links"] == [["label": "Website", "url": "https://anna.example.com"]])
            #expect(user["email"]?.stringValue == anna.email)

            // Only `city` (sent empty: cleared) and `sallary` (no period: a month) change.
            var second = MultipartForm()
            second.field("city", "")
            second.field("sallary", #"{"amount": 5000, "currency": "EUR"}"#)
            let cleared = try await client.send(.patch, "/api/profile", form: second, bearer: anna.token)
            #expect(cleared.status == 200, "\(cleared.json)")
            #expect(cleared["user"]?["city"] == .null && cleared["user"]?["about"] == "Tax adviser for freelancers.")
            #expect(cleared["user"]?["sallary"] == ["amount": 5000, "currency": "EUR", "period": "month"])
            #expect(cleared["user"]?["skills"]?.arrayValue?.count == 2 && cleared["user"]?["name"] == "Anna Kowalski")

            let read = try await client.call(.get, "/api/profile", bearer: anna.token)
            #expect(read["user"] == cleared["user"], "what the change answered is what is stored")
            #expect(try await client.send(.patch, "/api/profile", form: second).status == 401)
        }
    }

    @Test func aBadProfileChangeNamesEveryFieldAndStoresNothing() async throws {
        let server = try await TestServer.people.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let bensUpload = try await server.pool.query(
                """
                INSERT INTO files (user_id, kind, name, mime, size, sha256, storage_key)
                VALUES (\(ben.id), 'image', 'ben.png', 'image/png', 10, repeat('a', 64), 'people-' || gen_random_uuid())
                RETURNING id
                """)[0].decode(Int.self, "id")
            var form = MultipartForm()
            form.field("city", "Hamburg")
            form.field("timezone", "Mars/Olympus")
            form.field("password", "secret-one")
            form.field("password_confirmation", "secret-two")
            form.field("ava_id", String(bensUpload))
            let refused = try await client.send(.patch, "/api/profile", form: form, bearer: anna.token)
            #expect(refused.status == 422, "\(refused.json)")
            let errors = try #require(refused["errors"]?.objectValue)
            #expect(Set(errors.keys) == ["timezone", "password", "ava_id"], "\(errors)")

            // Fields the spec does not list are refused, never stored: the address changes only by its code.
            var sneaky = MultipartForm()
            sneaky.field("email", "taken-over@example.com")
            sneaky.field("email_verified_at", "2020-01-01T00:00:00Z")
            let mass = try await client.send(.patch, "/api/profile", form: sneaky, bearer: anna.token)
            #expect(mass.status == 422 && mass["errors"]?["email"] != nil, "\(mass.json)")
            let stored = try await server.pool.query("SELECT email::text AS email, city FROM users WHERE id = \(anna.id)")
            #expect(try stored[0].decode(String.self, "email") == anna.email)
            #expect(try stored[0].decode(String?.self, "city") == nil)
        }
    }

    @Test func aPasswordSetOnTheProfileLogsIn() async throws {
        let server = try await TestServer.people.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            var form = MultipartForm()
            form.field("password", "correct horse")
            form.field("password_confirmation", "correct horse")
            #expect(try await client.send(.patch, "/api/profile", form: form, bearer: anna.token).status == 200)
            let login = try await client.call(
                .post, "/api/login", json: ["email": .string(anna.email), "password": "correct horse"])
            #expect(login.status == 200 && login["user"]?["id"]?.int64Value == Int64(anna.id), "\(login.json)")
            let wrong = try await client.call(
                .post, "/api/login", json: ["email": .string(anna.email), "password": "wrong horse"])
            #expect(wrong.status == 422)
        }
    }

    @Test func anotherUsersPublicProfileShowsTheirCurrentPublicSchedulesOnly() async throws {
        let server = try await TestServer.people.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            var ids: [String: Int64] = [:]
            for (label, hidden) in [("Open", false), ("Hidden", true), ("Over", false)] {
                let created = try await client.call(
                    .post, "/api/schedules", json: ScheduleOverHTTPTests.body(label).merging(["private": .bool(hidden)]),
                    bearer: ben.token)
                #expect(created.status == 201, "\(label): \(created.json)")
                ids[label] = created["id"]?.int64Value
            }
            let over = try #require(ids["Over"])
            try await server.pool.query(
                """
                UPDATE schedules SET start = '2020-01-01T00:00:00Z', "end" = '2020-02-01T00:00:00Z' WHERE id = \(Int(over))
                """)
            var form = MultipartForm()
            form.field("phone", "+49 30 7654321")
            form.field("city", "Leipzig")
            #expect(try await client.send(.patch, "/api/profile", form: form, bearer: ben.token).status == 200)

            let profile = try await client.call(.get, "/api/users/\(ben.id)", bearer: anna.token)
            #expect(profile.status == 200, "\(profile.json)")
            #expect(profile["user"]?["id"]?.int64Value == Int64(ben.id) && profile["user"]?["city"] == "Leipzig")
            #expect(profile["user"]?["email"] == nil && profile["user"]?["phone"] == nil, "no contact details")
            #expect(profile["schedules"]?.arrayValue?.map { $0["id"]?.int64Value } == [ids["Open"]])
            #expect(try await client.call(.get, "/api/users/999999999", bearer: anna.token).status == 404)
            #expect(try await client.call(.get, "/api/users/\(ben.id)").status == 401)
        }
    }

    @Test func revealsAnswerTheDetailLogItAndNeedAVerifiedEmail() async throws {
        let server = try await TestServer.people.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            var form = MultipartForm()
            form.field("phone", "+49 30 1234567")
            #expect(try await client.send(.patch, "/api/profile", form: form, bearer: anna.token).status == 200)

            let email = try await client.call(.get, "/api/otherusers/\(anna.id)/email", bearer: ben.token)
            #expect(email.status == 200 && email["email"]?.stringValue == anna.email, "\(email.json)")
            let phone = try await client.call(.get, "/api/otherusers/\(anna.id)/phone", bearer: ben.token)
            #expect(phone.status == 200 && phone["phone"] == "+49 30 1234567", "\(phone.json)")
            let none = try await client.call(.get, "/api/otherusers/\(ben.id)/phone", bearer: anna.token)
            #expect(none.status == 200 && none["phone"] == .null, "Ben gave no phone")
            let own = try await client.call(.get, "/api/otherusers/\(ben.id)/email", bearer: ben.token)
            #expect(own.status == 200 && own["email"]?.stringValue == ben.email)
            let log = try await server.pool.query(
                """
                SELECT viewer_id, user_id, field FROM user_reveals
                WHERE viewer_id IN (\(anna.id), \(ben.id)) ORDER BY id
                """)
            #expect(
                try log.map { [try $0.decode(Int.self, "viewer_id"), try $0.decode(Int.self, "user_id")] }
                    == [[ben.id, anna.id], [ben.id, anna.id], [anna.id, ben.id]], "one's own reveal is not logged")
            #expect(try log.map { try $0.decode(String.self, "field") } == ["email", "phone", "phone"])

            #expect(try await client.call(.get, "/api/otherusers/999999999/email", bearer: ben.token).status == 404)
            #expect(try await client.call(.get, "/api/otherusers/\(anna.id)/email").status == 401)
            try await server.pool.query("UPDATE users SET email_verified_at = NULL WHERE id = \(ben.id)")
            let unverified = try await client.call(.get, "/api/otherusers/\(anna.id)/email", bearer: ben.token)
            #expect(unverified.status == 403, "\(unverified.json)")
        }
    }

    @Test func parallelRevealsPastTheDailyLimitGetExactlyWhatIsLeft() async throws {
        let server = try await TestServer.people.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            // 47 reveals in the window (the oldest 20 hours ago) and one older than a day, which no longer counts.
            try await server.pool.query(
                """
                INSERT INTO user_reveals (viewer_id, user_id, field, created_at)
                SELECT \(ben.id)::bigint, \(anna.id)::bigint, 'email', now() - interval '20 hours' + n * interval '1 minute'
                FROM generate_series(0, 46) n
                UNION ALL SELECT \(ben.id)::bigint, \(anna.id)::bigint, 'phone', now() - interval '25 hours'
                """)
            let answers = try await client.callInParallel(
                (0..<8).map { index in
                    ParallelRequest(.get, "/api/otherusers/\(anna.id)/\(index.isMultiple(of: 2) ? "email" : "phone")", bearer: ben.token)
                })
            #expect(answers.filter { $0.status == 200 }.count == 3, "\(answers.map(\.status))")
            let refused = answers.filter { $0.status == 429 }
            #expect(refused.count == 5)
            // The window frees a place when its oldest reveal (20 hours old) is a day old: in about 4 hours.
            for answer in refused {
                let wait = try #require(answer.headers[.retryAfter].flatMap { Int($0) })
                #expect((4 * 3600 - 60)...(4 * 3600) ~= wait, "Retry-After \(wait)")
            }
            let counted = try await server.pool.query(
                "SELECT count(*)::int AS n FROM user_reveals WHERE viewer_id = \(ben.id) AND created_at > now() - interval '1 day'")
            #expect(try counted[0].decode(Int.self, "n") == 50)
            let mine = try await client.call(.get, "/api/otherusers/\(ben.id)/phone", bearer: ben.token)
            #expect(mine.status == 200, "one's own detail is not limited")
        }
    }
}
