/// The operations → the operation table: `OperationID` (one case per operationId), `Operations.all`, and the few
/// declarations that bind the runtime's generic table row and route tree (`OperationTableRow`, `RouteTree`) to
/// this spec's `OperationID`. The router itself is ordinary runtime code; nothing fixed is printed from a string.
struct RouterTranslator {
    var operations: [Operation]
    var names: [OperationTranslator.OperationNames]

    /// `public enum OperationID: String { case registerAgent … }`. A spec without operations (only components or
    /// webhooks) gets an empty enum, which may not declare a raw type, so it is `Hashable` by itself.
    func operationIDDeclaration() -> SwiftDeclaration {
        .type(
            SwiftTypeDeclaration(
                doc: DocComment("Every operation of the spec, by its operationId."), kind: .enum, name: "OperationID",
                conformances: [operations.isEmpty ? "Hashable" : "String", "Sendable", "CaseIterable"],
                members: zip(operations, names).map { operation, names in
                    .enumCase(
                        SwiftEnumCase(
                            doc: DocComment("`\(operation.method.wireName) \(operation.path)`"), name: names.member,
                            rawValue: .string(operation.operationID ?? names.member)))
                }))
    }

    /// `extension OperationID { public var responses: ResponseRules { switch self { … } } }`: an operation's
    /// documented responses by its id, for tests that know the operation a request reached but not its type.
    func responsesLookupDeclaration() -> SwiftDeclaration {
        .type(
            SwiftTypeDeclaration(
                kind: .extension, name: "OperationID",
                members: [
                    .variable(
                        SwiftVariable(
                            doc: DocComment(
                                "This operation's documented responses (`Operations.<Operation>.responses`): what a test checks\nevery answer against."
                            ),
                            name: "responses", type: "ResponseRules",
                            getter: [
                                .switchOver(
                                    .identifier("self"),
                                    names.map { names in
                                        SwiftSwitchCase(
                                            caseName: names.member,
                                            body: [
                                                .returnValue(
                                                    .member(
                                                        .member(.identifier("Operations"), names.type), "responses"))
                                            ])
                                    })
                            ]))
                ]))
    }

    /// `public static let all: [OperationDescriptor] = [RegisterAgent.descriptor, …]`, in spec order.
    func tableDeclaration() -> SwiftDeclaration {
        .variable(
            SwiftVariable(
                doc: DocComment("The operation table, in the spec's order: what the router and the middleware read."),
                isStatic: true, isLet: true, name: "all", type: "[OperationDescriptor]",
                value: .array(names.map { .member(.identifier($0.type), "descriptor") })))
    }

    /// `Router.swift`: `typealias OperationDescriptor = OperationTableRow<OperationID>`, each id's row by a switch
    /// (no lookup that could miss), and `APIRouter.route(method:path:)` over a `RouteTree` built once.
    func routerDeclarations() -> [SwiftDeclaration] {
        [
            .typeAlias(
                doc: DocComment("A row of this spec's operation table."), name: "OperationDescriptor",
                type: "OperationTableRow<OperationID>"),
            .type(
                SwiftTypeDeclaration(
                    kind: .extension, name: "OperationID",
                    members: [
                        .variable(
                            SwiftVariable(
                                doc: DocComment(
                                    "This operation's row of ``Operations/all``: what a middleware checks after routing."),
                                name: "descriptor", type: "OperationDescriptor",
                                getter: [
                                    .switchOver(
                                        .identifier("self"),
                                        names.map { names in
                                            SwiftSwitchCase(
                                                caseName: names.member,
                                                body: [
                                                    .returnValue(
                                                        .member(
                                                            .member(.identifier("Operations"), names.type), "descriptor"))
                                                ])
                                        })
                                ]))
                    ])),
            .type(
                SwiftTypeDeclaration(
                    doc: DocComment("Maps a request's method and path to an operation, independent of any HTTP server."),
                    kind: .enum, name: "APIRouter",
                    members: [
                        .variable(
                            SwiftVariable(
                                doc: DocComment("The path tree of ``Operations/all``, built on first use."),
                                isPublic: false, isStatic: true, isLet: true, name: "tree",
                                value: .call(
                                    .identifier("RouteTree"),
                                    [SwiftArgument(nil, .member(.identifier("Operations"), "all"))]))),
                        .function(
                            SwiftFunction(
                                doc: DocComment(
                                    "The operation for `method` (e.g. `GET`) on `path` (e.g. `/api/kals/7`, without the query string)."
                                ),
                                isStatic: true, name: "route",
                                parameters: [
                                    SwiftParameter(label: nil, name: "method", type: "String"),
                                    SwiftParameter(label: nil, name: "path", type: "String"),
                                ],
                                returnType: "RouteMatch<OperationID>",
                                body: [
                                    .returnValue(
                                        .call(
                                            .member(.identifier("tree"), "route"),
                                            [
                                                SwiftArgument("method", .identifier("method")),
                                                SwiftArgument("path", .identifier("path")),
                                            ]))
                                ])),
                    ])),
        ]
    }
}
