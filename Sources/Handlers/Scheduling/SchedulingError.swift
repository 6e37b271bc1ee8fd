/// Why the engine refused a schedule or a query: every problem found, not just the first.
///
/// Handlers turn it into a 422 whose `errors` object is `messagesByField`, so a client fixes everything in one
/// round trip.
public struct SchedulingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The problems in the order they were found (fields in input order).
    public let problems: [SchedulingProblem]

    /// An error listing `problems`; never empty when thrown by the engine.
    public init(problems: [SchedulingProblem]) {
        self.problems = problems
    }

    /// Messages grouped by field key, each field's in the order found: the body of a Laravel-style 422.
    public var messagesByField: [String: [String]] {
        var grouped: [String: [String]] = [:]
        for problem in problems {
            grouped[problem.field.key, default: []].append(problem.message)
        }
        return grouped
    }

    public var description: String {
        problems.map(\.description).joined(separator: "; ")
    }
}
