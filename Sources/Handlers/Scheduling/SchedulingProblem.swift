import Foundation

/// One thing wrong with a schedule or a query, tied to the field it is about.
///
/// The cases carry the offending values so a message can say what was received and what would be accepted.
public enum SchedulingProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// The zone is not in the tz database (or is a bare offset such as "GMT+5", whose sign conventions disagree
    /// between systems).
    case unknownTimeZone(SchedulingField, identifier: String)
    /// A length in minutes (duration, step, notice, buffer) outside what is accepted.
    case minutesOutOfRange(SchedulingField, minutes: Int, allowed: ClosedRange<Int>)
    /// An interval that closes at or before it opens.
    case invertedInterval(SchedulingField, AvailabilityInterval)
    /// An interval that does not open within its own day (before 00:00 or at/after 24:00) or lasts more than
    /// 24 clock hours.
    case intervalOutsideDay(SchedulingField, AvailabilityInterval)
    /// Two intervals share clock time, on the same day or where one runs past midnight into the next day's.
    case overlappingIntervals(SchedulingField, AvailabilityInterval, overlaps: SchedulingField)
    /// The schedule ends at or before it begins.
    case validityEndsBeforeStart(validFrom: Date, validUntil: Date)
    /// The range's end is not after its start.
    case emptyRange(from: Date, to: Date)
    /// The range is longer than the engine answers in one query.
    case rangeTooLong(days: Double, maximumDays: Int)
    /// An instant outside the years 1...9999, which no schedule is about.
    case instantOutOfSupportedRange(SchedulingField, Date)

    /// The field the problem belongs under.
    public var field: SchedulingField {
        switch self {
        case .unknownTimeZone(let field, _), .minutesOutOfRange(let field, _, _), .invertedInterval(let field, _),
            .intervalOutsideDay(let field, _), .overlappingIntervals(let field, _, _),
            .instantOutOfSupportedRange(let field, _):
            field
        case .validityEndsBeforeStart: .validUntil
        case .emptyRange, .rangeTooLong: .rangeEnd
        }
    }

    /// A sentence the person who sent the input can act on.
    public var message: String {
        switch self {
        case .unknownTimeZone(_, let identifier):
            "\"\(identifier)\" is not a known time zone; use an IANA name such as \"Europe/Berlin\"."
        case .minutesOutOfRange(let field, let minutes, let allowed):
            "The \(Self.noun(for: field)) must be between \(allowed.lowerBound) and \(allowed.upperBound) minutes; "
                + "got \(minutes)."
        case .invertedInterval(_, let interval):
            "The interval \(interval) ends before it starts; an interval that runs past midnight ends after 24:00."
        case .intervalOutsideDay(_, let interval):
            "The interval \(interval) must start between 00:00 and 23:59 and last at most 24 hours."
        case .overlappingIntervals(_, let interval, let other):
            "The interval \(interval) overlaps the interval at \(other.key)."
        case .validityEndsBeforeStart:
            "The schedule's end must be after its start."
        case .emptyRange:
            "The end of the range must be after its start."
        case .rangeTooLong(let days, let maximumDays):
            "The range may span at most \(maximumDays) days; this one spans \(Int(days.rounded(.up)))."
        case .instantOutOfSupportedRange:
            "The date must lie between the years 1 and 9999."
        }
    }

    public var description: String { "\(field.key): \(message)" }

    private static func noun(for field: SchedulingField) -> String {
        switch field {
        case .slotDuration: "slot duration"
        case .slotStep: "slot step"
        case .minimumNotice: "minimum notice"
        case .bufferBefore: "buffer before bookings"
        case .bufferAfter: "buffer after bookings"
        default: field.key
        }
    }
}
