/// The parse stage: YAML text → ``OpenAPIDocument`` plus every diagnostic found on the way.
///
/// It never stops at the first problem: a read reports everything it can, and returns the document it
/// could build. Callers decide with ``ReadResult/diagnostics`` whether to go on (the generator stops on any
/// error; `specgen lint` prints them all).
enum OpenAPIReader {
    /// What a read produced.
    struct ReadResult: Sendable {
        /// The document; nil when the file is not YAML, not a mapping or not OpenAPI 3.0/3.1 at all.
        var document: OpenAPIDocument?
        /// Everything found, in the order found.
        var diagnostics: Diagnostics
    }

    /// Reads a document from text.
    static func read(_ text: String, limits: YAMLParser.Limits = .init()) -> ReadResult {
        read(bytes: Array(text.utf8), limits: limits)
    }

    /// Reads a document from bytes (UTF-8, or UTF-16 with a BOM).
    static func read(bytes: [UInt8], limits: YAMLParser.Limits = .init()) -> ReadResult {
        let root: YAMLNode
        do {
            root = try YAMLParser(limits: limits).parse(bytes: bytes)
        } catch {
            let mark: YAMLMark? = error == .empty ? nil : error.mark
            return ReadResult(document: nil, diagnostics: Diagnostics([Diagnostic(.error, error.message, mark: mark)]))
        }
        let context = ReadingContext(root: root)
        let document = context.readDocument()
        return ReadResult(document: document, diagnostics: context.diagnostics)
    }
}

extension ReadingContext {
    /// Reads the root object.
    func readDocument() -> OpenAPIDocument? {
        guard var reader = ObjectReader(root, self, as: "OpenAPI Object") else { return nil }
        guard let version = readVersion(&reader) else { return nil }
        self.version = version
        defer { reader.finish() }

        let info =
            reader.node("info").flatMap(readInfo)
            ?? { () -> Info in
                if !reader.has("info") { error("OpenAPI Object is missing the required field 'info'", at: root) }
                return Info(title: "", version: "")
            }()
        if let dialect = reader.node("jsonSchemaDialect"),
            let text = ObjectReader.string(dialect, self, field: "jsonSchemaDialect"),
            text != "https://spec.openapis.org/oas/3.1/dialect/base"
        {
            error("JSON Schema dialect '\(text)' is not supported", at: dialect, hint: "remove 'jsonSchemaDialect'")
        }
        let servers = (reader.items("servers") ?? []).compactMap(readServer)
        let tags = (reader.items("tags") ?? []).compactMap(readTag)
        reader.accept("externalDocs")
        var components = reader.node("components").map(readComponents) ?? Components()
        let security = reader.node("security").map(readSecurityRequirements) ?? []

        var paths: [PathItem] = []
        if let pathsNode = reader.node("paths") {
            for entry in pathsNode.entries ?? [] where !entry.name.hasPrefix("x-") {
                guard entry.name.hasPrefix("/") else {
                    diagnostics.error(
                        "path '\(entry.name)' must start with '/'", at: entry.node.path, entry.keyMark)
                    continue
                }
                if let item = readPathItem(entry.node, template: entry.name, checkTemplate: true) { paths.append(item) }
            }
            if pathsNode.entries == nil {
                error("'paths' must be a mapping, found \(pathsNode.node.kindDescription)", at: pathsNode)
            }
        } else if isVersion30 {
            error("OpenAPI Object is missing the required field 'paths'", at: root)
        }
        var webhooks = OrderedMap<PathItem>()
        if let webhooksNode = reader.node("webhooks") {
            if isVersion30 { warning("'webhooks' is OpenAPI 3.1", at: webhooksNode) }
            for entry in webhooksNode.entries ?? [] {
                webhooks[entry.name] = readPathItem(entry.node, template: entry.name, checkTemplate: false)
            }
        }
        readHoistedSchemas(into: &components)
        let extensions = reader.extensions()
        let document = OpenAPIDocument(
            version: version, info: info, servers: servers, paths: paths, webhooks: webhooks, components: components,
            security: security, tags: tags, extensions: extensions)
        checkSchemaCycles(document)
        checkSecurityNames(document)
        return document
    }

    private func readVersion(_ reader: inout ObjectReader) -> OpenAPIVersion? {
        if reader.has("swagger") {
            error(
                "this is a Swagger 2.0 document; SpecGen reads OpenAPI 3.0 and 3.1", at: reader.node("swagger")!,
                hint: "convert it to OpenAPI 3 first")
            return nil
        }
        guard let versionNode = reader.node("openapi") else {
            error(
                "not an OpenAPI document: the field 'openapi' is missing", at: root,
                hint: "start the file with openapi: 3.1.0")
            return nil
        }
        guard let text = ObjectReader.string(versionNode, self, field: "openapi") else { return nil }
        let parts = text.split(separator: ".")
        guard parts.count >= 2, parts[0] == "3", parts[1] == "0" || parts[1] == "1" else {
            error("OpenAPI version '\(text)' is not supported", at: versionNode, hint: "SpecGen reads 3.0.x and 3.1.x")
            return nil
        }
        if parts.count != 3 {
            warning("the OpenAPI version should have three parts, e.g. '\(text).0'", at: versionNode)
        }
        return OpenAPIVersion(line: parts[1] == "0" ? .v3_0 : .v3_1, text: text)
    }

    private func readInfo(_ node: SpecNode) -> Info? {
        guard var reader = ObjectReader(node, self, as: "Info Object") else { return nil }
        defer { reader.finish() }
        let title = reader.string("title", required: true) ?? ""
        let version = reader.string("version", required: true) ?? ""
        let summary = reader.string("summary")
        let description = reader.string("description")
        reader.accept("termsOfService", "contact", "license")
        _ = reader.extensions()
        return Info(title: title, version: version, summary: summary, description: description)
    }

    private func readServer(_ node: SpecNode) -> Server? {
        guard var reader = ObjectReader(node, self, as: "Server Object") else { return nil }
        defer { reader.finish() }
        let url = reader.string("url", required: true)
        let description = reader.string("description")
        reader.accept("variables")
        _ = reader.extensions()
        return url.map { Server(url: $0, description: description) }
    }

    private func readTag(_ node: SpecNode) -> Tag? {
        guard var reader = ObjectReader(node, self, as: "Tag Object") else { return nil }
        defer { reader.finish() }
        let name = reader.string("name", required: true)
        let description = reader.string("description")
        reader.accept("externalDocs")
        _ = reader.extensions()
        return name.map { Tag(name: $0, description: description) }
    }

    /// Every scheme named in a `security` requirement exists in `components/securitySchemes`.
    private func checkSecurityNames(_ document: OpenAPIDocument) {
        let requirements = document.security + document.operations.flatMap { $0.security ?? [] }
        for requirement in requirements {
            for entry in requirement.entries where document.components.securitySchemes[entry.scheme] == nil {
                diagnostics.error(
                    "security scheme '\(entry.scheme)' is not defined", at: requirement.source.path / entry.scheme,
                    requirement.source.mark, hint: "add it to #/components/securitySchemes")
            }
        }
    }
}

extension ReadingContext {
    /// Reads every schema a `$ref` named below a component or elsewhere (``hoistedSchemas``) into a component of
    /// its own; reading one may name more, which are read in turn.
    func readHoistedSchemas(into components: inout Components) {
        var next = 0
        while next < hoistedSchemas.count {
            let (target, name) = hoistedSchemas[next]
            next += 1
            if let node = node(at: target) { components.schemas[name] = readSchema(node) }
        }
    }
}
