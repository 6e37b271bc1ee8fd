import Foundation
import Generated

/// The four time fields of an event, consistent with each other (docs/domain.md "Event time fields"): `date` the
/// start instant, `start`/`end` its local clock times in `timezone`, `duration` the minutes between, and `endsAt`
/// the end instant kept for range tests. Every operation that writes an event's time resolves it here.
struct EventTimes: Sendable, Equatable {
    let date: Date
    let endsAt: Date
    let start: String
    let end: String
    let duration: Int

    /// What a request gave: `date` the day and, unless `start` is given, the time; `start` replaces the time of day
    /// in `timezone`; either `duration` or `end` (an `end` at or before `start` is the next day), else
    /// `defaultDuration`. A local time the clocks skip (a spring-forward gap) is refused rather than moved.
    struct Request: Sendable {
        var date: Date?
        var start: String?
        var end: String?
        var duration: Int?
    }

    /// The resolved times, or nil for an undated event (a task or comment without a time); problems are added to
    /// `problems` under the request's field names, and nil returned, when the fields do not fit together.
    static func resolve(
        _ request: Request, defaultDuration: Int, minimumDuration: Int, timezone: String,
        problems: inout ValidationErrors, on db: some PostgresQuerying
    ) async throws -> EventTimes? {
        let problemsBefore = problems.count
        var duration = request.duration ?? defaultDuration
        guard let date = request.date else {
            for (field, value) in [("start", request.start), ("end", request.end)] where value != nil {
                problems.add(.custom("A \(field) time needs a date."), at: field)
            }
            if request.duration != nil { problems.add(.custom("A duration needs a date."), at: "duration") }
            return nil
        }
        if request.end != nil, request.duration != nil {
            problems.add(.custom("Give either duration or end, not both."), at: "end")
            return nil
        }
        // The local day of `date`, `start` on that day and `end` after it, all read in `timezone` by PostgreSQL's
        // zone database; each local time is written back to check that the zone has it that day.
        let rows = try await db.query(
            """
            WITH s AS (
                SELECT CASE WHEN \(request.start)::text IS NULL THEN \(date)::timestamptz
                            ELSE ((\(date)::timestamptz AT TIME ZONE \(timezone))::date + \(request.start)::time)
                                 AT TIME ZONE \(timezone) END AS starts
            ), e AS (
                SELECT starts, CASE WHEN \(request.end)::text IS NULL THEN starts + make_interval(mins => \(duration)::int)
                    ELSE ((starts AT TIME ZONE \(timezone))::date + \(request.end)::time
                          + CASE WHEN \(request.end)::time <= (starts AT TIME ZONE \(timezone))::time
                                 THEN interval '1 day' ELSE interval '0' END) AT TIME ZONE \(timezone) END AS ends
                FROM s
            )
            SELECT starts, ends, to_char(starts AT TIME ZONE \(timezone), 'HH24:MI') AS start_text,
                   to_char(ends AT TIME ZONE \(timezone), 'HH24:MI') AS end_text,
                   (extract(epoch FROM ends - starts) / 60)::bigint AS end_minutes
            FROM e
            """)
        let row = rows[0]
        let starts = try row.decode(Date.self, "starts")
        let endsAt = try row.decode(Date.self, "ends")
        if let start = request.start, try row.decode(String.self, "start_text") != start {
            problems.add(
                .custom("\(start) does not exist on that day in \(timezone): the clocks skip it."), at: "start")
        }
        if let end = request.end {
            if try row.decode(String.self, "end_text") != end {
                problems.add(.custom("\(end) does not exist on that day in \(timezone): the clocks skip it."), at: "end")
            }
            duration = try row.decode(Int.self, "end_minutes")
            if duration < minimumDuration {
                problems.add(
                    .custom("The event must last at least \(minimumDuration) minutes; this end makes \(duration)."),
                    at: "end")
            }
        }
        guard problems.count == problemsBefore else { return nil }
        return EventTimes(
            date: starts, endsAt: endsAt, start: try row.decode(String.self, "start_text"),
            end: try row.decode(String.self, "end_text"), duration: duration)
    }
}
