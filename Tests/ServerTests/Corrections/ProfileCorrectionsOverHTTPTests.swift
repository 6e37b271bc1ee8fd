import CekiTestSupport
import Foundation
import Generated
import Handlers
import HTTPTypes
import HummingbirdTesting
import Testing

extension TestServer {
    /// The profile corrections suite's server and database (`ceki_test_corrections`).
    static let corrections = Task { try await TestServer(suite: "corrections") }
}

/// The OtherUser tag's corrections end to end (docs/domain.md "Profile corrections", docs/corrections.md):
/// proposing changes to someone else's profile, the owner deciding alone, the lead of three votes otherwise, one
/// vote per person, stale corrections, withdrawing one's own, and another person changing nothing.
@Suite("Profile corrections over HTTP")
struct ProfileCorrectionsOverHTTPTests {
    static func propose(
        _ client: some TestClientProtocol, to user: SignedInUser, _ body: JSONValue, by author: SignedInUser
    ) async throws -> JSONResponse {
        try await client.call(.patch, "/api/otherusers/\(user.id)", json: body, bearer: author.token)
    }

    static func vote(_ client: some TestClientProtocol, _ id: Int64, _ vote: Bool, by user: SignedInUser)
        async throws -> JSONResponse
    {
        try await client.call(.post, "/api/corrections/\(id)/vote", json: ["vote": .bool(vote)], bearer: user.token)
    }

    static func ids(_ answer: JSONResponse) -> [Int64] {
        answer["corrections"]?.arrayValue?.compactMap { $0["id"]?.int64Value } ?? []
    }

    @Test func changedFieldsBecomeCorrectionsThatTheProfileShows() async throws {
        let server = try await TestServer.corrections.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let created = try await client.call(
                .post, "/api/schedules", json: BookingOverHTTPTests.schedule(), bearer: anna.token)
            let schedule = try #require(created["id"]?.int64Value, "\(created.json)")
            let proposed = try await Self.propose(
                client, to: anna,
                [
                    "name": "Anna K.", "city": "Berlin", "birthdate": "1990-05-17T00:00:00Z",
                    "skills": [["label": "Tax law"]],
                    "languages": [["code": "de", "level": "native"], ["code": "en"]],
                    "links": [["url": "https://anna.example.com"]],
                ],
                by: ben)
            #expect(proposed.status == 200, "\(proposed.json)")
            #expect(proposed["message"] == "Corrections submitted" && proposed["expires_at"] == .null)
            #expect(proposed["user"]?["id"]?.int64Value == Int64(anna.id) && proposed["user"]?["city"] == .null)
            let corrections = proposed["corrections"]?.arrayValue ?? []
            // The name is already "Anna K.": no correction for it.
            #expect(
                corrections.map { $0["field"]?.stringValue } == ["birthdate", "city", "skills", "languages", "links"],
                "\(proposed.json)")
            #expect(corrections.allSatisfy { $0["status_id"] == 100 && $0["author_id"]?.int64Value == Int64(ben.id) })
            let languages = try #require(corrections.first { $0["field"] == "languages" })
            #expect(languages["old_value"] == "[]")
            #expect(languages["new_value"] == #"[{"code": "de", "level": "native"}, {"code": "en", "level": null}]"#)

            let profile = try await client.call(.get, "/api/otherusers/\(anna.id)", bearer: ben.token)
            #expect(profile.status == 200, "\(profile.json)")
            #expect(profile["user"]?["email"] == nil, "no contact details")
            #expect(Self.ids(profile) == Self.ids(proposed))
            #expect(profile["schedules"]?.arrayValue?.map { $0["id"]?.int64Value } == [schedule], "her public schedule")
            #expect(try await client.call(.get, "/api/otherusers/999999999", bearer: ben.token).status == 404)
            #expect(try await client.call(.get, "/api/otherusers/\(anna.id)").status == 401)
        }
    }

    @Test func aProfilesOwnFieldsAndBadFieldsAreRefusedAndNothingIsStored() async throws {
        let server = try await TestServer.corrections.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            for body: JSONValue in [
                ["phone": "+49 30 1234567"], ["email": "new@example.test"],
                ["sallary": ["amount": 1, "currency": "EUR"]],
                ["ava_id": 1, "city": "Paris"],
            ] {
                let refused = try await Self.propose(client, to: anna, body, by: ben)
                #expect(refused.status == 403, "\(body): \(refused.json)")
            }
            // Mass assignment: an unknown field is a 422 with every bad field named, and never stored.
            let bad = try await Self.propose(
                client, to: anna,
                ["name": "A", "email_verified_at": "2026-01-01T00:00:00Z", "tovarisch": true, "city": 5],
                by: ben)
            #expect(bad.status == 422, "\(bad.json)")
            #expect(
                Set(bad["errors"]?.objectValue?.keys ?? []) == ["name", "email_verified_at", "tovarisch", "city"],
                "\(bad.json)")
            let own = try await Self.propose(client, to: anna, ["city": "Rome"], by: anna)
            #expect(own.status == 422 && own["errors"]?["otheruser"] != nil, "\(own.json)")
            #expect(
                try await client.call(.patch, "/api/otherusers/999999999", json: ["city": "Rome"], bearer: ben.token)
                    .status == 404)
            #expect(try await client.call(.patch, "/api/otherusers/\(anna.id)", json: ["city": "Rome"]).status == 401)
            let stored = try await server.pool.query(
                """
                SELECT (SELECT count(*)::int FROM user_corrections WHERE user_id = \(anna.id)) AS corrections,
                       (SELECT phone IS NULL AND NOT tovarisch FROM users WHERE id = \(anna.id)) AS untouched
                """)
            #expect(try stored[0].decode(Int.self, "corrections") == 0 && stored[0].decode(Bool.self, "untouched"))
        }
    }

    @Test func theOwnerDecidesAloneAndOthersNeedALeadOfThree() async throws {
        let server = try await TestServer.corrections.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            var voters: [SignedInUser] = []
            for name in ["Cleo", "Dan", "Eve", "Finn"] { voters.append(try await server.signIn(client, name: name)) }
            let city = try #require(
                Self.ids(try await Self.propose(client, to: anna, ["city": "Berlin"], by: ben)).first)
            let about = try #require(
                Self.ids(try await Self.propose(client, to: anna, ["about": "Spam"], by: ben)).first)
            let education = try #require(
                Self.ids(try await Self.propose(client, to: anna, ["education": "TU Berlin"], by: ben)).first)

            // The author does not vote.
            #expect(try await Self.vote(client, city, true, by: ben).status == 403)
            // Two approvals and a rejection: a lead of one, still open. Cleo changes her mind: one vote per person.
            _ = try await Self.vote(client, city, true, by: voters[0])
            _ = try await Self.vote(client, city, true, by: voters[1])
            let open = try await Self.vote(client, city, false, by: voters[2])
            #expect(open["status_id"] == 100 && open["votes_for"] == 2 && open["votes_against"] == 1, "\(open.json)")
            let changed = try await Self.vote(client, city, false, by: voters[0])
            #expect(changed["votes_for"] == 1 && changed["votes_against"] == 2 && changed["status_id"] == 100)
            _ = try await Self.vote(client, city, true, by: voters[0])
            let leadOfTwo = try await Self.vote(client, city, true, by: voters[3])
            #expect(leadOfTwo["status_id"] == 100 && leadOfTwo["votes_for"] == 3 && leadOfTwo["votes_against"] == 1)
            let applied = try await Self.vote(client, city, true, by: voters[2])
            #expect(
                applied["status_id"] == 200 && applied["votes_for"] == 4 && applied["votes_against"] == 0,
                "\(applied.json)")
            let profile = try await client.call(.get, "/api/otherusers/\(anna.id)", bearer: voters[0].token)
            #expect(profile["user"]?["city"] == "Berlin")
            #expect(try await Self.vote(client, city, false, by: voters[1]).status == 422, "decided")

            // Three more rejections than approvals reject it.
            for voter in voters.prefix(3) { _ = try await Self.vote(client, about, false, by: voter) }
            let spam = try await client.call(.get, "/api/otherusers/\(anna.id)", bearer: ben.token)
            #expect(spam["corrections"]?.arrayValue?.first { $0["id"]?.int64Value == about }?["status_id"] == 400)
            #expect(spam["user"]?["about"] == .null)

            // The owner alone: her approval applies at once, even against the others' rejections.
            for voter in voters.prefix(2) { _ = try await Self.vote(client, education, false, by: voter) }
            let owners = try await Self.vote(client, education, true, by: anna)
            #expect(owners["status_id"] == 200, "\(owners.json)")
            #expect(try await Self.vote(client, 999_999_999, true, by: anna).status == 404)
            #expect(
                try await client.call(.post, "/api/corrections/\(education)/vote", json: ["vote": true]).status == 401)
            let users = try await server.pool.query("SELECT city, education FROM users WHERE id = \(anna.id)")
            #expect(
                try users[0].decode(String.self, "city") == "Berlin"
                    && users[0].decode(String.self, "education") == "TU Berlin")
        }
    }

    @Test func aStaleCorrectionIsRejectedAndAnUnverifiedAccountCannotVote() async throws {
        let server = try await TestServer.corrections.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let cleo = try await server.signIn(client, name: "Cleo")
            let bens = try #require(
                Self.ids(try await Self.propose(client, to: anna, ["city": "Berlin"], by: ben)).first)
            let cleos = try #require(
                Self.ids(try await Self.propose(client, to: anna, ["city": "Paris"], by: cleo)).first)
            #expect(try await Self.vote(client, cleos, true, by: anna)["status_id"] == 200)
            let stale = try await Self.vote(client, bens, true, by: anna)
            #expect(stale.status == 200 && stale["status_id"] == 400, "proposed on a null city: \(stale.json)")
            let users = try await server.pool.query("SELECT city FROM users WHERE id = \(anna.id)")
            #expect(try users[0].decode(String.self, "city") == "Paris")

            let about = try #require(Self.ids(try await Self.propose(client, to: anna, ["about": "Hi"], by: ben)).first)
            try await server.pool.query("UPDATE users SET email_verified_at = NULL WHERE id = \(cleo.id)")
            let refused = try await Self.vote(client, about, true, by: cleo)
            #expect(
                refused.status == 403 && refused["message"]?.stringValue?.contains("verified") == true,
                "\(refused.json)")
        }
    }

    @Test func authorsWithdrawTheirOwnCorrectionsOnlyAndBulkDeletesAllOrNothing() async throws {
        let server = try await TestServer.corrections.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let cleo = try await server.signIn(client, name: "Cleo")
            let bens = Self.ids(
                try await Self.propose(
                    client, to: anna, ["city": "Berlin", "about": "Hi", "education": "MIT"], by: ben))
            try #require(bens.count == 3)
            let cleos = try #require(
                Self.ids(try await Self.propose(client, to: anna, ["birthcity": "Rome"], by: cleo)).first)
            _ = try await Self.vote(client, bens[0], true, by: anna)

            #expect(try await client.call(.delete, "/api/corrections/\(cleos)", bearer: ben.token).status == 403)
            #expect(try await client.call(.delete, "/api/corrections/999999999", bearer: ben.token).status == 404)
            #expect(try await client.call(.delete, "/api/corrections/\(cleos)").status == 401)
            let withdrawn = try await client.call(.delete, "/api/corrections/\(bens[0])", bearer: ben.token)
            #expect(
                withdrawn.status == 200 && Self.ids(withdrawn) == [bens[1], bens[2]],
                "an applied one too: \(withdrawn.json)")

            let mixed = try await client.call(
                .delete, "/api/corrections?ids[]=\(bens[1])&ids[]=\(cleos)&ids[]=999999999", bearer: ben.token)
            #expect(
                mixed.status == 422 && Set(mixed["errors"]?.objectValue?.keys ?? []) == ["ids.1", "ids.2"],
                "\(mixed.json)")
            let left = try await server.pool.query(
                "SELECT count(*)::int AS n FROM user_corrections WHERE id = ANY(\([bens[1], bens[2], cleos].map(Int.init)))"
            )
            #expect(try left[0].decode(Int.self, "n") == 3, "nothing deleted")
            let bulk = try await client.call(
                .delete, "/api/corrections?ids[]=\(bens[1])&ids[]=\(bens[2])", bearer: ben.token)
            #expect(bulk.status == 200 && Self.ids(bulk).isEmpty, "\(bulk.json)")
            #expect(try await client.call(.delete, "/api/corrections?ids[]=\(cleos)").status == 401)
        }
    }

    @Test func aSecondUserChangesNothingThroughAnyOperation() async throws {
        let server = try await TestServer.corrections.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            let eve = try await server.signIn(client, name: "Eve")
            let id = try #require(Self.ids(try await Self.propose(client, to: anna, ["city": "Berlin"], by: ben)).first)
            func state() async throws -> String {
                let rows = try await server.pool.query(
                    """
                    SELECT jsonb_build_object(
                        'corrections', (SELECT jsonb_agg(to_jsonb(c) ORDER BY c.id) FROM user_corrections c WHERE c.user_id = \(anna.id)),
                        'votes', (SELECT jsonb_agg(to_jsonb(v)) FROM user_correction_votes v WHERE v.correction_id = \(Int(id))),
                        'user', (SELECT to_jsonb(u) - 'updated_at' FROM users u WHERE u.id = \(anna.id)))::text AS state
                    """)
                return try rows[0].decode(String.self, "state")
            }
            let before = try await state()
            // Eve withdraws Ben's, one at a time and in bulk, and corrects Anna's contact details: all refused.
            let answers = [
                try await client.call(.delete, "/api/corrections/\(id)", bearer: eve.token).status,
                try await client.call(.delete, "/api/corrections?ids[]=\(id)", bearer: eve.token).status,
                try await Self.propose(client, to: anna, ["phone": "+49 30 1234567", "city": "Rome"], by: eve).status,
                try await Self.propose(client, to: anna, ["city": "Rome", "role": "admin"], by: eve).status,
                try await Self.vote(client, id, true, by: ben).status,
            ]
            #expect(answers == [403, 422, 403, 422, 403], "\(answers)")
            #expect(try await state() == before, "nothing changed")
        }
    }

    @Test func proposalsAreRateLimitedPerAuthor() async throws {
        let server = try await TestServer.corrections.value
        try await server.application.test(.live) { client in
            let anna = try await server.signIn(client)
            let ben = try await server.signIn(client, name: "Ben")
            // Proposals that change nothing count too: the limit is on asking, not on what is stored.
            for _ in 0..<120 {
                try #require(try await Self.propose(client, to: anna, [:], by: ben).status == 200)
            }
            let limited = try await Self.propose(client, to: anna, ["city": "Berlin"], by: ben)
            #expect(limited.status == 429, "\(limited.json)")
            #expect(limited.headers[.retryAfter].flatMap { Int($0) }.map { $0 > 0 } == true)
            let cleo = try await server.signIn(client, name: "Cleo")
            #expect(try await Self.propose(client, to: anna, ["city": "Berlin"], by: cleo).status == 200, "per author")
        }
    }
}
