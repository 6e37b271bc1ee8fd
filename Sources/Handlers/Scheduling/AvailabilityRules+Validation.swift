extension AvailabilityRules {
    /// Everything wrong with the rules, in reading order: weekdays Sunday to Saturday, then exceptions by date.
    ///
    /// Each interval must open within its day and close after it opens, at most 24 clock hours later. No two
    /// intervals may share clock time, including the part of an interval that runs past midnight and the next
    /// day's intervals (Saturday runs into Sunday). An overlap is reported on the later of the two intervals,
    /// naming the earlier one.
    func validationProblems() -> [SchedulingProblem] {
        var problems: [SchedulingProblem] = []
        var weeklyValid: [Weekday: [LabelledInterval]] = [:]
        for weekday in Weekday.allCases {
            let checked = Self.checkShapes(weekly[weekday] ?? [], field: { .weeklyInterval(weekday, index: $0) })
            problems += checked.problems
            weeklyValid[weekday] = checked.valid
            problems += Self.overlaps(within: checked.valid)
        }
        for weekday in Weekday.allCases {
            problems += Self.overlaps(spilling: weeklyValid[weekday]!, into: weeklyValid[weekday.next]!)
        }

        var exceptionValid: [LocalDate: [LabelledInterval]] = [:]
        let dates = exceptions.keys.sorted()
        for date in dates {
            let checked = Self.checkShapes(exceptions[date]!, field: { .exceptionInterval(date, index: $0) })
            problems += checked.problems
            exceptionValid[date] = checked.valid
        }
        func effective(_ date: LocalDate) -> [LabelledInterval] {
            exceptionValid[date] ?? weeklyValid[date.weekday]!
        }
        for date in dates {
            problems += Self.overlaps(within: exceptionValid[date]!)
            problems += Self.overlaps(spilling: effective(date.adding(days: -1)), into: exceptionValid[date]!)
            let next = date.adding(days: 1)
            if exceptionValid[next] == nil {
                problems += Self.overlaps(spilling: exceptionValid[date]!, into: effective(next))
            }
        }
        return problems
    }

    /// An interval that passed the shape checks, with the field it came from, sorted by opening time.
    struct LabelledInterval {
        let interval: AvailabilityInterval
        let field: SchedulingField
    }

    /// Splits `intervals` into well-formed ones (sorted by start) and problems for the rest.
    private static func checkShapes(
        _ intervals: [AvailabilityInterval], field: (Int) -> SchedulingField
    ) -> (valid: [LabelledInterval], problems: [SchedulingProblem]) {
        var valid: [LabelledInterval] = []
        var problems: [SchedulingProblem] = []
        for (index, interval) in intervals.enumerated() {
            if interval.endMinute <= interval.startMinute {
                problems.append(.invertedInterval(field(index), interval))
            } else if !(0..<1440).contains(interval.startMinute) || interval.clockMinutes > 1440 {
                problems.append(.intervalOutsideDay(field(index), interval))
            } else {
                valid.append(LabelledInterval(interval: interval, field: field(index)))
            }
        }
        valid.sort { $0.interval.startMinute < $1.interval.startMinute }
        return (valid, problems)
    }

    /// Overlaps among one day's sorted intervals: each interval is compared with the one reaching furthest
    /// among those opening before it.
    private static func overlaps(within day: [LabelledInterval]) -> [SchedulingProblem] {
        var problems: [SchedulingProblem] = []
        var furthest: LabelledInterval?
        for current in day {
            if let earlier = furthest, earlier.interval.endMinute > current.interval.startMinute {
                problems.append(.overlappingIntervals(current.field, current.interval, overlaps: earlier.field))
            }
            if furthest == nil || current.interval.endMinute > furthest!.interval.endMinute { furthest = current }
        }
        return problems
    }

    /// Overlaps between the parts of `day`'s intervals after midnight and the intervals of the day after.
    private static func overlaps(
        spilling day: [LabelledInterval], into nextDay: [LabelledInterval]
    ) -> [SchedulingProblem] {
        var problems: [SchedulingProblem] = []
        for spill in day where spill.interval.runsPastMidnight {
            for next in nextDay where next.interval.startMinute < spill.interval.endMinute - 1440 {
                problems.append(.overlappingIntervals(next.field, next.interval, overlaps: spill.field))
            }
        }
        return problems
    }
}
