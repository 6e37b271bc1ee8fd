import Foundation
import Generated

/// A schedule's settings as the server stores them (`ScheduleSettings`, every field present), resolved from what
/// a request sent (`ScheduleSettingsInput`) with the fallbacks of docs/domain.md "Schedule settings", and where
/// each resolved value came from, so that a problem with a fallback is reported on the field the client sent
/// (`timezone` rather than `settings.timezone`).
struct ResolvedScheduleSettings {
    var settings: Types.ScheduleSettings
    /// The request field the time zone came from: `settings.timezone`, `timezone`, or nil for the kal's or UTC.
    var timeZoneKey: String?
    /// The request field the minimum notice came from.
    var noticeKey: String
    /// The request field the slot length came from.
    var durationKey: String

    /// `settings.timezone`, else `timezone`, else the kal's, else UTC; `settings.msp`, else `msp`, else 0;
    /// `settings.duration`, else `duration` (only `previewScheduleSlots` sends one), else 60; `step` as the
    /// duration; buffers 0; no day limit or booking window; no exceptions.
    init(
        _ input: Types.ScheduleSettingsInput, timezone: String?, msp: Int?, duration: Int? = nil,
        kalTimeZone: String?
    ) {
        let resolvedDuration = input.duration ?? duration ?? 60
        settings = Types.ScheduleSettings(
            timezone: input.timezone ?? timezone ?? kalTimeZone ?? "UTC", duration: resolvedDuration,
            step: input.step ?? resolvedDuration, msp: input.msp ?? msp ?? 0, bufferBefore: input.bufferBefore ?? 0,
            bufferAfter: input.bufferAfter ?? 0, maxPerDay: input.maxPerDay, windowDays: input.windowDays,
            days: input.days, exceptions: input.exceptions ?? JSONObject())
        timeZoneKey = input.timezone != nil ? "settings.timezone" : timezone != nil ? "timezone" : nil
        noticeKey = input.msp == nil && msp != nil ? "msp" : "settings.msp"
        durationKey = input.duration == nil && duration != nil ? "duration" : "settings.duration"
    }

    /// The slot engine for these settings between `start` and `end`, or one 422 naming every problem (the
    /// engine's checks, under the keys the values came from).
    func engine(start: Date?, end: Date?) throws(Problem) -> SlotEngine {
        let availability = try ScheduleAvailability(settings: settings, start: start, end: end)
        do {
            return try SlotEngine(availability)
        } catch {
            var problems = ValidationErrors()
            for problem in error.problems {
                problems.add(.custom(problem.message), at: key(for: problem.field))
            }
            throw Problem.invalid(problems)
        }
    }

    private func key(for field: SchedulingField) -> String {
        switch field {
        case .timeZone: timeZoneKey ?? "settings.timezone"
        case .minimumNotice: noticeKey
        case .slotDuration: durationKey
        default: field.key
        }
    }
}
