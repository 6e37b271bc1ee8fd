/// Sets of JSON types as `type` allows them, compared the way JSON Schema means them: `number` includes
/// every `integer`, and nil (no `type`) allows everything.
enum TypeSet {
    /// Every type a list allows, `integer` added when `number` is there; nil for any type.
    static func expanded(_ types: [JSONType]?) -> Set<JSONType>? {
        guard let types else { return nil }
        var set = Set(types)
        if set.contains(.number) { set.insert(.integer) }
        return set
    }

    /// Whether going from `from` to `to` loses some values (`lost`) and allows new ones (`gained`).
    /// `integer` → `number` only gains (fractions); `number` → `integer` only loses.
    static func difference(from: [JSONType]?, to: [JSONType]?) -> (lost: Bool, gained: Bool) {
        let old = expanded(from)
        let new = expanded(to)
        switch (old, new) {
        case (nil, nil): return (false, false)
        case (nil, _): return (true, false)
        case (_, nil): return (false, true)
        case (let old?, let new?):
            return (!old.isSubset(of: new), !new.isSubset(of: old))
        }
    }

    /// Whether two type lists allow the same values.
    static func same(_ left: [JSONType]?, _ right: [JSONType]?) -> Bool {
        difference(from: left, to: right) == (false, false)
    }

    /// The types in words, `null` last: `string or null`, `any` for nil, `nothing` for an empty list.
    static func describe(_ types: [JSONType]?) -> String {
        guard let types else { return "any" }
        if types.isEmpty { return "nothing" }
        let ordered = types.filter { $0 != .null }.sorted { $0.rawValue < $1.rawValue } + types.filter { $0 == .null }
        return ordered.map(\.rawValue).joined(separator: " or ")
    }
}
