/// How a row of `schedules` (aliased `s`) becomes the spec's `Schedule` in SQL: its columns are the spec's fields
/// (less `agent_id`, which people's schedules never set, and the specialist search's columns of m0009), with its
/// skills from the catalogue by label. Every read of a person's schedule selects this one expression.
enum ScheduleJSON {
    static let sql: SQLFragment =
        """
        (to_jsonb(s) - ARRAY['agent_id', 'search_slot_minutes', 'search_skill_ids', 'search_document'] || jsonb_build_object(
            'skills', coalesce((SELECT jsonb_agg(jsonb_build_object('id', sk.id, 'label', sk.label::text)
                                                 ORDER BY sk.label)
                                FROM schedule_skills ss JOIN skills sk ON sk.id = ss.skill_id
                                WHERE ss.schedule_id = s.id), '[]'::jsonb)))
        """
}
