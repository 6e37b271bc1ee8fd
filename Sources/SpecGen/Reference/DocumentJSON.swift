/// The spec document as JSON, for `GET /openapi.json`: every node of the YAML as written (extensions, examples
/// and all), in document order.
///
/// Scalars are typed the way the reader types them: by the core rules, and a schema's `enum`, `const`,
/// `default` and `example` values by that schema's `type` (so `enum: [100, 200]` under `type: string` stays two
/// strings), which keeps the JSON meaning exactly what the YAML means to SpecGen.
enum DocumentJSON {
    /// The document's JSON text, two-space indented; nil when the bytes are not YAML.
    static func text(bytes: [UInt8]) -> String? {
        guard let root = try? YAMLParser().parse(bytes: bytes) else { return nil }
        let context = ReadingContext(root: root)
        return JSONText.pretty(value(of: context.root, context))
    }

    /// The value of one node.
    static func value(of node: SpecNode, _ context: ReadingContext) -> SpecValue {
        switch node.node {
        case .scalar(let scalar):
            switch ScalarTyping.coreValue(of: scalar) {
            case .success(let value): return value
            case .failure: return .string(scalar.text)
            }
        case .sequence:
            return .array((node.items ?? []).map { value(of: $0, context) })
        case .mapping(let mapping):
            let hint = isSchema(mapping) ? TypeHint(schema: node, context) : nil
            return .object(
                (node.entries ?? []).map { entry in
                    let typed = hint.flatMap { literal(entry.name, entry.node, hint: $0, context) }
                    return SpecValue.Member(name: entry.name, value: typed ?? value(of: entry.node, context))
                })
        }
    }

    /// A schema's literal keyword typed by the schema; nil for other keywords (and values the schema cannot type).
    private static func literal(_ keyword: String, _ node: SpecNode, hint: TypeHint, _ context: ReadingContext)
        -> SpecValue?
    {
        switch keyword {
        case "const", "default", "example":
            return ValueReading.value(of: node, hint: hint, context)
        case "enum":
            guard let items = node.items else { return nil }
            let values = items.map { ValueReading.value(of: $0, hint: hint, context) }
            return values.contains { $0 == nil } ? nil : .array(values.compactMap { $0 })
        default:
            return nil
        }
    }

    /// Whether a mapping is a schema with a `type` (a name or a list of names), the only case where typing by
    /// schema can differ from the core rules.
    private static func isSchema(_ mapping: YAMLMapping) -> Bool {
        switch mapping["type"] {
        case .scalar(let scalar): JSONType(rawValue: scalar.text) != nil
        case .sequence(let sequence):
            sequence.items.allSatisfy { $0.scalar.flatMap { JSONType(rawValue: $0.text) } != nil }
        default: false
        }
    }
}

/// JSON text for ``SpecValue``s: numbers as written, members in order, strings escaped as RFC 8259 requires
/// (and no raw control character anywhere, so the text is safe in a Swift raw string literal).
enum JSONText {
    /// Two-space indented, one member or item per line; empty objects and arrays as `{}` and `[]`.
    static func pretty(_ value: SpecValue) -> String {
        var output = ""
        write(value, indent: 0, into: &output)
        return output + "\n"
    }

    private static func write(_ value: SpecValue, indent: Int, into output: inout String) {
        let inner = String(repeating: "  ", count: indent + 1)
        switch value {
        case .array(let items) where !items.isEmpty:
            output += "[\n"
            for (index, item) in items.enumerated() {
                output += inner
                write(item, indent: indent + 1, into: &output)
                output += index == items.count - 1 ? "\n" : ",\n"
            }
            output += String(repeating: "  ", count: indent) + "]"
        case .object(let members) where !members.isEmpty:
            output += "{\n"
            for (index, member) in members.enumerated() {
                output += inner + SpecValue.jsonQuoted(member.name) + ": "
                write(member.value, indent: indent + 1, into: &output)
                output += index == members.count - 1 ? "\n" : ",\n"
            }
            output += String(repeating: "  ", count: indent) + "}"
        case .array: output += "[]"
        case .object: output += "{}"
        case .string(let string): output += SpecValue.jsonQuoted(string)
        default: output += value.description
        }
    }
}
