/// How a row of `events` (aliased `e`) becomes the spec's `Event` in SQL: the row's columns are the spec's fields,
/// less `ends_at` (kept for range tests), with `amount` as an exact decimal string (docs/domain.md "Money in
/// JSON") and the attendees with their public profiles, in the order they were invited. Every read of events
/// selects this one expression.
enum EventJSON {
    static let sql: SQLFragment =
        """
        (to_jsonb(e) - 'ends_at' || jsonb_build_object(
            'amount', money_text(e.amount),
            'attendees', coalesce((
                SELECT jsonb_agg(jsonb_build_object(
                           'event_id', eu.event_id, 'user_id', eu.user_id, 'role_id', eu.role_id,
                           'status_id', eu.status_id, 'user',
        """ + PublicUserJSON.sql
        + """
                       ) ORDER BY eu.created_at, eu.user_id)
                FROM event_users eu JOIN users u ON u.id = eu.user_id
                WHERE eu.event_id = e.id), '[]'::jsonb)))
        """
}
