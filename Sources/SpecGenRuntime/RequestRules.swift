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
///
/// A form operation (`multipart/form-data`) has ``form`` set: its body is read by ``FormDecoding`` into the
/// object the same ``body`` schema validates, and its files are kept in ``DecodedRequest/files``. A body that
/// is not a form is a 415, a form that cannot be read a 400.
///
/// Any other body (several media types, `text/*`, raw bytes) is described by ``content``, one ``MediaRules`` per
/// media type, and read by the request's `Content-Type` (``decodeContent(_:body:parser:)``).
public struct RequestRules: Sendable {
    /// The operation's parameters, in the spec's order.
    public let parameters: [ParameterRules]
    /// The `application/json` body schema, if the operation takes a body.
    public let body: JSONSchemaRules?
    /// Whether the spec marks the body `required`.
    public let isBodyRequired: Bool
    /// How the body's form parts map onto ``body``; nil for a JSON body.
    public let form: FormRules?
    /// The body's media types when it is not one JSON or form media type; empty otherwise (then ``body`` and
    /// ``form`` say how it is read).
    public let content: [MediaRules]

    public init(
        parameters: [ParameterRules] = [], body: JSONSchemaRules? = nil, isBodyRequired: Bool = false,
        form: FormRules? = nil, content: [MediaRules] = []
    ) {
        self.parameters = parameters
        self.body = form != nil ? (body ?? .any) : body
        self.isBodyRequired = isBodyRequired
        self.form = form
        self.content = content
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
        if !content.isEmpty { return try decodeContent(sources, body: raw, parser: parser) }
        var body: JSONValue?
        if form != nil, raw.isEmpty {
            body = nil  // an empty form is an absent body, as an empty JSON body is
        } else if let form {
            let parts: [MultipartPart]
            do {
                parts = try FormDecoding.parts(
                    contentType: sources.headers["content-type"], body: Array(raw), limits: form.limits)
            } catch {
                throw .malformedForm(error)
            }
            return try decode(sources, parts: parts)
        } else if self.body != nil {
            do {
                body = try parser.parse(raw)
            } catch {
                guard case .empty = error.reason else { throw .malformedBody(error) }
            }
        }
        return try validate(sources, body: body, files: [], errors: ValidationErrors(), failedKeys: [])
    }

    /// Decodes and validates a form request whose body has already been split into parts: the streaming route
    /// of an upload splits it while it arrives and hands over its text parts and its files' places.
    public func decode(_ sources: ParameterSources, parts: [MultipartPart]) throws(RequestRejection) -> DecodedRequest {
        var errors = ValidationErrors()
        var failedKeys: Set<String> = []
        let (body, files) = FormDecoding.decode(
            parts, schema: self.body, rules: form ?? FormRules(), into: &errors, failedKeys: &failedKeys)
        return try validate(sources, body: body, files: files, errors: errors, failedKeys: failedKeys)
    }

    /// The parameters decoded and the body checked against the schema, with every problem in one rejection.
    private func validate(
        _ sources: ParameterSources, body: JSONValue?, files: [UploadedFile], errors: ValidationErrors,
        failedKeys: Set<String>
    ) throws(RequestRejection) -> DecodedRequest {
        var body = body
        var errors = errors
        let parameterValues = ParameterDecoding.decode(parameters, from: sources, into: &errors)
        if let schema = self.body {
            var bodyErrors = ValidationErrors()
            if let value = body {
                schema.validate(value, at: .root, into: &bodyErrors)
            } else if isBodyRequired {
                if schema.admittedTypes.contains(.object) {
                    body = .object(JSONObject())
                    schema.validate(body!, at: .root, into: &bodyErrors)
                } else {
                    bodyErrors.add(.required, at: .root)
                }
            }
            // A form field already reported (its JSON did not parse) is not reported again by the schema.
            for issue in bodyErrors.issues
            where !failedKeys.contains(where: { issue.path.key == $0 || issue.path.key.hasPrefix($0 + ".") }) {
                errors.add(issue.failure, at: issue.path)
            }
        }
        NULCharacters.check(parameterValues, into: &errors)
        if let body { NULCharacters.check(body, at: .root, into: &errors) }
        if !errors.isEmpty { throw .invalid(errors) }
        return DecodedRequest(parameters: parameterValues, body: body, files: UploadedFiles(files))
    }
}

/// A request that passed its checks: parameter values by name and the body, ready for typed decoding.
public struct DecodedRequest: Sendable, Equatable {
    /// Present parameters by name, converted to their schema's JSON types.
    public let parameters: JSONObject
    /// The body, or nil when the operation takes none or an optional one was not sent. For a form, the object its
    /// parts make (a file part's value is its file name).
    public let body: JSONValue?
    /// A form's files, in the order sent; empty for JSON bodies.
    public let files: UploadedFiles
    /// The media type the body was read as, as the spec writes it (`text/plain`, `image/*`), when the operation
    /// lists several or non-JSON ones (``RequestRules/content``); nil otherwise and when no body came.
    public let mediaType: String?
    /// The body as bytes, for a media type read as bytes (``MediaRules/Reading/bytes(maximumBytes:)``).
    public let raw: RawBody?

    public init(
        parameters: JSONObject, body: JSONValue?, files: UploadedFiles = UploadedFiles(), mediaType: String? = nil,
        raw: RawBody? = nil
    ) {
        self.parameters = parameters
        self.body = body
        self.files = files
        self.mediaType = mediaType
        self.raw = raw
    }
}

extension DecodedRequest {
    /// The body read as bytes, for an operation whose body ``RequestRules`` requires (so it is there once the rules
    /// passed); throws ``JSONDecodingError/missingBody`` otherwise.
    public func rawBody() throws(JSONDecodingError) -> RawBody {
        guard let raw else { throw .missingBody }
        return raw
    }
}

extension JSONDecodingError {
    /// A required body that is not there: what typed decoding throws when it is called on a request that did not
    /// pass its rules.
    public static let missingBody = JSONDecodingError(expected: "a request body", found: "nothing")
}

extension DecodedRequest {
    /// The body's top-level fields that were sent, `null` ones included (empty for a body that is not an object):
    /// what a PATCH changes.
    public var sentFields: Set<String> {
        guard case .object(let object) = body else { return [] }
        return Set(object.keys)
    }
}
