/// Every problem with one request, collected before anything is answered, then sent as one 422.
///
/// The validator keeps going after the first failure so the client sees all of them at once, keyed Laravel-style
/// (`name`, `skills.3`, `links.0.url`). The body is Laravel's:
/// `{"message": "The name field is required. (and 2 more errors)", "errors": {"name": ["The name field is required."], …}}`.
/// Handlers add their own findings (a taken email) with ``add(_:at:)`` and ``custom(_:)`` so the shape never varies.
public struct ValidationErrors: Error, Sendable, Equatable, CustomStringConvertible {
    /// The issues in the order found (the schema's property order), repeats dropped.
    public private(set) var issues: [ValidationIssue] = []
    /// The same issues, for dropping repeats in constant time.
    private var recorded: Set<ValidationIssue> = []
    /// Whether issues past ``maximumIssues`` were dropped.
    public private(set) var isTruncated = false

    /// The most issues kept: a 100,000-element array of wrong values answers with the first thousand rather than
    /// a response larger than the request.
    public static let maximumIssues = 1000

    /// No issues yet.
    public init() {}

    /// Whether nothing failed.
    public var isEmpty: Bool { issues.isEmpty }

    /// How many issues there are.
    public var count: Int { issues.count }

    /// Records a failure at a path; the same failure twice at one path is kept once.
    public mutating func add(_ failure: ValidationFailure, at path: FieldPath) {
        let issue = ValidationIssue(path: path, failure: failure)
        guard issues.count < Self.maximumIssues else {
            isTruncated = true
            return
        }
        if recorded.insert(issue).inserted { issues.append(issue) }
    }

    /// Records a failure at a dotted Laravel key, for handlers: `errors.add(.custom("The email has already been taken."), at: "email")`.
    public mutating func add(_ failure: ValidationFailure, at dottedKey: String) {
        add(failure, at: FieldPath(dotted: dottedKey))
    }

    /// Takes in every issue of another collection (parameters and body checked separately, answered together).
    public mutating func merge(_ other: ValidationErrors) {
        for issue in other.issues { add(issue.failure, at: issue.path) }
    }

    /// The messages grouped by key, keys in first-seen order: the `errors` member of the response.
    public var fields: [(key: String, messages: [String])] {
        var order: [String] = []
        var grouped: [String: [String]] = [:]
        for issue in issues {
            let key = issue.path.key
            let message = issue.message
            if grouped[key] == nil {
                order.append(key)
                grouped[key] = [message]
            } else if !grouped[key]!.contains(message) {
                grouped[key]!.append(message)
            }
        }
        return order.map { ($0, grouped[$0]!) }
    }

    /// The messages for one key, e.g. `messages(for: "links.0.url")`.
    public func messages(for key: String) -> [String] {
        fields.first { $0.key == key }?.messages ?? []
    }

    /// Laravel's summary: the first message, then "(and 1 more error)" / "(and N more errors)" counting every
    /// other message.
    public var message: String {
        let all = fields.flatMap(\.messages)
        guard let first = all.first else { return "The given data was invalid." }
        let more = all.count - 1
        switch more {
        case 0: return first
        case 1: return "\(first) (and 1 more error)"
        default: return "\(first) (and \(more) more errors)"
        }
    }

    /// The 422 body: `{"message": …, "errors": {key: [messages]}}`.
    public var responseBody: JSONValue {
        var errors = JSONObject()
        for field in fields { errors[field.key] = .array(field.messages.map(JSONValue.string)) }
        return ["message": .string(message), "errors": .object(errors)]
    }

    /// The HTTP status these errors are answered with.
    public static let status = 422

    public var description: String { responseBody.jsonText }

    /// Equal when the same issues were found in the same order.
    public static func == (lhs: ValidationErrors, rhs: ValidationErrors) -> Bool { lhs.issues == rhs.issues }
}
