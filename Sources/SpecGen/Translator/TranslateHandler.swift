/// The operations → `APIHandler`: one async method per operationId, a default answering 501 for each (so an
/// operation not built yet is still routed, authenticated and validated), and `handle(_:…)`, which decodes a
/// request, calls the right method and encodes its answer, so a server needs one call per request.
struct HandlerTranslator {
    var operations: [Operation]
    var names: [OperationTranslator.OperationNames]

    /// The protocol and its two extensions.
    func declarations() -> [SwiftDeclaration] {
        [protocolDeclaration(), defaultsExtension(), dispatchExtension()]
    }

    private func requirement(
        _ operation: Operation, _ names: OperationTranslator.OperationNames, body: [SwiftStatement]?
    )
        -> SwiftFunction
    {
        SwiftFunction(
            doc: DocComment.paragraphs([
                operation.summary ?? operation.operationID, "`\(operation.method.wireName) \(operation.path)`",
            ]),
            isPublic: body != nil, name: names.member,
            parameters: [SwiftParameter(label: "_", name: "input", type: "Operations.\(names.type).Input")],
            isAsync: true, throwsType: "", returnType: "Operations.\(names.type).Output", body: body)
    }

    private func protocolDeclaration() -> SwiftDeclaration {
        .type(
            SwiftTypeDeclaration(
                doc: DocComment(
                    "The API's operations, one method per operationId. Conform and implement the ones that are built;\nthe others answer 501 through the default implementations."
                ),
                kind: .protocol, name: "APIHandler", conformances: ["Sendable"],
                members: zip(operations, names).map { .function(requirement($0, $1, body: nil)) }))
    }

    private func defaultsExtension() -> SwiftDeclaration {
        let notImplemented: SwiftExpression = .call(
            .member(nil, "undocumented"),
            [
                SwiftArgument("status", .number("501")),
                SwiftArgument(
                    "body",
                    .dictionary([SwiftDictionaryEntry(key: .string("message"), value: .string("Not implemented"))])),
            ])
        return .type(
            SwiftTypeDeclaration(
                doc: DocComment(
                    "Every operation answers 501 `{\"message\": \"Not implemented\"}` until it is implemented."),
                kind: .extension, name: "APIHandler",
                members: zip(operations, names).map {
                    .function(requirement($0, $1, body: [.returnValue(notImplemented)]))
                }))
    }

    private func dispatchExtension() -> SwiftDeclaration {
        let cases = zip(operations, names).map { operation, names -> SwiftSwitchCase in
            let namespace: SwiftExpression = .member(.identifier("Operations"), names.type)
            return SwiftSwitchCase(
                caseName: names.member,
                body: [
                    .binding(
                        isLet: true, name: "request",
                        value: .tryExpression(
                            .call(
                                .member(.member(namespace, "rules"), "decode"),
                                [
                                    SwiftArgument(nil, .identifier("sources")),
                                    SwiftArgument("body", .identifier("body")),
                                ]))),
                    .binding(
                        isLet: true, name: "output",
                        value: .tryExpression(
                            .awaitExpression(
                                .call(
                                    .identifier(names.member),
                                    [
                                        SwiftArgument(
                                            nil,
                                            .tryExpression(
                                                .call(
                                                    .member(namespace, "Input"),
                                                    [
                                                        SwiftArgument("request", .identifier("request")),
                                                        SwiftArgument("principal", .identifier("principal")),
                                                    ])))
                                    ])))),
                    .returnValue(
                        .call(
                            .identifier("OperationResponse"),
                            [
                                SwiftArgument("status", .member(.identifier("output"), "status")),
                                SwiftArgument("body", .member(.identifier("output"), "body")),
                                SwiftArgument("headers", .member(.identifier("output"), "headers")),
                            ]
                                + (OperationTranslator.hasRawBodies(operation)
                                    ? [SwiftArgument("rawBody", .member(.identifier("output"), "rawBody"))] : []))),
                ])
        }
        let handle = SwiftFunction(
            doc: DocComment(
                "Decodes and validates a request for `operation` (throwing `RequestRejection` for a 400 or 422), calls\nits method and returns the answer to send."
            ),
            name: "handle",
            parameters: [
                SwiftParameter(label: "_", name: "operation", type: "OperationID"),
                SwiftParameter(label: nil, name: "sources", type: "ParameterSources"),
                SwiftParameter(label: nil, name: "body", type: "[UInt8]"),
                SwiftParameter(label: nil, name: "principal", type: "Principal?"),
            ],
            isAsync: true, throwsType: "", returnType: "OperationResponse",
            body: [.switchOver(.identifier("operation"), cases)])
        return .type(SwiftTypeDeclaration(kind: .extension, name: "APIHandler", members: [.function(handle)]))
    }
}
