/// `unevaluatedProperties` and `unevaluatedItems`: rules for what no other keyword looked at.
///
/// A member counts as evaluated when `properties`, `patternProperties`, `additionalProperties` or a nested
/// `unevaluatedProperties` of this schema, or of a subschema applied in place that holds (`allOf`, `$ref`, the
/// passing branches of `anyOf`/`oneOf`, `if` with `then` or `else`, `dependentSchemas`), looked at it — JSON
/// Schema 2020-12's annotation rules. The walk below recomputes that set only for schemas that carry these
/// keywords, so other schemas pay nothing.
extension SchemaValidator {
    mutating func checkUnevaluatedProperties(
        _ object: JSONObject, of rules: JSONSchemaRules, against unevaluated: JSONSchemaRules
    ) {
        var evaluated = Set<String>()
        var all = false
        collectEvaluatedProperties(of: object, by: rules, into: &evaluated, all: &all, skipOwnUnevaluated: true)
        if all { return }
        for member in object where !evaluated.contains(member.key) {
            check(member.value, at: .key(member.key), against: unevaluated)
            if isDone { return }
        }
    }

    mutating func checkUnevaluatedItems(
        _ elements: [JSONValue], of rules: JSONSchemaRules, against unevaluated: JSONSchemaRules
    ) {
        var evaluated = Set<Int>()
        var prefix = 0
        var all = false
        collectEvaluatedItems(
            of: elements, by: rules, into: &evaluated, prefix: &prefix, all: &all, skipOwnUnevaluated: true)
        if all { return }
        for (position, element) in elements.enumerated() where position >= prefix && !evaluated.contains(position) {
            check(element, at: .index(position), against: unevaluated)
            if isDone { return }
        }
    }

    /// The in-place subschemas of `rules` whose annotations count for `value`: those that hold.
    private func appliedSubschemas(of rules: JSONSchemaRules, for value: JSONValue) -> [JSONSchemaRules] {
        var applied: [JSONSchemaRules] = []
        if let reference = rules.reference { applied.append(reference.resolve()) }
        if let composition = rules.composition {
            applied += composition.allOf
            applied += composition.anyOf.filter { holds(value, against: $0) }
            applied += composition.oneOf.filter { holds(value, against: $0) }
            if let condition = composition.if {
                if holds(value, against: condition) {
                    applied.append(condition)
                    if let then = composition.then { applied.append(then) }
                } else if let otherwise = composition.else {
                    applied.append(otherwise)
                }
            }
        }
        if case .object(let object) = value, let dependents = rules.object?.sortedDependentSchemas {
            for (name, schema) in dependents where object[name] != nil { applied.append(schema) }
        }
        return applied
    }

    private func collectEvaluatedProperties(
        of object: JSONObject, by rules: JSONSchemaRules, into evaluated: inout Set<String>, all: inout Bool,
        skipOwnUnevaluated: Bool = false, depth: Int = 0
    ) {
        guard !all, depth < 64, !rules.rejectsEverything else { return }
        if let objectRules = rules.object {
            if objectRules.additionalProperties != nil || (!skipOwnUnevaluated && objectRules.unevaluatedProperties != nil) {
                all = true
                return
            }
            for member in object {
                if objectRules.properties.position(of: member.key) != nil
                    || objectRules.patternProperties.contains(where: { $0.pattern.matches(member.key) })
                {
                    evaluated.insert(member.key)
                }
            }
        }
        for schema in appliedSubschemas(of: rules, for: .object(object)) {
            collectEvaluatedProperties(of: object, by: schema, into: &evaluated, all: &all, depth: depth + 1)
        }
    }

    private func collectEvaluatedItems(
        of elements: [JSONValue], by rules: JSONSchemaRules, into evaluated: inout Set<Int>, prefix: inout Int,
        all: inout Bool, skipOwnUnevaluated: Bool = false, depth: Int = 0
    ) {
        guard !all, depth < 64, !rules.rejectsEverything else { return }
        if let arrayRules = rules.array {
            if arrayRules.items != nil || (!skipOwnUnevaluated && arrayRules.unevaluatedItems != nil) {
                all = true
                return
            }
            prefix = max(prefix, min(arrayRules.prefixItems.count, elements.count))
            if let contains = arrayRules.contains {
                for (position, element) in elements.enumerated() where holds(element, against: contains) {
                    evaluated.insert(position)
                }
            }
        }
        for schema in appliedSubschemas(of: rules, for: .array(elements)) {
            collectEvaluatedItems(
                of: elements, by: schema, into: &evaluated, prefix: &prefix, all: &all, depth: depth + 1)
        }
    }
}
