import Testing

@testable import SpecGen

/// Small specs for diff tests: one operation `createThing` (`POST /things`) whose parameters, request body
/// and 200 response schema each test sets in flow YAML, plus optional component schemas.
enum DiffFixture {
    /// A whole 3.1 document from its `paths` (and optionally `components`) YAML.
    static func document(paths: String, components: String = "", security: String = "") -> String {
        var text = "openapi: 3.1.0\ninfo: {title: Test, version: '1'}\n"
        if !security.isEmpty { text += security + "\n" }
        text += "paths:\n" + paths
        if !components.isEmpty { text += "components:\n" + components }
        return text
    }

    /// The one-operation document. `request` nil means no request body; `schemas` is the body of
    /// `components/schemas`, indented four spaces.
    static func operation(
        parameters: String = "[]", request: String? = "{type: object}", requestRequired: Bool = true,
        response: String = "{type: object}", schemas: String = "", extra: String = ""
    ) -> String {
        var text = "  /things:\n    post:\n      operationId: createThing\n"
        text += "      parameters: \(parameters)\n"
        if let request {
            text +=
                "      requestBody: {required: \(requestRequired), content: {application/json: {schema: \(request)}}}\n"
        }
        if !extra.isEmpty { text += extra }
        text +=
            "      responses:\n        '200': {description: ok, content: {application/json: {schema: \(response)}}}\n"
        return document(paths: text, components: schemas.isEmpty ? "" : "  schemas:\n" + schemas)
    }

    /// Reads a document, failing the test on any error.
    static func read(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> OpenAPIDocument {
        let result = OpenAPIReader.read(text)
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.errors)", sourceLocation: sourceLocation)
        return try #require(result.document, sourceLocation: sourceLocation)
    }

    /// The printed change lines from `old` to `new`.
    static func lines(_ old: String, _ new: String, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> [String]
    {
        let changes = SpecDiff.changes(
            from: try read(old, sourceLocation: sourceLocation), to: try read(new, sourceLocation: sourceLocation))
        return changes.map(\.description)
    }
}
