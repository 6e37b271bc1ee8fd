/// The keywords that apply to objects: `properties`, `required`, `additionalProperties`, `patternProperties`,
/// `propertyNames`, `minProperties`, `maxProperties`, `dependentRequired`, `dependentSchemas`.
///
/// Properties are checked in the spec's order, so the 422 lists fields the way the documentation does; members
/// the schema does not name come after, in the body's order.
public final class ObjectRules: Sendable {
    /// `properties`, in the spec's order.
    public let properties: PropertyRules
    /// `required`.
    public let required: [String]
    /// `additionalProperties`: the schema for members neither `properties` nor `patternProperties` name;
    /// `.never` refuses them (each reported as prohibited); nil allows anything.
    public let additionalProperties: JSONSchemaRules?
    /// `patternProperties`: members whose key matches the pattern must match the schema.
    public let patternProperties: [PatternProperty]
    /// `propertyNames`: every key, as a string, must match this schema.
    public let propertyNames: JSONSchemaRules?
    /// `minProperties`.
    public let minProperties: Int?
    /// `maxProperties`.
    public let maxProperties: Int?
    /// `dependentRequired`: when the key is present, these must be too.
    public let dependentRequired: [String: [String]]
    /// `dependentSchemas`: when the key is present, the whole object must match the schema.
    public let dependentSchemas: [String: JSONSchemaRules]
    /// `unevaluatedProperties`: the schema for members that no other keyword of this schema or of its
    /// in-place applicators (`allOf`, `$ref`, passing `anyOf`/`oneOf` branches, …) looked at; `.never` closes
    /// a composed object (see `Unevaluated.swift`).
    public let unevaluatedProperties: JSONSchemaRules?

    /// For each of ``properties``, whether it is required.
    let isRequired: [Bool]
    /// Required names that ``properties`` does not describe (legal in JSON Schema).
    let requiredUndescribed: [String]
    /// Whether members outside ``properties`` need looking at.
    let checksOtherMembers: Bool
    /// ``dependentRequired`` in key order, so reports are stable.
    let sortedDependentRequired: [(key: String, value: [String])]
    /// ``dependentSchemas`` in key order.
    let sortedDependentSchemas: [(key: String, value: JSONSchemaRules)]

    public init(
        properties: PropertyRules = [:], required: [String] = [], additionalProperties: JSONSchemaRules? = nil,
        patternProperties: [PatternProperty] = [], propertyNames: JSONSchemaRules? = nil,
        minProperties: Int? = nil, maxProperties: Int? = nil, dependentRequired: [String: [String]] = [:],
        dependentSchemas: [String: JSONSchemaRules] = [:], unevaluatedProperties: JSONSchemaRules? = nil
    ) {
        self.unevaluatedProperties = unevaluatedProperties
        self.properties = properties
        self.required = required
        self.additionalProperties = additionalProperties
        self.patternProperties = patternProperties
        self.propertyNames = propertyNames
        self.minProperties = minProperties
        self.maxProperties = maxProperties
        self.dependentRequired = dependentRequired
        self.dependentSchemas = dependentSchemas
        let requiredSet = Set(required)
        self.isRequired = properties.entries.map { requiredSet.contains($0.name) }
        self.requiredUndescribed = required.filter { properties.position(of: $0) == nil }
        self.checksOtherMembers =
            additionalProperties != nil || !patternProperties.isEmpty || propertyNames != nil
        self.sortedDependentRequired = dependentRequired.sorted { $0.key < $1.key }
        self.sortedDependentSchemas = dependentSchemas.sorted { $0.key < $1.key }
    }
}

/// `properties` in the spec's order, written as a dictionary literal: `["name": .string(maxLength: 255)]`.
public struct PropertyRules: Sendable, ExpressibleByDictionaryLiteral {
    /// One property and its schema.
    public struct Entry: Sendable {
        /// The property's name as in the spec.
        public let name: String
        /// The property's schema.
        public let rules: JSONSchemaRules
    }

    /// The properties in order.
    public let entries: [Entry]
    /// Name → position in ``entries``.
    private let positions: [String: Int]

    public init(dictionaryLiteral elements: (String, JSONSchemaRules)...) {
        self.init(elements.map { Entry(name: $0.0, rules: $0.1) })
    }

    /// Properties from entries in order (a repeated name keeps its first position and last schema).
    public init(_ entries: [Entry]) {
        var kept: [Entry] = []
        var positions: [String: Int] = [:]
        for entry in entries {
            if let position = positions[entry.name] {
                kept[position] = entry
            } else {
                positions[entry.name] = kept.count
                kept.append(entry)
            }
        }
        self.entries = kept
        self.positions = positions
    }

    /// The position of a property, if the schema names it.
    public func position(of name: String) -> Int? { positions[name] }

    /// The schema of a property, if the schema names it.
    public subscript(name: String) -> JSONSchemaRules? { positions[name].map { entries[$0].rules } }
}

extension PropertyRules.Entry {
    /// One property: `.init(name: "name", rules: .string())` — the generator uses the dictionary literal instead.
    public init(_ name: String, _ rules: JSONSchemaRules) {
        self.init(name: name, rules: rules)
    }
}

/// One `patternProperties` entry: members whose key the pattern finds must match the schema.
public struct PatternProperty: Sendable {
    /// The ECMA-262 pattern searched in each key.
    public let pattern: ECMARegex
    /// The schema for the values of matching keys.
    public let rules: JSONSchemaRules

    public init(_ pattern: ECMARegex, _ rules: JSONSchemaRules) {
        self.pattern = pattern
        self.rules = rules
    }
}

extension SchemaValidator {
    mutating func checkObject(_ object: JSONObject, against rules: ObjectRules) {
        if let minimum = rules.minProperties, object.count < minimum {
            fail(.minProperties(minimum))
            if isDone { return }
        }
        if let maximum = rules.maxProperties, object.count > maximum {
            fail(.maxProperties(maximum))
            if isDone { return }
        }
        for (position, entry) in rules.properties.entries.enumerated() {
            if let value = object[entry.name] {
                check(value, at: .key(entry.name), against: entry.rules)
            } else if rules.isRequired[position] {
                fail(.required, below: .key(entry.name))
            }
            if isDone { return }
        }
        for name in rules.requiredUndescribed where object[name] == nil {
            fail(.required, below: .key(name))
            if isDone { return }
        }
        if rules.checksOtherMembers {
            for member in object {
                let described = rules.properties.position(of: member.key) != nil
                var matchedPattern = false
                for patternProperty in rules.patternProperties where patternProperty.pattern.matches(member.key) {
                    matchedPattern = true
                    check(member.value, at: .key(member.key), against: patternProperty.rules)
                    if isDone { return }
                }
                if !described, !matchedPattern, let additional = rules.additionalProperties {
                    check(member.value, at: .key(member.key), against: additional)
                    if isDone { return }
                }
                if let names = rules.propertyNames, !holds(.string(member.key), against: names) {
                    fail(.propertyName, below: .key(member.key))
                    if isDone { return }
                }
            }
        }
        for (name, needed) in rules.sortedDependentRequired where object[name] != nil {
            for other in needed where object[other] == nil {
                fail(.requiredWith(name), below: .key(other))
                if isDone { return }
            }
        }
        for (name, schema) in rules.sortedDependentSchemas where object[name] != nil {
            check(.object(object), against: schema)
            if isDone { return }
        }
    }
}
