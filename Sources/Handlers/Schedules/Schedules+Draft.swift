import Foundation
import Generated

extension Schedules {
    /// The settings a registration's schedule (`ScheduleDraft`) will have, checked as `createSchedule` checks
    /// them, before the account exists: problems are a 422 under `schedule.` (`schedule.settings.days.1.0.end`).
    /// The zone is `settings.timezone`, else UTC (a new account has no zone of its own yet).
    static func draftSettings(_ draft: Types.ScheduleDraft) throws -> Types.ScheduleSettings {
        let resolved = ResolvedScheduleSettings(draft.settings, timezone: nil, msp: nil, kalTimeZone: nil)
        do {
            _ = try resolved.engine(start: nil, end: nil)
        } catch {
            var problems = ValidationErrors()
            for field in error.fieldErrors?.fields ?? [] {
                for message in field.messages { problems.add(.custom(message), at: "schedule." + field.key) }
            }
            throw problems.isEmpty ? error : Problem.invalid(problems)
        }
        return resolved.settings
    }

    /// Stores a registration's schedule for the new account `owner`, in its default kal, in the registration's
    /// transaction: the account and its schedule exist together or not at all. A new account has no schedules,
    /// so the slug derived from the label is free.
    static func insertDraft(
        _ draft: Types.ScheduleDraft, settings: Types.ScheduleSettings, owner: Int, in tx: PostgresTransaction
    ) async throws {
        let slug = try await freeSlug(for: draft.label, owner: owner, in: tx)
        let rows = try await tx.query(
            """
            INSERT INTO schedules (type_id, user_id, kal_id, label, slug, description, private, timezone, msp, price,
                                   currency, settings)
            SELECT 1, \(owner), k.id, \(draft.label), \(slug), \(draft.description), \(draft.private_ ?? false),
                   \(settings.timezone), \(settings.msp), \(draft.price), \(draft.currency ?? "USD"),
                   \(PostgresJSON(settings))
            FROM kals k WHERE k.owner_type = 'User' AND k.user_id = \(owner) AND k.is_default
            RETURNING id
            """)
        try await tx.query(
            """
            INSERT INTO schedule_users (schedule_id, user_id, role_id, read, write)
            VALUES (\(try rows[0].decode(Int.self, "id")), \(owner), 1, 2, 3)
            """)
    }
}
