/// Reads Parameter Objects and Header Objects.
extension ReadingContext {
    /// Reads a parameter (inline or through `$ref`); nil, with errors recorded, when it cannot be used.
    func readParameter(_ node: SpecNode) -> Parameter? {
        readReferable(
            node, kind: .parameters, cache: \.parameterCache, setReference: { $0.reference = $1 },
            read: readParameterObject)
    }

    private func readParameterObject(_ node: SpecNode) -> Parameter? {
        guard var reader = ObjectReader(node, self, as: "Parameter Object") else { return nil }
        defer { reader.finish() }
        let name = reader.string("name", required: true)
        let locationNode = reader.node("in")
        var location: ParameterLocation?
        if let locationNode, let text = ObjectReader.string(locationNode, self, field: "in") {
            location = ParameterLocation(rawValue: text)
            if location == nil {
                error("unknown parameter location '\(text)'", at: locationNode, hint: "use path, query, header or cookie")
            }
        } else if locationNode == nil {
            error("Parameter Object is missing the required field 'in'", at: node)
        }
        var required = reader.bool("required") ?? false
        if location == .path, !required {
            error(
                "path parameter '\(name ?? "?")' must be required", at: node,
                hint: "add 'required: true' (a path parameter is always present)")
            required = true
        }
        if location == .header, let name, ["accept", "content-type", "authorization"].contains(name.lowercased()) {
            warning(
                "header parameter '\(name)' is ignored by OpenAPI", at: node,
                hint: "describe content types with 'content' and authentication with 'security'")
        }
        let description = reader.string("description")
        let deprecated = reader.bool("deprecated") ?? false
        let allowEmptyValue = reader.bool("allowEmptyValue") ?? false
        if let allowReserved = reader.bool("allowReserved"), allowReserved, let child = reader.node("allowReserved") {
            warning(
                "'allowReserved: true' is not honoured; reserved characters are percent-decoded as usual", at: child)
        }
        let style = readStyle(&reader, location: location)
        let explode = reader.bool("explode") ?? (style == .form)
        let (schema, contentType) = readParameterSchema(&reader, owner: node)
        let examples = readExamples(&reader, schemaNode: reader.node("schema"))
        guard let name, let location, let schema else { return nil }
        if style == .deepObject, let types = schema.object?.nonNullTypes, !types.contains(.object) {
            warning(
                "style 'deepObject' applies to objects, but the schema's type is \(types.map(\.rawValue))", at: node)
        }
        return Parameter(
            name: name, location: location, required: required, description: description, deprecated: deprecated,
            style: style, explode: explode, allowEmptyValue: allowEmptyValue, schema: schema, contentType: contentType,
            examples: examples, reference: nil, source: node.location)
    }

    /// The `style`, checked against what SpecGen decodes at this location; the location's default when absent
    /// (`form` for query and cookie, `simple` for path and header).
    private func readStyle(_ reader: inout ObjectReader, location: ParameterLocation?) -> ParameterStyle {
        let fallback: ParameterStyle = location == .query || location == .cookie ? .form : .simple
        guard let styleNode = reader.node("style"), let text = ObjectReader.string(styleNode, self, field: "style")
        else { return fallback }
        let supported: [ParameterStyle] =
            switch location {
            case .query: [.form, .deepObject]
            case .path, .header: [.simple]
            case .cookie: [.form]
            default: [.simple, .form, .deepObject]
            }
        guard let style = ParameterStyle(rawValue: text), supported.contains(style) else {
            error(
                "parameter style '\(text)' is not supported\(location.map { " in \($0.rawValue)" } ?? "")",
                at: styleNode,
                hint: "use " + supported.map { "'\($0.rawValue)'" }.joined(separator: " or "))
            return fallback
        }
        return style
    }

    /// The `schema`, or the schema of the one media type of `content` with that media type; OpenAPI requires
    /// exactly one of the two, and exactly one entry in `content`.
    private func readParameterSchema(
        _ reader: inout ObjectReader, owner: SpecNode
    ) -> (schema: Schema?, contentType: String?) {
        let schemaNode = reader.node("schema")
        guard let contentNode = reader.node("content") else {
            guard let schemaNode else {
                error(
                    "\(reader.objectName) has no 'schema'", at: owner, hint: "add a schema, e.g. schema: {type: string}")
                return (nil, nil)
            }
            return (readSchema(schemaNode), nil)
        }
        if let schemaNode {
            error(
                "'schema' and 'content' are mutually exclusive", at: schemaNode,
                hint: "keep 'schema' for a plain value, or 'content' for a value in a media type such as JSON")
            return (nil, nil)
        }
        let content = readContent(contentNode)
        guard content.count == 1, let media = content.first else {
            if contentNode.entries != nil {
                error(
                    "'content' of a \(reader.objectName) must hold exactly one media type, found \(content.count)",
                    at: contentNode, hint: "keep one, e.g. content: {application/json: {schema: …}}")
            }
            return (nil, nil)
        }
        return (media.schema ?? .object(SchemaObject(source: media.source)), media.contentType)
    }

    /// `example` and `examples` of a parameter, header or media type, typed by the schema next to them.
    func readExamples(_ reader: inout ObjectReader, schemaNode: SpecNode?) -> [SpecValue] {
        let hint = schemaNode.flatMap { TypeHint(schema: $0, self) }
        var values: [SpecValue] = []
        if let exampleNode = reader.node("example"), let value = ValueReading.value(of: exampleNode, hint: hint, self) {
            values.append(value)
        }
        if let examplesNode = reader.node("examples") {
            if reader.has("example") {
                error("'example' and 'examples' are mutually exclusive", at: examplesNode)
            }
            guard let entries = examplesNode.entries else {
                error(
                    "'examples' must be a mapping of Example Objects, found \(examplesNode.node.kindDescription)",
                    at: examplesNode)
                return values
            }
            for entry in entries {
                if let example = readExample(entry.node, hint: hint), let value = example.value {
                    values.append(value)
                }
            }
        }
        return values
    }

    /// Reads a response header (or a multipart part header).
    func readHeader(_ node: SpecNode) -> Header? {
        readReferable(
            node, kind: .headers, cache: \.headerCache, setReference: { $0.reference = $1 }, read: readHeaderObject)
    }

    private func readHeaderObject(_ node: SpecNode) -> Header? {
        guard var reader = ObjectReader(node, self, as: "Header Object") else { return nil }
        defer { reader.finish() }
        reader.refuse("name", "a Header Object takes its name from its key", hint: "remove 'name'")
        reader.refuse("in", "a Header Object is always in the header", hint: "remove 'in'")
        let description = reader.string("description")
        let required = reader.bool("required") ?? false
        let deprecated = reader.bool("deprecated") ?? false
        _ = readStyle(&reader, location: .header)
        _ = reader.bool("explode")
        let (schema, contentType) = readParameterSchema(&reader, owner: node)
        let examples = readExamples(&reader, schemaNode: reader.node("schema"))
        guard let schema else { return nil }
        return Header(
            description: description, required: required, deprecated: deprecated, schema: schema,
            contentType: contentType, examples: examples, reference: nil, source: node.location)
    }
}
