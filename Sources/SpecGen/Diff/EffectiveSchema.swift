/// What a schema allows once its `$ref`s and `allOf` parts are followed and merged: the view two versions of a
/// field are compared in.
///
/// Comparing keyword by keyword would report a schema moved into a component, or split into `allOf` parts, as
/// a change; comparing what the keywords add up to does not. Where parts overlap, the merge keeps what every
/// part requires (the intersection of types and enums, the strictest bound, the union of `required`), because
/// a value must satisfy all of them. Subschemas (properties, items) are kept as lists of the schemas that
/// apply and merged only when the walk descends into them, so recursive schemas cost nothing until compared.
struct EffectiveSchema {
    /// The allowed types, `null` included when allowed; nil for any type.
    var types: [JSONType]?
    /// The `format`, first one found.
    var format: String?
    /// The `default`, first one found.
    var defaultValue: SpecValue?
    /// The allowed values (`enum`, or `const` as a one-value enum); nil for any value.
    var enumValues: [SpecValue]?
    /// The lower bound: `minimum`, or `exclusiveMinimum` when that is stricter.
    var lowerBound: NumericBound?
    /// The upper bound: `maximum`, or `exclusiveMaximum` when that is stricter.
    var upperBound: NumericBound?
    /// Every `multipleOf`.
    var multipleOf: [SpecNumber] = []
    /// String length, array size and member count limits, by keyword: `minLength`, `maxItems`…
    var counts: [String: Int] = [:]
    /// Every `pattern` a value must match.
    var patterns: [String] = []
    /// `uniqueItems`.
    var uniqueItems = false
    /// The schemas every array item must match.
    var items: [Schema] = []
    /// Properties in the order first seen, each with every schema that describes it.
    var properties = OrderedMap<[Schema]>()
    /// Required property names.
    var required: Set<String> = []
    /// Whether unlisted members are refused (`additionalProperties: false`).
    var closed = false
    /// The schemas unlisted members must match (`additionalProperties: {…}`).
    var additionalProperties: [Schema] = []
    /// `oneOf` alternatives, when there are any.
    var oneOf: [Schema]?
    /// `anyOf` alternatives, when there are any.
    var anyOf: [Schema]?
    /// Whether the value is only ever in responses.
    var readOnly = false
    /// Whether the value is only ever in requests.
    var writeOnly = false
    /// The component schemas followed to build this view, sorted: the walk's guard against recursion.
    var components: [String] = []

    /// The view of every schema in `schemas` at once (several when `allOf` parts describe the same property).
    init(_ schemas: [Schema], in document: OpenAPIDocument) {
        var followed: Set<SpecPath> = []
        for schema in schemas { merge(schema, document, &followed) }
        components = followed.map(\.description).sorted()
    }

    /// The count keywords that are lower limits; the others (`maxLength`, `maxItems`, `maxProperties`) are upper.
    static let lowerCountKeywords = ["minLength", "minItems", "minProperties"]
    /// Every count keyword, in the order changes are reported.
    static let countKeywords = ["minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"]

    private mutating func merge(_ schema: Schema, _ document: OpenAPIDocument, _ followed: inout Set<SpecPath>) {
        let object: SchemaObject
        switch schema {
        case .boolean(let allows, _):
            if !allows { types = [] }
            return
        case .object(let value):
            object = value
        }
        if let reference = object.reference, followed.insert(reference.target).inserted,
            let target = document.schema(for: reference)
        {
            merge(target, document, &followed)
        }
        if let own = object.types { types = types.map { Self.intersection($0, own) } ?? own }
        if object.nullable, let current = types, !current.contains(.null) { types = current + [.null] }
        if format == nil { format = object.format }
        if defaultValue == nil { defaultValue = object.defaultValue }
        if let allowed = object.enumValues ?? object.constValue.map({ [$0] }) {
            enumValues = enumValues.map { current in current.filter(allowed.contains) } ?? allowed
        }
        tighten(lower: object.minimum.map { NumericBound(value: $0, exclusive: false) })
        tighten(lower: object.exclusiveMinimum.map { NumericBound(value: $0, exclusive: true) })
        tighten(upper: object.maximum.map { NumericBound(value: $0, exclusive: false) })
        tighten(upper: object.exclusiveMaximum.map { NumericBound(value: $0, exclusive: true) })
        if let multiple = object.multipleOf, !multipleOf.contains(multiple) { multipleOf.append(multiple) }
        let ownCounts: [(String, Int?)] = [
            ("minLength", object.minLength), ("maxLength", object.maxLength), ("minItems", object.minItems),
            ("maxItems", object.maxItems), ("minProperties", object.minProperties),
            ("maxProperties", object.maxProperties),
        ]
        for case (let keyword, let value?) in ownCounts {
            let isLower = Self.lowerCountKeywords.contains(keyword)
            counts[keyword] = counts[keyword].map { isLower ? max($0, value) : min($0, value) } ?? value
        }
        if let pattern = object.pattern, !patterns.contains(pattern) { patterns.append(pattern) }
        uniqueItems = uniqueItems || object.uniqueItems
        if let itemSchema = object.items { items.append(itemSchema) }
        for property in object.properties { properties[property.name, default: []].append(property.value) }
        required.formUnion(object.required)
        switch object.additionalProperties {
        case .boolean(false, _)?: closed = true
        case .object(let extra)?: additionalProperties.append(.object(extra))
        default: break
        }
        if let alternatives = object.oneOf { oneOf = (oneOf ?? []) + alternatives }
        if let alternatives = object.anyOf { anyOf = (anyOf ?? []) + alternatives }
        readOnly = readOnly || object.readOnly
        writeOnly = writeOnly || object.writeOnly
        for part in object.allOf ?? [] { merge(part, document, &followed) }
    }

    private mutating func tighten(lower bound: NumericBound?) {
        guard let bound else { return }
        lowerBound = lowerBound.map { $0.isStricterLower(than: bound) ? $0 : bound } ?? bound
    }

    private mutating func tighten(upper bound: NumericBound?) {
        guard let bound else { return }
        upperBound = upperBound.map { $0.isStricterUpper(than: bound) ? $0 : bound } ?? bound
    }

    /// The types both lists allow (`number` and `integer` give `integer`).
    private static func intersection(_ left: [JSONType], _ right: [JSONType]) -> [JSONType] {
        left.compactMap { type in
            if right.contains(type) { return type }
            if type == .number, right.contains(.integer) { return .integer }
            if type == .integer, right.contains(.number) { return .integer }
            return nil
        }
    }
}

/// A numeric bound: a value and whether the value itself is excluded.
struct NumericBound: Sendable, Hashable, CustomStringConvertible {
    var value: SpecNumber
    var exclusive: Bool

    /// As a lower bound, whether `self` admits fewer numbers than `other`.
    func isStricterLower(than other: NumericBound) -> Bool {
        value > other.value || (value == other.value && exclusive && !other.exclusive)
    }

    /// As an upper bound, whether `self` admits fewer numbers than `other`.
    func isStricterUpper(than other: NumericBound) -> Bool {
        value < other.value || (value == other.value && exclusive && !other.exclusive)
    }

    /// `100`, or `100 (exclusive)`.
    var description: String { exclusive ? "\(value.literal) (exclusive)" : value.literal }
}

extension OrderedMap {
    /// The value named `name`, or `defaultValue` when absent; setting stores it under `name`.
    fileprivate subscript(name: String, default defaultValue: @autoclosure () -> Value) -> Value {
        get { self[name] ?? defaultValue() }
        set { self[name] = newValue }
    }
}
