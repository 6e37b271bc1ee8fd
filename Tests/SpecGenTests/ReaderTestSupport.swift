@testable import SpecGen

/// Builds small documents for reader tests: a 3.1 (or 3.0) header in front of the given YAML.
enum ReaderFixture {
    static func document(_ body: String, version: String = "3.1.0") -> String {
        "openapi: \(version)\ninfo: {title: Test, version: '1'}\n" + body
    }

    static func read(_ body: String, version: String = "3.1.0") -> OpenAPIReader.ReadResult {
        OpenAPIReader.read(document(body, version: version))
    }

    /// The component schema `name` of a document with the given `components/schemas` body (indented 4).
    static func schema(_ name: String, _ schemas: String, version: String = "3.1.0") -> (SchemaObject?, Diagnostics) {
        let result = read("paths: {}\ncomponents:\n  schemas:\n" + schemas, version: version)
        return (result.document?.components.schemas[name]?.object, result.diagnostics)
    }
}

extension Diagnostics {
    /// The spec paths of the errors, as text.
    var errorPaths: [String] { errors.compactMap { $0.path?.description } }
    /// The spec paths of the warnings, as text.
    var warningPaths: [String] { warnings.compactMap { $0.path?.description } }
}

extension GeneratorPipeline.Result {
    /// The text of a namespace's files together: `Types` is `Types.swift` and its shards `Types+1.swift` …, in order.
    func text(of namespace: String) -> String {
        let names = [namespace + ".swift"] + GeneratorPipeline.shardNames(namespace)
        return names.compactMap { name in files.first { $0.name == name }?.text }.joined(separator: "\n")
    }
}
