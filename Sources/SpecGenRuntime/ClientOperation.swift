/// One operation as a generated client sends it: the table row (method and path template), the request rules
/// the server runs, the documented responses, and how its typed `Input` and `Output` become and come from the
/// wire. Every generated `Operations.<Operation>` namespace conforms, so one generic
/// ``OperationClient/send(_:_:)`` serves them all and each client method is one line.
public protocol ClientOperation {
    /// The spec's `OperationID`.
    associatedtype ID: Hashable & Sendable
    /// The operation's typed input (the same type the server's handler receives).
    associatedtype Input: ClientInput
    /// The operation's typed output (the same type the server's handler answers with).
    associatedtype Output: ClientOutput

    /// The operation's row of the table: its method and path template.
    static var descriptor: OperationTableRow<ID> { get }
    /// What the server checks before its handler runs; the client checks the same before sending.
    static var rules: RequestRules { get }
    /// What every answer must match, by status; the client checks each answer against it.
    static var responses: ResponseRules { get }
    /// The operation's `security` alternatives, each the schemes that must all be sent together; `[]` is the
    /// anonymous alternative. Derived from ``descriptor`` unless the spec combines schemes.
    static var securityRequirements: [[String]] { get }
}

extension ClientOperation {
    /// One alternative per scheme of ``descriptor``'s security, then the anonymous one when it is optional.
    public static var securityRequirements: [[String]] {
        switch descriptor.security {
        case .none: [[]]
        case .required(let schemes): schemes.map { [$0] }
        case .optional(let schemes): schemes.map { [$0] } + [[]]
        }
    }
}

/// An operation's `Input` as the client sends it: its parameters by name and its body, still as values;
/// ``RequestEncoding`` writes them as the operation's ``RequestRules`` say.
public protocol ClientInput: Sendable {
    /// The parameters and the body to send.
    var clientRequest: ClientRequestValues { get }
}

/// An operation's `Output` read from an answer the client has already checked against the spec.
public protocol ClientOutput: Sendable {
    /// The case of the documented response that covers the answer's status, its body and headers typed.
    init(response: ReceivedResponse) throws(JSONDecodingError)
}

/// The values one request carries before they are encoded: what a generated `Input.clientRequest` returns.
///
/// ```swift
/// ClientRequestValues(parameters: ["kal": kal.json, "page": page?.json], body: .json("application/json", body.json))
/// ```
public struct ClientRequestValues: Sendable {
    /// The present parameters by their spec name (path, query, header and cookie alike; ``RequestRules`` says
    /// where each goes). A nil value is a parameter left out.
    public var parameters: JSONObject
    /// The body, or nil for none.
    public var body: ClientBody?

    public init(parameters: KeyValuePairs<String, JSONValue?> = [:], body: ClientBody? = nil) {
        var object = JSONObject()
        for (name, value) in parameters {
            if let value { object[name] = value }
        }
        self.parameters = object
        self.body = body
    }
}

/// A request body before encoding, in the media type it is sent as.
public enum ClientBody: Sendable, Equatable {
    /// A JSON media type (`application/json`, `…+json`): the value written as compact JSON.
    case json(String, JSONValue)
    /// A form (`multipart/form-data` or `application/x-www-form-urlencoded`): the object's fields as parts, the
    /// files as file parts (multipart only). The form's ``FormRules`` say which fields are JSON and which files.
    case form(String, JSONValue, files: UploadedFiles = [])
    /// A `text/*` media type: the text as UTF-8.
    case text(String, String)
    /// Any other media type: the bytes with their own `Content-Type`.
    case bytes(RawBody)
}
