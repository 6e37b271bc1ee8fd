/// Checks on schemas: contradictory bounds, literals that break their schema, keywords on the wrong type.
extension Linter {
    /// Formats the generator understands, by the type they apply to.
    static let knownFormats: [JSONType: Set<String>] = [
        .integer: ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"],
        .number: ["float", "double", "decimal", "int32", "int64"],
        .string: [
            "date", "date-time", "time", "duration", "email", "idn-email", "hostname", "idn-hostname", "ipv4", "ipv6",
            "uri", "uri-reference", "iri", "iri-reference", "uri-template", "uuid", "byte", "binary", "password",
            "regex", "json-pointer", "relative-json-pointer", "decimal", "int64", "phone", "country", "currency",
            "timezone", "color", "url",
        ],
    ]

    /// Why the generator types a `oneOf`/`anyOf` as `JSONValue`, if it does.
    private func unreadableComposition(_ object: SchemaObject) -> String? {
        TypeTranslator(document: document, names: SchemaNames(document.components.schemas.names))
            .unreadableCompositionReason(object)
    }

    /// Checks `schema` and everything inside it, once per place.
    mutating func checkSchema(_ schema: Schema) {
        guard firstVisit(schema), case .object(let object) = schema else { return }
        checkBounds(object)
        checkTypeKeywords(object)
        checkFormat(object)
        checkDecimal(object)
        checkPattern(object)
        checkRequired(object)
        checkLiterals(object)
        if object.discriminator != nil, object.oneOf == nil, object.anyOf == nil {
            warning("'discriminator' without oneOf or anyOf has no effect", object.source)
        }
        if object.oneOf != nil || object.anyOf != nil, let reason = unreadableComposition(object) {
            warning(
                "this \(object.oneOf != nil ? "oneOf" : "anyOf") has no Swift type of its own and is generated as JSONValue: \(reason)",
                object.source, hint: "give each alternative a distinct type, e.g. a $ref to its own component")
        }
        if object.readOnly && object.writeOnly {
            warning("a schema cannot be both readOnly and writeOnly", object.source)
        }
        object.subschemas.forEach { checkSchema($0) }
    }

    private mutating func checkBounds(_ object: SchemaObject) {
        let lower = [object.minimum, object.exclusiveMinimum].compactMap { $0 }.max()
        let upper = [object.maximum, object.exclusiveMaximum].compactMap { $0 }.min()
        if let lower, let upper {
            let exclusive = object.exclusiveMinimum == lower || object.exclusiveMaximum == upper
            if lower > upper || (lower == upper && exclusive) {
                error("no number satisfies the bounds: lower \(lower), upper \(upper)", object.source)
            }
        }
        let pairs: [(String, Int?, String, Int?)] = [
            ("minLength", object.minLength, "maxLength", object.maxLength),
            ("minItems", object.minItems, "maxItems", object.maxItems),
            ("minProperties", object.minProperties, "maxProperties", object.maxProperties),
            ("minContains", object.minContains, "maxContains", object.maxContains),
        ]
        for (minName, minValue, maxName, maxValue) in pairs {
            if let minValue, let maxValue, minValue > maxValue {
                error("'\(minName)' (\(minValue)) is greater than '\(maxName)' (\(maxValue))", object.source)
            }
        }
        if object.types == [.integer] || object.types == [.integer, .null] {
            let range: (SpecNumber, SpecNumber)? =
                switch object.format {
                case "int32": (SpecNumber(Int64(Int32.min)), SpecNumber(Int64(Int32.max)))
                case "int64": (SpecNumber(Int64.min), SpecNumber(Int64.max))
                default: nil
                }
            if let (low, high) = range {
                for bound in [object.minimum, object.maximum].compactMap({ $0 }) where bound < low || bound > high {
                    warning("bound \(bound) lies outside the \(object.format!) range", object.source)
                }
            }
        }
    }

    /// Keywords that only apply to other types than the declared ones are ignored by JSON Schema: suspicious.
    private mutating func checkTypeKeywords(_ object: SchemaObject) {
        guard let types = object.nonNullTypes, !types.isEmpty else { return }
        let groups: [(JSONType, [String: Bool])] = [
            (
                .string,
                [
                    "minLength": object.minLength != nil, "maxLength": object.maxLength != nil,
                    "pattern": object.pattern != nil,
                ]
            ),
            (
                .number,
                [
                    "minimum": object.minimum != nil, "maximum": object.maximum != nil,
                    "exclusiveMinimum": object.exclusiveMinimum != nil,
                    "exclusiveMaximum": object.exclusiveMaximum != nil, "multipleOf": object.multipleOf != nil,
                ]
            ),
            (
                .array,
                [
                    "items": object.items != nil, "prefixItems": object.prefixItems != nil,
                    "minItems": object.minItems != nil, "maxItems": object.maxItems != nil,
                    "uniqueItems": object.uniqueItems, "contains": object.contains != nil,
                ]
            ),
            (
                .object,
                [
                    "properties": !object.properties.isEmpty,
                    "additionalProperties": object.additionalProperties != nil,
                    "minProperties": object.minProperties != nil, "maxProperties": object.maxProperties != nil,
                    "patternProperties": !object.patternProperties.isEmpty,
                    "propertyNames": object.propertyNames != nil,
                ]
            ),
        ]
        for (type, keywords) in groups
        where !types.contains(where: { $0 == type || (type == .number && $0 == .integer) }) {
            for (keyword, present) in keywords.sorted(by: { $0.key < $1.key }) where present {
                warning(
                    "'\(keyword)' applies to \(type.rawValue) values but the type is \(types.map(\.rawValue).joined(separator: ", ")); it has no effect",
                    object.source)
            }
        }
        if types.contains(.array), object.items == nil, object.prefixItems == nil {
            warning("array without 'items': its items may be anything", object.source, hint: "add items: {...}")
        }
    }

    private mutating func checkFormat(_ object: SchemaObject) {
        guard let format = object.format, let types = object.nonNullTypes, !types.isEmpty else { return }
        let known =
            types.contains { Self.knownFormats[$0 == .integer ? .integer : $0]?.contains(format) == true }
            || (types.contains(.integer) && Self.knownFormats[.number]!.contains(format))
        if !known {
            warning(
                "format '\(format)' is not known for \(types.map(\.rawValue).joined(separator: ", ")) values and will not be checked",
                object.source)
        }
    }

    /// An exact decimal (`type: number, format: decimal`) is generated as `JSONNumber` and meant for a fixed-scale
    /// column such as `NUMERIC(38,18)`: without an upper bound and a `multipleOf` (the scale) a valid value may not
    /// fit it, and would then be rounded or refused by the database instead of by the request's 422.
    private mutating func checkDecimal(_ object: SchemaObject) {
        guard object.format == "decimal", object.nonNullTypes?.contains(.number) == true else { return }
        var missing: [String] = []
        if object.maximum == nil, object.exclusiveMaximum == nil { missing.append("'maximum'") }
        if object.multipleOf == nil { missing.append("'multipleOf'") }
        if !missing.isEmpty {
            warning(
                "an exact decimal without \(missing.joined(separator: " or ")) accepts values a fixed-scale column cannot hold",
                object.source, hint: "bound it, e.g. maximum: 1000000000, multipleOf: 0.000000000000000001 for NUMERIC(38,18)")
        }
    }

    private mutating func checkPattern(_ object: SchemaObject) {
        guard let pattern = object.pattern else { return }
        do {
            _ = try Regex(pattern)
        } catch {
            warning(
                "pattern '\(pattern)' does not compile as a regular expression: \(error)", object.source,
                hint: "write an ECMA-262 pattern without look-behind or named-group extensions")
        }
    }

    private mutating func checkRequired(_ object: SchemaObject) {
        guard !object.required.isEmpty, object.allOf == nil, object.anyOf == nil, object.oneOf == nil,
            object.reference == nil
        else { return }
        let closed: Bool =
            if case .boolean(false, _)? = object.additionalProperties, object.patternProperties.isEmpty { true } else {
                false
            }
        for name in object.required where object.properties[name] == nil {
            if closed {
                error(
                    "required property '\(name)' is not among the properties and additionalProperties is false: no object is valid",
                    object.source)
            } else if !object.properties.isEmpty {
                warning(
                    "required property '\(name)' is not among the properties", object.source, hint: "check its spelling"
                )
            }
        }
    }

    private mutating func checkLiterals(_ object: SchemaObject) {
        let schema = Schema.object(object)
        if let values = object.enumValues {
            for value in values {
                if let types = object.types, !types.contains(where: { $0.admits(value.jsonType) }) {
                    error(
                        "enum value \(value) is \(value.jsonType.rawValue), not \(types.map(\.rawValue).joined(separator: " or "))",
                        object.source, hint: value.jsonType == .string ? "remove the quotes" : nil)
                }
            }
        }
        var withoutEnum = object
        withoutEnum.enumValues = nil
        if let values = object.enumValues {
            for value in values {
                for problem in LiteralCheck(document: document).problems(value, .object(withoutEnum))
                where !problem.hasPrefix("type") {
                    warning("enum value \(value) \(problem)", object.source)
                }
            }
        }
        let literals: [(String, SpecValue?)] =
            [("default", object.defaultValue), ("const", object.constValue)] + object.examples.map { ("example", $0) }
        for (name, value) in literals {
            guard let value else { continue }
            for problem in LiteralCheck(document: document).problems(value, schema) {
                warning("\(name) \(value) \(problem)", object.source)
            }
        }
    }
}
