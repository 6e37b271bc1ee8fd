/// How a row of `users` (aliased `u`) becomes the spec's `PublicUser` in SQL: what anyone signed in may see of a
/// person. Uploads are not served yet, so `ava_url` is null.
enum PublicUserJSON {
    static let sql: SQLFragment = """
        jsonb_build_object('id', u.id, 'name', u.name, 'ava_url', NULL, 'timezone', u.timezone, 'city', u.city,
                           'education', u.education, 'about', u.about, 'skills', u.skills,
                           'languages', u.languages, 'links', u.links, 'sallary', u.sallary, 'created_at', u.created_at)
        """
}
