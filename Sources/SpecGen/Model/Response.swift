/// One response of an operation, reference resolved.
struct Response: Sendable {
    /// Which status codes it answers.
    var status: ResponseStatus
    /// The `description` (required by OpenAPI; the reader warns when missing).
    var description: String
    /// The response headers, in document order (`Content-Type` is dropped, as OpenAPI says).
    var headers: OrderedMap<Header>
    /// The media types, in document order; empty for a response without body.
    var content: [MediaType]
    /// The `links` (read, not generated).
    var links: OrderedMap<Link>
    /// The reference it was reached through, e.g. `#/components/responses/NotFound`; nil when inline.
    var reference: Reference?
    /// Where the response is.
    var source: SpecLocation
}

/// The key of a response: `200`, `4XX` or `default`.
enum ResponseStatus: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// One status code, e.g. 201.
    case code(Int)
    /// A class of codes, `2XX` = 2.
    case range(Int)
    /// `default`: every code not listed.
    case `default`

    /// Reads a responses key; `2xx` is accepted as `2XX`.
    init?(_ key: String) {
        if key == "default" {
            self = .default
        } else if key.count == 3, let code = Int(key), (100...599).contains(code) {
            self = .code(code)
        } else if key.count == 3, key.uppercased().hasSuffix("XX"), let first = key.first?.wholeNumberValue,
            (1...5).contains(first)
        {
            self = .range(first)
        } else {
            return nil
        }
    }

    /// Whether the status means success (2xx).
    var isSuccess: Bool {
        switch self {
        case .code(let code): (200...299).contains(code)
        case .range(let first): first == 2
        case .default: false
        }
    }

    var description: String {
        switch self {
        case .code(let code): String(code)
        case .range(let first): "\(first)XX"
        case .default: "default"
        }
    }

    private var order: (Int, Int) {
        switch self {
        case .code(let code): (0, code)
        case .range(let first): (1, first)
        case .default: (2, 0)
        }
    }

    static func < (lhs: ResponseStatus, rhs: ResponseStatus) -> Bool { lhs.order < rhs.order }
}
