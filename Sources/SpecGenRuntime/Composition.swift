/// The applicators that combine schemas: `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`.
public final class CompositionRules: Sendable {
    /// `allOf`.
    public let allOf: [JSONSchemaRules]
    /// `anyOf`.
    public let anyOf: [JSONSchemaRules]
    /// `oneOf`.
    public let oneOf: [JSONSchemaRules]
    /// `not`.
    public let not: JSONSchemaRules?
    /// `if`.
    public let `if`: JSONSchemaRules?
    /// `then` (only with `if`).
    public let then: JSONSchemaRules?
    /// `else` (only with `if`).
    public let `else`: JSONSchemaRules?

    public init(
        allOf: [JSONSchemaRules] = [], anyOf: [JSONSchemaRules] = [], oneOf: [JSONSchemaRules] = [],
        not: JSONSchemaRules? = nil, if condition: JSONSchemaRules? = nil, then: JSONSchemaRules? = nil,
        else otherwise: JSONSchemaRules? = nil
    ) {
        self.allOf = allOf
        self.anyOf = anyOf
        self.oneOf = oneOf
        self.not = not
        self.if = condition
        self.then = then
        self.else = otherwise
    }

    /// Whether no keyword is set.
    var isEmpty: Bool {
        allOf.isEmpty && anyOf.isEmpty && oneOf.isEmpty && not == nil && self.if == nil
    }
}

extension SchemaValidator {
    mutating func checkComposition(_ value: JSONValue, against rules: CompositionRules) {
        for schema in rules.allOf {
            check(value, against: schema)
            if isDone { return }
        }
        if !rules.anyOf.isEmpty, !rules.anyOf.contains(where: { holds(value, against: $0) }) {
            reportNoAlternative(value, among: rules.anyOf)
            if isDone { return }
        }
        if !rules.oneOf.isEmpty {
            var matches = 0
            for schema in rules.oneOf where holds(value, against: schema) {
                matches += 1
                if matches > 1 { break }
            }
            if matches == 0 {
                reportNoAlternative(value, among: rules.oneOf)
            } else if matches > 1 {
                fail(.ambiguous)
            }
            if isDone { return }
        }
        if let not = rules.not, holds(value, against: not) {
            fail(.invalid)
            if isDone { return }
        }
        if let condition = rules.if {
            if holds(value, against: condition) {
                if let then = rules.then { check(value, against: then) }
            } else if let otherwise = rules.else {
                check(value, against: otherwise)
            }
        }
    }

    /// When no alternative holds, says why in the most useful way: if the value's type fits no alternative, one
    /// type message naming them all ("must be a string or an integer"); otherwise the failures of the
    /// alternative of the value's type with the fewest of them (so `anyOf: [$ref Agent, null]` reports the
    /// agent's own field errors).
    mutating func reportNoAlternative(_ value: JSONValue, among alternatives: [JSONSchemaRules]) {
        if stopsAtFirstFailure {
            fail(.invalid)
            return
        }
        var best: SchemaValidator?
        var expected: JSONTypeSet = []
        for alternative in alternatives {
            let types = alternative.admittedTypes
            expected.formUnion(types)
            guard types.accepts(value) else { continue }
            let attempt = attempt(value, against: alternative)
            if best == nil || attempt.errors.count < best!.errors.count { best = attempt }
        }
        if let best, !best.errors.isEmpty {
            absorb(best)
        } else if best == nil, !expected.isEmpty {
            fail(.type(expected: expected))
        } else {
            fail(.invalid)
        }
    }
}

extension JSONSchemaRules {
    /// The JSON types a value could have and still pass, as far as `type`, `$ref`, `allOf`, `anyOf`, `oneOf`
    /// and `const`/`enum` tell; used for messages and for reading parameters.
    public var admittedTypes: JSONTypeSet {
        admittedTypes(depth: 0)
    }

    private func admittedTypes(depth: Int) -> JSONTypeSet {
        if rejectsEverything { return [] }
        guard depth < 32 else { return types }
        var result = types
        if let constant { result = result.meeting(JSONTypeSet(constant.type)) }
        if let allowedValues {
            var valueTypes: JSONTypeSet = []
            for value in allowedValues { valueTypes.formUnion(JSONTypeSet(value.type)) }
            result = result.meeting(valueTypes)
        }
        if let reference { result = result.meeting(reference.resolve().admittedTypes(depth: depth + 1)) }
        if let composition {
            for schema in composition.allOf { result = result.meeting(schema.admittedTypes(depth: depth + 1)) }
            for group in [composition.anyOf, composition.oneOf] where !group.isEmpty {
                var union: JSONTypeSet = []
                for schema in group { union.formUnion(schema.admittedTypes(depth: depth + 1)) }
                result = result.meeting(union)
            }
        }
        return result
    }
}

extension JSONTypeSet {
    /// The types both sets accept, knowing that `integer` lies inside `number`: `number` meets `integer` in
    /// `integer`.
    func meeting(_ other: JSONTypeSet) -> JSONTypeSet {
        var result = intersection(other)
        if contains(.number) && other.contains(.integer) || other.contains(.number) && contains(.integer) {
            result.insert(.integer)
        }
        return result
    }
}
