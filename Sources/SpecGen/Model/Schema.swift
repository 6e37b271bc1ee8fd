/// A JSON Schema as OpenAPI 3.0 and 3.1 use it: the shape and the validation rules of a value.
///
/// A schema is either a boolean schema (3.1's `true` accepts anything, `false` nothing) or an object of
/// keywords. It is an indirect value type, so schemas nest (`items`, `properties`, `allOf`…) without
/// reference semantics; named schemas are reached through ``SchemaObject/reference`` and
/// ``OpenAPIDocument/schema(for:)``.
indirect enum Schema: Sendable {
    /// `true` or `false`.
    case boolean(Bool, source: SpecLocation)
    /// A schema object (`{}` is an object with no keywords: anything).
    case object(SchemaObject)

    /// The keywords, nil for a boolean schema.
    var object: SchemaObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// Where the schema is.
    var source: SpecLocation {
        switch self {
        case .boolean(_, let source): source
        case .object(let object): object.source
        }
    }

    /// The reference, when the schema is (or starts with) a `$ref`.
    var reference: Reference? { object?.reference }
}

/// The keywords of one schema object. Every keyword is kept as written (numbers exactly); nothing is
/// merged or simplified here, that is the translator's choice.
struct SchemaObject: Sendable {
    // MARK: Reference and type

    /// `$ref`, local only. In 3.0 its siblings are ignored (the reader warns and drops them); in 3.1 they apply too.
    var reference: Reference?
    /// `type` as a list (3.0 `type: string` gives `[.string]`; 3.1 `type: [string, "null"]` gives both);
    /// nil when absent, meaning any type. 3.0's `nullable: true` adds `.null` when a type is given.
    var types: [JSONType]?
    /// 3.0's `nullable`, as written (also honoured, with a warning, in 3.1 documents).
    var nullable: Bool = false
    /// `format`, e.g. `date-time`, `int64`, `email`, `decimal`.
    var format: String?

    // MARK: Annotations

    /// `title`.
    var title: String?
    /// `description`.
    var description: String?
    /// `deprecated`.
    var deprecated: Bool = false
    /// `readOnly`: sent in responses only.
    var readOnly: Bool = false
    /// `writeOnly`: sent in requests only.
    var writeOnly: Bool = false
    /// `default`, typed by this schema's `type`.
    var defaultValue: SpecValue?
    /// `example` (3.0) and `examples` (3.1), typed by this schema's `type`.
    var examples: [SpecValue] = []
    /// `contentMediaType` (3.1), e.g. `image/png` for a binary part.
    var contentMediaType: String?
    /// `contentEncoding` (3.1), e.g. `base64`.
    var contentEncoding: String?

    // MARK: Any type

    /// `enum`: the allowed values, typed by this schema's `type`.
    var enumValues: [SpecValue]?
    /// `const` (3.1): the one allowed value.
    var constValue: SpecValue?

    // MARK: Numbers

    /// `minimum` (inclusive).
    var minimum: SpecNumber?
    /// `maximum` (inclusive).
    var maximum: SpecNumber?
    /// The exclusive lower bound: 3.1's `exclusiveMinimum: 5`, or 3.0's `minimum: 5` + `exclusiveMinimum: true`.
    var exclusiveMinimum: SpecNumber?
    /// The exclusive upper bound, in either form like ``exclusiveMinimum``.
    var exclusiveMaximum: SpecNumber?
    /// `multipleOf`, greater than zero.
    var multipleOf: SpecNumber?

    // MARK: Strings

    /// `minLength`, in Unicode code points.
    var minLength: Int?
    /// `maxLength`, in Unicode code points.
    var maxLength: Int?
    /// `pattern`, an ECMA-262 regular expression, unanchored.
    var pattern: String?

    // MARK: Arrays

    /// `items`: the schema of every item (after ``prefixItems``).
    var items: Schema?
    /// `prefixItems` (3.1): schemas of the first items, by position.
    var prefixItems: [Schema]?
    /// `minItems`.
    var minItems: Int?
    /// `maxItems`.
    var maxItems: Int?
    /// `uniqueItems`.
    var uniqueItems: Bool = false
    /// `contains` (3.1): at least one item (or ``minContains``…``maxContains`` items) must match.
    var contains: Schema?
    /// `minContains` (3.1), with ``contains``.
    var minContains: Int?
    /// `maxContains` (3.1), with ``contains``.
    var maxContains: Int?

    // MARK: Objects

    /// `properties`, in document order.
    var properties = OrderedMap<Schema>()
    /// `required` property names, in document order, without repeats.
    var required: [String] = []
    /// `additionalProperties`: nil when absent (anything allowed), `.boolean(false)` forbids extra members.
    var additionalProperties: Schema?
    /// `minProperties`.
    var minProperties: Int?
    /// `maxProperties`.
    var maxProperties: Int?
    /// `patternProperties` (3.1): ECMA-262 pattern → schema for the members whose name matches, in order.
    var patternProperties = OrderedMap<Schema>()
    /// `propertyNames` (3.1): a string schema every member name must match, e.g. `{pattern: '^[0-6]$'}`.
    var propertyNames: Schema?
    /// `dependentRequired` (3.1): when the named member is present, these must be too.
    var dependentRequired = OrderedMap<[String]>()
    /// `dependentSchemas` (3.1): when the named member is present, the object must match the schema.
    var dependentSchemas = OrderedMap<Schema>()

    // MARK: Composition

    /// `allOf`: every subschema applies.
    var allOf: [Schema]?
    /// `anyOf`: at least one applies.
    var anyOf: [Schema]?
    /// `oneOf`: exactly one applies.
    var oneOf: [Schema]?
    /// `not`: the subschema must fail.
    var not: Schema?
    /// `if` (3.1): when it matches, ``thenSchema`` applies, else ``elseSchema``.
    var ifSchema: Schema?
    /// `then` (3.1).
    var thenSchema: Schema?
    /// `else` (3.1).
    var elseSchema: Schema?
    /// `discriminator` for `oneOf`/`anyOf`.
    var discriminator: Discriminator?

    /// `x-` extensions.
    var extensions = OrderedMap<SpecValue>()
    /// Where the schema is.
    var source: SpecLocation

    init(source: SpecLocation) {
        self.source = source
    }

    /// Whether `null` is an allowed value: `type` lists it, 3.0 `nullable: true`, or `enum`/`const` holds it.
    var allowsNull: Bool {
        if nullable || types?.contains(.null) == true { return true }
        if let enumValues { return enumValues.contains(.null) }
        if let constValue { return constValue == .null }
        return false
    }

    /// The types other than `null`: `[.string]` for `type: [string, "null"]`; nil when any type is allowed.
    var nonNullTypes: [JSONType]? { types.map { $0.filter { $0 != .null } } }

    /// Whether the schema is only a `$ref` plus annotations: it means exactly the referenced schema.
    var isBareReference: Bool {
        reference != nil && types == nil && !nullable && format == nil && enumValues == nil && constValue == nil
            && minimum == nil && maximum == nil && exclusiveMinimum == nil && exclusiveMaximum == nil
            && multipleOf == nil && minLength == nil && maxLength == nil && pattern == nil && items == nil
            && prefixItems == nil && minItems == nil && maxItems == nil && !uniqueItems && contains == nil
            && properties.isEmpty && required.isEmpty && additionalProperties == nil && minProperties == nil
            && maxProperties == nil && patternProperties.isEmpty && propertyNames == nil && dependentRequired.isEmpty
            && dependentSchemas.isEmpty && allOf == nil && anyOf == nil && oneOf == nil && not == nil
            && ifSchema == nil && thenSchema == nil && elseSchema == nil && discriminator == nil
    }
}

/// A `discriminator`: which property names the `oneOf`/`anyOf` alternative.
struct Discriminator: Sendable {
    /// `propertyName`.
    var propertyName: String
    /// `mapping`: property value → schema reference, in document order.
    var mapping: OrderedMap<Reference>
}

extension SchemaObject {
    /// Every subschema in place, in keyword order: for walks over a schema tree (the linter, the translator).
    var subschemas: [Schema] {
        var result: [Schema] = []
        result += items.map { [$0] } ?? []
        result += prefixItems ?? []
        result += contains.map { [$0] } ?? []
        result += properties.values
        result += additionalProperties.map { [$0] } ?? []
        result += patternProperties.values
        result += propertyNames.map { [$0] } ?? []
        result += dependentSchemas.values
        result += (allOf ?? []) + (anyOf ?? []) + (oneOf ?? [])
        result += [not, ifSchema, thenSchema, elseSchema].compactMap { $0 }
        return result
    }
}
