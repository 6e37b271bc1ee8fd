/// One JSON Schema (2020-12, as OpenAPI 3.1 carries it) as a configured value the validator walks.
///
/// The generator does not print validation logic; it prints one of these per schema, readable as the spec:
///
/// ```swift
/// static let registerAgentBody: JSONSchemaRules = .object(
///     properties: [
///         "name": .string(maxLength: 255),
///         "email": .string(format: .email),
///         "currency": .string(enum: ["BTC", "ETH", "USDT", "USDC"], nullable: true),
///         "skills": .array(items: .string(maxLength: 100), maxItems: 100, nullable: true),
///     ],
///     required: ["name", "email"])
/// ```
///
/// Keywords for one JSON type apply only to values of that type (`maxLength` ignores numbers), exactly as in JSON
/// Schema; ``types`` says which types are allowed at all. The factories (`.string(…)`, `.object(…)`, `.anyOf(…)`)
/// cover what specs write; ``init(type:enum:const:string:number:array:object:allOf:anyOf:oneOf:not:if:then:else:reference:)``
/// takes any combination. A class so that large nested schemas are shared, not copied; immutable, so `Sendable`.
public final class JSONSchemaRules: Sendable {
    /// The accepted JSON types (``JSONTypeSet/all`` when the schema has no `type`).
    public let types: JSONTypeSet
    /// `enum`: the value must equal one of these (JSON Schema equality).
    public let allowedValues: [JSONValue]?
    /// `const`: the value must equal this (`.some(.null)` is `const: null`).
    public let constant: JSONValue?
    /// Keywords for strings.
    public let string: StringRules?
    /// Keywords for numbers.
    public let number: NumberRules?
    /// Keywords for arrays.
    public let array: ArrayRules?
    /// Keywords for objects.
    public let object: ObjectRules?
    /// `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`.
    public let composition: CompositionRules?
    /// `$ref`, resolved when validating so that schemas may refer to themselves.
    public let reference: SchemaReference?
    /// The boolean schema `false`: nothing is valid.
    public let rejectsEverything: Bool
    /// `allowedValues` as a set, for long enums.
    let allowedValueSet: Set<JSONValue>?

    /// A schema of any combination of keywords. Prefer the factories; this is for what they do not cover, e.g. a
    /// schema with `minLength` but no `type`, or `type: [string, integer]`.
    public init(
        type: JSONTypeSet? = nil,
        enum allowedValues: [JSONValue]? = nil,
        const constant: JSONValue? = nil,
        string: StringRules? = nil,
        number: NumberRules? = nil,
        array: ArrayRules? = nil,
        object: ObjectRules? = nil,
        allOf: [JSONSchemaRules] = [],
        anyOf: [JSONSchemaRules] = [],
        oneOf: [JSONSchemaRules] = [],
        not: JSONSchemaRules? = nil,
        if condition: JSONSchemaRules? = nil,
        then: JSONSchemaRules? = nil,
        else otherwise: JSONSchemaRules? = nil,
        reference: SchemaReference? = nil
    ) {
        self.types = type ?? .all
        self.allowedValues = allowedValues
        self.constant = constant
        self.string = string
        self.number = number
        self.array = array
        self.object = object
        let composition = CompositionRules(
            allOf: allOf, anyOf: anyOf, oneOf: oneOf, not: not, if: condition, then: then, else: otherwise)
        self.composition = composition.isEmpty ? nil : composition
        self.reference = reference
        self.rejectsEverything = false
        self.allowedValueSet = allowedValues.flatMap { $0.count > 8 ? Set($0) : nil }
    }

    private init(rejectingEverything: Void) {
        self.types = []
        self.allowedValues = nil
        self.constant = nil
        self.string = nil
        self.number = nil
        self.array = nil
        self.object = nil
        self.composition = nil
        self.reference = nil
        self.rejectsEverything = true
        self.allowedValueSet = nil
    }

    // MARK: - Boolean schemas and single keywords

    /// The schema `true` (or `{}`): every value is valid.
    public static let any = JSONSchemaRules()

    /// The schema `false`: no value is valid; a property with this schema is reported as prohibited.
    public static let never = JSONSchemaRules(rejectingEverything: ())

    /// `type: "null"`.
    public static let null = JSONSchemaRules(type: .null)

    /// `const`: exactly this value.
    public static func const(_ value: JSONValue) -> JSONSchemaRules {
        JSONSchemaRules(const: value)
    }

    /// `enum` without a `type`: one of these values.
    public static func `enum`(_ values: [JSONValue]) -> JSONSchemaRules {
        JSONSchemaRules(enum: values)
    }

    /// `$ref`: the named schema, looked up when first needed, so recursive schemas work:
    /// `.reference("Agent") { Schemas.agent }`.
    public static func reference(
        _ name: String, _ resolve: @escaping @Sendable () -> JSONSchemaRules
    ) -> JSONSchemaRules {
        JSONSchemaRules(reference: SchemaReference(name: name, resolve: resolve))
    }

    // MARK: - Typed factories

    /// `type: string` with its keywords; `nullable` adds `null` to the type (and to `enum`, as OpenAPI 3.0's
    /// `nullable` meant).
    public static func string(
        minLength: Int? = nil, maxLength: Int? = nil, pattern: ECMARegex? = nil, format: StringFormat? = nil,
        enum values: [JSONValue]? = nil, nullable: Bool = false
    ) -> JSONSchemaRules {
        let rules = StringRules(minLength: minLength, maxLength: maxLength, pattern: pattern, format: format)
        return JSONSchemaRules(
            type: nullable ? [.string, .null] : .string, enum: values.map { nullable ? $0 + [.null] : $0 },
            string: rules.isEmpty ? nil : rules)
    }

    /// `type: integer` with its keywords. Bounds are exact: `maximum: 9223372036854775807` stays that number.
    public static func integer(
        minimum: JSONNumber? = nil, maximum: JSONNumber? = nil, exclusiveMinimum: JSONNumber? = nil,
        exclusiveMaximum: JSONNumber? = nil, multipleOf: JSONNumber? = nil, enum values: [JSONValue]? = nil,
        nullable: Bool = false
    ) -> JSONSchemaRules {
        let rules = NumberRules(
            minimum: minimum, maximum: maximum, exclusiveMinimum: exclusiveMinimum,
            exclusiveMaximum: exclusiveMaximum, multipleOf: multipleOf)
        return JSONSchemaRules(
            type: nullable ? [.integer, .null] : .integer, enum: values.map { nullable ? $0 + [.null] : $0 },
            number: rules.isEmpty ? nil : rules)
    }

    /// `type: number` with its keywords; decimals are exact (`multipleOf: "0.01"`).
    public static func number(
        minimum: JSONNumber? = nil, maximum: JSONNumber? = nil, exclusiveMinimum: JSONNumber? = nil,
        exclusiveMaximum: JSONNumber? = nil, multipleOf: JSONNumber? = nil, enum values: [JSONValue]? = nil,
        nullable: Bool = false
    ) -> JSONSchemaRules {
        let rules = NumberRules(
            minimum: minimum, maximum: maximum, exclusiveMinimum: exclusiveMinimum,
            exclusiveMaximum: exclusiveMaximum, multipleOf: multipleOf)
        return JSONSchemaRules(
            type: nullable ? [.number, .null] : .number, enum: values.map { nullable ? $0 + [.null] : $0 },
            number: rules.isEmpty ? nil : rules)
    }

    /// `type: boolean`.
    public static func boolean(nullable: Bool = false) -> JSONSchemaRules {
        JSONSchemaRules(type: nullable ? [.boolean, .null] : .boolean)
    }

    /// `type: array` with its keywords. `items` applies to the elements after `prefixItems`; `.never` there
    /// closes the tuple.
    public static func array(
        items: JSONSchemaRules? = nil, prefixItems: [JSONSchemaRules] = [], minItems: Int? = nil,
        maxItems: Int? = nil, uniqueItems: Bool = false, contains: JSONSchemaRules? = nil,
        minContains: Int? = nil, maxContains: Int? = nil, unevaluatedItems: JSONSchemaRules? = nil,
        nullable: Bool = false
    ) -> JSONSchemaRules {
        let rules = ArrayRules(
            items: items, prefixItems: prefixItems, minItems: minItems, maxItems: maxItems,
            uniqueItems: uniqueItems, contains: contains, minContains: minContains, maxContains: maxContains,
            unevaluatedItems: unevaluatedItems)
        return JSONSchemaRules(type: nullable ? [.array, .null] : .array, array: rules)
    }

    /// `type: object` with its keywords, properties in the spec's order (errors come out in that order).
    public static func object(
        properties: PropertyRules = [:], required: [String] = [], additionalProperties: JSONSchemaRules? = nil,
        patternProperties: [PatternProperty] = [], propertyNames: JSONSchemaRules? = nil,
        minProperties: Int? = nil, maxProperties: Int? = nil, dependentRequired: [String: [String]] = [:],
        dependentSchemas: [String: JSONSchemaRules] = [:], unevaluatedProperties: JSONSchemaRules? = nil,
        nullable: Bool = false
    ) -> JSONSchemaRules {
        let rules = ObjectRules(
            properties: properties, required: required, additionalProperties: additionalProperties,
            patternProperties: patternProperties, propertyNames: propertyNames, minProperties: minProperties,
            maxProperties: maxProperties, dependentRequired: dependentRequired, dependentSchemas: dependentSchemas,
            unevaluatedProperties: unevaluatedProperties)
        return JSONSchemaRules(type: nullable ? [.object, .null] : .object, object: rules)
    }

    // MARK: - Composition

    /// `allOf`: every schema must hold; all their failures are reported.
    public static func allOf(_ schemas: [JSONSchemaRules]) -> JSONSchemaRules { JSONSchemaRules(allOf: schemas) }

    /// `anyOf`: at least one schema must hold. When none does, the failures of the alternative that fits the
    /// value's type are reported (so `anyOf: [$ref, null]` reports the referenced schema's field errors).
    public static func anyOf(_ schemas: [JSONSchemaRules]) -> JSONSchemaRules { JSONSchemaRules(anyOf: schemas) }

    /// `oneOf`: exactly one schema must hold.
    public static func oneOf(_ schemas: [JSONSchemaRules]) -> JSONSchemaRules { JSONSchemaRules(oneOf: schemas) }

    /// `not`: the schema must not hold.
    public static func not(_ schema: JSONSchemaRules) -> JSONSchemaRules { JSONSchemaRules(not: schema) }
}

/// A `$ref` target found by name when validation reaches it.
public struct SchemaReference: Sendable {
    /// The referenced schema's name, for messages and debugging: `"Agent"`.
    public let name: String
    /// Returns the schema; generated code passes a closure reading a `static let`.
    public let resolve: @Sendable () -> JSONSchemaRules

    public init(name: String, resolve: @escaping @Sendable () -> JSONSchemaRules) {
        self.name = name
        self.resolve = resolve
    }
}
