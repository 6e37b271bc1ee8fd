/// How a row of `contacts` (aliased `ct`) joined to the contact's `users` row (`u`) becomes the spec's `Contact`
/// in SQL. `count` and `last_contact` are what the two people share, counted as it is read: the live events (not
/// transactions) that each created or attends, and the contracts both are members of; `last_contact` is when the
/// newest of them began to be shared.
enum ContactJSON {
    static let sql: SQLFragment = """
        jsonb_build_object(
            'id', ct.id, 'owner_id', ct.owner_id, 'user_id', ct.user_id, 'label', ct.label,
            'description', ct.description, 'settings', jsonb_build_object('pinned', ct.pinned),
            'last_contact', shared.last_contact, 'count', shared.count, 'user',
        """ + PublicUserJSON.sql
        + """
        , 'created_at', ct.created_at, 'updated_at', ct.updated_at)
        """

    /// The lateral join that gives `shared.count` and `shared.last_contact` for `ct`.
    static let shared: SQLFragment = """
        CROSS JOIN LATERAL (
            SELECT count(*)::int AS count, max(since) AS last_contact FROM (
                SELECT e.created_at AS since FROM events e
                WHERE e.deleted_at IS NULL AND e.type_id <> 4
                  AND e.id IN (SELECT event_id FROM event_users WHERE user_id = ct.owner_id
                               UNION SELECT id FROM events WHERE user_id = ct.owner_id AND deleted_at IS NULL)
                  AND e.id IN (SELECT event_id FROM event_users WHERE user_id = ct.user_id
                               UNION SELECT id FROM events WHERE user_id = ct.user_id AND deleted_at IS NULL)
                UNION ALL
                SELECT greatest(mine.created_at, theirs.created_at) FROM contract_users mine
                JOIN contract_users theirs ON theirs.contract_id = mine.contract_id AND theirs.user_id = ct.user_id
                JOIN contracts c ON c.id = mine.contract_id AND c.deleted_at IS NULL
                WHERE mine.user_id = ct.owner_id) together) shared
        """
}
