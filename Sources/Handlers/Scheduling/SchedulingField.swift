/// The input a scheduling problem is about, so a handler can put the message under the right JSON key.
///
/// The engine's inputs are plain Swift values, not JSON, so it names fields structurally; `key` gives the
/// Laravel-style key of spec/openapi.yaml's `ScheduleSettings` and slot queries (`settings.duration`,
/// `settings.days.1.0` for Monday's first interval, `dates.to`). A handler whose input is shaped differently
/// (a time zone taken from the body's top-level `timezone`, say) switches over the cases instead.
public enum SchedulingField: Hashable, Sendable, CustomStringConvertible {
    /// The schedule's IANA time zone.
    case timeZone
    /// The slot length.
    case slotDuration
    /// The distance between slot starts.
    case slotStep
    /// The minimum notice (`msp`).
    case minimumNotice
    /// The buffer kept before busy time.
    case bufferBefore
    /// The buffer kept after busy time.
    case bufferAfter
    /// The schedule's first bookable instant (`start`).
    case validFrom
    /// The schedule's last bookable instant (`end`).
    case validUntil
    /// The interval at `index` (as given) in the weekly hours of `weekday`.
    case weeklyInterval(Weekday, index: Int)
    /// The interval at `index` (as given) in the exception for `date`.
    case exceptionInterval(LocalDate, index: Int)
    /// The start of the queried range.
    case rangeStart
    /// The end of the queried range.
    case rangeEnd
    /// The viewer's IANA time zone.
    case viewerTimeZone

    /// The key a 422 body lists the problem under, in the schedule settings' own vocabulary.
    public var key: String {
        switch self {
        case .timeZone: "settings.timezone"
        case .slotDuration: "settings.duration"
        case .slotStep: "settings.step"
        case .minimumNotice: "settings.msp"
        case .bufferBefore: "settings.buffer_before"
        case .bufferAfter: "settings.buffer_after"
        case .validFrom: "start"
        case .validUntil: "end"
        case .weeklyInterval(let weekday, let index): "settings.days.\(weekday.rawValue).\(index)"
        case .exceptionInterval(let date, let index): "settings.exceptions.\(date).\(index)"
        case .rangeStart: "dates.from"
        case .rangeEnd: "dates.to"
        case .viewerTimeZone: "viewer_timezone"
        }
    }

    public var description: String { key }
}
