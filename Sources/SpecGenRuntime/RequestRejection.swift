/// Why a request was turned away before its handler ran, and how to answer it.
///
/// Generated operation code throws this from decoding; the server turns it into a response with ``status`` and
/// ``responseBody`` without knowing which operation it came from.
public enum RequestRejection: Error, Sendable, Equatable {
    /// The body is not JSON at all: 400 `{"message": "The request body is not valid JSON: … at line 1, column 14 …"}`.
    case malformedBody(JSONParseError)
    /// A form body that cannot be read (400), or a body that is not a form sent to a form operation (415).
    case malformedForm(MultipartError)
    /// The body's `Content-Type` is none the operation lists (nil when none was sent): 415 `{"message": "The request
    /// body must be text/plain or application/json, not image/png."}`.
    case unsupportedMediaType(sent: String?, accepted: [String])
    /// The body or parameters break the spec: 422 `{"message": …, "errors": {field: [messages]}}`.
    case invalid(ValidationErrors)

    /// The HTTP status to answer with.
    public var status: Int {
        switch self {
        case .malformedBody: 400
        case .malformedForm(let error): error.status
        case .unsupportedMediaType: 415
        case .invalid: ValidationErrors.status
        }
    }

    /// The JSON body to answer with.
    public var responseBody: JSONValue {
        switch self {
        case .malformedBody(let error): error.responseBody
        case .malformedForm(let error): error.responseBody
        case .unsupportedMediaType(let sent, let accepted):
            [
                "message": .string(
                    "The request body must be " + Self.alternatives(accepted)
                        + (sent.map { ", not \($0)." } ?? "; no Content-Type was sent."))
            ]
        case .invalid(let errors): errors.responseBody
        }
    }
}

extension RequestRejection {
    /// `a`, `a or b`, `a, b or c`.
    static func alternatives(_ items: [String]) -> String {
        guard let last = items.last else { return "empty" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " or " + last
    }
}

extension JSONSchemaRules {
    /// Parses a request body and validates it, collecting every failure: what generated code calls first for an
    /// operation with a JSON body. Parameter failures found before can be passed in, so one 422 lists both.
    ///
    /// An empty body (or only whitespace) is read as `{}` when the schema takes objects, as Laravel reads a missing
    /// body as empty input: the client learns which fields are required instead of "not JSON".
    public func decodeBody(
        _ bytes: [UInt8], parser: JSONParser = JSONParser(), adding earlier: ValidationErrors = ValidationErrors()
    ) throws(RequestRejection) -> JSONValue {
        let result: Result<JSONValue, RequestRejection> = bytes.withUnsafeBytes { raw in
            Result { () throws(RequestRejection) in try decodeBody(raw, parser: parser, adding: earlier) }
        }
        return try result.get()
    }

    /// ``decodeBody(_:parser:adding:)`` over a server's request buffer, without copying it.
    public func decodeBody(
        _ raw: UnsafeRawBufferPointer, parser: JSONParser = JSONParser(),
        adding earlier: ValidationErrors = ValidationErrors()
    ) throws(RequestRejection) -> JSONValue {
        let value: JSONValue
        do {
            value = try parser.parse(raw)
        } catch {
            guard case .empty = error.reason, admittedTypes.contains(.object) else {
                throw .malformedBody(error)
            }
            value = .object(JSONObject())
        }
        var errors = earlier
        validate(value, at: .root, into: &errors)
        if !errors.isEmpty { throw .invalid(errors) }
        return value
    }
}
