import Foundation
import Generated

/// A `SpecialistSearchRequest` resolved and checked once (docs/scheduling.md "Searching for specialists"): the
/// filters SQL applies, the search window, and the free-slot test the slot engine applies when `days`, `hours`,
/// `start` or `end` is given. Every problem is one 422 naming each field.
struct SpecialistFilters: Sendable {
    /// The schedules' type: `type_id`, default 1 (availability).
    var typeID: Int
    var kalID: Int?
    var maximumNotice: Int?
    var priceFrom: Int?
    var priceTo: Int?
    /// Upper-cased, compared with the schedule's currency upper-cased.
    var currency: String?
    var minimumSlotMinutes: Int?
    /// The skill ids a schedule must all have, without repeats, ascending; nil for none.
    var skills: [Int]?
    /// The `query` as a PostgreSQL `tsquery` text: each word (letters and digits) a prefix, all required; nil when
    /// the query has no word.
    var words: String?
    var sortBy: Types.SpecialistSearchRequest.SortBy
    var descending: Bool
    var page: PageRequest

    /// The zone `days` and `hours` are read in.
    var timeZone: String
    /// The search window: free slots must start in [from, to).
    var window: (from: Date, to: Date)
    /// Weekdays (0 Sunday) a free slot must start on, in `timeZone`; nil for any (an empty list too).
    var days: Set<Int>?
    /// The clock window (minutes after midnight, in `timeZone`) a free slot must lie within; nil for any.
    var hours: (from: Int, to: Int)?
    /// Whether a schedule must show a free slot (any of `days`, `hours`, `start`, `end` given).
    var needsFreeSlot: Bool
    /// The moment of the search: notice, "current" and the default window are measured from it.
    var now: Date

    /// Results per page when the request says nothing, as Laravel's paginator.
    static let defaultPerPage = 15

    init(_ request: Types.SpecialistSearchRequest?, now: Date) throws(Problem) {
        let request = request ?? Types.SpecialistSearchRequest()
        var problems = ValidationErrors()
        if let problem = SchedulingTimeZones.problem(request.timezone, at: "timezone") { problems.merge(problem) }
        if let from = request.priceFrom, let to = request.priceTo, from > to {
            problems.add(.custom("The highest price must not be below the lowest (price_from)."), at: "price_to")
        }
        if let given = request.hours {
            let from = Self.minutes(given.from)
            let to = Self.minutes(given.to)
            if to <= from {
                problems.add(
                    .custom("The hours must end after they start; a window past midnight is two searches."),
                    at: "hours.to")
            }
            hours = (from, to)
        }
        let start = request.start ?? now
        let end = request.end ?? start.addingTimeInterval(Double(DateRangeQuery.defaultDays * 86_400))
        if end <= start {
            problems.add(.custom("The end of the search window must be after its start (default now)."), at: "end")
        } else if end.timeIntervalSince(start) > Double(DateRangeQuery.maximumDays * 86_400) {
            problems.add(.custom("The search window may span at most \(DateRangeQuery.maximumDays) days."), at: "end")
        }
        try problems.throwIfAny()

        typeID = request.typeId?.rawValue ?? 1
        kalID = request.kalId
        maximumNotice = request.msp
        priceFrom = request.priceFrom
        priceTo = request.priceTo
        currency = request.currency?.uppercased()
        minimumSlotMinutes = request.duration
        let skillIDs = Set(request.skills ?? [])
        skills = skillIDs.isEmpty ? nil : skillIDs.sorted()
        words = Self.tsquery(request.query)
        sortBy = request.sortBy ?? .updatedAt
        descending = request.descending ?? (sortBy != .price)
        page = PageRequest(page: request.page, perPage: request.perPage ?? Self.defaultPerPage)
        timeZone = request.timezone ?? "UTC"
        window = (start, end)
        days = request.days.flatMap { $0.isEmpty ? nil : Set($0) }
        needsFreeSlot = days != nil || request.hours != nil || request.start != nil || request.end != nil
        self.now = now
    }

    /// Whether `slot` (computed with `timeZone` as the viewer's zone) starts on one of `days` and lies within
    /// `hours` on that zone's clock.
    func fits(_ slot: Slot) -> Bool {
        if let days, !days.contains(slot.viewerDate.weekday.rawValue) { return false }
        guard let hours else { return true }
        let local = Int(slot.start.timeIntervalSince1970) + slot.viewerUTCOffsetSeconds
        let startSecond = (local % 86_400 + 86_400) % 86_400
        let length = Int(slot.end.timeIntervalSince(slot.start))
        return startSecond >= hours.from * 60 && startSecond + length <= hours.to * 60
    }

    /// The slot query of the window, with the searcher's zone as the viewer's.
    var slotQuery: SlotQuery {
        SlotQuery(from: window.from, to: window.to, viewerTimeZoneIdentifier: timeZone, now: now)
    }

    /// "HH:MM" (the schema's pattern) as minutes after midnight.
    static func minutes(_ clock: String) -> Int {
        let parts = clock.split(separator: ":")
        return (Int(parts.first ?? "") ?? 0) * 60 + (Int(parts.last ?? "") ?? 0)
    }

    /// "Tax  law!" → "tax:* & law:*": words of letters and digits, lower-cased, each a prefix; nil for none. Only
    /// letters, digits, ":*" and "&" reach `to_tsquery`, so no input can change the query's shape.
    static func tsquery(_ query: String?) -> String? {
        guard let query else { return nil }
        let words = query.lowercased().split { !($0.isLetter || $0.isNumber) }.prefix(20)
        guard !words.isEmpty else { return nil }
        return words.map { "\($0):*" }.joined(separator: " & ")
    }
}
