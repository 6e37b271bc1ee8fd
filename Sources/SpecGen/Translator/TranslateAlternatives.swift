/// `oneOf`/`anyOf` schemas → Swift types, when a readable one exists:
///
/// - `oneOf: [X, {type: 'null'}]` (either keyword, any number of `null` alternatives) is `X`, optional where used;
/// - alternatives of distinct Swift types become an enum with one case per alternative, each case named after
///   its component (`card`), its `title`, or its type (`string`, `integer`):
///
/// ```swift
/// public indirect enum Payment: JSONCodable, Equatable {
///     case card(Card)
///     case wallet(Wallet)
///
///     public init(json: JSONValue) throws(JSONDecodingError) {
///         if let value = JSONAlternative.decode(json, as: Card.self, rules: .reference("Card") { Schemas.card }) {
///             self = .card(value)
///             return
///         }
///         …
///     }
/// }
/// ```
///
/// The enum reads a value as the first alternative whose rules it passes: the request was validated already, so
/// this only finds which alternative matched. Everything else (two alternatives of one Swift type, an alternative
/// without a type, compositions beside `properties` or `allOf`) stays `JSONValue`, and `specgen lint` says so.
extension TypeTranslator {
    /// What a `oneOf`/`anyOf` schema can become.
    enum CompositionShape {
        /// Only one alternative is not `null`: its type, made optional by the property.
        case single(Schema)
        /// Several alternatives: an enum over them.
        case union([Schema])
        /// No readable type; the reason is for the linter.
        case unreadable(String)
    }

    /// The shape of a schema's `oneOf`/`anyOf`; nil when it has neither.
    func compositionShape(_ object: SchemaObject) -> CompositionShape? {
        let lists = [object.oneOf, object.anyOf].compactMap { $0 }
        guard !lists.isEmpty else { return nil }
        guard lists.count == 1 else { return .unreadable("it has both oneOf and anyOf") }
        guard object.allOf == nil, object.properties.isEmpty, object.reference == nil, object.enumValues == nil,
            object.constValue == nil, object.not == nil, object.ifSchema == nil, object.items == nil
        else { return .unreadable("it has other keywords beside the alternatives (properties, allOf, $ref, enum…)") }
        let alternatives = lists[0].filter { !isNullSchema($0) }
        switch alternatives.count {
        case 0: return .unreadable("every alternative is null")
        case 1: return .single(alternatives[0])
        default: return .union(alternatives)
        }
    }

    /// Whether a schema admits only `null` (`type: 'null'`, `const: null`, `enum: [null]`).
    func isNullSchema(_ schema: Schema) -> Bool {
        guard let object = document.resolved(schema)?.object else { return false }
        if object.types == [.null] { return true }
        if let constValue = object.constValue { return constValue == .null }
        if let values = object.enumValues { return values == [.null] }
        return false
    }

    /// Whether a composed schema lets `null` through one of its alternatives (so a property of it is optional).
    func compositionAllowsNull(_ object: SchemaObject) -> Bool {
        let alternatives = (object.oneOf ?? []) + (object.anyOf ?? [])
        return alternatives.contains { alternative in
            guard let resolved = document.resolved(alternative)?.object else { return true }
            if isNullSchema(alternative) || resolved.allowsNull { return true }
            return resolved.types == nil && resolved.oneOf == nil && resolved.anyOf == nil && resolved.allOf == nil
                && resolved.reference == nil
        }
    }

    /// One case of a union enum.
    struct UnionCase {
        var name: String
        var type: String
        var rules: SwiftExpression
    }

    /// The cases of a union over `alternatives`, or why there is no readable one. Nested types the cases need
    /// (inline objects) go to `nested`.
    func unionCases(_ alternatives: [Schema], typeName: String, nested: inout [SwiftDeclaration]) -> Result<
        [UnionCase], UnreadableComposition
    > {
        var caseScope = SwiftNameScope(reserved: ["json", "init", "self", "Type"])
        var typeScope = SwiftNameScope(
            reserved: names.allTypeNames.union(SchemaNames.reservedTypeNames).union([typeName]))
        var elements = self
        elements.enclosing = nil  // an indirect enum boxes its payloads, so recursion is fine
        let rules = SchemaRulesTranslator(names: names)
        var cases: [UnionCase] = []
        for (index, alternative) in alternatives.enumerated() {
            let name = caseScope.claim(SwiftName.memberName(alternativeName(alternative, index: index)))
            let type = elements.swiftType(
                alternative, suggested: SwiftName.typeName(name), scope: &typeScope, nested: &nested)
            if type == "JSONValue" {
                return .failure(UnreadableComposition(reason: "alternative \(index + 1) has no Swift type of its own"))
            }
            if let earlier = cases.first(where: { $0.type == type }) {
                return .failure(
                    UnreadableComposition(
                        reason: "alternatives '\(earlier.name)' and '\(name)' are both \(type) in Swift"))
            }
            cases.append(UnionCase(name: name, type: type, rules: rules.rules(alternative)))
        }
        return .success(cases)
    }

    /// Why a composition stays `JSONValue`.
    struct UnreadableComposition: Error {
        var reason: String
    }

    /// Why `object`'s `oneOf`/`anyOf` becomes `JSONValue` in generated Swift; nil when it gets a type (or has no
    /// composition). What `specgen lint` reports.
    func unreadableCompositionReason(_ object: SchemaObject) -> String? {
        switch compositionShape(object) {
        case nil, .single?: return nil
        case .unreadable(let reason)?: return reason
        case .union(let alternatives)?:
            var nested: [SwiftDeclaration] = []
            if case .failure(let problem) = unionCases(alternatives, typeName: "Union", nested: &nested) {
                return problem.reason
            }
            return nil
        }
    }

    /// The case name an alternative suggests: its component, its `title`, or its type.
    private func alternativeName(_ schema: Schema, index: Int) -> String {
        guard let object = schema.object else { return "option\(index + 1)" }
        if let reference = object.reference, object.isBareReference, let name = reference.componentName {
            return name
        }
        if let title = object.title, !title.isEmpty { return title }
        if let types = object.nonNullTypes, types.count == 1 {
            switch types[0] {
            case .string: return object.format == "date-time" ? "date" : "string"
            case .integer: return "integer"
            case .number: return "number"
            case .boolean: return "boolean"
            case .array:
                if let items = object.items, let itemsObject = items.object, let reference = itemsObject.reference,
                    itemsObject.isBareReference, let name = reference.componentName
                {
                    return name + " list"
                }
                return "list"
            case .object: return "object"
            case .null: return "null"
            }
        }
        return "option\(index + 1)"
    }

    /// `public indirect enum Payment: JSONCodable, Equatable { case card(Card) … }`; nil when the alternatives
    /// have no readable union.
    func unionDeclaration(_ typeName: String, _ alternatives: [Schema], doc: DocComment) -> SwiftDeclaration? {
        var nested: [SwiftDeclaration] = []
        guard case .success(let cases) = unionCases(alternatives, typeName: typeName, nested: &nested) else {
            return nil
        }
        var members: [SwiftDeclaration] = cases.map { unionCase in
            .enumCase(
                SwiftEnumCase(
                    name: unionCase.name, associatedValues: [SwiftAssociatedValue(label: nil, type: unionCase.type)]))
        }
        var decode: [SwiftStatement] = cases.map { unionCase in
            .ifLet(
                name: "value",
                value: .call(
                    .member(.identifier("JSONAlternative"), "decode"),
                    [
                        SwiftArgument(nil, .identifier("json")),
                        SwiftArgument("as", .member(.identifier(unionCase.type), "self")),
                        SwiftArgument("rules", unionCase.rules),
                    ]),
                then: [
                    .assignment(
                        .identifier("self"),
                        .call(.member(nil, unionCase.name), [SwiftArgument(nil, .identifier("value"))])),
                    .returnValue(nil),
                ])
        }
        decode.append(
            .throwError(
                .call(
                    .identifier("JSONDecodingError"),
                    [
                        SwiftArgument(
                            "expected", .string("one of: " + cases.map(\.name).joined(separator: ", "))),
                        SwiftArgument("found", .member(.identifier("json"), "description")),
                    ])))
        members.append(
            .function(
                SwiftFunction(
                    doc: DocComment("Reads the first alternative whose rules the value passes."),
                    parameters: [SwiftParameter(label: nil, name: "json", type: "JSONValue")],
                    throwsType: "JSONDecodingError", body: decode)))
        members.append(
            .variable(
                SwiftVariable(
                    doc: DocComment("The value as JSON, as its alternative writes it."), name: "json",
                    type: "JSONValue",
                    getter: [
                        .switchOver(
                            .identifier("self"),
                            cases.map {
                                SwiftSwitchCase(
                                    caseName: $0.name, bindings: ["value"],
                                    body: [.returnValue(.member(.identifier("value"), "json"))])
                            })
                    ])))
        // Payloads that may hold the enum again (structs, arrays, other unions) are boxed; plain values need not be.
        let plain: Set<String> = ["String", "Int", "Int32", "Double", "Bool", "Date", "JSONObject"]
        return .type(
            SwiftTypeDeclaration(
                doc: doc, kind: cases.allSatisfy { plain.contains($0.type) } ? .enum : .indirectEnum, name: typeName,
                conformances: ["JSONCodable", "Equatable"],
                members: members + nested))
    }
}
