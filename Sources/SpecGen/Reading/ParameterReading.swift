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
                error("unknown parameter location '\(text)'", at: locationNode, hint: "use path, query or header")
            }
        } else if locationNode == nil {
            error("Parameter Object is missing the required field 'in'", at: node)
        }
        if location == .cookie, let locationNode {
            error(
                "cookie parameters are not supported by SpecGen", at: locationNode,
                hint: "send the value as a header or query parameter, or read the cookie in the handler")
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
        reader.refuse(
            "content", "parameters described by 'content' are not supported by SpecGen",
            hint: "describe the value with 'schema'")
        let schema = readParameterSchema(&reader, owner: node)
        let examples = readExamples(&reader, schemaNode: reader.node("schema"))
        guard let name, let location, location != .cookie, let schema else { return nil }
        if style == .deepObject, let types = schema.object?.nonNullTypes, !types.contains(.object) {
            warning(
                "style 'deepObject' applies to objects, but the schema's type is \(types.map(\.rawValue))", at: node)
        }
        return Parameter(
            name: name, location: location, required: required, description: description, deprecated: deprecated,
            style: style, explode: explode, allowEmptyValue: allowEmptyValue, schema: schema, examples: examples,
            reference: nil, source: node.location)
    }

    /// The `style`, checked against what SpecGen decodes at this location; the location's default when absent.
    private func readStyle(_ reader: inout ObjectReader, location: ParameterLocation?) -> ParameterStyle {
        let fallback: ParameterStyle = location == .query ? .form : .simple
        guard let styleNode = reader.node("style"), let text = ObjectReader.string(styleNode, self, field: "style")
        else { return fallback }
        let supported: [ParameterStyle] =
            switch location {
            case .query: [.form, .deepObject]
            case .path, .header: [.simple]
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

    private func readParameterSchema(_ reader: inout ObjectReader, owner: SpecNode) -> Schema? {
        guard let schemaNode = reader.node("schema") else {
            if !reader.has("content") {
                error(
                    "\(reader.objectName) has no 'schema'", at: owner, hint: "add a schema, e.g. schema: {type: string}"
                )
            }
            return nil
        }
        return readSchema(schemaNode)
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
        reader.refuse(
            "content", "headers described by 'content' are not supported by SpecGen",
            hint: "describe the value with 'schema'")
        let schema = readParameterSchema(&reader, owner: node)
        let examples = readExamples(&reader, schemaNode: reader.node("schema"))
        guard let schema else { return nil }
        return Header(
            description: description, required: required, deprecated: deprecated, schema: schema, examples: examples,
            reference: nil, source: node.location)
    }
}
