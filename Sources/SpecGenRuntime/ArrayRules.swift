/// The keywords that apply to arrays: `prefixItems`, `items`, `minItems`, `maxItems`, `uniqueItems`,
/// `contains`, `minContains`, `maxContains`.
///
/// Element failures are filed under the element (`skills.3`); a repeat under `uniqueItems` is filed at the later
/// copy, as Laravel's `distinct` does, with deep JSON Schema equality (`1` repeats `1.0`, `{"a":1,"b":2}` repeats
/// `{"b":2,"a":1}`).
public final class ArrayRules: Sendable {
    /// `items`: the schema for every element after the `prefixItems`; nil allows anything.
    public let items: JSONSchemaRules?
    /// `prefixItems`: schemas for the first elements, position by position.
    public let prefixItems: [JSONSchemaRules]
    /// `minItems`.
    public let minItems: Int?
    /// `maxItems`.
    public let maxItems: Int?
    /// `uniqueItems`.
    public let uniqueItems: Bool
    /// `contains`: at least ``minContains`` (default 1) elements must match it.
    public let contains: JSONSchemaRules?
    /// `minContains` (only with `contains`).
    public let minContains: Int?
    /// `maxContains` (only with `contains`).
    public let maxContains: Int?
    /// `unevaluatedItems`: the schema for elements that no other keyword of this schema or of its in-place
    /// applicators looked at (see `Unevaluated.swift`).
    public let unevaluatedItems: JSONSchemaRules?

    public init(
        items: JSONSchemaRules? = nil, prefixItems: [JSONSchemaRules] = [], minItems: Int? = nil,
        maxItems: Int? = nil, uniqueItems: Bool = false, contains: JSONSchemaRules? = nil,
        minContains: Int? = nil, maxContains: Int? = nil, unevaluatedItems: JSONSchemaRules? = nil
    ) {
        self.unevaluatedItems = unevaluatedItems
        self.items = items
        self.prefixItems = prefixItems
        self.minItems = minItems
        self.maxItems = maxItems
        self.uniqueItems = uniqueItems
        self.contains = contains
        self.minContains = minContains
        self.maxContains = maxContains
    }
}

extension SchemaValidator {
    mutating func checkArray(_ elements: [JSONValue], against rules: ArrayRules) {
        let count = elements.count
        if let minimum = rules.minItems, count < minimum {
            fail(minimum == rules.maxItems ? .exactItems(minimum) : .minItems(minimum))
            if isDone { return }
        }
        if let maximum = rules.maxItems, count > maximum {
            fail(maximum == rules.minItems ? .exactItems(maximum) : .maxItems(maximum))
            if isDone { return }
        }
        // A closed tuple (`items: false`) reads best as a count limit, not one "prohibited" per extra element.
        let closedTuple = rules.items?.rejectsEverything == true
        if closedTuple, count > rules.prefixItems.count, rules.maxItems.map({ count <= $0 }) ?? true {
            fail(.maxItems(rules.prefixItems.count))
            if isDone { return }
        }
        for (position, element) in elements.enumerated() {
            if position < rules.prefixItems.count {
                check(element, at: .index(position), against: rules.prefixItems[position])
            } else if let items = rules.items, !closedTuple {
                check(element, at: .index(position), against: items)
            } else {
                break
            }
            if isDone { return }
        }
        if rules.uniqueItems, count > 1 {
            var seen = Set<JSONValue>(minimumCapacity: count)
            for (position, element) in elements.enumerated() where !seen.insert(element).inserted {
                fail(.duplicate, below: .index(position))
                if isDone { return }
            }
        }
        if let contains = rules.contains {
            var matches = 0
            for element in elements where holds(element, against: contains) { matches += 1 }
            let minimum = rules.minContains ?? 1
            if matches < minimum {
                fail(.minContains(minimum))
                if isDone { return }
            }
            if let maximum = rules.maxContains, matches > maximum {
                fail(.maxContains(maximum))
            }
        }
    }
}
