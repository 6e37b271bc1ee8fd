import Foundation
import Generated

/// The agent side of finding people (the AgentSearch tag's billed operations): the same specialist search as
/// people use, and a person's profile as a stranger sees it plus the count of their active public schedules —
/// no email, no phone. Both need a verified email and are billed in the transaction that does the work, so a
/// 403 or a 404 costs nothing.
public struct AgentSpecialists: Sendable {
    let billing: Billing
    let search: SpecialistSearch

    public init(billing: Billing, search: SpecialistSearch) {
        self.billing = billing
        self.search = search
    }

    /// One page of specialists, charged as `api_search`.
    public func search(_ request: Types.SpecialistSearchRequest?, by agent: Int, now: Date = Date()) async throws
        -> Types.SpecialistPage
    {
        try await billing.perform(
            .apiSearch, operation: .agentSearchSpecialists, by: agent, requiresVerifiedEmail: true
        ) { tx in
            try await search.search(request, by: .agent(agent), now: now, on: tx)
        }
    }

    /// The profile of a person who has an active public schedule (404 otherwise, not charged), charged as
    /// `api_user_view` beyond the month's free views.
    public func profile(of user: Int, by agent: Int) async throws -> Types.SpecialistProfile {
        try await billing.perform(
            .apiUserView, operation: .agentViewUserProfile, by: agent, requiresVerifiedEmail: true
        ) { tx in
            let rows = try await tx.query(
                """
                SELECT \(PublicUserJSON.sql) || jsonb_build_object('active_schedules_count', live.count) AS profile
                FROM users u
                CROSS JOIN LATERAL (
                    SELECT count(*) AS count FROM schedules s
                    WHERE s.user_id = u.id AND s.deleted_at IS NULL AND NOT s.private
                      AND (s."end" IS NULL OR s."end" > now())
                ) live
                WHERE u.id = \(user) AND live.count > 0
                """)
            guard let row = rows.first else { throw Problem.notFound("specialist") }
            return try row.decode(Types.SpecialistProfile.self, json: "profile")
        }
    }
}
