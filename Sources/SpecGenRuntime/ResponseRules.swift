/// The documented responses of one operation, as data: for each status the spec lists, whether a body comes with
/// it, its media types and JSON schema, and its headers. Tests check every answer against it, so a handler that
/// drifts from the spec fails its own tests without anyone writing an assertion for it.
///
/// Generated code prints one per operation, beside the request rules, with the same schema rules request bodies
/// use:
///
/// ```swift
/// public static let responses: ResponseRules = [
///     .code(201, json: .reference("Kal") { Schemas.kal }),
///     .code(204),
///     .code(429, json: .reference("Error") { Schemas.error }, headers: [.header("Retry-After", .integer(minimum: 0))]),
///     .range(5, json: .reference("Error") { Schemas.error }),
///     .default(json: .any),
/// ]
///
/// let mismatches = OperationID.createKal.responses.check(
///     status: 201, headers: ["Content-Type": "application/json"], body: bytes)
/// #expect(mismatches.isEmpty, "\(mismatches)")   // "body id: The id field is required."
/// ```
///
/// A status is looked up as OpenAPI says: its own code first, then its class (`4XX`), then `default`.
public struct ResponseRules: Sendable, ExpressibleByArrayLiteral {
    /// The documented responses, in the spec's order.
    public let responses: [DocumentedResponse]

    public init(_ responses: [DocumentedResponse]) {
        self.responses = responses
    }

    /// The rules as generated code writes them: `[.code(201, json: …), .code(204)]`.
    public init(arrayLiteral responses: DocumentedResponse...) {
        self.responses = responses
    }

    /// The documented response that covers `status`: the exact code, else its range (`4XX`), else `default`;
    /// nil when the spec does not document the status at all.
    public func response(for status: Int) -> DocumentedResponse? {
        responses.first { $0.status == .code(status) }
            ?? responses.first { $0.status == .range(status / 100) }
            ?? responses.first { $0.status == .default }
    }

    /// Every way a response received as bytes differs from its documented one; empty when it conforms.
    ///
    /// `headers` are matched without regard to case (`retry-after` is `Retry-After`). An empty `body` is no body.
    /// A body must come with a documented `Content-Type`; a JSON one (`application/json`, `…+json`) is parsed and
    /// validated by the response's schema, every failure reported with its field path. Headers the spec does not
    /// document (`X-Request-Id`) are not mismatches.
    public func check(status: Int, headers: [String: String], body: [UInt8]) -> [ResponseMismatch] {
        guard let documented = response(for: status) else {
            return [.undocumentedStatus(status, documented: responses.map(\.status.description))]
        }
        let sources = ParameterSources(headers: headers)
        var mismatches = documented.headerMismatches(in: sources)
        guard !body.isEmpty else {
            if documented.hasBody { mismatches.append(.missingBody(contentTypes: documented.contentTypes)) }
            return mismatches
        }
        guard documented.hasBody else { return mismatches + [.unexpectedBody] }
        let contentType = sources.headers["content-type"]
        if let contentType {
            // A body of a media type the spec does not list cannot be checked against anything.
            guard documented.documents(contentType) else {
                return mismatches + [.undocumentedContentType(contentType, documented: documented.contentTypes)]
            }
        } else {
            mismatches.append(.missingContentType(documented: documented.contentTypes))
        }
        // Only JSON is read; a documented body of another type (or one without a Content-Type that the spec does
        // not document as JSON) is checked for presence alone.
        guard let schema = documented.body, contentType.map(ResponseMediaType.isJSON) ?? true else {
            return mismatches
        }
        do {
            let value = try JSONParser().parse(body)
            return mismatches + DocumentedResponse.bodyMismatches(value, schema: schema)
        } catch {
            return mismatches + [.malformedJSON(error)]
        }
    }

    /// Every way a response whose body is already parsed differs from its documented one; empty when it conforms.
    ///
    /// `body` nil means no body. The value is JSON, so the response must document a JSON media type; a
    /// `Content-Type` in `headers` is checked only when present (the bytes overload wants one with any body), so a
    /// test may pass just a status and a value.
    public func check(status: Int, headers: [String: String] = [:], body: JSONValue?) -> [ResponseMismatch] {
        guard let documented = response(for: status) else {
            return [.undocumentedStatus(status, documented: responses.map(\.status.description))]
        }
        let sources = ParameterSources(headers: headers)
        var mismatches = documented.headerMismatches(in: sources)
        guard let body else {
            if documented.hasBody { mismatches.append(.missingBody(contentTypes: documented.contentTypes)) }
            return mismatches
        }
        guard documented.hasBody else { return mismatches + [.unexpectedBody] }
        if let contentType = sources.headers["content-type"] {
            guard documented.documents(contentType) else {
                return mismatches + [.undocumentedContentType(contentType, documented: documented.contentTypes)]
            }
            // A documented non-JSON body is checked for presence alone, as in the bytes overload.
            guard ResponseMediaType.isJSON(contentType) else { return mismatches }
        }
        guard let schema = documented.body else {
            return mismatches + [.undocumentedContentType("application/json", documented: documented.contentTypes)]
        }
        return mismatches + DocumentedResponse.bodyMismatches(body, schema: schema)
    }
}

/// One documented response: the status key it answers, its media types with the JSON schema, and its headers.
public struct DocumentedResponse: Sendable {
    /// A `responses` key: `201`, `4XX` or `default`.
    public enum Status: Sendable, Hashable, CustomStringConvertible {
        /// One status code.
        case code(Int)
        /// A class of codes by first digit: `range(4)` is `4XX`.
        case range(Int)
        /// Every status the operation does not list otherwise.
        case `default`

        public var description: String {
            switch self {
            case .code(let code): String(code)
            case .range(let first): "\(first)XX"
            case .default: "default"
            }
        }
    }

    /// Which statuses it answers.
    public let status: Status
    /// The documented media types as the spec writes them (`application/json`); empty when there is no body.
    public let contentTypes: [String]
    /// The schema of the JSON body; nil when the response has no body or only non-JSON media types (`.any` for a
    /// JSON media type without a schema).
    public let body: JSONSchemaRules?
    /// The documented headers (OpenAPI's header objects are parameters without `in`), in the spec's order.
    public let headers: [ParameterRules]

    /// A response with everything given. Prefer ``code(_:json:content:headers:)``, ``range(_:json:content:headers:)``
    /// and ``default(json:content:headers:)``.
    public init(status: Status, contentTypes: [String], body: JSONSchemaRules?, headers: [ParameterRules]) {
        self.status = status
        self.contentTypes = contentTypes
        self.body = body
        self.headers = headers
    }

    /// Whether a body is documented.
    public var hasBody: Bool { !contentTypes.isEmpty }

    /// The response for one status code: `.code(201, json: Schemas.kal)`; `.code(204)` has no body. `content`
    /// defaults to `application/json` when `json` is given, to none otherwise.
    public static func code(
        _ code: Int, json: JSONSchemaRules? = nil, content: [String]? = nil, headers: [ParameterRules] = []
    ) -> DocumentedResponse {
        DocumentedResponse(
            status: .code(code), contentTypes: content ?? (json == nil ? [] : ["application/json"]), body: json,
            headers: headers)
    }

    /// The response for a class of codes by its first digit: `.range(4, json: Schemas.error)` is `4XX`.
    public static func range(
        _ firstDigit: Int, json: JSONSchemaRules? = nil, content: [String]? = nil, headers: [ParameterRules] = []
    ) -> DocumentedResponse {
        DocumentedResponse(
            status: .range(firstDigit), contentTypes: content ?? (json == nil ? [] : ["application/json"]),
            body: json, headers: headers)
    }

    /// The `default` response: every status not listed otherwise.
    public static func `default`(
        json: JSONSchemaRules? = nil, content: [String]? = nil, headers: [ParameterRules] = []
    ) -> DocumentedResponse {
        DocumentedResponse(
            status: .default, contentTypes: content ?? (json == nil ? [] : ["application/json"]), body: json,
            headers: headers)
    }

    /// Whether `contentType` (a header value, parameters allowed) is one of the documented media types, ranges
    /// such as `text/*` and `*/*` included.
    public func documents(_ contentType: String) -> Bool {
        let actual = ResponseMediaType.essence(contentType)
        return contentTypes.contains { ResponseMediaType.matches(ResponseMediaType.essence($0), actual) }
    }

    /// Missing required headers and present headers whose value fails the schema, converted from text as a
    /// header parameter's is (`simple` style).
    func headerMismatches(in sources: ParameterSources) -> [ResponseMismatch] {
        var mismatches: [ResponseMismatch] = []
        for header in headers {
            guard let value = ParameterDecoding.value(of: header, in: sources) else {
                if header.isRequired { mismatches.append(.missingHeader(header.name)) }
                continue
            }
            var errors = ValidationErrors()
            header.schema.validate(value, at: FieldPath([.key(header.name)]), into: &errors)
            if !errors.isEmpty {
                mismatches.append(
                    .invalidHeader(
                        header.name, value: sources.headers[header.name.lowercased()] ?? "", issues: errors.issues))
            }
        }
        return mismatches
    }

    /// One mismatch per failure of the body against its schema, in the validator's order.
    static func bodyMismatches(_ body: JSONValue, schema: JSONSchemaRules) -> [ResponseMismatch] {
        schema.validate(body).issues.map(ResponseMismatch.invalidBody)
    }
}

/// One way a response differs from what the spec documents for its status, in words a test failure can print.
public enum ResponseMismatch: Sendable, Hashable, CustomStringConvertible {
    /// No documented response covers the status (no code, no `4XX`-style range, no `default`); the documented keys.
    case undocumentedStatus(Int, documented: [String])
    /// A header documented `required: true` is absent.
    case missingHeader(String)
    /// A header's value (as received) fails its schema.
    case invalidHeader(String, value: String, issues: [ValidationIssue])
    /// The spec documents a body (these media types) and the response has none.
    case missingBody(contentTypes: [String])
    /// The response has a body and the spec documents none for the status.
    case unexpectedBody
    /// The response has a body without a `Content-Type`; the documented media types.
    case missingContentType(documented: [String])
    /// The body's `Content-Type` is none of the documented ones (a non-JSON body where JSON is documented).
    case undocumentedContentType(String, documented: [String])
    /// The body is declared JSON and does not parse.
    case malformedJSON(JSONParseError)
    /// The JSON body fails its schema here, e.g. at `id` with `.required`.
    case invalidBody(ValidationIssue)

    public var description: String {
        switch self {
        case .undocumentedStatus(let status, let documented):
            return "status \(status) is not documented (documented: \(Self.list(documented)))"
        case .missingHeader(let name):
            return "header \(name) is required and missing"
        case .invalidHeader(let name, let value, let issues):
            return "header \(name) \(Self.quoted(value)): " + issues.map(\.message).joined(separator: " ")
        case .missingBody(let contentTypes):
            return "body missing: \(Self.list(contentTypes)) is documented"
        case .unexpectedBody:
            return "body present, and none is documented for this status"
        case .missingContentType(let documented):
            return "body has no Content-Type (documented: \(Self.list(documented)))"
        case .undocumentedContentType(let contentType, let documented):
            return "Content-Type \(contentType) is not documented (documented: \(Self.list(documented)))"
        case .malformedJSON(let error):
            return "body is not valid JSON: \(error.detail)"
        case .invalidBody(let issue):
            guard issue.path.isRoot else { return "body \(issue.path.key): \(issue.message)" }
            // The validator words messages for requests; this body is a response's.
            let message = issue.message
            let prefix = "The request body"
            return "body: " + (message.hasPrefix(prefix) ? "The response body" + message.dropFirst(prefix.count) : message)
        }
    }

    private static func list(_ items: [String]) -> String { items.isEmpty ? "none" : items.joined(separator: ", ") }

    private static func quoted(_ text: String) -> String { JSONValue.string(text).jsonText }
}

/// Media type names as a response's `Content-Type` and the spec's `content` keys write them.
enum ResponseMediaType {
    /// The type without parameters, lowercased: `Application/JSON; charset=utf-8` → `application/json`.
    static func essence(_ contentType: String) -> String {
        let base = contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return String(base.filter { $0 != " " && $0 != "\t" }).lowercased()
    }

    /// Whether a documented media type (`application/json`, `text/*`, `*/*`) covers an actual one.
    static func matches(_ documented: String, _ actual: String) -> Bool {
        if documented == actual || documented == "*/*" { return true }
        guard documented.hasSuffix("/*") else { return false }
        return actual.hasPrefix(documented.dropLast())
    }

    /// Whether a media type is JSON: `application/json`, `application/…+json` or `text/json`.
    static func isJSON(_ contentType: String) -> Bool {
        MediaTypeHeader(contentType).isJSON
    }
}
