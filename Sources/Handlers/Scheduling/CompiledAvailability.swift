/// Validated rules in the shape the slot sweep reads: per day, the intervals as local seconds after midnight.
///
/// Built once per `SlotEngine`; asking "what is open on day number d" is then an array or dictionary lookup
/// with no calendar involved (the weekday of a day number is arithmetic).
struct CompiledAvailability: Sendable {
    /// A day's interval in seconds after its local midnight; `end` may exceed 86,400 (past midnight).
    struct Span: Sendable {
        let start: Int
        let end: Int
    }

    /// Spans per weekday, indexed by `Weekday.rawValue`, sorted by start.
    private let weekly: [[Span]]
    /// Spans for exception dates, keyed by day number; an empty list closes the day.
    private let exceptions: [Int: [Span]]

    /// Compiles rules that passed `AvailabilityRules.validationProblems()`.
    init(_ rules: AvailabilityRules) {
        func spans(_ intervals: [AvailabilityInterval]) -> [Span] {
            intervals.map { Span(start: $0.startMinute * 60, end: $0.endMinute * 60) }.sorted { $0.start < $1.start }
        }
        weekly = Weekday.allCases.map { spans(rules.weekly[$0] ?? []) }
        exceptions = Dictionary(
            uniqueKeysWithValues: rules.exceptions.map { ($0.key.dayNumber, spans($0.value)) })
    }

    /// The spans that open on day number `day` (days since 1970-01-01 on the local calendar).
    func spans(onDay day: Int) -> [Span] {
        if !exceptions.isEmpty, let exception = exceptions[day] { return exception }
        return weekly[LocalDate.weekday(ofDayNumber: day).rawValue]
    }
}
