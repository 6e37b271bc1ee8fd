import Foundation
import Generated

extension ScheduleAvailability {
    /// The availability a schedule's settings describe (`ScheduleSettings`, stored resolved: every field present,
    /// the defaults of docs/domain.md "Schedule settings" filled in when it was written), bounded by the
    /// schedule's `start` and `end`. Interval texts the spec's pattern already checked ("HH:MM"); an unreadable one is a
    /// 422 under its `settings.` key rather than a crash.
    public init(
        settings: Types.ScheduleSettings, start: Date? = nil, end: Date? = nil
    ) throws(Problem) {
        var problems = ValidationErrors()
        var weekly: [Weekday: [AvailabilityInterval]] = [:]
        for member in settings.days {
            guard let number = Int(member.key), let weekday = Weekday(rawValue: number) else {
                problems.add(.custom("A weekday key is \"0\" (Sunday) to \"6\" (Saturday)."), at: "settings.days.\(member.key)")
                continue
            }
            weekly[weekday] = Self.intervals(member.value, key: "settings.days.\(member.key)", into: &problems)
        }
        var exceptions: [LocalDate: [AvailabilityInterval]] = [:]
        for member in settings.exceptions {
            guard let date = LocalDate(iso8601: member.key) else {
                problems.add(.custom("An exception key is a date YYYY-MM-DD."), at: "settings.exceptions.\(member.key)")
                continue
            }
            exceptions[date] = Self.intervals(member.value, key: "settings.exceptions.\(member.key)", into: &problems)
        }
        try problems.throwIfAny()
        self.init(
            rules: AvailabilityRules(weekly: weekly, exceptions: exceptions),
            timeZoneIdentifier: settings.timezone, slotMinutes: settings.duration, stepMinutes: settings.step,
            minimumNoticeMinutes: settings.msp, bufferBeforeMinutes: settings.bufferBefore,
            bufferAfterMinutes: settings.bufferAfter, validFrom: start, validUntil: end)
    }

    /// A list of `{"start": "HH:MM", "end": "HH:MM"}` as engine intervals (an end at or before the start runs
    /// into the next day).
    private static func intervals(_ value: JSONValue, key: String, into problems: inout ValidationErrors)
        -> [AvailabilityInterval]
    {
        guard let list = try? [Types.TimeInterval](json: value) else {
            problems.add(.custom("Each day lists intervals {\"start\": \"HH:MM\", \"end\": \"HH:MM\"}."), at: key)
            return []
        }
        var intervals: [AvailabilityInterval] = []
        for (index, interval) in list.enumerated() {
            guard let start = clockMinute(interval.start), let end = clockMinute(interval.end) else {
                problems.add(.custom("Times are written HH:MM, 00:00 to 23:59."), at: "\(key).\(index)")
                continue
            }
            intervals.append(AvailabilityInterval(fromClockMinute: start, toClockMinute: end))
        }
        return intervals
    }

    /// "HH:MM" as minutes after midnight.
    static func clockMinute(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let hour = Int(parts[0]),
            let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute)
        else { return nil }
        return hour * 60 + minute
    }
}
