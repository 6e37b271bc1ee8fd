/// `specgen lint`: the reader's findings plus checks on what the generator needs and what looks wrong.
///
/// The reader refuses what the model cannot hold; the linter looks at the model as a whole: names the
/// generator needs (operationIds), rules that contradict each other (`minimum` above `maximum`), literals
/// that break their own schema (a `default` outside its `enum`), things SpecGen reads but does not generate
/// (callbacks, webhooks).
struct Linter {
    /// Reads `bytes` and lints the result.
    static func lint(bytes: [UInt8]) -> Diagnostics {
        let result = OpenAPIReader.read(bytes: bytes)
        var diagnostics = result.diagnostics
        if let document = result.document {
            var linter = Linter(document: document)
            linter.run()
            diagnostics.append(contentsOf: linter.findings.all)
        }
        return diagnostics
    }

    /// Lints text (tests use it).
    static func lint(_ text: String) -> Diagnostics {
        lint(bytes: Array(text.utf8))
    }

    /// The document being checked.
    let document: OpenAPIDocument
    /// What the checks found.
    private(set) var findings = Diagnostics()
    /// Schemas already checked, by place: a referenced component is reached many times but reported once.
    private var checkedSchemas: Set<SpecPath> = []

    init(document: OpenAPIDocument) {
        self.document = document
    }

    /// Runs every check.
    mutating func run() {
        checkOperations()
        checkPathShapes()
        checkUnsupportedFeatures()
        let components = document.components
        for schema in components.schemas.values { checkSchema(schema) }
        for parameter in components.parameters.values { checkSchema(parameter.schema) }
        for header in components.headers.values { checkSchema(header.schema) }
        for body in components.requestBodies.values {
            for mediaType in body.content { mediaType.schema.map { checkSchema($0) } }
        }
        for response in components.responses.values {
            for mediaType in response.content { mediaType.schema.map { checkSchema($0) } }
            for header in response.headers.values { checkSchema(header.schema) }
        }
        for operation in document.operations {
            for parameter in operation.parameters { checkSchema(parameter.schema) }
            for mediaType in operation.requestBody?.content ?? [] { mediaType.schema.map { checkSchema($0) } }
            for response in operation.responses {
                for mediaType in response.content { mediaType.schema.map { checkSchema($0) } }
                for header in response.headers.values { checkSchema(header.schema) }
            }
        }
        if !document.paths.isEmpty { checkUnusedSchemas() }
    }

    mutating func error(_ message: String, _ location: SpecLocation, hint: String? = nil) {
        findings.error(message, at: location.path, location.mark, hint: hint)
    }

    mutating func warning(_ message: String, _ location: SpecLocation, hint: String? = nil) {
        findings.warning(message, at: location.path, location.mark, hint: hint)
    }

    /// Marks a schema as checked; false when it already was.
    mutating func firstVisit(_ schema: Schema) -> Bool {
        checkedSchemas.insert(schema.source.path).inserted
    }
}
