/// Schemas → Swift types: a struct per object schema, an enum per string or integer enumeration, a type alias
/// for anything else, each codable to the exact JSON names through the runtime's `JSONCodable`.
///
/// Property types follow the schema: `string` → `String` (`date-time` → `Date`; `decimal` stays a `String`, so
/// money keeps its digits), `integer` → `Int` (`int32` → `Int32`), `number` → `Double` (`decimal` → `JSONNumber`,
/// the literal exactly as sent, so an amount is never rounded through binary floating point), arrays → `[T]`, `$ref` →
/// the component's type, inline objects and enums → nested types named after the property, `oneOf`/`anyOf` → an
/// enum over the alternatives or `X?` (see `TranslateAlternatives.swift`); what has no single Swift shape
/// (several types, alternatives of one Swift type) stays a `JSONValue`, already validated by the schema's rules.
/// A property is optional when it is not `required` or allows `null`.
struct TypeTranslator {
    var document: OpenAPIDocument
    var names: SchemaNames
    /// What component type names are prefixed with: "" inside the `Types` namespace, "Types." outside it.
    var componentPrefix = ""
    /// The component whose type is being declared: a property that would contain it again directly (a struct of
    /// infinite size) is typed `JSONValue` instead.
    var enclosing: String?

    /// Whether the type of `component` holds a value of `target`'s type directly (not through an array), at any
    /// depth of properties: then `target` cannot hold a `component` as a struct property.
    func containsDirectly(component: String, target: String) -> Bool {
        var seen: Set<String> = []
        var pending = [component]
        while let name = pending.popLast() {
            if name == target { return true }
            guard seen.insert(name).inserted, let schema = document.components.schemas[name] else { continue }
            pending += directReferences(schema)
        }
        return false
    }

    /// The components a schema's struct would store inline: bare `$ref` properties, also inside inline objects.
    private func directReferences(_ schema: Schema) -> [String] {
        guard case .object(let object) = schema else { return [] }
        if let reference = object.reference, object.isBareReference {
            return reference.componentName.map { [$0] } ?? []
        }
        // `oneOf: [{$ref: X}, {type: 'null'}]` is stored as an `X?`, inline like a bare reference.
        var single: [String] = []
        if case .single(let alternative)? = compositionShape(object) { single = directReferences(alternative) }
        return object.properties.values.flatMap(directReferences) + single
    }

    /// The declaration for the component schema `name`.
    func componentDeclaration(_ name: String, _ schema: Schema) -> SwiftDeclaration {
        var translator = self
        translator.enclosing = name
        return translator.declaration(name, schema)
    }

    private func declaration(_ name: String, _ schema: Schema) -> SwiftDeclaration {
        let typeName = names.typeName(name)
        let doc = DocComment.paragraphs([schema.object?.title, schema.object?.description])
        return namedDeclaration(typeName, schema, doc: doc)
            ?? .typeAlias(doc: doc, name: typeName, type: fallbackType(schema))
    }

    /// A struct or enum for a schema that deserves its own type; nil for schemas that map to existing types.
    func namedDeclaration(_ typeName: String, _ schema: Schema, doc: DocComment) -> SwiftDeclaration? {
        if let merged = mergedAllOf(schema) { return structDeclaration(typeName, merged, doc: doc) }
        if case .object(let object) = schema, let shape = compositionShape(object) {
            switch shape {
            case .union(let alternatives): return unionDeclaration(typeName, alternatives, doc: doc)
            case .single(let alternative): return namedDeclaration(typeName, alternative, doc: doc)
            case .unreadable: return nil
            }
        }
        guard case .object(let object) = schema, !(object.reference != nil && object.isBareReference),
            let types = object.nonNullTypes, types.count == 1, object.allOf == nil, object.anyOf == nil,
            object.oneOf == nil
        else { return nil }
        switch types[0] {
        case .object where !object.properties.isEmpty:
            return structDeclaration(typeName, object, doc: doc)
        case .string, .integer:
            guard let values = object.enumValues?.filter({ $0 != .null }), !values.isEmpty,
                values.allSatisfy({ $0.jsonType == types[0] })
            else { return nil }
            return enumDeclaration(typeName, values, rawType: types[0] == .string ? "String" : "Int", doc: doc)
        default:
            return nil
        }
    }

    /// An `allOf` of object schemas (component references or inline objects, nested `allOf`s too) as one object
    /// with every member's properties (a later member's schema for a name replaces an earlier one, as the
    /// paginated lists narrow `data`) and every `required` name; nil when a member is not such an object.
    func mergedAllOf(_ schema: Schema) -> SchemaObject? {
        guard case .object(let object) = schema, let members = object.allOf, object.anyOf == nil, object.oneOf == nil,
            object.reference == nil, object.nonNullTypes.map({ $0 == [.object] }) ?? true
        else { return nil }
        var merged = SchemaObject(source: object.source)
        merged.types = [.object]
        merged.description = object.description
        for member in members + [.object(withoutAllOf(object))] {
            guard let resolved = document.resolved(member), case .object(let part) = resolved else { return nil }
            let flattened = part.allOf != nil ? mergedAllOf(resolved) : part
            guard let flattened, flattened.anyOf == nil, flattened.oneOf == nil,
                flattened.nonNullTypes.map({ $0 == [.object] }) ?? true
            else { return nil }
            for property in flattened.properties {
                if let existing = merged.properties[property.name], case .object(let narrowing) = property.value,
                    case .object(var base) = existing, narrowing.reference == nil
                {
                    // `data: {type: array, items: …}` narrowing a paginator's `data`: the narrower items win.
                    if let items = narrowing.items { base.items = items }
                    if let types = narrowing.types { base.types = types }
                    merged.properties[property.name] = .object(base)
                } else {
                    merged.properties[property.name] = property.value
                }
            }
            for name in flattened.required where !merged.required.contains(name) { merged.required.append(name) }
        }
        return merged.properties.isEmpty ? nil : merged
    }

    private func withoutAllOf(_ object: SchemaObject) -> SchemaObject {
        var copy = object
        copy.allOf = nil
        return copy
    }

    /// The Swift type of a schema that has no type of its own (a component alias).
    private func fallbackType(_ schema: Schema) -> String {
        var scope = SwiftNameScope()
        var nested: [SwiftDeclaration] = []
        return swiftType(schema, suggested: "Value", scope: &scope, nested: &nested, allowNested: false)
    }

    // MARK: - Property types

    /// The non-optional Swift type of `schema`; nested declarations it needs are appended to `nested`.
    func swiftType(
        _ schema: Schema, suggested: String, scope: inout SwiftNameScope, nested: inout [SwiftDeclaration],
        allowNested: Bool = true
    ) -> String {
        guard case .object(let object) = schema else { return "JSONValue" }
        if let reference = object.reference, object.isBareReference, let name = reference.componentName {
            if let enclosing, containsDirectly(component: name, target: enclosing) { return "JSONValue" }
            return componentPrefix + names.typeName(name)
        }
        if allowNested, mergedAllOf(schema) != nil {
            let typeName = scope.claim(SwiftName.typeName(suggested))
            if let declaration = namedDeclaration(typeName, schema, doc: DocComment(object.description)) {
                nested.append(declaration)
                return typeName
            }
        }
        if let shape = compositionShape(object) {
            switch shape {
            case .single(let alternative):
                return swiftType(
                    alternative, suggested: suggested, scope: &scope, nested: &nested, allowNested: allowNested)
            case .union(let alternatives):
                guard allowNested else { return "JSONValue" }
                let typeName = scope.claim(SwiftName.typeName(suggested))
                guard let declaration = unionDeclaration(typeName, alternatives, doc: DocComment(object.description))
                else { return "JSONValue" }
                nested.append(declaration)
                return typeName
            case .unreadable:
                return "JSONValue"
            }
        }
        guard let types = object.nonNullTypes, types.count == 1, object.allOf == nil, object.anyOf == nil,
            object.oneOf == nil, object.reference == nil
        else { return "JSONValue" }
        if allowNested, object.enumValues != nil || (types[0] == .object && !object.properties.isEmpty) {
            let typeName = scope.claim(SwiftName.typeName(suggested))
            if let declaration = namedDeclaration(typeName, schema, doc: DocComment(object.description)) {
                nested.append(declaration)
                return typeName
            }
        }
        switch types[0] {
        case .string: return object.format == "date-time" ? "Date" : "String"
        case .integer: return object.format == "int32" ? "Int32" : "Int"
        case .number: return object.format == "decimal" ? "JSONNumber" : "Double"
        case .boolean: return "Bool"
        case .array:
            guard let items = object.items else { return "[JSONValue]" }
            var elements = self
            elements.enclosing = nil  // an array stores its elements out of line, so recursion is fine
            let element = elements.swiftType(
                items, suggested: suggested + "Item", scope: &scope, nested: &nested, allowNested: allowNested)
            return "[" + element + "]"
        case .object: return "JSONObject"
        case .null: return "JSONValue"
        }
    }

    // MARK: - Structs

    /// One stored property of a generated struct.
    struct Property {
        var jsonName: String
        var swiftName: String
        var type: String
        var isOptional: Bool
        var isRequired: Bool
        var doc: DocComment
    }

    /// The properties of an object schema, named and typed; nested types go to `nested`.
    func properties(_ object: SchemaObject, typeName: String, nested: inout [SwiftDeclaration]) -> [Property] {
        var memberScope = SwiftNameScope(reserved: ["json", "init", "Type", "self"])
        var typeScope = SwiftNameScope(
            reserved: names.allTypeNames.union(SchemaNames.reservedTypeNames).union([typeName]))
        return object.properties.map { element in
            let required = object.required.contains(element.name)
            let type = swiftType(element.value, suggested: element.name, scope: &typeScope, nested: &nested)
            let nullable =
                element.value.object.map { object in
                    if compositionShape(object) != nil, object.types == nil {
                        return object.allowsNull || compositionAllowsNull(object)
                    }
                    return object.allowsNull || object.types == nil && !object.isBareReference
                } ?? true
            let optional = !required || (nullable && type != "JSONValue")
            return Property(
                jsonName: element.name, swiftName: memberScope.claim(SwiftName.memberName(element.name)), type: type,
                isOptional: optional, isRequired: required,
                doc: DocComment(element.value.object?.description))
        }
    }

    /// `public struct Agent: JSONCodable, Equatable { … }` with a memberwise init and both coding directions.
    func structDeclaration(_ typeName: String, _ object: SchemaObject, doc: DocComment) -> SwiftDeclaration {
        var nested: [SwiftDeclaration] = []
        let properties = properties(object, typeName: typeName, nested: &nested)
        return .type(
            SwiftTypeDeclaration(
                doc: doc, kind: .struct, name: typeName, conformances: ["JSONCodable", "Equatable"],
                members: structMembers(properties) + nested))
    }

    /// The stored properties, the memberwise init, `init(json:)` and `json` of a struct over `properties`.
    func structMembers(_ properties: [Property]) -> [SwiftDeclaration] {
        var members: [SwiftDeclaration] = properties.map { property in
            .variable(
                SwiftVariable(
                    doc: property.doc, name: property.swiftName,
                    type: property.type + (property.isOptional ? "?" : "")))
        }
        members.append(
            .function(
                SwiftFunction(
                    doc: DocComment("A value with every property given; optional ones default to absent."),
                    parameters: properties.map {
                        SwiftParameter(
                            label: nil, name: $0.swiftName, type: $0.type + ($0.isOptional ? "?" : ""),
                            defaultValue: $0.isOptional ? .nilLiteral : nil)
                    },
                    body: properties.map {
                        .assignment(.member(.identifier("self"), $0.swiftName), .identifier($0.swiftName))
                    })))
        var decode: [SwiftStatement] = [
            .binding(
                isLet: true, name: "object",
                value: .tryExpression(.call(.member(.identifier("json"), "decodeObject"), [])))
        ]
        for property in properties {
            let method = property.isOptional ? "decodeIfPresent" : "decode"
            decode.append(
                .assignment(
                    .member(.identifier("self"), property.swiftName),
                    .tryExpression(
                        .call(.member(.identifier("object"), method), [SwiftArgument(nil, .string(property.jsonName))]))
                ))
        }
        members.append(
            .function(
                SwiftFunction(
                    doc: DocComment("Reads the value from JSON that passed its schema's rules."),
                    parameters: [SwiftParameter(label: nil, name: "json", type: "JSONValue")],
                    throwsType: "JSONDecodingError", body: decode)))
        var encode: [SwiftStatement] = [
            .binding(isLet: false, name: "object", value: .call(.identifier("JSONObject"), []))
        ]
        for property in properties {
            let value: SwiftExpression =
                property.isOptional && !property.isRequired
                ? .member(.optionalChain(.member(.identifier("self"), property.swiftName)), "json")
                : .member(.member(.identifier("self"), property.swiftName), "json")
            encode.append(.assignment(.subscripted(.identifier("object"), .string(property.jsonName)), value))
        }
        encode.append(.returnValue(.call(.member(nil, "object"), [SwiftArgument(nil, .identifier("object"))])))
        members.append(
            .variable(
                SwiftVariable(
                    doc: DocComment("The value as JSON, with the spec's member names."), name: "json",
                    type: "JSONValue", getter: encode)))
        return members
    }

    // MARK: - Enums

    /// `public enum Currency: String, JSONCodable, CaseIterable { case btc = "BTC" … }`.
    func enumDeclaration(_ typeName: String, _ values: [SpecValue], rawType: String, doc: DocComment)
        -> SwiftDeclaration
    {
        var scope = SwiftNameScope(reserved: ["json", "init", "rawValue", "allCases", "self", "Type"])
        var seen: Set<SpecValue> = []
        var members: [SwiftDeclaration] = []
        for value in values where seen.insert(value).inserted {
            let text: String
            let raw: SwiftExpression
            switch value {
            case .string(let string):
                text = string
                raw = .string(string)
            case .number(let number):
                text = (number.isNegative ? "minus " : "value ") + number.literal
                raw = .number(number.literal)
            default: continue
            }
            members.append(.enumCase(SwiftEnumCase(name: scope.claim(SwiftName.memberName(text)), rawValue: raw)))
        }
        members.append(
            .function(
                SwiftFunction(
                    doc: DocComment("Reads one of the enumerated values."),
                    parameters: [SwiftParameter(label: nil, name: "json", type: "JSONValue")],
                    throwsType: "JSONDecodingError",
                    body: [
                        .binding(
                            isLet: true, name: "raw",
                            value: .tryExpression(
                                .call(.identifier(rawType), [SwiftArgument("json", .identifier("json"))]))),
                        .guardLet(
                            name: "value",
                            value: .call(.identifier("Self"), [SwiftArgument("rawValue", .identifier("raw"))]),
                            otherwise: [
                                .throwError(
                                    .call(
                                        .identifier("JSONDecodingError"),
                                        [
                                            SwiftArgument("expected", .string("one of the enumerated values")),
                                            SwiftArgument(
                                                "found", .member(.member(.identifier("raw"), "json"), "description")),
                                        ]))
                            ]),
                        .assignment(.identifier("self"), .identifier("value")),
                    ])))
        members.append(
            .variable(
                SwiftVariable(
                    doc: DocComment("The raw value as JSON."), name: "json", type: "JSONValue",
                    getter: [.returnValue(.member(.identifier("rawValue"), "json"))])))
        return .type(
            SwiftTypeDeclaration(
                doc: doc, kind: .enum, name: typeName, conformances: [rawType, "JSONCodable", "CaseIterable"],
                members: members))
    }
}
