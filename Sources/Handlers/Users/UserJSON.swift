/// How a row of `users` (aliased `u`) becomes the spec's `User` in SQL: the owner's own view, private fields
/// included; `ava_url` is where the avatar is served (docs/files.md).
enum UserJSON {
    static let sql: SQLFragment = """
        jsonb_build_object('id', u.id, 'name', u.name, 'email', u.email::text, 'phone', u.phone,
                           'timezone', u.timezone, 'currency', u.currency, 'birthdate', u.birthdate,
                           'birthtime', u.birthtime, 'birthcity', u.birthcity, 'city', u.city,
                           'education', u.education, 'about', u.about, 'ava_id', u.ava_id,
                           'ava_url', (SELECT file_url(ava.storage_key) FROM files ava
                                       WHERE ava.id = u.ava_id AND ava.deleted_at IS NULL),
                           'cv_id', u.cv_id, 'skills', u.skills, 'languages', u.languages, 'links', u.links,
                           'sallary', u.sallary, 'email_verified_at', u.email_verified_at,
                           'created_at', u.created_at, 'updated_at', u.updated_at)
        """
}
