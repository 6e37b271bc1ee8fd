/// One operation → its namespace in `Operations`: the table row, the request rules, the documented responses, the
/// typed `Input` and the `Output` enum with one case per documented status.
///
/// ```swift
/// public enum RegisterAgent {
///     public static let descriptor = OperationDescriptor(id: .registerAgent, method: "POST", …)
///     public static let rules = RequestRules(body: Schemas.registerAgentRequest, isBodyRequired: true)
///     public static let responses: ResponseRules = [.code(201, json: …), .code(429, json: …, headers: […])]
///     public struct Input { public var body: Types.RegisterAgentRequest; public var principal: Principal? … }
///     public enum Output { case created(Types.AgentRegistered); case unprocessableContent(JSONValue) … }
/// }
/// ```
struct OperationTranslator {
    var document: OpenAPIDocument
    var names: SchemaNames

    /// The names of one operation: the `OperationID` case and handler method (`registerAgent`), the namespace
    /// (`RegisterAgent`).
    struct OperationNames {
        var member: String
        var type: String
    }

    /// Names for every operation, unique even when operationIds differ only in punctuation.
    static func names(for operations: [Operation]) -> [OperationNames] {
        var members = SwiftNameScope(reserved: ClientTranslator.reservedMembers.union(["handle", "all"]))
        var types = SwiftNameScope(reserved: SchemaNames.reservedTypeNames)
        return operations.map { operation in
            let id = operation.operationID ?? (operation.method.rawValue + " " + operation.path)
            return OperationNames(
                member: members.claim(SwiftName.memberName(id)), type: types.claim(SwiftName.typeName(id)))
        }
    }

    var types: TypeTranslator {
        TypeTranslator(document: document, names: names, componentPrefix: "Types.")
    }

    private var rules: SchemaRulesTranslator { SchemaRulesTranslator(names: names) }

    /// The namespace of one operation.
    func namespace(_ operation: Operation, names operationNames: OperationNames) -> SwiftDeclaration {
        var members: [SwiftDeclaration] = [
            .variable(
                SwiftVariable(
                    doc: DocComment("The operation's row in the operation table."), isStatic: true, isLet: true,
                    name: "descriptor", type: "OperationDescriptor", value: descriptor(operation, names: operationNames)
                )),
            .variable(
                SwiftVariable(
                    doc: DocComment("What a request must satisfy before the handler runs: parameters and body."),
                    isStatic: true, isLet: true, name: "rules", type: "RequestRules", value: requestRules(operation))),
            .variable(
                SwiftVariable(
                    doc: DocComment(
                        "What every answer must match, by status: body, media types and headers. Tests check each response\nagainst it (`check(status:headers:body:)`), so a handler that drifts from the spec fails its own tests."
                    ),
                    isStatic: true, isLet: true, name: "responses", type: "ResponseRules",
                    value: responseRules(operation))),
        ]
        if let security = ClientTranslator(document: document).securityRequirements(operation) {
            members.append(security)
        }
        members.append(input(operation))
        members.append(output(operation))
        let doc = DocComment.paragraphs([
            operation.summary, operation.description,
            "`\(operation.method.wireName) \(operation.path)`" + (operation.deprecated ? " (deprecated)" : ""),
        ])
        return .type(
            SwiftTypeDeclaration(
                doc: doc, kind: .enum, name: operationNames.type, conformances: ["ClientOperation"], members: members))
    }

    // MARK: - Table row

    /// `OperationDescriptor(id: .registerAgent, method: "POST", path: "/api/agent/register", …)`.
    func descriptor(_ operation: Operation, names operationNames: OperationNames) -> SwiftExpression {
        let billing = operation.extensions["x-billing"].flatMap { value -> SwiftExpression? in
            if case .string(let text) = value { return .string(text) }
            if case .object(let members) = value,
                let kind = members.first(where: { $0.name == "kind" || $0.name == "type" })?.value.stringValue
            {
                return .string(kind)
            }
            return nil
        }
        return .call(
            .identifier("OperationDescriptor"),
            [
                SwiftArgument("id", .member(nil, operationNames.member)),
                SwiftArgument("method", .string(operation.method.wireName)),
                SwiftArgument("path", .string(operation.path)),
                SwiftArgument("security", security(operation)),
                SwiftArgument("billing", billing ?? .nilLiteral),
                SwiftArgument("tag", operation.tags.first.map { .string($0) } ?? .nilLiteral),
            ])
    }

    /// `.none`, `.required(["userToken"])` or `.optional(["userToken", "agentKey"])`.
    private func security(_ operation: Operation) -> SwiftExpression {
        let requirements = operation.security ?? document.security
        let schemes = requirements.flatMap { $0.entries.map(\.scheme) }.reduce(into: [String]()) {
            if !$0.contains($1) { $0.append($1) }
        }
        if schemes.isEmpty { return .member(nil, "none") }
        let kind = requirements.contains(where: \.isAnonymous) ? "optional" : "required"
        return .call(.member(nil, kind), [SwiftArgument(nil, .array(schemes.map { .string($0) }))])
    }

    // MARK: - Request rules

    /// The JSON media type of a request body or response, if any.
    static func jsonMedia(_ content: [MediaType]) -> MediaType? {
        content.first { $0.kind == .json }
    }

    /// `RequestRules(parameters: [.path("id", .integer(minimum: 1))], body: …, isBodyRequired: true)`.
    func requestRules(_ operation: Operation) -> SwiftExpression {
        var arguments: [SwiftArgument] = []
        if !operation.parameters.isEmpty {
            arguments.append(SwiftArgument("parameters", .array(operation.parameters.map(parameterRules))))
        }
        guard let body = operation.requestBody else { return .call(.identifier("RequestRules"), arguments) }
        switch RequestBodyTranslator.layout(body) {
        case .single(let media):
            arguments.append(SwiftArgument("body", media.schema.map(rules.rules) ?? .member(nil, "any")))
            if body.required { arguments.append(SwiftArgument("isBodyRequired", .bool(true))) }
            if media.isForm {
                arguments.append(
                    SwiftArgument("form", FormBodyTranslator(document: document, names: names).rules(media)))
            }
        case .content(let content):
            if body.required { arguments.append(SwiftArgument("isBodyRequired", .bool(true))) }
            let translator = RequestBodyTranslator(document: document, names: names)
            arguments.append(SwiftArgument("content", .array(content.map(translator.mediaRules))))
        }
        return .call(.identifier("RequestRules"), arguments)
    }

    /// `.query("tags", .array(items: .string()), style: .deepObject)`.
    private func parameterRules(_ parameter: Parameter) -> SwiftExpression {
        var arguments = [
            SwiftArgument(nil, .string(parameter.name)), SwiftArgument(nil, rules.rules(parameter.schema)),
        ]
        if parameter.location != .path && parameter.required {
            arguments.append(SwiftArgument("required", .bool(true)))
        }
        if let contentType = parameter.contentType {
            // A `content` parameter is its media type's text, never split by a style.
            arguments.append(SwiftArgument("content", .string(contentType)))
            return .call(.member(nil, parameter.location.rawValue), arguments)
        }
        let defaultStyle: ParameterStyle = parameter.location == .query ? .form : .simple
        if parameter.style != defaultStyle, parameter.location == .query || parameter.location == .path {
            arguments.append(SwiftArgument("style", .member(nil, parameter.style.rawValue)))
        }
        let defaultExplode = parameter.style == .form
        if parameter.explode != defaultExplode { arguments.append(SwiftArgument("explode", .bool(parameter.explode))) }
        return .call(.member(nil, parameter.location.rawValue), arguments)
    }

    // MARK: - Response rules

    /// `[.code(201, json: .reference("Kal") { Schemas.kal }), .code(204), …]` (a `ResponseRules` literal), in the
    /// spec's order.
    func responseRules(_ operation: Operation) -> SwiftExpression {
        .array(operation.responses.map(documentedResponse))
    }

    /// `.code(429, json: …, headers: [.header("Retry-After", .integer(minimum: 0))])`, `.range(4, …)`,
    /// `.default(…)`. `content:` is printed only when the media types are not just `application/json` (the
    /// runtime's default when `json:` is given).
    private func documentedResponse(_ response: Response) -> SwiftExpression {
        var arguments: [SwiftArgument] = []
        let callee: String
        switch response.status {
        case .code(let code):
            callee = "code"
            arguments.append(SwiftArgument(nil, .number(String(code))))
        case .range(let first):
            callee = "range"
            arguments.append(SwiftArgument(nil, .number(String(first))))
        case .default:
            callee = "default"
        }
        let json = Self.jsonMedia(response.content)
        if let json { arguments.append(SwiftArgument("json", json.schema.map(rules.rules) ?? .member(nil, "any"))) }
        let contentTypes = response.content.map(\.contentType)
        if json == nil ? !contentTypes.isEmpty : contentTypes != ["application/json"] {
            arguments.append(SwiftArgument("content", .array(contentTypes.map { .string($0) })))
        }
        if !response.headers.isEmpty {
            let headers = response.headers.map { element -> SwiftExpression in
                var header = [SwiftArgument(nil, .string(element.name)), SwiftArgument(nil, rules.rules(element.value.schema))]
                if element.value.required { header.append(SwiftArgument("required", .bool(true))) }
                if let contentType = element.value.contentType {
                    header.append(SwiftArgument("content", .string(contentType)))
                }
                return .call(.member(nil, "header"), header)
            }
            arguments.append(SwiftArgument("headers", .array(headers)))
        }
        return .call(.member(nil, callee), arguments)
    }

    // MARK: - Input

    /// `public struct Input`: typed parameters, body and the caller.
    func input(_ operation: Operation) -> SwiftDeclaration {
        var memberScope = SwiftNameScope(
            reserved: ["principal", "body", "files", "clientRequest", "init", "self", "Type"])
        var typeScope = SwiftNameScope(reserved: names.allTypeNames.union(SchemaNames.reservedTypeNames))
        var nested: [SwiftDeclaration] = []
        var members: [SwiftDeclaration] = []
        var decode: [SwiftStatement] = []
        var initParameters: [SwiftParameter] = []
        var assignments: [SwiftStatement] = []
        var clientParameters: [ClientTranslator.InputParameter] = []
        var clientBody: SwiftExpression?
        let parameters = operation.parameters
        if !parameters.isEmpty {
            decode.append(
                .binding(isLet: true, name: "parameters", value: .member(.identifier("request"), "parameters")))
        }
        for parameter in parameters {
            let name = memberScope.claim(SwiftName.memberName(parameter.name))
            let type = types.swiftType(parameter.schema, suggested: parameter.name, scope: &typeScope, nested: &nested)
            let optional = !parameter.required
            let fullType = type + (optional ? "?" : "")
            members.append(
                .variable(
                    SwiftVariable(
                        doc: DocComment.paragraphs([
                            parameter.description, "The \(parameter.location.rawValue) parameter `\(parameter.name)`.",
                        ]),
                        name: name, type: fullType)))
            initParameters.append(
                SwiftParameter(label: nil, name: name, type: fullType, defaultValue: optional ? .nilLiteral : nil))
            clientParameters.append(
                ClientTranslator.InputParameter(name: parameter.name, member: name, isOptional: optional))
            assignments.append(.assignment(.member(.identifier("self"), name), .identifier(name)))
            decode.append(
                .assignment(
                    .member(.identifier("self"), name),
                    .tryExpression(
                        .call(
                            .member(.identifier("parameters"), optional ? "decodeIfPresent" : "decode"),
                            [SwiftArgument(nil, .string(parameter.name))]))))
        }
        if let body = operation.requestBody, case .content(let content) = RequestBodyTranslator.layout(body) {
            clientBody = contentBody(
                body, content, typeScope: &typeScope, nested: &nested, members: &members, decode: &decode,
                initParameters: &initParameters, assignments: &assignments)
        } else if let body = operation.requestBody {
            let media = body.content.first
            var type = "JSONValue"
            if let schema = media?.schema {
                type = bodyType(schema, suggested: "RequestBody", scope: &typeScope, nested: &nested)
            }
            let fullType = body.required ? type : type + "?"
            members.append(
                .variable(
                    SwiftVariable(
                        doc: DocComment.paragraphs([body.description, "The request body, validated by ``rules``."]),
                        name: "body",
                        type: fullType)))
            initParameters.append(
                SwiftParameter(
                    label: nil, name: "body", type: fullType, defaultValue: body.required ? nil : .nilLiteral))
            assignments.append(.assignment(.member(.identifier("self"), "body"), .identifier("body")))
            let source: SwiftExpression = .binary(.member(.identifier("request"), "body"), "??", .member(nil, "null"))
            let decoded: SwiftExpression =
                type == "JSONValue"
                ? (body.required ? source : .member(.identifier("request"), "body"))
                : .tryExpression(
                    .call(.identifier(body.required ? type : "Optional<\(type)>"), [SwiftArgument("json", source)]))
            decode.append(.assignment(.member(.identifier("self"), "body"), decoded))
            if operation.method.wireName == "PATCH" {
                sentFieldsMember(
                    members: &members, decode: &decode, initParameters: &initParameters, assignments: &assignments)
            }
            let hasFiles = FormBodyTranslator.formMedia(body)?.kind == .multipartForm
            if let form = FormBodyTranslator.formMedia(body), hasFiles {
                let fileFields = FormBodyTranslator(document: document, names: names).fileFields(form)
                filesMember(
                    fileFields, members: &members, decode: &decode, initParameters: &initParameters,
                    assignments: &assignments)
            }
            if let media {
                clientBody = ClientTranslator.singleBody(media, isRequired: body.required, hasFiles: hasFiles)
            }
        }
        members.append(
            .variable(
                SwiftVariable(
                    doc: DocComment(
                        "The authenticated caller; nil when the operation allows anonymous calls and none was made."),
                    name: "principal", type: "Principal?")))
        initParameters.append(
            SwiftParameter(label: nil, name: "principal", type: "Principal?", defaultValue: .nilLiteral))
        assignments.append(.assignment(.member(.identifier("self"), "principal"), .identifier("principal")))
        decode.append(.assignment(.member(.identifier("self"), "principal"), .identifier("principal")))
        members.append(
            .function(
                SwiftFunction(
                    doc: DocComment("An input with every value given, for tests and direct calls."),
                    parameters: initParameters, body: assignments)))
        members.append(
            .function(
                SwiftFunction(
                    doc: DocComment("The typed input of a request that passed ``rules``."),
                    parameters: [
                        SwiftParameter(label: nil, name: "request", type: "DecodedRequest"),
                        SwiftParameter(label: nil, name: "principal", type: "Principal?"),
                    ],
                    throwsType: "JSONDecodingError", body: decode)))
        members.append(ClientTranslator.requestValues(clientParameters, body: clientBody))
        return .type(
            SwiftTypeDeclaration(
                doc: DocComment("What the handler receives, and what a client sends."), kind: .struct, name: "Input",
                conformances: ["Sendable", "ClientInput"], members: members + nested))
    }

    /// `public var sentFields: Set<String>`, for a PATCH: the body's fields that came, `null` ones included. The
    /// body's optional properties cannot tell a field left out (keep it) from one sent as null (clear it); this can.
    func sentFieldsMember(
        members: inout [SwiftDeclaration], decode: inout [SwiftStatement], initParameters: inout [SwiftParameter],
        assignments: inout [SwiftStatement]
    ) {
        members.append(
            .variable(
                SwiftVariable(
                    doc: DocComment(
                        "The body's fields that were sent, `null` ones included: a PATCH changes these and keeps the rest."
                    ),
                    name: "sentFields", type: "Set<String>")))
        initParameters.append(
            SwiftParameter(label: nil, name: "sentFields", type: "Set<String>", defaultValue: .array([])))
        assignments.append(.assignment(.member(.identifier("self"), "sentFields"), .identifier("sentFields")))
        decode.append(
            .assignment(.member(.identifier("self"), "sentFields"), .member(.identifier("request"), "sentFields")))
    }

    /// `public var files: UploadedFiles`: a form's files, decoded from ``DecodedRequest/files``.
    func filesMember(
        _ fileFields: [String], members: inout [SwiftDeclaration], decode: inout [SwiftStatement],
        initParameters: inout [SwiftParameter], assignments: inout [SwiftStatement]
    ) {
        let listed = fileFields.map { "`\($0)`" }.joined(separator: ", ")
        members.append(
            .variable(
                SwiftVariable(
                    doc: DocComment(
                        "The form's files in the order sent"
                            + (fileFields.isEmpty ? "" : " (\(listed))")
                            + ": `files.first(\"name\")`, `files[\"name\"]`. In ``body`` a file field holds the file's name."
                    ),
                    name: "files", type: "UploadedFiles")))
        initParameters.append(SwiftParameter(label: nil, name: "files", type: "UploadedFiles", defaultValue: .array([])))
        assignments.append(.assignment(.member(.identifier("self"), "files"), .identifier("files")))
        decode.append(.assignment(.member(.identifier("self"), "files"), .member(.identifier("request"), "files")))
    }

    /// The type of a body schema: a component's type, a nested struct for an inline object, else a mapped type.
    private func bodyType(
        _ schema: Schema, suggested: String, scope: inout SwiftNameScope, nested: inout [SwiftDeclaration]
    ) -> String {
        types.swiftType(schema, suggested: suggested, scope: &scope, nested: &nested)
    }

    // MARK: - Output

    /// The case name for a status: `ok`, `created`, `notFound`, `status418`.
    static func caseName(_ status: ResponseStatus) -> String {
        switch status {
        case .code(let code):
            let known: [Int: String] = [
                200: "ok", 201: "created", 202: "accepted", 204: "noContent", 301: "movedPermanently", 302: "found",
                303: "seeOther", 304: "notModified", 307: "temporaryRedirect", 400: "badRequest", 401: "unauthorized",
                402: "paymentRequired", 403: "forbidden", 404: "notFound", 405: "methodNotAllowed",
                406: "notAcceptable",
                409: "conflict", 410: "gone", 413: "contentTooLarge", 415: "unsupportedMediaType",
                422: "unprocessableContent", 423: "locked", 429: "tooManyRequests", 500: "internalServerError",
                501: "notImplemented", 502: "badGateway", 503: "serviceUnavailable",
            ]
            return known[code] ?? "status\(code)"
        case .range(let first): return "status\(first)XX"
        case .default: return "default_"
        }
    }

    /// One documented header of a response, named for Swift and typed by its schema.
    struct ResponseHeaderMember {
        /// The name as the spec writes it: `Retry-After`.
        var name: String
        /// The associated value's label: `retryAfter`.
        var member: String
        var type: String
        var required: Bool
        var description: String?
        /// Whether the header is described by `content` with a JSON media type: written as JSON text.
        var isJSONContent = false
    }

    /// The headers of a response (except `Content-Type`, which the reader drops), labels unique within the case.
    func responseHeaders(
        _ response: Response, typeScope: inout SwiftNameScope, nested: inout [SwiftDeclaration]
    ) -> [ResponseHeaderMember] {
        var labels = SwiftNameScope(reserved: ["status", "body", "self", "Type"])
        return response.headers.map { element in
            let header = element.value
            let member = labels.claim(SwiftName.memberName(element.name))
            let type = types.swiftType(header.schema, suggested: element.name, scope: &typeScope, nested: &nested)
            return ResponseHeaderMember(
                name: element.name, member: member, type: type, required: header.required,
                description: header.description,
                isJSONContent: header.contentType.map { ContentType.kind(of: $0) == .json } ?? false)
        }
    }

    /// How a response without a JSON media type carries its body: as a `String` when its one media type is a
    /// `text/*` type (written with that `Content-Type`), else as a ``RawBody`` that says its own.
    struct RawResponseBody {
        var textContentType: String?
    }

    /// The raw body of a response whose media types include no JSON one; nil for JSON bodies and none.
    static func rawBody(_ response: Response) -> RawResponseBody? {
        guard !response.content.isEmpty, jsonMedia(response.content) == nil else { return nil }
        if response.content.count == 1, let media = response.content.first, media.kind == .text,
            !media.essence.hasSuffix("/*")
        {
            return RawResponseBody(textContentType: media.contentType)
        }
        return RawResponseBody(textContentType: nil)
    }

    /// Whether any response of the operation has a raw (non-JSON) body, so `Output` has `rawBody`.
    static func hasRawBodies(_ operation: Operation) -> Bool {
        operation.responses.contains { rawBody($0) != nil }
    }

    /// `public var rawBody: RawBody?`, for an operation with non-JSON responses; nothing otherwise.
    private func rawBodyMember(_ cases: [SwiftSwitchCase]) -> [SwiftDeclaration] {
        guard !cases.isEmpty else { return [] }
        return [
            .variable(
                SwiftVariable(
                    doc: DocComment("The non-JSON body to answer with, with its `Content-Type`; nil for JSON or none."),
                    name: "rawBody", type: "RawBody?",
                    getter: [
                        .switchOver(
                            .identifier("self"), cases + [SwiftSwitchCase(caseName: nil, body: [.returnValue(.nilLiteral)])])
                    ]))
        ]
    }

    /// `public enum Output`: one case per documented status, plus `undocumented` for anything else (501 stubs).
    func output(_ operation: Operation) -> SwiftDeclaration {
        var typeScope = SwiftNameScope(reserved: names.allTypeNames.union(SchemaNames.reservedTypeNames))
        var nested: [SwiftDeclaration] = []
        var cases: [SwiftDeclaration] = []
        var statusCases: [SwiftSwitchCase] = []
        var bodyCases: [SwiftSwitchCase] = []
        var headerCases: [SwiftSwitchCase] = []
        var rawBodyCases: [SwiftSwitchCase] = []
        var clientCases: [ClientTranslator.OutputCase] = []
        for response in operation.responses {
            let name = Self.caseName(response.status)
            // Slots: the status (for ranges and `default`), the body, then one per header.
            var associated: [SwiftAssociatedValue] = []
            var slots: [String] = []
            let fixedStatus: Int?
            if case .code(let code) = response.status {
                fixedStatus = code
            } else {
                fixedStatus = nil
                associated.append(SwiftAssociatedValue(label: "status", type: "Int"))
                slots.append("status")
            }
            let raw = Self.rawBody(response)
            func bindings(keeping kept: Set<String>) -> [String] { slots.map { kept.contains($0) ? $0 : "_" } }
            if !response.content.isEmpty {
                var type = "JSONValue"
                if let schema = Self.jsonMedia(response.content)?.schema {
                    type = types.swiftType(schema, suggested: name + "Body", scope: &typeScope, nested: &nested)
                } else if let raw {
                    type = raw.textContentType != nil ? "String" : "RawBody"
                }
                associated.append(SwiftAssociatedValue(label: nil, type: type))
                slots.append("body")
            }
            if let raw {
                let value: SwiftExpression =
                    raw.textContentType.map { contentType in
                        .call(
                            .identifier("RawBody"),
                            [SwiftArgument("contentType", .string(contentType)), SwiftArgument("text", .identifier("body"))])
                    } ?? .identifier("body")
                rawBodyCases.append(
                    SwiftSwitchCase(caseName: name, bindings: bindings(keeping: ["body"]), body: [.returnValue(value)]))
            }
            let headers = responseHeaders(response, typeScope: &typeScope, nested: &nested)
            for header in headers {
                associated.append(
                    SwiftAssociatedValue(
                        label: header.member, type: header.type + (header.required ? "" : "?"),
                        defaultValue: header.required ? nil : .nilLiteral))
                slots.append(header.member)
            }
            clientCases.append(
                ClientTranslator.OutputCase(
                    status: response.status, name: name,
                    body: response.content.isEmpty
                        ? nil : raw.map { $0.textContentType != nil ? .text : .raw } ?? .json,
                    headers: headers.map { ($0.name, $0.member) }))
            let headerDocs = headers.map { header in
                "`\(header.member)`: the `\(header.name)` header" + (header.description.map { ". " + $0 } ?? ".")
            }
            cases.append(
                .enumCase(
                    SwiftEnumCase(
                        doc: DocComment.paragraphs(
                            ["\(response.status): \(response.description)"] + headerDocs.map { Optional($0) }),
                        name: name,
                        associatedValues: associated)))
            statusCases.append(
                SwiftSwitchCase(
                    caseName: name, bindings: bindings(keeping: fixedStatus == nil ? ["status"] : []),
                    body: [.returnValue(fixedStatus.map { .number(String($0)) } ?? .identifier("status"))]))
            let hasJSONBody = slots.contains("body") && raw == nil
            bodyCases.append(
                SwiftSwitchCase(
                    caseName: name, bindings: bindings(keeping: hasJSONBody ? ["body"] : []),
                    body: [.returnValue(hasJSONBody ? .member(.identifier("body"), "json") : .nilLiteral)]))
            if !headers.isEmpty {
                let entries = headers.map { header in
                    let json: SwiftExpression =
                        header.required
                        ? .member(.identifier(header.member), "json")
                        : .member(.optionalChain(.identifier(header.member)), "json")
                    return SwiftDictionaryEntry(
                        key: .string(header.name),
                        value: header.isJSONContent
                            ? .call(.member(.identifier("ResponseHeader"), "jsonText"), [SwiftArgument(nil, json)])
                            : json)
                }
                headerCases.append(
                    SwiftSwitchCase(
                        caseName: name, bindings: bindings(keeping: Set(headers.map(\.member))),
                        body: [
                            .returnValue(
                                .call(
                                    .member(.identifier("ResponseHeader"), "list"),
                                    [SwiftArgument(nil, .dictionary(entries))]))
                        ]))
            }
        }
        cases.append(
            .enumCase(
                SwiftEnumCase(
                    doc: DocComment("A status the spec does not list, e.g. 501 from an operation not built yet."),
                    name: "undocumented",
                    associatedValues: [
                        SwiftAssociatedValue(label: "status", type: "Int"),
                        SwiftAssociatedValue(label: "body", type: "JSONValue?"),
                    ])))
        statusCases.append(
            SwiftSwitchCase(
                caseName: "undocumented", bindings: ["status", "_"], body: [.returnValue(.identifier("status"))]))
        bodyCases.append(
            SwiftSwitchCase(
                caseName: "undocumented", bindings: ["_", "body"], body: [.returnValue(.identifier("body"))]))
        let headersGetter: [SwiftStatement] =
            headerCases.isEmpty
            ? [.returnValue(.array([]))]
            : [
                .switchOver(
                    .identifier("self"),
                    headerCases + [SwiftSwitchCase(caseName: nil, body: [.returnValue(.array([]))])])
            ]
        let members: [SwiftDeclaration] =
            cases + [
                .variable(
                    SwiftVariable(
                        doc: DocComment("The HTTP status to answer with."), name: "status", type: "Int",
                        getter: [.switchOver(.identifier("self"), statusCases)])),
                .variable(
                    SwiftVariable(
                        doc: DocComment("The JSON body to answer with; nil for none."), name: "body",
                        type: "JSONValue?",
                        getter: [.switchOver(.identifier("self"), bodyCases)])),
                .variable(
                    SwiftVariable(
                        doc: DocComment(
                            "The documented response headers to answer with, those with a value, in the spec's order."),
                        name: "headers", type: "[ResponseHeader]", getter: headersGetter)),
            ] + rawBodyMember(rawBodyCases) + [ClientTranslator.outputInitializer(clientCases)] + nested
        return .type(
            SwiftTypeDeclaration(
                doc: DocComment(
                    "What the handler answers, and what a client receives: one case per documented status."),
                kind: .enum, name: "Output", conformances: ["Sendable", "ClientOutput"], members: members))
    }
}
