import Foundation
import Generated

/// The AgentSchedule tag beneath HTTP: an agent's own availability schedules, in its own kal, with the same
/// settings codec and slot engine checks as people's (`ResolvedScheduleSettings`). Another agent's schedule is a
/// 404. Creating one is billed: the checks and the insert run inside the billed transaction, so a schedule that
/// fails them costs nothing.
public struct AgentSchedules: Sendable {
    let pool: PostgresPool
    let billing: Billing

    public init(pool: PostgresPool, billing: Billing) {
        self.pool = pool
        self.billing = billing
    }

    /// One page (50) of the agent's schedules, newest first.
    public func list(of agent: Int, page: Int?) async throws -> Types.AgentSchedulePage {
        let request = PageRequest(page: page, perPage: 50)
        let total = try await pool.query(
            "SELECT count(*) AS total FROM schedules s WHERE s.agent_id = \(agent) AND s.deleted_at IS NULL"
        )[0].decode(Int.self, "total")
        var items: [Types.AgentSchedule] = []
        if let offset = request.offset, offset < total {
            items = try await pool.query(
                """
                SELECT \(AgentScheduleJSON.sql) AS schedule FROM schedules s
                WHERE s.agent_id = \(agent) AND s.deleted_at IS NULL
                ORDER BY s.created_at DESC, s.id DESC LIMIT \(request.perPage) OFFSET \(offset)
                """
            ).decodeAll(Types.AgentSchedule.self, json: "schedule")
        }
        return try Paginator(request, total: total).page(Types.AgentSchedulePage.self, items: items)
    }

    /// The agent's schedule `id`; 404 when it is not one of the agent's live schedules.
    public func find(_ id: Int, of agent: Int, on database: some PostgresQuerying) async throws -> Types.AgentSchedule {
        let rows = try await database.query(
            """
            SELECT \(AgentScheduleJSON.sql) AS schedule FROM schedules s
            WHERE s.id = \(id) AND s.agent_id = \(agent) AND s.deleted_at IS NULL
            """)
        guard let row = rows.first else { throw Problem.notFound("schedule") }
        return try row.decode(Types.AgentSchedule.self, json: "schedule")
    }

    /// A new schedule of the agent's, charged as `api_schedule_create`. `kal_id` must be the agent's own kal;
    /// the settings resolve as people's do (`settings.timezone`, else `timezone`, else UTC); private by default.
    public func create(_ body: Types.CreateAgentScheduleRequest, by agent: Int) async throws -> Types.AgentSchedule {
        try await billing.perform(.apiScheduleCreate, operation: .createAgentSchedule, by: agent) { tx in
            var problems = ValidationErrors()
            let kal = try await tx.query(
                """
                SELECT id FROM kals
                WHERE id = \(body.kalId) AND owner_type = 'Agent' AND user_id = \(agent) AND deleted_at IS NULL
                """)
            if kal.isEmpty { problems.add(.custom("No kal \(body.kalId) of yours exists."), at: "kal_id") }
            let resolved = ResolvedScheduleSettings(body.settings, timezone: body.timezone, msp: nil, kalTimeZone: nil)
            problems.merge(Self.problems(of: resolved, start: body.start, end: body.end))
            try problems.throwIfAny()
            let id = try await tx.query(
                """
                INSERT INTO schedules (type_id, agent_id, kal_id, label, slug, start, "end", private, timezone, msp,
                                       settings)
                VALUES (1, \(agent), \(body.kalId), 'Agent schedule', 'agent-schedule-' || gen_random_uuid(),
                        \(body.start), \(body.end), \(body.private_ ?? true), \(resolved.settings.timezone),
                        \(resolved.settings.msp), \(PostgresJSON(resolved.settings)))
                RETURNING id
                """)[0].decode(Int.self, "id")
            return try await find(id, of: agent, on: tx)
        }
    }

    /// Changes what `body` sends; `settings` replaces the settings as a whole, `timezone` alone moves the stored
    /// settings to that zone. Every problem of the result is one 422.
    public func update(_ id: Int, with body: Types.UpdateAgentScheduleRequest, by agent: Int) async throws
        -> Types.AgentSchedule
    {
        try await pool.transaction { tx in
            _ = try await tx.query(
                "SELECT 1 FROM schedules WHERE id = \(id) AND agent_id = \(agent) AND deleted_at IS NULL FOR UPDATE")
            let current = try await find(id, of: agent, on: tx)
            let input = body.settings ?? Self.input(from: current.settings)
            let timezone = body.timezone ?? (body.settings?.timezone == nil ? current.timezone : nil)
            let resolved = ResolvedScheduleSettings(
                body.settings == nil ? Self.droppingZone(of: input, for: body.timezone) : input,
                timezone: timezone, msp: nil, kalTimeZone: nil)
            let start = body.start ?? current.start
            let end = body.end ?? current.end
            try Self.problems(of: resolved, start: start, end: end).throwIfAny()
            try await tx.query(
                """
                UPDATE schedules SET start = \(start), "end" = \(end), private = \(body.private_ ?? current.private_),
                       timezone = \(resolved.settings.timezone), msp = \(resolved.settings.msp),
                       settings = \(PostgresJSON(resolved.settings)), updated_at = now()
                WHERE id = \(id)
                """)
            return try await find(id, of: agent, on: tx)
        }
    }

    /// Removes the agent's schedule (it stops being listed or found anywhere). The creation charge stays.
    public func delete(_ id: Int, by agent: Int) async throws {
        let rows = try await pool.query(
            """
            UPDATE schedules SET deleted_at = now(), updated_at = now()
            WHERE id = \(id) AND agent_id = \(agent) AND deleted_at IS NULL
            RETURNING id
            """)
        guard !rows.isEmpty else { throw Problem.notFound("schedule") }
    }

    /// The slot engine's problems with these settings between `start` and `end`, under the request's keys.
    static func problems(of resolved: ResolvedScheduleSettings, start: Date?, end: Date?) -> ValidationErrors {
        do {
            _ = try resolved.engine(start: start, end: end)
            return ValidationErrors()
        } catch {
            return error.fieldErrors ?? ValidationErrors()
        }
    }

    /// Stored settings as a request would send them, to be resolved again.
    static func input(from settings: Types.ScheduleSettings) -> Types.ScheduleSettingsInput {
        Types.ScheduleSettingsInput(
            timezone: settings.timezone, duration: settings.duration, step: settings.step, msp: settings.msp,
            bufferBefore: settings.bufferBefore, bufferAfter: settings.bufferAfter, maxPerDay: settings.maxPerDay,
            windowDays: settings.windowDays, days: settings.days, exceptions: settings.exceptions)
    }

    /// `input` without its zone when a new `zone` is given: the zone then resolves from the request's `timezone`,
    /// and a problem with it is reported on `timezone`, the field the client sent.
    static func droppingZone(of input: Types.ScheduleSettingsInput, for zone: String?) -> Types.ScheduleSettingsInput {
        guard zone != nil else { return input }
        var input = input
        input.timezone = nil
        return input
    }
}
