import Foundation
import Generated

/// Peer corrections to people's profiles (docs/domain.md "Profile corrections", docs/corrections.md): anyone signed
/// in proposes changes to someone else's profile field by field; the owner's vote decides alone, otherwise a lead
/// of three approvals applies and a lead of three rejections rejects. Contact details, the salary and uploads are
/// the owner's alone (403). A vote locks its correction, and applying it locks the profile, so votes at once are
/// counted one after the other; a correction whose `old_value` is stale when it would apply is rejected instead.
public struct UserCorrections: Sendable {
    let pool: PostgresPool
    let limiter: RateLimiter

    /// Proposals per author and hour (docs/domain.md "Errors": peer corrections are rate limited).
    static let proposals = RateLimit(name: "user_corrections", limit: 120, window: 3600)

    public init(pool: PostgresPool) {
        self.pool = pool
        self.limiter = RateLimiter(pool: pool)
    }

    /// updateOtherUser on someone else: each field that differs from their profile becomes a pending correction.
    public func propose(to id: Int, with body: Types.UpdateOtherUserRequest, by caller: Caller) async throws
        -> Types.ProfileChange
    {
        guard case .user(let userID) = caller else { throw Problem.unauthenticated }
        if id == userID {
            throw Problem.invalid(
                "otheruser", "This is your own profile: change it with updateCurrentUser (PATCH /api/user).")
        }
        guard try await !pool.query("SELECT 1 FROM users WHERE id = \(id)").isEmpty else {
            throw Problem.notFound("user")
        }
        try AccessPolicy.requireProfileCorrection(body)
        try await limiter.check([(Self.proposals, "user:\(userID)")])
        return try await pool.transaction { tx in
            try await tx.query("SELECT id FROM users WHERE id = \(id) FOR UPDATE")
            var values: [(field: String, value: String)] = []
            func add(_ field: String, _ value: String?) {
                if let value { values.append((field, value)) }
            }
            add("name", body.name)
            add("birthdate", body.birthdate.map(EventCorrections.correctionText))
            add("birthtime", body.birthtime)
            add("birthcity", body.birthcity)
            add("city", body.city)
            add("education", body.education)
            add("about", body.about)
            if let skills = body.skills {
                add("skills", try await SkillCatalogue.skillsJSON(labeled: skills.map(\.label), in: tx).text)
            }
            add("languages", body.languages.map { PostgresJSON($0).text })
            add("links", body.links.map { PostgresJSON($0).text })
            let rows = try await tx.query(
                """
                WITH proposed AS (
                    SELECT field, \(UserCorrectionSQL.currentValue) AS old_value,
                           CASE field
                               WHEN 'languages' THEN (
                                   SELECT coalesce(jsonb_agg(jsonb_build_object('code', l.x->>'code', 'level', l.x->'level')
                                                             ORDER BY l.n), '[]'::jsonb)
                                   FROM jsonb_array_elements(p.value::jsonb) WITH ORDINALITY AS l(x, n))::text
                               WHEN 'links' THEN (
                                   SELECT coalesce(jsonb_agg(jsonb_build_object('label', l.x->'label', 'url', l.x->>'url')
                                                             ORDER BY l.n), '[]'::jsonb)
                                   FROM jsonb_array_elements(p.value::jsonb) WITH ORDINALITY AS l(x, n))::text
                               WHEN 'skills' THEN p.value::jsonb::text
                               ELSE p.value
                           END AS new_value
                    FROM users u CROSS JOIN unnest(\(values.map(\.field))::text[], \(values.map(\.value))::text[])
                         AS p(field, value)
                    WHERE u.id = \(id)
                )
                INSERT INTO user_corrections (user_id, author_id, field, old_value, new_value)
                SELECT \(id), \(userID), field, old_value, new_value FROM proposed
                WHERE old_value IS DISTINCT FROM new_value
                RETURNING id
                """)
            let created = try rows.map { try $0.decode(Int.self, "id") }
            let user = try await tx.query("SELECT \(PublicUserJSON.sql) AS user FROM users u WHERE u.id = \(id)")
            return Types.ProfileChange(
                message: "Corrections submitted", user: try user[0].decode(Types.PublicUser.self, json: "user"),
                corrections: try await Self.corrections(ids: created, on: tx), expiresAt: nil)
        }
    }

    /// voteCorrection: the caller's vote (replacing an earlier one), then the correction decided if the votes
    /// decide it (``AccessPolicy/profileCorrectionOutcome(ownerVote:approvals:rejections:)``).
    public func vote(_ id: Int, with body: Types.VoteRequest, by caller: Caller) async throws -> Types.UserCorrection {
        guard case .user(let userID) = caller else { throw Problem.unauthenticated }
        let verified = try await EventCorrections.emailVerified(userID, on: pool)
        return try await pool.transaction { tx in
            let rows = try await tx.query(
                "SELECT user_id, author_id, status_id FROM user_corrections WHERE id = \(id) FOR UPDATE")
            guard let row = rows.first else { throw Problem.notFound("correction") }
            let owner = try row.decode(Int.self, "user_id")
            try AccessPolicy.requireProfileVote(
                isAuthor: try row.decode(Int.self, "author_id") == userID, emailVerified: verified)
            guard try row.decode(Int.self, "status_id") == 100 else {
                throw Problem.invalid("correction", "This correction is decided: it takes no more votes.")
            }
            let tally = try await tx.query(
                """
                WITH cast_vote AS (
                    INSERT INTO user_correction_votes (correction_id, user_id, vote) VALUES (\(id), \(userID), \(body.vote))
                    ON CONFLICT (correction_id, user_id) DO UPDATE SET vote = excluded.vote, updated_at = now()
                    RETURNING user_id, vote
                ), votes AS (
                    SELECT user_id, vote FROM user_correction_votes WHERE correction_id = \(id) AND user_id <> \(userID)
                    UNION ALL SELECT user_id, vote FROM cast_vote
                )
                SELECT count(*) FILTER (WHERE vote) AS approvals, count(*) FILTER (WHERE NOT vote) AS rejections
                FROM votes
                """)
            let outcome = AccessPolicy.profileCorrectionOutcome(
                ownerVote: owner == userID ? body.vote : nil, approvals: try tally[0].decode(Int.self, "approvals"),
                rejections: try tally[0].decode(Int.self, "rejections"))
            if let outcome { try await Self.decide(id, of: owner, applying: outcome, in: tx) }
            return try await Self.corrections(ids: [id], on: tx)[0]
        }
    }

    /// deleteCorrection: the caller withdraws one of their corrections, in any status; another's is a 403.
    public func delete(_ id: Int, by caller: Caller) async throws -> Types.CorrectionList {
        guard case .user(let userID) = caller else { throw Problem.unauthenticated }
        return try await pool.transaction { tx in
            let rows = try await tx.query("SELECT author_id FROM user_corrections WHERE id = \(id) FOR UPDATE")
            guard let row = rows.first else { throw Problem.notFound("correction") }
            if try row.decode(Int.self, "author_id") != userID {
                throw Problem.forbidden("Only its author may withdraw a correction.")
            }
            try await tx.query("DELETE FROM user_corrections WHERE id = \(id)")
            return Types.CorrectionList(corrections: try await Self.corrections(by: userID, on: tx))
        }
    }

    /// bulkDeleteCorrections: all of `ids` or none. An id that is not one of the caller's corrections (another's or
    /// none at all, alike, so ids leak nothing) is a 422 on `ids.N`, and nothing is deleted.
    public func delete(_ ids: [Int], by caller: Caller) async throws -> Types.CorrectionList {
        guard case .user(let userID) = caller else { throw Problem.unauthenticated }
        return try await pool.transaction { tx in
            let rows = try await tx.query(
                """
                SELECT id FROM user_corrections WHERE id = ANY(\(ids)) AND author_id = \(userID) ORDER BY id FOR UPDATE
                """)
            let own = Set(try rows.map { try $0.decode(Int.self, "id") })
            var problems = ValidationErrors()
            for (index, id) in ids.enumerated() where !own.contains(id) {
                problems.add(.custom("No correction \(id) of yours exists."), at: "ids.\(index)")
            }
            try problems.throwIfAny()
            try await tx.query("DELETE FROM user_corrections WHERE id = ANY(\(ids)) AND author_id = \(userID)")
            return Types.CorrectionList(corrections: try await Self.corrections(by: userID, on: tx))
        }
    }

    /// The corrections with these ids, or proposed to `user` (getOtherUser), or by `author` (each nil: any),
    /// oldest first.
    static func corrections(
        ids: [Int]? = nil, to user: Int? = nil, by author: Int? = nil, on db: some PostgresQuerying
    ) async throws -> [Types.UserCorrection] {
        try await db.query(
            """
            SELECT \(UserCorrectionSQL.json) AS correction FROM user_corrections c
            WHERE (\(ids)::bigint[] IS NULL OR c.id = ANY(\(ids)::bigint[]))
              AND (\(user)::bigint IS NULL OR c.user_id = \(user)::bigint)
              AND (\(author)::bigint IS NULL OR c.author_id = \(author)::bigint)
            ORDER BY c.id
            """
        ).decodeAll(Types.UserCorrection.self, json: "correction")
    }

    /// Applies (when `applying`, and the profile still holds `old_value`) or rejects the correction.
    static func decide(_ id: Int, of owner: Int, applying: Bool, in tx: PostgresTransaction) async throws {
        var status = 400
        if applying {
            let rows = try await tx.query(
                """
                SELECT c.old_value IS NOT DISTINCT FROM \(UserCorrectionSQL.currentValue) AS fresh
                FROM user_corrections c JOIN users u ON u.id = c.user_id WHERE c.id = \(id) FOR UPDATE OF u
                """)
            if try rows[0].decode(Bool.self, "fresh") {
                try await tx.query("\(UserCorrectionSQL.apply) WHERE c.id = \(id) AND u.id = c.user_id")
                status = 200
            }
        }
        try await tx.query("UPDATE user_corrections SET status_id = \(status), updated_at = now() WHERE id = \(id)")
    }
}
