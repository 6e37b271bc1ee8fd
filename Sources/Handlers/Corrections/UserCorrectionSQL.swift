/// The SQL of profile corrections: a profile field as the text a correction stores, the correction as the spec's
/// `UserCorrection`, and a correction written into the profile. Lists are stored as their jsonb text (canonical,
/// so equal lists compare equal as text), instants as RFC 3339 in UTC to the second.
enum UserCorrectionSQL {
    /// The fields whose value is a JSON list.
    static let listFields: Set<String> = ["skills", "languages", "links"]

    /// The current value of the user `u`'s field named by a column `field` in scope, as correction text.
    static let currentValue: SQLFragment = """
        CASE field
            WHEN 'name' THEN u.name
            WHEN 'birthdate' THEN to_char(u.birthdate AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
            WHEN 'birthtime' THEN u.birthtime
            WHEN 'birthcity' THEN u.birthcity
            WHEN 'city' THEN u.city
            WHEN 'education' THEN u.education
            WHEN 'about' THEN u.about
            WHEN 'skills' THEN u.skills::text
            WHEN 'languages' THEN u.languages::text
            WHEN 'links' THEN u.links::text
        END
        """

    /// A row of `user_corrections` (aliased `c`) as the spec's `UserCorrection`, with its votes counted.
    static let json: SQLFragment = """
        (to_jsonb(c) - 'updated_at' || jsonb_build_object(
            'votes_for', (SELECT count(*) FROM user_correction_votes v WHERE v.correction_id = c.id AND v.vote),
            'votes_against', (SELECT count(*) FROM user_correction_votes v WHERE v.correction_id = c.id AND NOT v.vote)))
        """

    /// Writes the correction `c`'s `new_value` into its field of the profile `u`.
    static let apply: SQLFragment = """
        UPDATE users u SET
            name = CASE WHEN c.field = 'name' THEN c.new_value ELSE u.name END,
            birthdate = CASE WHEN c.field = 'birthdate' THEN c.new_value::timestamptz ELSE u.birthdate END,
            birthtime = CASE WHEN c.field = 'birthtime' THEN c.new_value ELSE u.birthtime END,
            birthcity = CASE WHEN c.field = 'birthcity' THEN c.new_value ELSE u.birthcity END,
            city = CASE WHEN c.field = 'city' THEN c.new_value ELSE u.city END,
            education = CASE WHEN c.field = 'education' THEN c.new_value ELSE u.education END,
            about = CASE WHEN c.field = 'about' THEN c.new_value ELSE u.about END,
            skills = CASE WHEN c.field = 'skills' THEN c.new_value::jsonb ELSE u.skills END,
            languages = CASE WHEN c.field = 'languages' THEN c.new_value::jsonb ELSE u.languages END,
            links = CASE WHEN c.field = 'links' THEN c.new_value::jsonb ELSE u.links END,
            updated_at = now()
        FROM user_corrections c
        """
}
