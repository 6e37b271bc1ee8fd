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

    /// `public static let all: [OperationDescriptor] = [RegisterAgent.descriptor, …]`, in spec order.
    func tableDeclaration() -> SwiftDeclaration {
        .variable(
            SwiftVariable(
                doc: DocComment("The operation table, in the spec's order: what the router and the middleware read."),
                isStatic: true, isLet: true, name: "all", type: "[OperationDescriptor]",
                value: .array(names.map { .member(.identifier($0.type), "descriptor") })))
    }
}
