/// Schema → the `JSONSchemaRules` literal that validates it: the generator prints a configured value, never
/// validation logic (ogen's way).
///
/// A schema with one type uses the runtime's typed factory (`.string(maxLength: 255)`), which reads like the spec;
/// anything else (several types, composition with siblings, `const`) uses the general initializer. `$ref`s become
/// `.reference("Agent") { Schemas.agent }`, resolved lazily so recursive schemas work. `int32`/`int64` formats
/// become `minimum`/`maximum` bounds, so an out-of-range integer is a 422 and not a crash in decoding.
struct SchemaRulesTranslator {
    /// The document, to name referenced schemas.
    var names: SchemaNames

    /// The rules literal for `schema`.
    func rules(_ schema: Schema) -> SwiftExpression {
        switch schema {
        case .boolean(let value, _):
            return .member(nil, value ? "any" : "never")
        case .object(let object):
            if let reference = object.reference, object.isBareReference {
                return referenceRules(reference)
            }
            if let factory = typedFactory(object) { return factory }
            return generalRules(object)
        }
    }

    /// `.reference("Agent") { Schemas.agent }`.
    func referenceRules(_ reference: Reference) -> SwiftExpression {
        let name = reference.componentName ?? reference.text
        return .call(
            .member(nil, "reference"), [SwiftArgument(nil, .string(name))],
            trailingClosure: [.expression(.member(.identifier("Schemas"), names.rulesName(name)))])
    }

    // MARK: - Typed factories

    private func typedFactory(_ object: SchemaObject) -> SwiftExpression? {
        guard let types = object.nonNullTypes, types.count == 1, object.reference == nil, object.constValue == nil,
            object.allOf == nil, object.anyOf == nil, object.oneOf == nil, object.not == nil, object.ifSchema == nil,
            object.thenSchema == nil, object.elseSchema == nil, !hasForeignKeywords(object, for: types[0])
        else { return nil }
        let nullable = object.allowsNull
        var arguments: [SwiftArgument] = []
        let name: String
        switch types[0] {
        case .string:
            name = "string"
            arguments = stringArguments(object)
        case .integer:
            name = "integer"
            arguments = numberArguments(object, integerFormat: true)
        case .number:
            name = "number"
            arguments = numberArguments(object, integerFormat: false)
        case .boolean:
            guard object.enumValues == nil else { return nil }
            name = "boolean"
        case .array:
            name = "array"
            arguments = arrayArguments(object)
        case .object:
            name = "object"
            arguments = objectArguments(object)
        case .null:
            return nil
        }
        if let values = object.enumValues, [.string, .integer, .number].contains(types[0]) {
            arguments.append(SwiftArgument("enum", .array(values.filter { $0 != .null }.map(SpecValueLiteral.json))))
        }
        if nullable { arguments.append(SwiftArgument("nullable", .bool(true))) }
        return .call(.member(nil, name), arguments)
    }

    /// Whether the schema carries keywords of another type than its one type (which only the general form keeps).
    private func hasForeignKeywords(_ object: SchemaObject, for type: JSONType) -> Bool {
        let string = object.minLength != nil || object.maxLength != nil || object.pattern != nil
        let number =
            object.minimum != nil || object.maximum != nil || object.exclusiveMinimum != nil
            || object.exclusiveMaximum != nil || object.multipleOf != nil
        let array =
            object.items != nil || object.prefixItems != nil || object.minItems != nil || object.maxItems != nil
            || object.uniqueItems || object.contains != nil
        let objectKeywords =
            !object.properties.isEmpty || !object.required.isEmpty || object.additionalProperties != nil
            || object.minProperties != nil || object.maxProperties != nil || !object.patternProperties.isEmpty
            || object.propertyNames != nil || !object.dependentRequired.isEmpty || !object.dependentSchemas.isEmpty
        switch type {
        case .string: return number || array || objectKeywords
        case .integer, .number: return string || array || objectKeywords
        case .array: return string || number || objectKeywords
        case .object: return string || number || array
        case .boolean, .null: return string || number || array || objectKeywords
        }
    }

    private func stringArguments(_ object: SchemaObject) -> [SwiftArgument] {
        var arguments: [SwiftArgument] = []
        if let value = object.minLength { arguments.append(SwiftArgument("minLength", .number(String(value)))) }
        if let value = object.maxLength { arguments.append(SwiftArgument("maxLength", .number(String(value)))) }
        if let pattern = object.pattern { arguments.append(SwiftArgument("pattern", .rawString(pattern))) }
        if let format = object.format.flatMap(stringFormat) { arguments.append(SwiftArgument("format", format)) }
        return arguments
    }

    /// The runtime's `StringFormat` for a format name; nil for formats that only annotate (`binary`, `decimal`…
    /// stay unchecked, as JSON Schema says unknown formats do).
    private func stringFormat(_ name: String) -> SwiftExpression? {
        let known: [String: String] = [
            "email": "email", "idn-email": "idnEmail", "hostname": "hostname", "idn-hostname": "idnHostname",
            "ipv4": "ipv4", "ipv6": "ipv6", "uri": "uri", "uri-reference": "uriReference", "iri": "iri",
            "iri-reference": "iriReference", "uuid": "uuid", "date-time": "dateTime", "date": "date", "time": "time",
            "duration": "duration", "json-pointer": "jsonPointer", "relative-json-pointer": "relativeJSONPointer",
            "regex": "regex",
        ]
        return known[name].map { .member(nil, $0) }
    }

    private func numberArguments(_ object: SchemaObject, integerFormat: Bool) -> [SwiftArgument] {
        var minimum = object.minimum.map(SpecValueLiteral.number)
        var maximum = object.maximum.map(SpecValueLiteral.number)
        let bounds: (String, String)? =
            switch object.format {
            case "int32": ("-2147483648", "2147483647")
            case "int64": ("-9223372036854775808", "9223372036854775807")
            // An integer without format becomes a Swift `Int`, so it gets Int64's range: a larger value is a
            // 422 naming the field, not a decoding failure after validation.
            default: integerFormat ? ("-9223372036854775808", "9223372036854775807") : nil
            }
        if let bounds {
            if minimum == nil && object.exclusiveMinimum == nil { minimum = .number(bounds.0) }
            if maximum == nil && object.exclusiveMaximum == nil { maximum = .number(bounds.1) }
        }
        var arguments: [SwiftArgument] = []
        if let minimum { arguments.append(SwiftArgument("minimum", minimum)) }
        if let maximum { arguments.append(SwiftArgument("maximum", maximum)) }
        if let value = object.exclusiveMinimum {
            arguments.append(SwiftArgument("exclusiveMinimum", SpecValueLiteral.number(value)))
        }
        if let value = object.exclusiveMaximum {
            arguments.append(SwiftArgument("exclusiveMaximum", SpecValueLiteral.number(value)))
        }
        if let value = object.multipleOf {
            arguments.append(SwiftArgument("multipleOf", SpecValueLiteral.number(value)))
        }
        return arguments
    }

    private func arrayArguments(_ object: SchemaObject) -> [SwiftArgument] {
        var arguments: [SwiftArgument] = []
        if let items = object.items { arguments.append(SwiftArgument("items", rules(items))) }
        if let prefix = object.prefixItems { arguments.append(SwiftArgument("prefixItems", .array(prefix.map(rules)))) }
        if let value = object.minItems { arguments.append(SwiftArgument("minItems", .number(String(value)))) }
        if let value = object.maxItems { arguments.append(SwiftArgument("maxItems", .number(String(value)))) }
        if object.uniqueItems { arguments.append(SwiftArgument("uniqueItems", .bool(true))) }
        if let contains = object.contains { arguments.append(SwiftArgument("contains", rules(contains))) }
        if let value = object.minContains { arguments.append(SwiftArgument("minContains", .number(String(value)))) }
        if let value = object.maxContains { arguments.append(SwiftArgument("maxContains", .number(String(value)))) }
        return arguments
    }

    private func objectArguments(_ object: SchemaObject) -> [SwiftArgument] {
        var arguments: [SwiftArgument] = []
        if !object.properties.isEmpty {
            arguments.append(
                SwiftArgument(
                    "properties",
                    .dictionary(
                        object.properties.map { SwiftDictionaryEntry(key: .string($0.name), value: rules($0.value)) })))
        }
        if !object.required.isEmpty {
            arguments.append(SwiftArgument("required", .array(object.required.map { .string($0) })))
        }
        if let additional = object.additionalProperties {
            arguments.append(SwiftArgument("additionalProperties", rules(additional)))
        }
        if !object.patternProperties.isEmpty {
            arguments.append(
                SwiftArgument(
                    "patternProperties",
                    .array(
                        object.patternProperties.map {
                            .call(
                                .identifier("PatternProperty"),
                                [SwiftArgument(nil, .rawString($0.name)), SwiftArgument(nil, rules($0.value))])
                        })))
        }
        if let names = object.propertyNames { arguments.append(SwiftArgument("propertyNames", rules(names))) }
        if let value = object.minProperties { arguments.append(SwiftArgument("minProperties", .number(String(value)))) }
        if let value = object.maxProperties { arguments.append(SwiftArgument("maxProperties", .number(String(value)))) }
        if !object.dependentRequired.isEmpty {
            arguments.append(
                SwiftArgument(
                    "dependentRequired",
                    .dictionary(
                        object.dependentRequired.map {
                            SwiftDictionaryEntry(key: .string($0.name), value: .array($0.value.map { .string($0) }))
                        })))
        }
        if !object.dependentSchemas.isEmpty {
            arguments.append(
                SwiftArgument(
                    "dependentSchemas",
                    .dictionary(
                        object.dependentSchemas.map {
                            SwiftDictionaryEntry(key: .string($0.name), value: rules($0.value))
                        })))
        }
        return arguments
    }

    // MARK: - General form

    private func generalRules(_ object: SchemaObject) -> SwiftExpression {
        var arguments: [SwiftArgument] = []
        if var types = object.types {
            if object.nullable && !types.contains(.null) { types.append(.null) }
            arguments.append(SwiftArgument("type", .array(types.sorted().map { .member(nil, $0.rawValue) })))
        }
        if let values = object.enumValues {
            arguments.append(SwiftArgument("enum", .array(values.map(SpecValueLiteral.json))))
        }
        if let value = object.constValue {
            // `const: nil` would be an absent constant (the parameter is a `JSONValue?`): `const: null` is `.null`.
            arguments.append(SwiftArgument("const", value == .null ? .member(nil, "null") : SpecValueLiteral.json(value)))
        }
        let string = stringArguments(object)
        if !string.isEmpty { arguments.append(SwiftArgument("string", .call(.identifier("StringRules"), string))) }
        let number = numberArguments(object, integerFormat: object.nonNullTypes == [.integer])
        if !number.isEmpty { arguments.append(SwiftArgument("number", .call(.identifier("NumberRules"), number))) }
        let array = arrayArguments(object)
        if !array.isEmpty { arguments.append(SwiftArgument("array", .call(.identifier("ArrayRules"), array))) }
        let objectArguments = objectArguments(object)
        if !objectArguments.isEmpty {
            arguments.append(SwiftArgument("object", .call(.identifier("ObjectRules"), objectArguments)))
        }
        if let list = object.allOf { arguments.append(SwiftArgument("allOf", .array(list.map(rules)))) }
        if let list = object.anyOf { arguments.append(SwiftArgument("anyOf", .array(list.map(rules)))) }
        if let list = object.oneOf { arguments.append(SwiftArgument("oneOf", .array(list.map(rules)))) }
        if let schema = object.not { arguments.append(SwiftArgument("not", rules(schema))) }
        if let schema = object.ifSchema { arguments.append(SwiftArgument("if", rules(schema))) }
        if let schema = object.thenSchema { arguments.append(SwiftArgument("then", rules(schema))) }
        if let schema = object.elseSchema { arguments.append(SwiftArgument("else", rules(schema))) }
        if let reference = object.reference {
            let name = reference.componentName ?? reference.text
            arguments.append(
                SwiftArgument(
                    "reference",
                    .call(
                        .identifier("SchemaReference"), [SwiftArgument("name", .string(name))],
                        trailingClosure: [.expression(.member(.identifier("Schemas"), names.rulesName(name)))])))
        }
        return .call(.identifier("JSONSchemaRules"), arguments)
    }
}

/// Spec values as Swift literals of the runtime's types.
enum SpecValueLiteral {
    /// A `JSONValue` literal: `"BTC"`, `5`, `.number("0.5")`, `nil`, `["a": 1]`.
    static func json(_ value: SpecValue) -> SwiftExpression {
        switch value {
        case .null: .nilLiteral
        case .bool(let flag): .bool(flag)
        case .number(let number):
            if case .integer = number.kind {
                .number(number.literal)
            } else {
                .call(.member(nil, "number"), [SwiftArgument(nil, .string(number.literal))])
            }
        case .string(let text): .string(text)
        case .array(let items): .array(items.map(json))
        case .object(let members):
            .call(
                .member(nil, "object"),
                [
                    SwiftArgument(
                        nil,
                        .dictionary(members.map { SwiftDictionaryEntry(key: .string($0.name), value: json($0.value)) }))
                ])
        }
    }

    /// A `JSONNumber` literal: integers as integer literals, anything else as its exact text.
    static func number(_ number: SpecNumber) -> SwiftExpression {
        if case .integer = number.kind { return .number(number.literal) }
        return .string(number.literal)
    }
}
