/// Reads literal values (`enum`, `const`, `default`, `example`, extensions) into ``SpecValue``s, typed
/// by the schema they belong to.
///
/// OpenAPI says a value means what its schema says: under `type: string`, `enum: [yes, no, 100]` and
/// `default: 2019-08-24` are strings; under `type: integer`, `100` is a number. Plain scalars whose core
/// meaning the schema does not allow become strings when the schema allows strings; quoted scalars are
/// always strings. Without a schema, the JSON/core rules decide.
enum ValueReading {
    /// The value of `node`, typed by `hint` (nil for core rules); nil (with an error recorded) when a scalar has
    /// no JSON value.
    static func value(of node: SpecNode, hint: TypeHint?, _ context: ReadingContext) -> SpecValue? {
        switch node.node {
        case .scalar(let scalar):
            let core = ScalarTyping.coreValue(of: scalar)
            if scalar.style.isPlain, scalar.tag == nil, let hint, let types = hint.types {
                let fits: Bool =
                    switch core {
                    case .success(.null): hint.allowsNull
                    case .success(let value): types.contains { $0.admits(value.jsonType) }
                    case .failure: false
                    }
                if !fits && types.contains(.string) { return .string(scalar.text) }
            }
            switch core {
            case .success(let value): return value
            case .failure(let problem):
                context.error(problem.message, at: node)
                return nil
            }
        case .sequence:
            var values: [SpecValue] = []
            for (position, item) in (node.items ?? []).enumerated() {
                guard let value = value(of: item, hint: hint?.item(position), context) else { return nil }
                values.append(value)
            }
            return .array(values)
        case .mapping:
            var members: [SpecValue.Member] = []
            for entry in node.entries ?? [] {
                guard let value = value(of: entry.node, hint: hint?.property(entry.name), context) else { return nil }
                members.append(SpecValue.Member(name: entry.name, value: value))
            }
            return .object(members)
        }
    }
}

/// What a schema says about the type of a literal, read straight from the YAML (so it works before the
/// schema is read into the model, and across `$ref`s).
struct TypeHint {
    /// The allowed types; nil when the schema does not restrict them.
    var types: [JSONType]?
    /// Whether `null` is allowed (`type` lists it, or 3.0 `nullable: true`).
    var allowsNull: Bool
    /// The schema mappings that describe the value (the schema and its `allOf` members, references followed).
    private var schemas: [YAMLMapping]
    private let context: ReadingContext

    /// The hint for a schema node; nil when the node is not a schema object.
    init?(schema node: SpecNode, _ context: ReadingContext) {
        self.context = context
        self.schemas = []
        self.types = nil
        self.allowsNull = false
        collect(node.node, depth: 0)
        guard !schemas.isEmpty else { return nil }
        self.allowsNull = allowsNull || types?.contains(.null) == true
    }

    private init(schemas: [YAMLMapping], context: ReadingContext) {
        self.context = context
        self.schemas = []
        self.types = nil
        self.allowsNull = false
        for schema in schemas { collect(.mapping(schema), depth: 0) }
        self.allowsNull = allowsNull || types?.contains(.null) == true
    }

    /// Gathers a schema, following `$ref` and `allOf`, taking the first `type` found.
    private mutating func collect(_ node: YAMLNode, depth: Int) {
        guard depth < 16, let mapping = node.mapping else { return }
        if let reference = mapping["$ref"]?.scalar?.text, let path = SpecPath(pointer: reference),
            let target = context.node(at: path)
        {
            collect(target.node, depth: depth + 1)
        }
        schemas.append(mapping)
        if types == nil, let type = mapping["type"] {
            let names: [String] =
                switch type {
                case .scalar(let scalar): [scalar.text]
                case .sequence(let sequence): sequence.items.compactMap { $0.scalar?.text }
                case .mapping: []
                }
            let parsed = names.compactMap(JSONType.init(rawValue:))
            if !parsed.isEmpty { types = parsed }
        }
        if mapping["nullable"]?.scalar?.text == "true" { allowsNull = true }
        for member in mapping["allOf"]?.sequence?.items ?? [] { collect(member, depth: depth + 1) }
    }

    /// The hint for item `position` of an array value (`prefixItems`, then `items`).
    func item(_ position: Int) -> TypeHint? {
        for schema in schemas {
            if let prefix = schema["prefixItems"]?.sequence, position < prefix.items.count,
                let mapping = prefix.items[position].mapping
            {
                return TypeHint(schemas: [mapping], context: context)
            }
        }
        for schema in schemas {
            if let items = schema["items"]?.mapping { return TypeHint(schemas: [items], context: context) }
        }
        return nil
    }

    /// The hint for member `name` of an object value (`properties`, then `additionalProperties`).
    func property(_ name: String) -> TypeHint? {
        for schema in schemas {
            if let property = schema["properties"]?.mapping?[name]?.mapping {
                return TypeHint(schemas: [property], context: context)
            }
        }
        for schema in schemas {
            if let additional = schema["additionalProperties"]?.mapping {
                return TypeHint(schemas: [additional], context: context)
            }
        }
        return nil
    }
}
