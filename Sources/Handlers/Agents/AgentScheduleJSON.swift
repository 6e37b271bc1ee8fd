/// How a row of `schedules` (aliased `s`) owned by an agent becomes the spec's `AgentSchedule` in SQL. Every read
/// of an agent's schedule selects this one expression.
enum AgentScheduleJSON {
    static let sql: SQLFragment =
        """
        jsonb_build_object('id', s.id, 'agent_id', s.agent_id, 'kal_id', s.kal_id, 'settings', s.settings,
                           'start', s.start, 'end', s."end", 'timezone', s.timezone, 'private', s.private,
                           'created_at', s.created_at, 'updated_at', s.updated_at)
        """
}
