/// Checks on operations and paths.
extension Linter {
    /// operationIds present and unique, responses sensible, bodies where HTTP expects them.
    mutating func checkOperations() {
        var seen: [String: SpecLocation] = [:]
        for operation in document.operations {
            let name = "\(operation.method.wireName) \(operation.path)"
            if let id = operation.operationID {
                if let first = seen[id] {
                    error(
                        "operationId '\(id)' is used twice (first at \(first.path))", operation.source,
                        hint: "operationIds name the generated handlers and must be unique")
                } else {
                    seen[id] = operation.source
                }
                if !Self.isIdentifierLike(id) {
                    warning(
                        "operationId '\(id)' is not a plain identifier; the generated name will be changed",
                        operation.source, hint: "use letters, digits and '_' only, e.g. 'listPets'")
                }
            } else {
                error(
                    "\(name) has no operationId", operation.source,
                    hint: "add an operationId; the generator names the handler and its types after it")
            }
            if operation.responses.isEmpty {
                warning("\(name) declares no responses", operation.source, hint: "add at least the success response")
            } else if !operation.responses.contains(where: { $0.status.isSuccess }) {
                warning("\(name) declares no 2XX response", operation.source)
            }
            if let body = operation.requestBody, [.get, .head, .delete].contains(operation.method) {
                warning(
                    "\(operation.method.wireName) with a request body: many clients and proxies drop it", body.source,
                    hint: "send the values as query parameters")
            }
            if let body = operation.requestBody { checkFormEncoding(body) }
            for callback in operation.callbacks {
                warning(
                    "callback '\(callback.name)' is read but no code is generated for it", callback.value.source)
            }
        }
    }

    /// Two templates that differ only in parameter names match the same requests.
    mutating func checkPathShapes() {
        var shapes: [String: String] = [:]
        for item in document.paths {
            let shape = PathTemplate(item.template).shape
            if let first = shapes[shape] {
                error(
                    "path '\(item.template)' matches the same requests as '\(first)'", item.source,
                    hint: "merge them, or make the literal parts differ")
            } else {
                shapes[shape] = item.template
            }
        }
    }

    /// Parts of OpenAPI that are read but not turned into code.
    mutating func checkUnsupportedFeatures() {
        for webhook in document.webhooks {
            warning("webhook '\(webhook.name)' is read but no code is generated for it", webhook.value.source)
        }
    }

    /// Component schemas nothing refers to: often a leftover or a typo in a `$ref`.
    mutating func checkUnusedSchemas() {
        var used: Set<String> = []
        func collect(_ schema: Schema?) {
            guard case .object(let object)? = schema else { return }
            if let name = object.reference?.componentName { used.insert(name) }
            for subschema in object.subschemas { collect(subschema) }
            for reference in object.discriminator?.mapping.values ?? [] {
                if let name = reference.componentName { used.insert(name) }
            }
        }
        let components = document.components
        var schemas: [Schema?] = components.schemas.values
        schemas += components.parameters.values.map(\.schema)
        schemas += components.headers.values.map(\.schema)
        schemas += components.requestBodies.values.flatMap { $0.content.map(\.schema) }
        for response in components.responses.values {
            schemas += response.content.map(\.schema) + response.headers.values.map(\.schema)
        }
        for operation in document.operations + document.webhooks.values.flatMap(\.operations) {
            schemas += operation.parameters.map(\.schema)
            schemas += operation.requestBody?.content.map(\.schema) ?? []
            for response in operation.responses {
                schemas += response.content.map(\.schema) + response.headers.values.map(\.schema)
            }
        }
        for schema in schemas { collect(schema) }
        for element in components.schemas where !used.contains(element.name) {
            warning("component schema '\(element.name)' is never used", element.value.source)
        }
    }

    static func isIdentifierLike(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else { return false }
        return text.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_")
        }
    }

    /// A form's `encoding` names properties of its schema: one that names no property is a typo the runtime
    /// would never see (the part stays text, or a file is refused).
    mutating func checkFormEncoding(_ body: RequestBody) {
        guard let media = FormBodyTranslator.formMedia(body), !media.encoding.isEmpty else { return }
        let properties = FormBodyTranslator(
            document: document, names: SchemaNames(document.components.schemas.names)
        ).properties(media.schema)
        for entry in media.encoding where properties[entry.name] == nil {
            warning(
                "encoding '\(entry.name)' names no property of the form's schema, so it has no effect",
                entry.value.source, hint: "use one of: \(properties.names.joined(separator: ", "))")
        }
    }
}
