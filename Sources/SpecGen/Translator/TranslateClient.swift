/// The operations → a typed client, built from the same `Types` and per-operation `Input`/`Output` the server
/// uses, with as little code per operation as the types allow; the work is the runtime's
/// (`OperationClient.send`, which encodes by the operation's `RequestRules`, runs the server's checks before
/// sending and checks every answer against its `ResponseRules`):
///
/// ```swift
/// public enum GetKal: ClientOperation { … }                          // the namespace: rules, responses, descriptor
/// public struct Input: Sendable, ClientInput {
///     public var clientRequest: ClientRequestValues {              // the input's values by parameter name
///         return ClientRequestValues(parameters: ["kal": kal.json])
///     }
/// }
/// public enum Output: Sendable, ClientOutput {
///     public init(response: ReceivedResponse) throws(JSONDecodingError) {  // the documented case of an answer
///         switch response.documentedStatus { case .code(200): self = try .ok(response.decodeBody()) … }
///     }
/// }
/// public struct APIClient: OperationClient {                           // Client.swift: one line per operation
///     public func getKal(_ input: Operations.GetKal.Input) async throws(ClientError) -> Operations.GetKal.Output {
///         try await send(Operations.GetKal.self, input)
///     }
/// }
/// ```
struct ClientTranslator {
    var document: OpenAPIDocument

    /// The members `APIClient` declares itself, which no operation method may take.
    static let reservedMembers: Set<String> = ["send", "transport", "credentials", "securitySchemes"]

    // MARK: - Input

    /// One parameter of an `Input`: its spec name and the member holding it.
    struct InputParameter {
        var name: String
        var member: String
        var isOptional: Bool
    }

    /// `public var clientRequest: ClientRequestValues`: the input's parameters by spec name and its body.
    static func requestValues(_ parameters: [InputParameter], body: SwiftExpression?) -> SwiftDeclaration {
        var arguments: [SwiftArgument] = []
        if !parameters.isEmpty {
            arguments.append(
                SwiftArgument(
                    "parameters",
                    .dictionary(
                        parameters.map { parameter in
                            let member: SwiftExpression = .identifier(parameter.member)
                            return SwiftDictionaryEntry(
                                key: .string(parameter.name),
                                value: .member(parameter.isOptional ? .optionalChain(member) : member, "json"))
                        })))
        }
        if let body { arguments.append(SwiftArgument("body", body)) }
        return .variable(
            SwiftVariable(
                doc: DocComment(
                    "What a client sends for this input: the parameters by name and the body, encoded by ``rules``."),
                name: "clientRequest", type: "ClientRequestValues",
                getter: [.returnValue(.call(.identifier("ClientRequestValues"), arguments))]))
    }

    /// The `ClientBody` of one media type's value `value`: `.json("application/json", body.json)`,
    /// `.form("multipart/form-data", body.json, files: files)`, `.text("text/plain", body)`, `.bytes(body)`.
    static func body(_ media: MediaType, value: SwiftExpression, hasFiles: Bool) -> SwiftExpression {
        let contentType = SwiftArgument(nil, .string(media.contentType))
        switch media.kind {
        case .json:
            return .call(.member(nil, "json"), [contentType, SwiftArgument(nil, .member(value, "json"))])
        case .multipartForm, .urlEncodedForm:
            var arguments = [contentType, SwiftArgument(nil, .member(value, "json"))]
            if hasFiles && media.kind == .multipartForm {
                arguments.append(SwiftArgument("files", .identifier("files")))
            }
            return .call(.member(nil, "form"), arguments)
        case .text:
            return .call(.member(nil, "text"), [contentType, SwiftArgument(nil, value)])
        case .other:
            return .call(.member(nil, "bytes"), [SwiftArgument(nil, value)])
        }
    }

    /// The body argument of `clientRequest` for a body of one media type: its `ClientBody`, through `map` when
    /// the body is optional.
    static func singleBody(_ media: MediaType, isRequired: Bool, hasFiles: Bool) -> SwiftExpression {
        guard !isRequired else { return body(media, value: .identifier("body"), hasFiles: hasFiles) }
        return .call(
            .member(.identifier("body"), "map"), [],
            trailingClosure: [.expression(body(media, value: .identifier("$0"), hasFiles: hasFiles))])
    }

    /// The body argument of `clientRequest` for a body of several media types: the `Content` case's own.
    static func contentBody(isRequired: Bool, hasFiles: Bool) -> SwiftExpression {
        let callee: SwiftExpression = .member(
            isRequired ? .identifier("body") : .optionalChain(.identifier("body")), "clientBody")
        return .call(callee, hasFiles ? [SwiftArgument("files", .identifier("files"))] : [])
    }

    /// `func clientBody(files:) -> ClientBody` on an input's `Content` enum: each case as the media type it is.
    static func contentClientBody(_ content: [MediaType], caseNames: [String], hasFiles: Bool) -> SwiftDeclaration {
        .function(
            SwiftFunction(
                doc: DocComment("The body as a client sends it, in the media type of its case."),
                name: "clientBody",
                parameters: hasFiles
                    ? [SwiftParameter(label: nil, name: "files", type: "UploadedFiles", defaultValue: .array([]))] : [],
                returnType: "ClientBody",
                body: [
                    .switchOver(
                        .identifier("self"),
                        zip(content, caseNames).map { media, name in
                            SwiftSwitchCase(
                                caseName: name, bindings: ["body"],
                                body: [.returnValue(body(media, value: .identifier("body"), hasFiles: hasFiles))])
                        })
                ]))
    }

    // MARK: - Output

    /// One case of an `Output` as the client reads it.
    struct OutputCase {
        /// The documented key: `.code(201)`, `.range(4)`, `.default`.
        var status: ResponseStatus
        /// The case name: `created`.
        var name: String
        /// How the body is read: nil for none.
        var body: BodyReading?
        /// The documented headers in the case's order: the spec name and the associated value's label.
        var headers: [(name: String, label: String)]
    }

    /// How a response body becomes its associated value.
    enum BodyReading {
        /// JSON into the case's type: `response.decodeBody()`.
        case json
        /// A `text/*` body as a `String`: `response.text`.
        case text
        /// Any other media type as a `RawBody`: `response.rawBody`.
        case raw
    }

    /// `public init(response: ReceivedResponse) throws(JSONDecodingError)`: the case of the documented response
    /// the answer's status falls under, the body and headers typed.
    static func outputInitializer(_ cases: [OutputCase]) -> SwiftDeclaration {
        let response: SwiftExpression = .identifier("response")
        var switchCases = cases.map { outputCase -> SwiftSwitchCase in
            var arguments: [SwiftArgument] = []
            var pattern: SwiftExpression
            switch outputCase.status {
            case .code(let code):
                pattern = .call(.member(nil, "code"), [SwiftArgument(nil, .number(String(code)))])
            case .range(let first):
                pattern = .call(.member(nil, "range"), [SwiftArgument(nil, .number(String(first)))])
                arguments.append(SwiftArgument("status", .member(response, "status")))
            case .default:
                pattern = .member(nil, "default")
                arguments.append(SwiftArgument("status", .member(response, "status")))
            }
            switch outputCase.body {
            case .json: arguments.append(SwiftArgument(nil, .call(.member(response, "decodeBody"), [])))
            case .text: arguments.append(SwiftArgument(nil, .member(response, "text")))
            case .raw: arguments.append(SwiftArgument(nil, .member(response, "rawBody")))
            case nil: break
            }
            for header in outputCase.headers {
                arguments.append(
                    SwiftArgument(
                        header.label, .call(.member(response, "header"), [SwiftArgument(nil, .string(header.name))])))
            }
            let value: SwiftExpression =
                arguments.isEmpty ? .member(nil, outputCase.name) : .call(.member(nil, outputCase.name), arguments)
            let throwing = outputCase.body == .json || !outputCase.headers.isEmpty
            return SwiftSwitchCase(
                literal: pattern, body: [.assignment(.identifier("self"), throwing ? .tryExpression(value) : value)])
        }
        switchCases.append(
            SwiftSwitchCase(
                caseName: nil,
                body: [
                    .assignment(
                        .identifier("self"),
                        .call(
                            .member(nil, "undocumented"),
                            [
                                SwiftArgument("status", .member(response, "status")),
                                SwiftArgument("body", .member(response, "jsonBody")),
                            ]))
                ]))
        return .function(
            SwiftFunction(
                doc: DocComment(
                    "What a client received, already checked against ``responses``: the case of the documented response\nits status falls under."
                ),
                parameters: [SwiftParameter(label: nil, name: "response", type: "ReceivedResponse")],
                throwsType: "JSONDecodingError",
                body: [.switchOver(.member(response, "documentedStatus"), switchCases)]))
    }

    // MARK: - Security

    /// `public static let securityRequirements: [[String]]`, only for an operation whose `security` combines
    /// schemes in one alternative (the runtime derives the one-scheme alternatives from the descriptor).
    func securityRequirements(_ operation: Operation) -> SwiftDeclaration? {
        let requirements = operation.security ?? document.security
        guard requirements.contains(where: { $0.entries.count > 1 }) else { return nil }
        return .variable(
            SwiftVariable(
                doc: DocComment("The `security` alternatives, each the schemes a client sends together."),
                isStatic: true, isLet: true, name: "securityRequirements", type: "[[String]]",
                value: .array(requirements.map { .array($0.entries.map { .string($0.scheme) }) })))
    }

    /// `.bearer`, `.basic`, `.apiKey(name: "X-API-Key", in: .header)`…
    static func scheme(_ scheme: SecurityScheme) -> SwiftExpression {
        switch scheme.kind {
        case .http(let name, _):
            switch name.lowercased() {
            case "bearer": return .member(nil, "bearer")
            case "basic": return .member(nil, "basic")
            default: return .call(.member(nil, "authorization"), [SwiftArgument("scheme", .string(name))])
            }
        case .apiKey(let name, let location):
            return .call(
                .member(nil, "apiKey"),
                [SwiftArgument("name", .string(name)), SwiftArgument("in", .member(nil, location.rawValue))])
        case .oauth2, .openIDConnect: return .member(nil, "bearer")
        case .mutualTLS: return .member(nil, "connection")
        }
    }

    // MARK: - Client.swift

    /// `public struct APIClient: OperationClient`: the transport, the credentials, the scheme table and one method
    /// per operation.
    func clientDeclaration(
        _ operations: [Operation], names: [OperationTranslator.OperationNames]
    ) -> SwiftDeclaration {
        let schemes = document.components.securitySchemes.map { element in
            SwiftDictionaryEntry(key: .string(element.name), value: Self.scheme(element.value))
        }
        var members: [SwiftDeclaration] = [
            .variable(
                SwiftVariable(
                    doc: DocComment(
                        "How requests reach the server: a `URLSessionTransport`, or one that answers in process."),
                    name: "transport", type: "any ClientTransport")),
            .variable(
                SwiftVariable(
                    doc: DocComment(
                        "The secrets sent as each operation's `security` asks, by scheme name: `[\"userToken\": token]`."
                    ),
                    name: "credentials", type: "ClientCredentials")),
            .function(
                SwiftFunction(
                    doc: DocComment("A client sending through `transport` with `credentials`."),
                    parameters: [
                        SwiftParameter(label: nil, name: "transport", type: "any ClientTransport"),
                        SwiftParameter(
                            label: nil, name: "credentials", type: "ClientCredentials", defaultValue: .dictionary([])),
                    ],
                    body: [
                        .assignment(.member(.identifier("self"), "transport"), .identifier("transport")),
                        .assignment(.member(.identifier("self"), "credentials"), .identifier("credentials")),
                    ])),
            .variable(
                SwiftVariable(
                    doc: DocComment("How each of the spec's security schemes carries its credential."), isStatic: true,
                    isLet: true, name: "securitySchemes", type: "[String: ClientSecurityScheme]",
                    value: .dictionary(schemes))),
        ]
        for (operation, names) in zip(operations, names) {
            let namespace = "Operations." + names.type
            members.append(
                .function(
                    SwiftFunction(
                        doc: DocComment.paragraphs([
                            operation.summary ?? operation.operationID,
                            "`\(operation.method.wireName) \(operation.path)`"
                                + (operation.deprecated ? " (deprecated)" : ""),
                        ]),
                        name: names.member,
                        parameters: [SwiftParameter(label: "_", name: "input", type: namespace + ".Input")],
                        isAsync: true, throwsType: "ClientError", returnType: namespace + ".Output",
                        body: [
                            .expression(
                                .tryExpression(
                                    .awaitExpression(
                                        .call(
                                            .identifier("send"),
                                            [
                                                SwiftArgument(nil, .member(.identifier(namespace), "self")),
                                                SwiftArgument(nil, .identifier("input")),
                                            ]))))
                        ])))
        }
        return .type(
            SwiftTypeDeclaration(
                doc: DocComment(
                    "A client for every operation, one method per operationId, typed by the same `Input` and `Output` the\nserver's handler has. A request the server would refuse (422) throws `ClientError` before it is sent;\nan answer the spec does not describe throws naming its status and every failing field.\n\n```swift\nlet client = APIClient(transport: URLSessionTransport(baseURL: server), credentials: [\"userToken\": token])\n```"
                ),
                kind: .struct, name: "APIClient", conformances: ["OperationClient"], members: members))
    }

    /// `extension APIHandler { func inProcessTransport(authenticate:) }`: the handler as a client's transport, so
    /// a client can be tested against it without a network.
    func inProcessTransportDeclaration() -> SwiftDeclaration {
        let handle: SwiftExpression = .call(
            .member(.identifier("self"), "handle"),
            [
                SwiftArgument(nil, .identifier("$0")), SwiftArgument("sources", .identifier("$1")),
                SwiftArgument("body", .identifier("$2")), SwiftArgument("principal", .identifier("$3")),
            ])
        return .type(
            SwiftTypeDeclaration(
                kind: .extension, name: "APIHandler",
                members: [
                    .function(
                        SwiftFunction(
                            doc: DocComment(
                                "This handler as an `APIClient`'s transport, answering in process as a server would: routed by the\nspec's paths, 401 when a required `security` finds no caller, the rules' 400/415/422, then the handler.\n`authenticate` names the caller a request's credentials prove (nil: every caller is anonymous)."
                            ),
                            name: "inProcessTransport",
                            parameters: [
                                SwiftParameter(
                                    label: nil, name: "authenticate",
                                    type: "InProcessTransport<OperationID>.Authenticate?", defaultValue: .nilLiteral)
                            ],
                            returnType: "InProcessTransport<OperationID>",
                            body: [
                                .returnValue(
                                    .call(
                                        .identifier("InProcessTransport"),
                                        [
                                            SwiftArgument("operations", .member(.identifier("Operations"), "all")),
                                            SwiftArgument("authenticate", .identifier("authenticate")),
                                        ],
                                        trailingClosure: [.expression(.tryExpression(.awaitExpression(handle)))]))
                            ]))
                ]))
    }
}
