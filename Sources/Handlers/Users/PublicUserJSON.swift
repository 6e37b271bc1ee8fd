/// How a row of `users` (aliased `u`) becomes the spec's `PublicUser` in SQL: what anyone signed in may see of a
/// person; `ava_url` is where the avatar is served (docs/files.md).
enum PublicUserJSON {
    static let sql: SQLFragment = """
        jsonb_build_object('id', u.id, 'name', u.name,
                           'ava_url', (SELECT file_url(ava.storage_key) FROM files ava
                                       WHERE ava.id = u.ava_id AND ava.deleted_at IS NULL),
                           'timezone', u.timezone, 'city', u.city,
                           'education', u.education, 'about', u.about, 'skills', u.skills,
                           'languages', u.languages, 'links', u.links, 'sallary', u.sallary, 'created_at', u.created_at)
        """
}
