/// Reads the `components` object, one section at a time, in document order.
extension ReadingContext {
    func readComponents(_ node: SpecNode) -> Components {
        var components = Components()
        guard var reader = ObjectReader(node, self, as: "Components Object") else { return components }
        defer { reader.finish() }
        func section(_ kind: ComponentKind, _ body: (String, SpecNode) -> Void) {
            for entry in reader.entries(kind.rawValue) ?? [] {
                if !Self.isValidComponentName(entry.name) {
                    diagnostics.error(
                        "component name '\(entry.name)' may only contain letters, digits, '.', '-' and '_'",
                        at: entry.node.path, entry.keyMark)
                }
                body(entry.name, entry.node)
            }
        }
        if !isVersion30, reader.has("pathItems") {
            section(.pathItems) { name, node in
                components.pathItems[name] = readPathItem(node, template: name, checkTemplate: false)
            }
        } else if let pathItems = reader.node("pathItems") {
            warning("'components/pathItems' is OpenAPI 3.1", at: pathItems)
        }
        section(.schemas) { name, node in components.schemas[name] = readSchema(node) }
        section(.parameters) { name, node in components.parameters[name] = readParameter(node) }
        section(.headers) { name, node in components.headers[name] = readHeader(node) }
        section(.requestBodies) { name, node in components.requestBodies[name] = readRequestBody(node) }
        section(.responses) { name, node in
            components.responses[name] = readResponse(node, status: .default)
        }
        section(.examples) { name, node in components.examples[name] = readExample(node, hint: nil) }
        section(.links) { name, node in components.links[name] = readLink(node) }
        section(.callbacks) { name, node in components.callbacks[name] = readCallback(node) }
        section(.securitySchemes) { name, node in components.securitySchemes[name] = readSecurityScheme(node) }
        _ = reader.extensions()
        return components
    }

    /// `^[a-zA-Z0-9.\-_]+$`, as OpenAPI requires of component keys.
    static func isValidComponentName(_ name: String) -> Bool {
        !name.isEmpty
            && name.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII
                    && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                        || ".-_".unicodeScalars.contains(scalar))
            }
    }
}
