/// Schemas on the reference page: a type label (`string (email)`, `array of Kal`, a link for a `$ref`), the
/// rules in words, enum values with their meanings, and a table of fields for objects, nested fields as
/// dotted paths (`address.city`, `items[].id`).
extension ReferencePage {
    /// How deep inline objects are unfolded into rows.
    static let maximumDepth = 8

    /// A body's schema: a referenced component is unfolded here (its name links to the Schemas section), so
    /// an operation shows every field and rule of what it takes and returns.
    func schemaBlock(_ schema: Schema) -> [HTML] {
        if let object = schema.object, let reference = object.reference, object.isBareReference,
            let name = reference.componentName, let target = document.schema(for: reference)
        {
            return [
                .tag("p", class: "schema", [.text("Schema "), .link("#" + Self.schemaAnchor(name), [.code(name)])])
            ]
                + schemaBody(target, title: true)
        }
        return schemaBody(schema, title: false)
    }

    /// A schema written out: its type and rules, its description, then its fields.
    func schemaBody(_ schema: Schema, title: Bool) -> [HTML] {
        guard let object = schema.object else { return [.tag("p", class: "type", typeLabel(schema))] }
        var blocks: [HTML] = []
        if title, let heading = object.title { blocks.append(.tag("p", class: "title", text: heading)) }
        blocks += DescriptionText.html(object.description)
        blocks.append(.tag("p", class: "type", [.text("Type: ")] + typeLabel(schema)))
        let rules = constraints(schema)
        if !rules.isEmpty { blocks.append(phraseList(rules)) }
        blocks += enumBlock(schema, description: object.description)
        let rows = fieldRows(object, prefix: "", depth: 0, flattenReferences: true)
        if !rows.isEmpty {
            blocks.append(
                .tag(
                    "table", class: "fields",
                    [
                        .tag(
                            "thead",
                            [.tag("tr", ["Field", "Type", "Rules", "Description"].map { .tag("th", text: $0) })]),
                        .tag("tbody", rows),
                    ]))
        }
        blocks += examples(object.examples)
        return blocks
    }

    /// A row per property (and per property of the inline objects below it), `allOf` members merged in.
    func fieldRows(_ object: SchemaObject, prefix: String, depth: Int, flattenReferences: Bool = false) -> [HTML] {
        guard depth < Self.maximumDepth else { return [] }
        var rows: [HTML] = []
        for element in object.properties {
            let property = element.value
            var rules: [HTML] = object.required.contains(element.name) ? [.tag("strong", text: "required")] : []
            rules += constraints(property)
            let description = property.object?.description
            rows.append(
                .tag(
                    "tr",
                    [
                        .tag("td", [.tag("code", class: depth > 0 ? "nested" : nil, text: prefix + element.name)]),
                        .tag("td", typeLabel(property)),
                        .tag("td", [phraseList(rules)]),
                        .tag(
                            "td",
                            DescriptionText.html(description) + enumBlock(property, description: description)
                                + inlineExamples(property.object?.examples ?? [])),
                    ]))
            rows += nestedRows(property, prefix: prefix + element.name, depth: depth + 1)
        }
        for member in object.allOf ?? [] {
            guard let memberObject = member.object else { continue }
            if memberObject.isBareReference {
                // A named part of an allOf: its fields belong to this object too, written out at the top only.
                if flattenReferences, let reference = memberObject.reference,
                    let target = document.schema(for: reference)?.object
                {
                    rows += fieldRows(target, prefix: prefix, depth: depth, flattenReferences: true)
                }
            } else {
                rows += fieldRows(memberObject, prefix: prefix, depth: depth, flattenReferences: flattenReferences)
            }
        }
        return rows
    }

    /// The rows under a property: an inline object's fields, an array's inline item fields (`name[].field`),
    /// and the fields of inline alternatives.
    private func nestedRows(_ schema: Schema, prefix: String, depth: Int) -> [HTML] {
        guard let object = schema.object, !object.isBareReference else { return [] }
        var rows = fieldRows(object, prefix: prefix + ".", depth: depth)
        if let items = object.items { rows += nestedRows(items, prefix: prefix + "[]", depth: depth) }
        for alternative in (object.oneOf ?? []) + (object.anyOf ?? []) {
            rows += nestedRows(alternative, prefix: prefix, depth: depth)
        }
        return rows
    }

    /// `string (email)`, `integer (int64) or null`, `array of ` + a link, `one of A | B`, `any`.
    func typeLabel(_ schema: Schema) -> [HTML] {
        guard let object = schema.object else {
            if case .boolean(let accepts, _) = schema { return [.text(accepts ? "any" : "nothing")] }
            return []
        }
        if object.types == [.null] { return [.text("null")] }
        var parts: [HTML] = []
        if let reference = object.reference {
            let name = reference.componentName ?? reference.text
            parts.append(.link("#" + Self.schemaAnchor(name), [.code(name)]))
        }
        if let types = object.nonNullTypes, !types.isEmpty {
            if !parts.isEmpty { parts.append(.text(", ")) }
            for (index, type) in types.enumerated() {
                if index > 0 { parts.append(.text(" or ")) }
                parts += label(type, object)
            }
        } else if object.reference == nil && !object.properties.isEmpty {
            parts.append(.text("object"))
        }
        for (word, alternatives) in [("one of", object.oneOf), ("any of", object.anyOf), ("all of", object.allOf)] {
            guard let alternatives, !alternatives.isEmpty else { continue }
            if !parts.isEmpty { parts.append(.text(", ")) }
            parts.append(.text(word + " "))
            for (index, alternative) in alternatives.enumerated() {
                if index > 0 { parts.append(.text(" | ")) }
                parts += typeLabel(alternative)
            }
        }
        if let discriminator = object.discriminator {
            parts += [.text(", chosen by "), .code(discriminator.propertyName)]
        }
        if parts.isEmpty { parts.append(.text(object.enumValues != nil || object.constValue != nil ? "value" : "any")) }
        if object.allowsNull { parts.append(.text(" or null")) }
        return parts
    }

    private func label(_ type: JSONType, _ object: SchemaObject) -> [HTML] {
        switch type {
        case .array:
            guard let items = object.items else { return [.text("array")] }
            return [.text("array of ")] + typeLabel(items)
        case .object:
            if object.properties.isEmpty, let additional = object.additionalProperties,
                additional.object.map({ !$0.properties.isEmpty || $0.types != nil || $0.reference != nil }) == true
            {
                return [.text("map of ")] + typeLabel(additional)
            }
            return [.text("object")]
        default:
            return [.text(type.rawValue + (object.format.map { " (\($0))" } ?? ""))]
        }
    }

    /// The schema's rules in words; the enum as `one of …` when it has no meanings to list.
    func constraints(_ schema: Schema, description: String? = nil) -> [HTML] {
        guard let object = schema.object else { return [] }
        var phrases = SchemaConstraints(schema: object, typeLabel: { typeLabel($0) }).phrases
        if let values = object.enumValues,
            EnumMeanings.meanings(of: values, schema: object, description: description ?? object.description) == nil
        {
            phrases.insert(
                .fragment(
                    [.text("one of ")]
                        + values.enumerated().flatMap { index, value in
                            (index > 0 ? [HTML.text(", ")] : []) + [.code(EnumMeanings.label(value))]
                        }), at: 0)
        }
        return phrases
    }

    /// The enum's values with their meanings, when every value has one (else ``constraints(_:)`` lists them).
    func enumBlock(_ schema: Schema, description: String?) -> [HTML] {
        guard let object = schema.object, let values = object.enumValues,
            let meanings = EnumMeanings.meanings(
                of: values, schema: object, description: description ?? object.description)
        else { return [] }
        return [
            .tag(
                "ul", class: "enum",
                zip(values, meanings).map { value, meaning in
                    .tag("li", [.code(EnumMeanings.label(value)), .text(" " + meaning)])
                })
        ]
    }

    /// Rules as a list, nothing when there are none.
    func phraseList(_ phrases: [HTML]) -> HTML {
        phrases.isEmpty ? .fragment([]) : .tag("ul", class: "rules", phrases.map { .tag("li", [$0]) })
    }
}

extension Substring {
    /// The text without leading or trailing spaces and tabs.
    func trimmingSpaces() -> String { String(self).trimmingSpaces() }
}
