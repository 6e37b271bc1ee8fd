/// A spec's schemas written out as standalone JSON Schema 2020-12 documents, for readers that never see the spec:
/// an MCP client reading a tool's `inputSchema` and `outputSchema`.
///
/// Every keyword that constrains a value is written as the spec has it (numbers exactly, patterns as written); the
/// OpenAPI-only ones (`discriminator`, `x-` extensions) are left out, and 3.0's `nullable` has already become a
/// `"null"` in `type` when the reader made the model. A reference to a component schema becomes `#/$defs/Name`, and
/// the components it reaches, transitively, are collected so the caller can put them under `$defs` at the root —
/// the document stays self-contained, and a recursive schema stays finite.
struct JSONSchemaExport {
    let document: OpenAPIDocument
    /// The components referenced so far, in the order first reached.
    private(set) var definitions: [String] = []

    init(document: OpenAPIDocument) {
        self.document = document
    }

    /// `schema` as JSON Schema, noting the components it references.
    mutating func export(_ schema: Schema) -> SpecValue {
        switch schema {
        case .boolean(let value, _):
            return .bool(value)
        case .object(let object):
            return .object(members(object))
        }
    }

    /// The `$defs` object of every component reached so far, including those reached from the collected ones.
    mutating func definitionsObject() -> SpecValue? {
        var written: [SpecValue.Member] = []
        var index = 0
        while index < definitions.count {
            let name = definitions[index]
            if let schema = document.components.schemas[name] {
                written.append(.init(name: name, value: export(schema)))
            }
            index += 1
        }
        return written.isEmpty ? nil : .object(written)
    }

    private mutating func reference(_ reference: Reference) -> SpecValue {
        let components = reference.target.components
        guard components.count >= 3, components[0] == "components", components[1] == "schemas" else {
            // The reader resolves only local references; one that is not a component schema is written as it is.
            return .string(reference.text)
        }
        if !definitions.contains(components[2]) { definitions.append(components[2]) }
        let rest = components.dropFirst(3).map(Self.escapePointerToken)
        return .string((["#", "$defs", Self.escapePointerToken(components[2])] + rest).joined(separator: "/"))
    }

    private static func escapePointerToken(_ token: String) -> String {
        token.replacing("~", with: "~0").replacing("/", with: "~1")
    }

    private mutating func members(_ object: SchemaObject) -> [SpecValue.Member] {
        var out: [SpecValue.Member] = []
        func add(_ name: String, _ value: SpecValue?) {
            if let value { out.append(.init(name: name, value: value)) }
        }
        if let ref = object.reference { add("$ref", reference(ref)) }
        if let types = object.types {
            add("type", types.count == 1 ? .string(types[0].rawValue) : .array(types.map { .string($0.rawValue) }))
        }
        add("format", object.format.map(SpecValue.string))
        add("title", object.title.map(SpecValue.string))
        add("description", object.description.map(SpecValue.string))
        if object.deprecated { add("deprecated", .bool(true)) }
        if object.readOnly { add("readOnly", .bool(true)) }
        if object.writeOnly { add("writeOnly", .bool(true)) }
        add("default", object.defaultValue)
        if !object.examples.isEmpty { add("examples", .array(object.examples)) }
        add("contentMediaType", object.contentMediaType.map(SpecValue.string))
        add("contentEncoding", object.contentEncoding.map(SpecValue.string))
        add("enum", object.enumValues.map(SpecValue.array))
        add("const", object.constValue)
        add("minimum", object.minimum.map(SpecValue.number))
        add("maximum", object.maximum.map(SpecValue.number))
        add("exclusiveMinimum", object.exclusiveMinimum.map(SpecValue.number))
        add("exclusiveMaximum", object.exclusiveMaximum.map(SpecValue.number))
        add("multipleOf", object.multipleOf.map(SpecValue.number))
        add("minLength", object.minLength.map(Self.integer))
        add("maxLength", object.maxLength.map(Self.integer))
        add("pattern", object.pattern.map(SpecValue.string))
        add("prefixItems", object.prefixItems.map { .array($0.map { export($0) }) })
        add("items", object.items.map { export($0) })
        add("minItems", object.minItems.map(Self.integer))
        add("maxItems", object.maxItems.map(Self.integer))
        if object.uniqueItems { add("uniqueItems", .bool(true)) }
        add("contains", object.contains.map { export($0) })
        add("minContains", object.minContains.map(Self.integer))
        add("maxContains", object.maxContains.map(Self.integer))
        if !object.properties.isEmpty {
            add("properties", .object(object.properties.map { .init(name: $0.name, value: export($0.value)) }))
        }
        if !object.required.isEmpty { add("required", .array(object.required.map(SpecValue.string))) }
        add("additionalProperties", object.additionalProperties.map { export($0) })
        add("minProperties", object.minProperties.map(Self.integer))
        add("maxProperties", object.maxProperties.map(Self.integer))
        if !object.patternProperties.isEmpty {
            add(
                "patternProperties",
                .object(object.patternProperties.map { .init(name: $0.name, value: export($0.value)) }))
        }
        add("propertyNames", object.propertyNames.map { export($0) })
        if !object.dependentRequired.isEmpty {
            add(
                "dependentRequired",
                .object(
                    object.dependentRequired.map { .init(name: $0.name, value: .array($0.value.map(SpecValue.string))) }
                ))
        }
        if !object.dependentSchemas.isEmpty {
            add(
                "dependentSchemas",
                .object(object.dependentSchemas.map { .init(name: $0.name, value: export($0.value)) }))
        }
        add("allOf", object.allOf.map { .array($0.map { export($0) }) })
        add("anyOf", object.anyOf.map { .array($0.map { export($0) }) })
        add("oneOf", object.oneOf.map { .array($0.map { export($0) }) })
        add("not", object.not.map { export($0) })
        add("if", object.ifSchema.map { export($0) })
        add("then", object.thenSchema.map { export($0) })
        add("else", object.elseSchema.map { export($0) })
        return out
    }

    private static func integer(_ value: Int) -> SpecValue { .number(SpecNumber(Int64(value))) }
}
