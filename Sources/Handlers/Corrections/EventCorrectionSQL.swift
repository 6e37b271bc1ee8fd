/// The SQL of event corrections: an event field as the text a correction stores, the correction as the spec's
/// `EventCorrection`, and a correction written into its event. Values are text so that one column holds every
/// field: numbers in decimal, booleans `true`/`false`, instants as RFC 3339 in UTC to the second.
enum EventCorrectionSQL {
    /// The fields a correction may change, in the order a proposal lists them.
    static let fields = ["label", "description", "private", "status_id", "timezone", "date", "duration"]

    /// The fields whose change moves the event's time (and so `start`, `end` and `ends_at` with it).
    static let timeFields: Set<String> = ["timezone", "date", "duration"]

    /// The current value of the event `e`'s field named by a column `field` in scope, as correction text.
    static let currentValue: SQLFragment = """
        CASE field
            WHEN 'label' THEN e.label
            WHEN 'description' THEN e.description
            WHEN 'private' THEN e.private::text
            WHEN 'status_id' THEN e.status_id::text
            WHEN 'timezone' THEN e.timezone
            WHEN 'date' THEN to_char(e.date AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
            WHEN 'duration' THEN e.duration::text
        END
        """

    /// A row of `event_corrections` (aliased `c`) as the spec's `EventCorrection`, with its votes counted.
    static let json: SQLFragment = """
        (to_jsonb(c) - 'updated_at' || jsonb_build_object(
            'votes_for', (SELECT count(*) FROM event_correction_votes v WHERE v.correction_id = c.id AND v.vote),
            'votes_against', (SELECT count(*) FROM event_correction_votes v WHERE v.correction_id = c.id AND NOT v.vote)))
        """

    /// Writes the correction `c`'s `new_value` into its field of the event `e`, with the end instant that follows
    /// (in the same statement, so the event's span constraint holds); ``retime`` then recomputes the clock times
    /// from `date`, `duration` and `timezone` (docs/domain.md "Event time fields").
    static let apply: SQLFragment = """
        UPDATE events e SET
            label = CASE WHEN c.field = 'label' THEN c.new_value ELSE e.label END,
            description = CASE WHEN c.field = 'description' THEN c.new_value ELSE e.description END,
            private = CASE WHEN c.field = 'private' THEN c.new_value::boolean ELSE e.private END,
            status_id = CASE WHEN c.field = 'status_id' THEN c.new_value::smallint ELSE e.status_id END,
            timezone = CASE WHEN c.field = 'timezone' THEN c.new_value ELSE e.timezone END,
            date = CASE WHEN c.field = 'date' THEN c.new_value::timestamptz ELSE e.date END,
            duration = CASE WHEN c.field = 'duration' THEN c.new_value::int ELSE e.duration END,
            ends_at = CASE WHEN c.field = 'date' THEN c.new_value::timestamptz ELSE e.date END
                      + make_interval(mins => coalesce(CASE WHEN c.field = 'duration' THEN c.new_value::int
                                                            ELSE e.duration END, 0)),
            updated_at = now()
        FROM event_corrections c
        """

    /// `start` and `end` from `date`, `duration` and `timezone`, after a time correction.
    static let retime: SQLFragment = """
        UPDATE events e SET
            start = CASE WHEN e.date IS NULL THEN NULL
                         ELSE to_char(e.date AT TIME ZONE coalesce(e.timezone, 'UTC'), 'HH24:MI') END,
            "end" = CASE WHEN e.date IS NULL THEN NULL
                         ELSE to_char(e.ends_at AT TIME ZONE coalesce(e.timezone, 'UTC'), 'HH24:MI') END
        """
}
