/// Everything one operation checks before its handler runs: its parameters and its JSON body.
///
/// Generated code prints one per operation and calls ``decode(_:body:parser:)`` with what the server received:
///
/// ```swift
/// static let registerAgent = RequestRules(body: Schemas.registerAgentBody, isBodyRequired: true)
/// static let listContracts = RequestRules(parameters: [.query("page", .integer(minimum: 1))])
///
/// let request = try Operations.registerAgent.decode(sources, body: bytes)   // throws RequestRejection
/// let input = try RegisterAgentBody(json: request.body!)                      // typed, cannot fail after checks
/// ```
///
/// Parameter and body failures come back together in one 422; a body that is not JSON at all is a 400 at once.
public struct RequestRules: Sendable {
    /// The operation's parameters, in the spec's order.
    public let parameters: [ParameterRules]
    /// The `application/json` body schema, if the operation takes a body.
    public let body: JSONSchemaRules?
    /// Whether the spec marks the body `required`.
    public let isBodyRequired: Bool

    public init(parameters: [ParameterRules] = [], body: JSONSchemaRules? = nil, isBodyRequired: Bool = false) {
        self.parameters = parameters
        self.body = body
        self.isBodyRequired = isBodyRequired
    }

    /// Decodes and validates a request whose body the caller holds as bytes.
    public func decode(
        _ sources: ParameterSources, body bytes: [UInt8] = [], parser: JSONParser = JSONParser()
    ) throws(RequestRejection) -> DecodedRequest {
        let result: Result<DecodedRequest, RequestRejection> = bytes.withUnsafeBytes { raw in
            Result { () throws(RequestRejection) in try decode(sources, body: raw, parser: parser) }
        }
        return try result.get()
    }

    /// Decodes and validates a request, reading the body straight from the server's buffer.
    ///
    /// An empty body is absent: fine when the body is optional; when it is required, an object schema reads it as
    /// `{}` (so the client is told which fields are required, as Laravel does) and any other schema reports
    /// "The request body is required.".
    public func decode(
        _ sources: ParameterSources, body raw: UnsafeRawBufferPointer, parser: JSONParser = JSONParser()
    ) throws(RequestRejection) -> DecodedRequest {
        var body: JSONValue?
        if self.body != nil {
            do {
                body = try parser.parse(raw)
            } catch {
                guard case .empty = error.reason else { throw .malformedBody(error) }
            }
        }
        var errors = ValidationErrors()
        let parameterValues = ParameterDecoding.decode(parameters, from: sources, into: &errors)
        if let schema = self.body {
            if let value = body {
                schema.validate(value, at: .root, into: &errors)
            } else if isBodyRequired {
                if schema.admittedTypes.contains(.object) {
                    body = .object(JSONObject())
                    schema.validate(body!, at: .root, into: &errors)
                } else {
                    errors.add(.required, at: .root)
                }
            }
        }
        if !errors.isEmpty { throw .invalid(errors) }
        return DecodedRequest(parameters: parameterValues, body: body)
    }
}

/// A request that passed its checks: parameter values by name and the body, ready for typed decoding.
public struct DecodedRequest: Sendable, Equatable {
    /// Present parameters by name, converted to their schema's JSON types.
    public let parameters: JSONObject
    /// The body, or nil when the operation takes none or an optional one was not sent.
    public let body: JSONValue?

    public init(parameters: JSONObject, body: JSONValue?) {
        self.parameters = parameters
        self.body = body
    }
}
