/// Every rule of one schema object in words, for the reference page: `1–255 characters`, `minimum 1`,
/// `matches ^[a-z]+$`, `one of: …`. The keywords of the schema itself only; a `$ref` is a link, explained where
/// its target is.
struct SchemaConstraints {
    let schema: SchemaObject
    /// How to show a subschema's type (a link for a reference).
    let typeLabel: (Schema) -> [HTML]

    /// The rules, one phrase each, in the order a reader checks a value: type-wide first, then per type.
    var phrases: [HTML] {
        var phrases: [HTML] = []
        if let value = schema.constValue { phrases.append(.fragment([.text("exactly "), literal(value)])) }
        phrases += numberPhrases + stringPhrases + arrayPhrases + objectPhrases
        if let not = schema.not { phrases.append(.fragment([.text("must not be ")] + typeLabel(not))) }
        if let ifSchema = schema.ifSchema {
            var parts: [HTML] = [.text("if it is ")] + typeLabel(ifSchema)
            if let then = schema.thenSchema { parts += [.text(", then ")] + typeLabel(then) }
            if let otherwise = schema.elseSchema { parts += [.text(", else ")] + typeLabel(otherwise) }
            phrases.append(.fragment(parts))
        }
        if let media = schema.contentMediaType { phrases.append(.fragment([.text("content "), .code(media)])) }
        if let encoding = schema.contentEncoding { phrases.append(.fragment([.text("encoded "), .code(encoding)])) }
        if schema.readOnly { phrases.append(.text("read-only: in responses only")) }
        if schema.writeOnly { phrases.append(.text("write-only: in requests only")) }
        if schema.deprecated { phrases.append(.text("deprecated")) }
        if let value = schema.defaultValue { phrases.append(.fragment([.text("default "), literal(value)])) }
        return phrases
    }

    private var numberPhrases: [HTML] {
        var phrases: [HTML] = []
        if let minimum = schema.minimum { phrases.append(.fragment([.text("minimum "), .code(minimum.literal)])) }
        if let bound = schema.exclusiveMinimum {
            phrases.append(.fragment([.text("greater than "), .code(bound.literal)]))
        }
        if let maximum = schema.maximum { phrases.append(.fragment([.text("maximum "), .code(maximum.literal)])) }
        if let bound = schema.exclusiveMaximum {
            phrases.append(.fragment([.text("less than "), .code(bound.literal)]))
        }
        if let step = schema.multipleOf { phrases.append(.fragment([.text("multiple of "), .code(step.literal)])) }
        return phrases
    }

    private var stringPhrases: [HTML] {
        var phrases: [HTML] = []
        if let length = Self.range(schema.minLength, schema.maxLength, unit: "character") {
            phrases.append(.text(length))
        }
        if let pattern = schema.pattern { phrases.append(.fragment([.text("matches "), .code(pattern)])) }
        return phrases
    }

    private var arrayPhrases: [HTML] {
        var phrases: [HTML] = []
        if let count = Self.range(schema.minItems, schema.maxItems, unit: "item") { phrases.append(.text(count)) }
        if schema.uniqueItems { phrases.append(.text("no repeated items")) }
        if let prefix = schema.prefixItems, !prefix.isEmpty {
            var parts: [HTML] = [.text("first items: ")]
            for (index, item) in prefix.enumerated() {
                if index > 0 { parts.append(.text(", ")) }
                parts += typeLabel(item)
            }
            phrases.append(.fragment(parts))
        }
        if let contains = schema.contains {
            let count = Self.range(schema.minContains ?? 1, schema.maxContains, unit: "item") ?? "at least 1 item"
            phrases.append(.fragment([.text("contains \(count) of ")] + typeLabel(contains)))
        }
        return phrases
    }

    private var objectPhrases: [HTML] {
        var phrases: [HTML] = []
        if let count = Self.range(schema.minProperties, schema.maxProperties, unit: "property") {
            phrases.append(.text(count))
        }
        switch schema.additionalProperties {
        case .boolean(false, _)?: phrases.append(.text("no other properties"))
        case .object(let object)? where !(object.properties.isEmpty && object.types == nil && object.reference == nil):
            phrases.append(.fragment([.text("other properties: ")] + typeLabel(.object(object))))
        default: break
        }
        for element in schema.patternProperties {
            phrases.append(
                .fragment([.text("properties named "), .code(element.name), .text(": ")] + typeLabel(element.value)))
        }
        if let names = schema.propertyNames?.object {
            let inner = SchemaConstraints(schema: names, typeLabel: typeLabel).phrases
            var parts: [HTML] = [.text("property names: ")]
            for (index, phrase) in inner.enumerated() {
                if index > 0 { parts.append(.text(", ")) }
                parts.append(phrase)
            }
            phrases.append(.fragment(parts))
        }
        for element in schema.dependentRequired {
            phrases.append(
                .fragment(
                    [.text("with "), .code(element.name), .text(", also ")]
                        + element.value.enumerated().flatMap { index, name in
                            (index > 0 ? [HTML.text(", ")] : []) + [.code(name)]
                        }))
        }
        for element in schema.dependentSchemas {
            phrases.append(
                .fragment([.text("with "), .code(element.name), .text(", also ")] + typeLabel(element.value)))
        }
        return phrases
    }

    /// `1–255 characters`, `exactly 6 characters`, `at least 1 item`, `at most 3 properties`; nil with no bound.
    static func range(_ minimum: Int?, _ maximum: Int?, unit: String) -> String? {
        func plural(_ count: Int) -> String {
            count == 1 ? unit : (unit.hasSuffix("y") ? String(unit.dropLast()) + "ies" : unit + "s")
        }
        switch (minimum, maximum) {
        case (let low?, let high?) where low == high: return "exactly \(low) \(plural(low))"
        case (let low?, let high?): return "\(low)–\(high) \(plural(high))"
        case (let low?, nil): return low == 0 ? nil : "at least \(low) \(plural(low))"
        case (nil, let high?): return "at most \(high) \(plural(high))"
        case (nil, nil): return nil
        }
    }

    /// A value as compact JSON in code.
    private func literal(_ value: SpecValue) -> HTML { .code(value.description) }
}
