/// Checks a literal from the spec (a `default`, an `example`) against its schema, to catch a default the
/// generated validator would itself reject. It covers the common keywords; the runtime validators are the
/// full implementation.
struct LiteralCheck {
    /// For resolving `$ref`s.
    let document: OpenAPIDocument

    /// Every way `value` breaks `schema`, as phrases: "is not in the enum", "is longer than maxLength 5".
    func problems(_ value: SpecValue, _ schema: Schema, depth: Int = 0) -> [String] {
        guard depth < 32 else { return [] }
        switch schema {
        case .boolean(let accepts, _):
            return accepts ? [] : ["is rejected by the schema false"]
        case .object(let object):
            var problems: [String] = []
            if let reference = object.reference, let target = document.schema(for: reference) {
                problems += self.problems(value, target, depth: depth + 1)
            }
            for member in object.allOf ?? [] { problems += self.problems(value, member, depth: depth + 1) }
            if value == .null {
                if object.types != nil && !object.allowsNull { problems.append("type: null is not allowed") }
                return problems
            }
            if let types = object.types, !types.contains(where: { $0.admits(value.jsonType) }) {
                return problems + [
                    "type: is \(value.jsonType.rawValue), not \(types.map(\.rawValue).joined(separator: " or "))"
                ]
            }
            if let enumValues = object.enumValues, !enumValues.contains(value) { problems.append("is not in the enum") }
            if let constValue = object.constValue, constValue != value {
                problems.append("is not the const \(constValue)")
            }
            switch value {
            case .number(let number): problems += numberProblems(number, object)
            case .string(let string): problems += stringProblems(string, object)
            case .array(let items): problems += arrayProblems(items, object, depth: depth)
            case .object(let members): problems += objectProblems(members, object, depth: depth)
            default: break
            }
            return problems
        }
    }

    private func numberProblems(_ number: SpecNumber, _ object: SchemaObject) -> [String] {
        var problems: [String] = []
        if let minimum = object.minimum, number < minimum { problems.append("is below minimum \(minimum)") }
        if let maximum = object.maximum, number > maximum { problems.append("is above maximum \(maximum)") }
        if let bound = object.exclusiveMinimum, number <= bound {
            problems.append("is not above exclusiveMinimum \(bound)")
        }
        if let bound = object.exclusiveMaximum, number >= bound {
            problems.append("is not below exclusiveMaximum \(bound)")
        }
        if let divisor = object.multipleOf, number.isMultiple(of: divisor) == false {
            problems.append("is not a multiple of \(divisor)")
        }
        return problems
    }

    private func stringProblems(_ string: String, _ object: SchemaObject) -> [String] {
        var problems: [String] = []
        let length = string.unicodeScalars.count
        if let minLength = object.minLength, length < minLength {
            problems.append("is shorter than minLength \(minLength)")
        }
        if let maxLength = object.maxLength, length > maxLength {
            problems.append("is longer than maxLength \(maxLength)")
        }
        if let pattern = object.pattern, let regex = try? Regex(pattern), (try? regex.firstMatch(in: string)) == nil {
            problems.append("does not match the pattern \(pattern)")
        }
        return problems
    }

    private func arrayProblems(_ items: [SpecValue], _ object: SchemaObject, depth: Int) -> [String] {
        var problems: [String] = []
        if let minItems = object.minItems, items.count < minItems {
            problems.append("has fewer than \(minItems) items")
        }
        if let maxItems = object.maxItems, items.count > maxItems { problems.append("has more than \(maxItems) items") }
        if object.uniqueItems, Set(items).count != items.count { problems.append("has repeated items") }
        for (position, item) in items.enumerated() {
            let itemSchema = object.prefixItems.flatMap { position < $0.count ? $0[position] : nil } ?? object.items
            if let itemSchema {
                problems += self.problems(item, itemSchema, depth: depth + 1).map { "item \(position) \($0)" }
            }
        }
        return problems
    }

    private func objectProblems(_ members: [SpecValue.Member], _ object: SchemaObject, depth: Int) -> [String] {
        var problems: [String] = []
        for name in object.required where !members.contains(where: { $0.name == name }) {
            problems.append("lacks the required property '\(name)'")
        }
        for member in members {
            if let property = object.properties[member.name] {
                problems += self.problems(member.value, property, depth: depth + 1).map {
                    "property '\(member.name)' \($0)"
                }
            } else if case .boolean(false, _)? = object.additionalProperties, object.patternProperties.isEmpty {
                problems.append("has the unknown property '\(member.name)'")
            }
        }
        return problems
    }
}
