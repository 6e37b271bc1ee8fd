import Foundation
import Generated

/// The AgentProfile tag beneath HTTP: an agent's own profile (read and partial update) and the public profile and
/// schedule history of active agents. The public read notes the access in an ``AgentAccessLog``, which writes
/// `last_accessed_at` at most once a minute per agent, off the read's path, so a storm of views is not a storm
/// of writes.
public struct AgentProfiles: Sendable {
    let pool: PostgresPool
    let accesses: AgentAccessLog

    public init(pool: PostgresPool, accesses: AgentAccessLog) {
        self.pool = pool
        self.accesses = accesses
    }

    /// The calling agent's full profile.
    public func own(_ agent: Int) async throws -> Types.Agent {
        let rows = try await pool.query("SELECT \(AgentJSON.ownSQL) AS agent FROM agents a WHERE a.id = \(agent)")
        guard let row = rows.first else { throw Problem.unauthenticated }
        return try row.decode(Types.Agent.self, json: "agent")
    }

    /// Changes what `body` sends: a field left out or null keeps its value (the name cannot be cleared), a list
    /// sent replaces the list, an empty text clears a text. The schema refuses fields it does not list, so status,
    /// email, balances and key never come from a body.
    public func update(_ agent: Int, with body: Types.UpdateAgentProfileRequest) async throws -> Types.Agent {
        try await pool.query(
            """
            UPDATE agents SET
                name = coalesce(\(body.name), name),
                avatar = coalesce(\(body.avatar), avatar),
                owner_email = coalesce(\(body.ownerEmail), owner_email),
                description = CASE WHEN \(body.description)::text IS NULL THEN description ELSE nullif(\(body.description), '') END,
                website_url = coalesce(\(body.websiteUrl), website_url),
                callback_url = coalesce(\(body.callbackUrl), callback_url),
                version = CASE WHEN \(body.version)::text IS NULL THEN version ELSE nullif(\(body.version), '') END,
                last_updated_at = coalesce(\(body.lastUpdatedAt), last_updated_at),
                limitations = CASE WHEN \(body.limitations)::text IS NULL THEN limitations ELSE nullif(\(body.limitations), '') END,
                sla = CASE WHEN \(body.sla)::text IS NULL THEN sla ELSE nullif(\(body.sla), '') END,
                license = CASE WHEN \(body.license)::text IS NULL THEN license ELSE nullif(\(body.license), '') END,
                privacy_url = coalesce(\(body.privacyUrl), privacy_url),
                skills = coalesce(\(body.skills.map { PostgresJSON($0) })::jsonb, skills),
                languages = coalesce(\(body.languages.map { PostgresJSON($0) })::jsonb, languages),
                tags = coalesce(\(body.tags.map { PostgresJSON($0) })::jsonb, tags),
                links = coalesce(\(body.links.map { PostgresJSON($0) })::jsonb, links),
                input_formats = coalesce(\(body.inputFormats.map { PostgresJSON($0) })::jsonb, input_formats),
                example_requests = coalesce(\(body.exampleRequests.map { PostgresJSON($0) })::jsonb, example_requests),
                example_responses = coalesce(\(body.exampleResponses.map { PostgresJSON($0) })::jsonb, example_responses),
                env_requirements = coalesce(\(body.envRequirements.map { PostgresJSON($0) })::jsonb, env_requirements),
                updated_at = now()
            WHERE id = \(agent)
            """)
        return try await own(agent)
    }

    /// An active agent's public profile with up to 20 of its active public schedules, newest first; 404 for an
    /// agent that is not active. `last_accessed_at` is the access last written, which this read joins within a
    /// second unless one was written in the last minute.
    public func publicProfile(_ agent: Int) async throws -> Types.PublicAgentProfile {
        let rows = try await pool.query(
            """
            SELECT \(AgentJSON.publicSQL) AS agent,
                   (SELECT coalesce(jsonb_agg(x.schedule ORDER BY x.created_at DESC, x.id DESC), '[]')
                    FROM (SELECT \(AgentScheduleJSON.sql) AS schedule, s.created_at, s.id FROM schedules s
                          WHERE s.agent_id = a.id AND s.deleted_at IS NULL AND NOT s.private
                            AND (s."end" IS NULL OR s."end" > now())
                          ORDER BY s.created_at DESC, s.id DESC LIMIT 20) x) AS schedules
            FROM agents a WHERE a.id = \(agent) AND a.status = 'active'
            """)
        guard let row = rows.first else { throw Problem.notFound("agent") }
        accesses.record(agent)
        return Types.PublicAgentProfile(
            agent: try row.decode(Types.PublicAgent.self, json: "agent"),
            schedules: try row.decode([Types.AgentSchedule].self, json: "schedules"))
    }

    /// One page (50) of an active agent's public schedules, newest first; 404 for an agent that is not active.
    public func scheduleHistory(_ agent: Int, page: Int?) async throws -> Types.AgentScheduleHistory {
        let request = PageRequest(page: page, perPage: 50)
        let rows = try await pool.query(
            """
            SELECT (SELECT count(*) FROM schedules s
                    WHERE s.agent_id = a.id AND s.deleted_at IS NULL AND NOT s.private) AS total
            FROM agents a WHERE a.id = \(agent) AND a.status = 'active'
            """)
        guard let row = rows.first else { throw Problem.notFound("agent") }
        let total = try row.decode(Int.self, "total")
        var items: [Types.AgentSchedule] = []
        if let offset = request.offset, offset < total {
            items = try await pool.query(
                """
                SELECT \(AgentScheduleJSON.sql) AS schedule FROM schedules s
                WHERE s.agent_id = \(agent) AND s.deleted_at IS NULL AND NOT s.private
                ORDER BY s.created_at DESC, s.id DESC LIMIT \(request.perPage) OFFSET \(offset)
                """
            ).decodeAll(Types.AgentSchedule.self, json: "schedule")
        }
        return Types.AgentScheduleHistory(
            agentId: agent,
            schedules: try Paginator(request, total: total).page(Types.AgentSchedulePage.self, items: items))
    }
}
