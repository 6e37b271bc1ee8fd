/// The operations → the operation table: `OperationID` (one case per operationId) and `Operations.all`, from
/// which the generated `Router` builds its path tree.
struct RouterTranslator {
    var operations: [Operation]
    var names: [OperationTranslator.OperationNames]

    /// `public enum OperationID: String { case registerAgent … }`.
    func operationIDDeclaration() -> SwiftDeclaration {
        .type(
            SwiftTypeDeclaration(
                doc: DocComment("Every operation of the spec, by its operationId."), kind: .enum, name: "OperationID",
                conformances: ["String", "Sendable", "CaseIterable"],
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
}
