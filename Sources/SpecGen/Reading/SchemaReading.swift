/// Reads Schema Objects (3.0's OpenAPI dialect and 3.1's JSON Schema 2020-12) into ``Schema``.
extension ReadingContext {
    /// JSON Schema keywords SpecGen cannot turn into types or validators, with what to write instead.
    static let unsupportedSchemaKeywords: [String: String] = [
        "dependencies": "write dependentRequired (names) or dependentSchemas (schemas), as JSON Schema 2020-12 does",
        "unevaluatedProperties": "use additionalProperties: false on a schema that lists every property",
        "unevaluatedItems": "use items",
        "contentSchema": "describe the decoded content in the handler",
        "definitions": "move the schema to #/components/schemas",
        "$id": "SpecGen resolves references within this document only; remove it",
        "$anchor": "refer to #/components/schemas/<name> instead",
        "$dynamicRef": "use $ref",
        "$dynamicAnchor": "use $ref",
        "$recursiveRef": "use $ref",
        "$recursiveAnchor": "use $ref",
        "$vocabulary": "remove it",
    ]

    /// Reads the schema at `node`. Never fails: a broken schema is recorded as an error and read as `{}`, so
    /// the rest of the document is still checked.
    func readSchema(_ node: SpecNode) -> Schema {
        if let scalar = node.node.scalar, scalar.style.isPlain,
            case .success(.bool(let value)) = ScalarTyping.coreValue(of: scalar)
        {
            return .boolean(value, source: node.location)
        }
        guard var reader = ObjectReader(node, self, as: "Schema Object") else {
            return .object(SchemaObject(source: node.location))
        }
        var schema = SchemaObject(source: node.location)

        if let refNode = reader.node("$ref") {
            schema.reference = schemaReference(at: refNode, owner: node)
        }
        readTypes(into: &schema, &reader)
        schema.format = reader.string("format")
        schema.title = reader.string("title")
        schema.description = reader.string("description")
        schema.deprecated = reader.bool("deprecated") ?? false
        schema.readOnly = reader.bool("readOnly") ?? false
        schema.writeOnly = reader.bool("writeOnly") ?? false
        schema.contentMediaType = reader.string("contentMediaType")
        schema.contentEncoding = reader.string("contentEncoding")
        reader.accept("externalDocs", "xml", "$comment")
        // Definitions are read where a `$ref` names them (hoisted to components); those nobody names generate
        // nothing, as JSON Schema says.
        reader.accept("$defs")
        readDialect(&reader)

        readLiterals(into: &schema, &reader)
        readNumberKeywords(into: &schema, &reader)

        schema.minLength = reader.count("minLength")
        schema.maxLength = reader.count("maxLength")
        schema.pattern = reader.string("pattern")

        readArrayKeywords(into: &schema, &reader)
        readObjectKeywords(into: &schema, &reader)
        readComposition(into: &schema, &reader)

        for (keyword, hint) in Self.unsupportedSchemaKeywords.sorted(by: { $0.key < $1.key }) {
            reader.refuse(keyword, "the JSON Schema keyword '\(keyword)' is not supported by SpecGen", hint: hint)
        }
        schema.extensions = reader.extensions()
        reader.finish()

        if isVersion30, schema.reference != nil { dropReferenceSiblings30(&schema, node) }
        return .object(schema)
    }

    /// The JSON Schema dialects whose `$schema` SpecGen reads: 2020-12, which OpenAPI 3.1's dialect extends, and
    /// that dialect itself.
    static let readableDialects: Set<String> = [
        "https://json-schema.org/draft/2020-12/schema", "https://json-schema.org/draft/2020-12/schema#",
        "https://spec.openapis.org/oas/3.1/dialect/base", "https://spec.openapis.org/oas/3.1/dialect/2024-11-10",
    ]

    /// `$schema` names the dialect a schema is written in (OpenAPI 3.1): 2020-12 and OpenAPI's own are read as
    /// usual; another one would change what keywords mean, so it is refused. OpenAPI 3.0 has no `$schema`.
    private func readDialect(_ reader: inout ObjectReader) {
        guard !isVersion30 else {
            reader.refuse("$schema", "'$schema' is OpenAPI 3.1", hint: "remove it")
            return
        }
        guard let dialect = reader.string("$schema"), !Self.readableDialects.contains(dialect) else { return }
        reader.refuse(
            "$schema", "the JSON Schema dialect '\(dialect)' is not supported by SpecGen",
            hint: "write the schema in JSON Schema 2020-12 (https://json-schema.org/draft/2020-12/schema)")
    }

    /// A schema `$ref` names a component schema, or any schema elsewhere in the document, which is then hoisted
    /// to a component of its own (``hoistedSchemas``): either way it becomes a named type.
    private func schemaReference(at refNode: SpecNode, owner: SpecNode) -> Reference? {
        guard let reference = reference(at: refNode, owner: owner, kind: .schemas) else { return nil }
        if reference.component?.kind == .schemas { return reference }
        let name = hoistedName(for: reference.target)
        return Reference(
            text: reference.text, target: SpecPath(components: ["components", "schemas", name]), source: reference.source)
    }

    /// The component name a schema at `target` is hoisted under: its path below `components/schemas` (or from the
    /// root), joined with `_`, with a number added when a real component already has that name.
    private func hoistedName(for target: SpecPath) -> String {
        if let name = hoistedNames[target] { return name }
        var parts = target.components
        if parts.count > 2, parts[0] == "components", parts[1] == "schemas" { parts.removeFirst(2) }
        let base = parts.map { String($0.filter { $0 != "$" }) }.joined(separator: "_")
        let taken = Set((root.node.mapping?["components"]?.mapping?["schemas"]?.mapping?.entries ?? []).map(\.key.text))
            .union(hoistedSchemas.map(\.name))
        var name = base.isEmpty ? "Root" : base
        var number = 2
        while taken.contains(name) {
            name = "\(base)_\(number)"
            number += 1
        }
        hoistedNames[target] = name
        hoistedSchemas.append((target, name))
        return name
    }

    /// OpenAPI 3.0 ignores everything beside `$ref` in a schema; keep the annotations, drop the rest loudly.
    private func dropReferenceSiblings30(_ schema: inout SchemaObject, _ node: SpecNode) {
        guard let reference = schema.reference else { return }
        var bare = SchemaObject(source: schema.source)
        bare.reference = reference
        bare.title = schema.title
        bare.description = schema.description
        bare.deprecated = schema.deprecated
        bare.readOnly = schema.readOnly
        bare.writeOnly = schema.writeOnly
        bare.defaultValue = schema.defaultValue
        bare.examples = schema.examples
        bare.extensions = schema.extensions
        let annotations: Set<String> = [
            "$ref", "title", "description", "deprecated", "readOnly", "writeOnly", "default", "example",
            "externalDocs",
        ]
        let ignored = (node.entries ?? []).filter { !annotations.contains($0.name) && !$0.name.hasPrefix("x-") }
        if !ignored.isEmpty {
            warning(
                "in OpenAPI 3.0 fields beside '$ref' are ignored: "
                    + ignored.map { "'\($0.name)'" }.joined(separator: ", "),
                at: node,
                hint: "wrap the reference: allOf: [{$ref: '\(reference.text)'}] and put the fields beside allOf")
        }
        schema = bare
    }

    // MARK: Keyword groups

    private func readTypes(into schema: inout SchemaObject, _ reader: inout ObjectReader) {
        if let typeNode = reader.node("type") {
            var names: [SpecNode] = []
            if typeNode.node.scalar != nil {
                names = [typeNode]
            } else if let items = typeNode.items {
                if isVersion30 {
                    warning(
                        "a list of types is OpenAPI 3.1; 3.0 allows one type", at: typeNode,
                        hint: "use one type with nullable: true, or declare openapi: 3.1.0")
                }
                names = items
                if items.isEmpty { error("'type' must not be an empty list", at: typeNode) }
            } else {
                error(
                    "'type' must be a type name or a list of them, found \(typeNode.node.kindDescription)", at: typeNode
                )
            }
            var types: [JSONType] = []
            for name in names {
                guard let text = name.node.scalar?.text, let type = JSONType(rawValue: text) else {
                    let found = name.node.scalar?.text ?? name.node.kindDescription
                    error(
                        "unknown type '\(found)'", at: name,
                        hint: "use one of " + JSONType.allCases.map(\.rawValue).joined(separator: ", "))
                    continue
                }
                if type == .null && isVersion30 {
                    warning("type 'null' is OpenAPI 3.1; 3.0 writes nullable: true", at: name)
                }
                if types.contains(type) {
                    error("type '\(text)' is listed twice", at: name)
                    continue
                }
                types.append(type)
            }
            if !types.isEmpty { schema.types = types }
        }
        if let nullableNode = reader.node("nullable") {
            schema.nullable = reader.bool("nullable") ?? false
            if !isVersion30 {
                warning(
                    "'nullable' is OpenAPI 3.0; 3.1 lists 'null' among the types", at: nullableNode,
                    hint: "write type: [<type>, 'null']")
            }
            if schema.nullable, schema.types != nil, schema.types?.contains(.null) == false {
                schema.types?.append(.null)
            }
        }
    }

    private func readLiterals(into schema: inout SchemaObject, _ reader: inout ObjectReader) {
        let literalKeys = ["enum", "const", "default", "example", "examples"]
        let hint =
            literalKeys.contains(where: { reader.mapping[$0] != nil }) ? TypeHint(schema: reader.node, self) : nil
        if let enumNode = reader.node("enum") {
            if let items = enumNode.items {
                if items.isEmpty { warning("'enum' is empty: no value can match", at: enumNode) }
                var values: [SpecValue] = []
                for item in items {
                    guard let value = ValueReading.value(of: item, hint: hint, self) else { continue }
                    if values.contains(value) {
                        warning("enum value \(value) is listed twice", at: item)
                    } else {
                        values.append(value)
                    }
                }
                schema.enumValues = values
            } else {
                error("'enum' must be a list, found \(enumNode.node.kindDescription)", at: enumNode)
            }
        }
        if let constNode = reader.node("const") {
            if isVersion30 { warning("'const' is OpenAPI 3.1; 3.0 writes a one-value enum", at: constNode) }
            schema.constValue = ValueReading.value(of: constNode, hint: hint, self)
        }
        if let defaultNode = reader.node("default") {
            schema.defaultValue = ValueReading.value(of: defaultNode, hint: hint, self)
        }
        if let exampleNode = reader.node("example") {
            if let value = ValueReading.value(of: exampleNode, hint: hint, self) { schema.examples.append(value) }
        }
        if let examplesNode = reader.node("examples") {
            if let items = examplesNode.items {
                schema.examples += items.compactMap { ValueReading.value(of: $0, hint: hint, self) }
            } else {
                error(
                    "a schema's 'examples' must be a list of values, found \(examplesNode.node.kindDescription)",
                    at: examplesNode, hint: isVersion30 ? "OpenAPI 3.0 schemas use 'example' (one value)" : nil)
            }
        }
    }

    private func readNumberKeywords(into schema: inout SchemaObject, _ reader: inout ObjectReader) {
        schema.minimum = reader.number("minimum")
        schema.maximum = reader.number("maximum")
        schema.exclusiveMinimum = readExclusiveBound("exclusiveMinimum", bound: &schema.minimum, &reader)
        schema.exclusiveMaximum = readExclusiveBound("exclusiveMaximum", bound: &schema.maximum, &reader)
        if let multipleNode = reader.node("multipleOf"),
            let multiple = ObjectReader.number(multipleNode, self, field: "multipleOf")
        {
            if multiple.isNegative || multiple.significand.isEmpty {
                error("'multipleOf' must be greater than 0, found \(multiple)", at: multipleNode)
            } else {
                schema.multipleOf = multiple
            }
        }
    }

    /// `exclusiveMinimum`/`exclusiveMaximum`: a number (3.1), or a boolean turning the bound exclusive (3.0).
    private func readExclusiveBound(
        _ key: String, bound: inout SpecNumber?, _ reader: inout ObjectReader
    ) -> SpecNumber? {
        guard let child = reader.node(key) else { return nil }
        if let scalar = child.node.scalar, case .success(.bool(let flag)) = ScalarTyping.coreValue(of: scalar) {
            if !isVersion30 {
                warning(
                    "boolean '\(key)' is the OpenAPI 3.0 form; 3.1 gives the bound itself", at: child,
                    hint: "write \(key): <number> instead of the bound plus \(key): true")
            }
            guard flag else { return nil }
            guard let value = bound else {
                warning(
                    "'\(key): true' has no effect without '\(key == "exclusiveMinimum" ? "minimum" : "maximum")'",
                    at: child)
                return nil
            }
            bound = nil
            return value
        }
        if isVersion30 {
            warning("numeric '\(key)' is the OpenAPI 3.1 form; 3.0 writes a bound plus '\(key): true'", at: child)
        }
        return ObjectReader.number(child, self, field: key)
    }

    private func readArrayKeywords(into schema: inout SchemaObject, _ reader: inout ObjectReader) {
        if let itemsNode = reader.node("items") {
            if itemsNode.items != nil {
                error(
                    "'items' as a list (tuple validation) is not JSON Schema 2020-12", at: itemsNode,
                    hint: "use prefixItems (OpenAPI 3.1) for per-position schemas")
            } else {
                schema.items = readSchema(itemsNode)
            }
        }
        if let prefixNode = reader.node("prefixItems") {
            if isVersion30 { warning("'prefixItems' is OpenAPI 3.1", at: prefixNode) }
            if let items = prefixNode.items {
                schema.prefixItems = items.map(readSchema)
            } else {
                error("'prefixItems' must be a list of schemas", at: prefixNode)
            }
        }
        schema.minItems = reader.count("minItems")
        schema.maxItems = reader.count("maxItems")
        schema.uniqueItems = reader.bool("uniqueItems") ?? false
        schema.contains = reader31Schema("contains", &reader)
        schema.minContains = reader.count("minContains")
        schema.maxContains = reader.count("maxContains")
    }

    private func readObjectKeywords(into schema: inout SchemaObject, _ reader: inout ObjectReader) {
        for entry in reader.entries("properties") ?? [] {
            schema.properties[entry.name] = readSchema(entry.node)
        }
        if let requiredNode = reader.node("required") {
            if let scalar = requiredNode.node.scalar, case .success(.bool) = ScalarTyping.coreValue(of: scalar) {
                error(
                    "'required' in a schema is a list of property names, not a boolean", at: requiredNode,
                    hint: "list this property's name in the parent object's 'required'")
            } else if let items = requiredNode.items {
                for item in items {
                    guard let name = ObjectReader.string(item, self, field: "required") else { continue }
                    if schema.required.contains(name) {
                        warning("'\(name)' is listed twice in 'required'", at: item)
                    } else {
                        schema.required.append(name)
                    }
                }
            } else {
                error("'required' must be a list of property names", at: requiredNode)
            }
        }
        if let additionalNode = reader.node("additionalProperties") {
            schema.additionalProperties = readSchema(additionalNode)
        }
        schema.minProperties = reader.count("minProperties")
        schema.maxProperties = reader.count("maxProperties")
        if let patterns = reader.node("patternProperties") {
            if isVersion30 { warning("'patternProperties' is OpenAPI 3.1", at: patterns) }
            for entry in reader.entries("patternProperties") ?? [] {
                schema.patternProperties[entry.name] = readSchema(entry.node)
            }
        }
        schema.propertyNames = reader31Schema("propertyNames", &reader)
        if let dependentNode = reader.node("dependentRequired") {
            if isVersion30 { warning("'dependentRequired' is OpenAPI 3.1", at: dependentNode) }
            for entry in reader.entries("dependentRequired") ?? [] {
                guard let items = entry.node.items else {
                    error("'dependentRequired' values must be lists of property names", at: entry.node)
                    continue
                }
                schema.dependentRequired[entry.name] = items.compactMap {
                    ObjectReader.string($0, self, field: "dependentRequired")
                }
            }
        }
        if let dependentNode = reader.node("dependentSchemas") {
            if isVersion30 { warning("'dependentSchemas' is OpenAPI 3.1", at: dependentNode) }
            for entry in reader.entries("dependentSchemas") ?? [] {
                schema.dependentSchemas[entry.name] = readSchema(entry.node)
            }
        }
    }

    private func readComposition(into schema: inout SchemaObject, _ reader: inout ObjectReader) {
        func list(_ key: String) -> [Schema]? {
            guard let node = reader.node(key) else { return nil }
            guard let items = node.items else {
                error("'\(key)' must be a list of schemas, found \(node.node.kindDescription)", at: node)
                return nil
            }
            if items.isEmpty {
                error("'\(key)' must list at least one schema", at: node)
                return nil
            }
            return items.map(readSchema)
        }
        schema.allOf = list("allOf")
        schema.anyOf = list("anyOf")
        schema.oneOf = list("oneOf")
        if let notNode = reader.node("not") { schema.not = readSchema(notNode) }
        schema.ifSchema = reader31Schema("if", &reader)
        schema.thenSchema = reader31Schema("then", &reader)
        schema.elseSchema = reader31Schema("else", &reader)
        if schema.ifSchema == nil, let orphan = reader.node("then") ?? reader.node("else") {
            warning("'\(orphan.path.last ?? "then")' without 'if' has no effect", at: orphan)
        }
        if let discriminatorNode = reader.node("discriminator") {
            schema.discriminator = readDiscriminator(discriminatorNode)
        }
    }

    /// A subschema keyword that only JSON Schema 2020-12 (OpenAPI 3.1) has; a warning in 3.0 documents.
    private func reader31Schema(_ key: String, _ reader: inout ObjectReader) -> Schema? {
        guard let node = reader.node(key) else { return nil }
        if isVersion30 { warning("'\(key)' is OpenAPI 3.1", at: node) }
        return readSchema(node)
    }

    private func readDiscriminator(_ node: SpecNode) -> Discriminator? {
        guard var reader = ObjectReader(node, self, as: "Discriminator Object") else { return nil }
        defer { reader.finish() }
        let propertyName = reader.string("propertyName", required: true)
        var mapping = OrderedMap<Reference>()
        for entry in reader.entries("mapping") ?? [] {
            guard let text = ObjectReader.string(entry.node, self, field: "mapping") else { continue }
            // A bare name means the component schema of that name.
            let refText = text.hasPrefix("#") ? text : "#/components/schemas/\(text)"
            let refNode = SpecNode(
                node: .scalar(YAMLScalar(text: refText, mark: entry.node.mark)), path: entry.node.path)
            if let reference = schemaReference(at: refNode, owner: entry.node) { mapping[entry.name] = reference }
        }
        _ = reader.extensions()
        guard let propertyName else { return nil }
        return Discriminator(propertyName: propertyName, mapping: mapping)
    }
}
