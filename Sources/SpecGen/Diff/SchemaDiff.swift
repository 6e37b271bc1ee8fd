extension OperationDiff {
    /// How deep the walk goes before it stops, whatever the schemas: a backstop behind the recursion guard.
    static let maximumDepth = 64

    /// Compares two versions of a field's schemas (each list merged as one, see ``EffectiveSchema``), then
    /// walks into properties, array items, map members and `oneOf`/`anyOf` alternatives present in both.
    ///
    /// `$ref`s are followed into each document's components. A pair of component sets already being compared
    /// further up the same walk is a recursive schema (a node whose children are nodes): comparing it again
    /// would find nothing new, so the walk stops there.
    mutating func compareSchemas(
        _ before: [Schema], _ after: [Schema], at field: FieldPath, on side: ChangeSide, depth: Int = 0
    ) {
        guard depth < Self.maximumDepth else {
            cuts += 1
            return
        }
        let identity = UnchangedSchemas.key(before, after, on: side)
        if unchanged.contains(identity) { return }
        let old = EffectiveSchema(before, in: oldDocument)
        let new = EffectiveSchema(after, in: newDocument)
        let pair = old.components.joined(separator: ",") + " | " + new.components.joined(separator: ",")
        if !old.components.isEmpty || !new.components.isEmpty {
            guard walking.insert(pair).inserted else {
                cuts += 1
                return
            }
        }
        let changesBefore = changes.count
        let cutsBefore = cuts
        defer {
            walking.remove(pair)
            if changes.count == changesBefore, cuts == cutsBefore { unchanged.insert(identity) }
        }

        if !TypeSet.same(old.types, new.types) {
            let kind = ChangeKind.typeChanged(from: old.types, to: new.types)
            record(kind, at: field, on: side)
            // Values of another type share no rules with the old ones: the rest would be noise.
            if kind.effect == .replaces, !Self.onlyNullDiffers(old.types, new.types) { return }
        }
        compareValueRules(old, new, at: field, on: side)
        compareProperties(old, new, at: field, on: side, depth: depth)
        if !old.items.isEmpty, !new.items.isEmpty {
            compareSchemas(old.items, new.items, at: field.items, on: side, depth: depth + 1)
        }
        if !old.additionalProperties.isEmpty, !new.additionalProperties.isEmpty {
            compareSchemas(
                old.additionalProperties, new.additionalProperties, at: field.property("*"), on: side, depth: depth + 1)
        }
        compareAlternatives("oneOf", old.oneOf, new.oneOf, at: field, on: side, depth: depth)
        compareAlternatives("anyOf", old.anyOf, new.anyOf, at: field, on: side, depth: depth)
    }

    /// Whether two type lists differ in `null` only (so the field's other rules still compare).
    private static func onlyNullDiffers(_ left: [JSONType]?, _ right: [JSONType]?) -> Bool {
        guard let left, let right else { return false }
        return TypeSet.same(left.filter { $0 != .null }, right.filter { $0 != .null })
    }

    /// Compares the rules on the value itself: format, enum, bounds, lengths and sizes, patterns, uniqueness,
    /// closedness.
    private mutating func compareValueRules(
        _ old: EffectiveSchema, _ new: EffectiveSchema, at field: FieldPath, on side: ChangeSide
    ) {
        if old.format != new.format { record(.formatChanged(from: old.format, to: new.format), at: field, on: side) }
        if let before = old.defaultValue, let after = new.defaultValue, before != after {
            record(.defaultChanged(from: before, to: after), at: field, on: side)
        }
        switch (old.enumValues, new.enumValues) {
        case (nil, let values?): record(.enumAdded(values), at: field, on: side)
        case (_?, nil): record(.enumRemoved, at: field, on: side)
        case (let before?, let after?):
            let removed = before.filter { !after.contains($0) }
            let added = after.filter { !before.contains($0) }
            if !removed.isEmpty { record(.enumValuesRemoved(removed), at: field, on: side) }
            if !added.isEmpty { record(.enumValuesAdded(added), at: field, on: side) }
        case (nil, nil): break
        }
        compareBound("minimum", old.lowerBound, new.lowerBound, at: field, on: side) { $0.isStricterLower(than: $1) }
        compareBound("maximum", old.upperBound, new.upperBound, at: field, on: side) { $0.isStricterUpper(than: $1) }
        compareMultipleOf(old.multipleOf, new.multipleOf, at: field, on: side)
        for keyword in EffectiveSchema.countKeywords where old.counts[keyword] != new.counts[keyword] {
            let before = old.counts[keyword]
            let after = new.counts[keyword]
            let isLower = EffectiveSchema.lowerCountKeywords.contains(keyword)
            let narrows: Bool
            switch (before, after) {
            case (let before?, let after?): narrows = isLower ? after > before : after < before
            case (nil, _): narrows = true
            case (_, nil): narrows = false
            }
            record(
                .limitChanged(
                    keyword: keyword, from: before.map(String.init), to: after.map(String.init), narrows: narrows),
                at: field, on: side)
        }
        for pattern in new.patterns where !old.patterns.contains(pattern) {
            record(.patternAdded(pattern), at: field, on: side)
        }
        for pattern in old.patterns where !new.patterns.contains(pattern) {
            record(.patternRemoved(pattern), at: field, on: side)
        }
        if old.uniqueItems != new.uniqueItems { record(.uniqueItemsChanged(to: new.uniqueItems), at: field, on: side) }
        if !old.closed, new.closed { record(.additionalPropertiesForbidden, at: field, on: side) }
        if old.closed, !new.closed { record(.additionalPropertiesAllowed, at: field, on: side) }
    }

    /// Compares a numeric bound; `stricter(a, b)` says whether `a` admits fewer numbers than `b`.
    private mutating func compareBound(
        _ keyword: String, _ before: NumericBound?, _ after: NumericBound?, at field: FieldPath, on side: ChangeSide,
        stricter: (NumericBound, NumericBound) -> Bool
    ) {
        guard before != after else { return }
        let narrows: Bool
        switch (before, after) {
        case (let before?, let after?): narrows = stricter(after, before)
        case (nil, _): narrows = true
        default: narrows = false
        }
        record(
            .limitChanged(
                keyword: keyword, from: before?.description, to: after?.description, narrows: narrows), at: field,
            on: side)
    }

    /// Compares `multipleOf`: a new divisor that is a multiple of the old one only narrows (`2` → `4`), one the
    /// old is a multiple of only widens (`4` → `2`), anything else replaces.
    private mutating func compareMultipleOf(
        _ before: [SpecNumber], _ after: [SpecNumber], at field: FieldPath, on side: ChangeSide
    ) {
        guard Set(before) != Set(after) else { return }
        let from = before.map(\.literal).joined(separator: ", ")
        let to = after.map(\.literal).joined(separator: ", ")
        switch (before.first, after.first) {
        case (nil, _):
            record(.limitChanged(keyword: "multipleOf", from: nil, to: to, narrows: true), at: field, on: side)
        case (_, nil):
            record(.limitChanged(keyword: "multipleOf", from: from, to: nil, narrows: false), at: field, on: side)
        case (let old?, let new?) where before.count == 1 && after.count == 1 && new.isMultiple(of: old) == true:
            record(.limitChanged(keyword: "multipleOf", from: from, to: to, narrows: true), at: field, on: side)
        case (let old?, let new?) where before.count == 1 && after.count == 1 && old.isMultiple(of: new) == true:
            record(.limitChanged(keyword: "multipleOf", from: from, to: to, narrows: false), at: field, on: side)
        default:
            record(.multipleOfChanged(from: from, to: to), at: field, on: side)
        }
    }

    /// Compares the members of an object: removed, added, required-ness, then each member present in both.
    /// Request fields marked `readOnly` on both sides are never sent, and response fields marked `writeOnly`
    /// never read, so they are skipped there.
    private mutating func compareProperties(
        _ old: EffectiveSchema, _ new: EffectiveSchema, at field: FieldPath, on side: ChangeSide, depth: Int
    ) {
        for property in old.properties {
            let place = field.property(property.name)
            let before = EffectiveSchema(property.value, in: oldDocument)
            guard let counterpart = new.properties[property.name] else {
                if isUnused(before, on: side) { continue }
                record(.fieldRemoved(refusedWhenSent: side == .request && new.closed), at: place, on: side)
                continue
            }
            let after = EffectiveSchema(counterpart, in: newDocument)
            if isUnused(before, on: side), isUnused(after, on: side) { continue }
            let wasRequired = old.required.contains(property.name)
            let isRequired = new.required.contains(property.name)
            if !wasRequired, isRequired { record(.fieldMadeRequired, at: place, on: side) }
            if wasRequired, !isRequired { record(.fieldMadeOptional, at: place, on: side) }
            compareSchemas(property.value, counterpart, at: place, on: side, depth: depth + 1)
        }
        for property in new.properties where old.properties[property.name] == nil {
            if isUnused(EffectiveSchema(property.value, in: newDocument), on: side) { continue }
            record(
                .fieldAdded(required: new.required.contains(property.name)), at: field.property(property.name), on: side
            )
        }
        // `required` naming members the object does not describe: only their presence can change.
        let described = Set(old.properties.names + new.properties.names)
        for name in new.required.subtracting(old.required).subtracting(described).sorted() {
            record(.fieldMadeRequired, at: field.property(name), on: side)
        }
        for name in old.required.subtracting(new.required).subtracting(described).sorted() {
            record(.fieldMadeOptional, at: field.property(name), on: side)
        }
    }

    /// Whether a field never appears on this side: `readOnly` in requests, `writeOnly` in responses.
    private func isUnused(_ schema: EffectiveSchema, on side: ChangeSide) -> Bool {
        side == .request ? schema.readOnly : side == .response ? schema.writeOnly : false
    }

    /// Compares `oneOf`/`anyOf` alternatives: their number (fewer narrows, more widens; none means no
    /// constraint), then each pair, matched by the component they name, else by position.
    private mutating func compareAlternatives(
        _ keyword: String, _ before: [Schema]?, _ after: [Schema]?, at field: FieldPath, on side: ChangeSide,
        depth: Int
    ) {
        let before = before ?? []
        let after = after ?? []
        if before.count != after.count {
            record(.alternativesChanged(keyword: keyword, from: before.count, to: after.count), at: field, on: side)
        }
        var unmatched = Array(after.indices)
        var pairs: [(Schema, Schema)] = []
        var leftovers: [Schema] = []
        for alternative in before {
            if let name = alternative.reference?.componentName,
                let position = unmatched.firstIndex(where: { after[$0].reference?.componentName == name })
            {
                pairs.append((alternative, after[unmatched.remove(at: position)]))
            } else {
                leftovers.append(alternative)
            }
        }
        for (alternative, index) in zip(leftovers, unmatched) { pairs.append((alternative, after[index])) }
        for (old, new) in pairs { compareSchemas([old], [new], at: field, on: side, depth: depth + 1) }
    }
}
