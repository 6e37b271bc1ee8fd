/// Reads request bodies, responses, media types, encodings, examples, links and callbacks.
extension ReadingContext {
    /// Reads a request body (inline or through `$ref`).
    func readRequestBody(_ node: SpecNode) -> RequestBody? {
        readReferable(
            node, kind: .requestBodies, cache: \.requestBodyCache, setReference: { $0.reference = $1 },
            read: readRequestBodyObject)
    }

    private func readRequestBodyObject(_ node: SpecNode) -> RequestBody? {
        guard var reader = ObjectReader(node, self, as: "Request Body Object") else { return nil }
        defer { reader.finish() }
        let description = reader.string("description")
        let required = reader.bool("required") ?? false
        guard let contentNode = reader.node("content") else {
            error("Request Body Object is missing the required field 'content'", at: node)
            return nil
        }
        let content = readContent(contentNode)
        if content.isEmpty, contentNode.entries?.isEmpty == true {
            error("a request body must declare at least one media type", at: contentNode)
        }
        _ = reader.extensions()
        return RequestBody(
            description: description, required: required, content: content, reference: nil, source: node.location)
    }

    /// Reads a `content` map.
    func readContent(_ node: SpecNode) -> [MediaType] {
        guard let entries = node.entries else {
            error("'content' must be a mapping of media types, found \(node.node.kindDescription)", at: node)
            return []
        }
        return entries.compactMap { entry in
            if !entry.name.contains("/") {
                error("'\(entry.name)' is not a media type", at: entry.node, hint: "write it like application/json")
                return nil
            }
            return readMediaType(entry.node, contentType: entry.name)
        }
    }

    private func readMediaType(_ node: SpecNode, contentType: String) -> MediaType? {
        guard var reader = ObjectReader(node, self, as: "Media Type Object") else { return nil }
        defer { reader.finish() }
        let schemaNode = reader.node("schema")
        let schema = schemaNode.map(readSchema)
        let examples = readExamples(&reader, schemaNode: schemaNode)
        var encoding = OrderedMap<Encoding>()
        for entry in reader.entries("encoding") ?? [] {
            if let value = readEncoding(entry.node) { encoding[entry.name] = value }
        }
        if let encodingNode = reader.node("encoding"), ContentType.kind(of: contentType) != .multipartForm,
            ContentType.kind(of: contentType) != .urlEncodedForm
        {
            warning(
                "'encoding' applies to multipart and form bodies only; it is ignored for '\(contentType)'",
                at: encodingNode)
        }
        _ = reader.extensions()
        return MediaType(
            contentType: contentType, schema: schema, examples: examples, encoding: encoding, source: node.location)
    }

    private func readEncoding(_ node: SpecNode) -> Encoding? {
        guard var reader = ObjectReader(node, self, as: "Encoding Object") else { return nil }
        defer { reader.finish() }
        let contentType = reader.string("contentType")
        var headers = OrderedMap<Header>()
        for entry in reader.entries("headers") ?? [] {
            if let header = readHeader(entry.node) { headers[entry.name] = header }
        }
        reader.accept("style", "explode", "allowReserved")
        _ = reader.extensions()
        return Encoding(contentType: contentType, headers: headers, source: node.location)
    }

    /// Reads a response (inline or through `$ref`) for the status `status`.
    func readResponse(_ node: SpecNode, status: ResponseStatus) -> Response? {
        readReferable(
            node, kind: .responses, cache: \.responseCache,
            setReference: { response, reference in
                response.reference = reference
                response.status = status
            }, read: { self.readResponseObject($0, status: status) })
    }

    private func readResponseObject(_ node: SpecNode, status: ResponseStatus) -> Response? {
        guard var reader = ObjectReader(node, self, as: "Response Object") else { return nil }
        defer { reader.finish() }
        let description = reader.string("description")
        if description == nil && !reader.has("description") {
            warning(
                "Response Object has no 'description' (OpenAPI requires one)", at: node,
                hint: "add a one-line description")
        }
        var headers = OrderedMap<Header>()
        for entry in reader.entries("headers") ?? [] {
            if entry.name.lowercased() == "content-type" {
                warning("a 'Content-Type' response header is ignored by OpenAPI", at: entry.node, hint: "use 'content'")
                continue
            }
            if let header = readHeader(entry.node) { headers[entry.name] = header }
        }
        let content = reader.node("content").map(readContent) ?? []
        var links = OrderedMap<Link>()
        for entry in reader.entries("links") ?? [] {
            if let link = readLink(entry.node) { links[entry.name] = link }
        }
        _ = reader.extensions()
        return Response(
            status: status, description: description ?? "", headers: headers, content: content, links: links,
            reference: nil, source: node.location)
    }

    /// Reads an Example Object (inline or through `$ref`); `hint` types its value.
    func readExample(_ node: SpecNode, hint: TypeHint?) -> Example? {
        readReferable(node, kind: .examples, cache: \.exampleCache, setReference: { _, _ in }) { node in
            guard var reader = ObjectReader(node, self, as: "Example Object") else { return nil }
            defer { reader.finish() }
            let summary = reader.string("summary")
            let description = reader.string("description")
            let value = reader.node("value").flatMap { ValueReading.value(of: $0, hint: hint, self) }
            let externalValue = reader.string("externalValue")
            if value != nil, externalValue != nil {
                self.error("'value' and 'externalValue' are mutually exclusive", at: node)
            }
            _ = reader.extensions()
            return Example(
                summary: summary, description: description, value: value, externalValue: externalValue,
                source: node.location)
        }
    }

    /// Reads a Link Object (inline or through `$ref`).
    func readLink(_ node: SpecNode) -> Link? {
        readReferable(node, kind: .links, cache: \.linkCache, setReference: { _, _ in }) { node in
            guard var reader = ObjectReader(node, self, as: "Link Object") else { return nil }
            defer { reader.finish() }
            let operationID = reader.string("operationId")
            let operationRef = reader.string("operationRef")
            if operationID != nil, operationRef != nil {
                self.error("'operationId' and 'operationRef' are mutually exclusive", at: node)
            }
            var parameters = OrderedMap<SpecValue>()
            for entry in reader.entries("parameters") ?? [] {
                if let value = ValueReading.value(of: entry.node, hint: nil, self) { parameters[entry.name] = value }
            }
            reader.accept("requestBody", "server")
            let description = reader.string("description")
            _ = reader.extensions()
            return Link(
                operationID: operationID, operationRef: operationRef, parameters: parameters, description: description,
                source: node.location)
        }
    }

    /// Reads a Callback Object (inline or through `$ref`): expression → path item.
    func readCallback(_ node: SpecNode) -> Callback? {
        readReferable(node, kind: .callbacks, cache: \.callbackCache, setReference: { _, _ in }) { node in
            guard let entries = node.entries else {
                self.error("a Callback Object must be a mapping of expressions to path items", at: node)
                return nil
            }
            var expressions = OrderedMap<PathItem>()
            for entry in entries where !entry.name.hasPrefix("x-") {
                if let item = self.readPathItem(entry.node, template: entry.name, checkTemplate: false) {
                    expressions[entry.name] = item
                }
            }
            return Callback(expressions: expressions, source: node.location)
        }
    }
}
