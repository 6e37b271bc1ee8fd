import ECMARegexTranslation

/// Generation-time check that every `pattern` and `patternProperties` key can run as the spec means it: each is
/// put through the runtime's own translator (``ECMARegexTranslator``, the `ECMARegexTranslation` module both use), so a pattern the
/// server could only refuse at run time stops the build with a located error instead.
enum PatternCheck {
    /// The diagnostics for every untranslatable pattern in the document's schemas.
    static func check(_ document: OpenAPIDocument) -> Diagnostics {
        var diagnostics = Diagnostics()
        var schemas = document.components.schemas.values
        for operation in document.operations {
            schemas += operation.parameters.map(\.schema)
            schemas += (operation.requestBody?.content ?? []).compactMap(\.schema)
            schemas += operation.responses.flatMap { $0.content.compactMap(\.schema) }
        }
        var pending = schemas
        while let schema = pending.popLast() {
            guard case .object(let object) = schema else { continue }
            if let pattern = object.pattern { check(pattern, at: object.source, into: &diagnostics) }
            for key in object.patternProperties.names { check(key, at: object.source, into: &diagnostics) }
            pending += object.subschemas
        }
        return diagnostics
    }

    private static func check(_ pattern: String, at source: SpecLocation, into diagnostics: inout Diagnostics) {
        do {
            _ = try ECMARegexTranslator.translate(pattern)
        } catch {
            diagnostics.error(
                error.description, at: source.path, source.mark,
                hint: "write the pattern with ECMA-262 constructs the server can run")
        }
    }
}
