import Foundation
import Generated

/// The `dates[from]`/`dates[to]` range of a read (`DatesQuery`), resolved: `from` inclusive (default now), `to`
/// exclusive (default `from` + 7 days), at most 366 days, `to` after `from`. Every read that takes the range
/// resolves it here, so each answers the same 422s under `dates.from` and `dates.to`.
public struct DateRangeQuery: Sendable, Hashable {
    public let from: Date
    public let to: Date

    /// The longest range one read answers, in days.
    public static let maximumDays = 366
    /// The range when none is given, in days.
    public static let defaultDays = 7

    public init(_ range: Types.DateRange?, now: Date = Date()) throws(Problem) {
        let from = range?.from ?? now
        let to = range?.to ?? from.addingTimeInterval(Double(Self.defaultDays * 86_400))
        if to <= from {
            throw Problem.invalid("dates.to", "The end of the range must be after its start.")
        }
        if to.timeIntervalSince(from) > Double(Self.maximumDays * 86_400) {
            throw Problem.invalid("dates.to", "The range may span at most \(Self.maximumDays) days.")
        }
        self.from = from
        self.to = to
    }
}
