import Foundation
import Testing

@testable import SpecGen

/// ogen-style corpus: `positive/` specs read and lint without errors, `negative/` specs fail with the
/// located errors their `# expect-error: LINE [#/spec/path]` comments announce, `examples/` (the OpenAPI
/// Initiative's public examples) read without errors.
@Suite("Corpus")
struct CorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")

    static func files(_ folder: String) -> [String] {
        let directory = corpus.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }

    static func text(_ folder: String, _ name: String) throws -> String {
        try String(contentsOf: corpus.appendingPathComponent(folder).appendingPathComponent(name), encoding: .utf8)
    }

    @Test func corpusFoldersAreNotEmpty() {
        #expect(Self.files("positive").count >= 8)
        #expect(Self.files("negative").count >= 20)
        #expect(Self.files("examples").count >= 5)
    }

    @Test("positive specs are accepted", arguments: files("positive"))
    func positiveSpecIsAccepted(_ name: String) throws {
        let text = try Self.text("positive", name)
        let result = OpenAPIReader.read(text)
        #expect(result.document != nil, "\(name) produced no document")
        #expect(result.diagnostics.errors.isEmpty, "\(name): \(result.diagnostics.errors)")
        let lint = Linter.lint(text)
        #expect(lint.errors.isEmpty, "\(name): \(lint.errors)")
    }

    @Test("negative specs are refused with located errors", arguments: files("negative"))
    func negativeSpecIsRefusedAtTheExpectedPlace(_ name: String) throws {
        let text = try Self.text("negative", name)
        let expectations = text.split(separator: "\n").compactMap { line -> (line: Int, path: String?)? in
            guard line.hasPrefix("# expect-error:") else { return nil }
            let fields = line.dropFirst("# expect-error:".count).split(separator: " ")
            guard let first = fields.first, let number = Int(first) else { return nil }
            return (number, fields.count > 1 ? String(fields[1]) : nil)
        }
        #expect(!expectations.isEmpty, "\(name) has no '# expect-error:' line")
        let errors = Linter.lint(text).errors
        #expect(!errors.isEmpty, "\(name) was accepted")
        for expectation in expectations {
            let found = errors.contains { error in
                error.mark?.line == expectation.line && (expectation.path.map { $0 == error.path?.description } ?? true)
            }
            #expect(
                found,
                "\(name): no error at line \(expectation.line) \(expectation.path ?? ""); got \(errors.map { $0.formatted(file: name) })"
            )
        }
    }

    @Test("OpenAPI Initiative examples read without errors", arguments: files("examples"))
    func publicExampleIsRead(_ name: String) throws {
        let result = OpenAPIReader.read(try Self.text("examples", name))
        #expect(result.document != nil)
        #expect(result.diagnostics.errors.isEmpty, "\(name): \(result.diagnostics.errors)")
    }

    @Test func petstoreModelHasItsOperationsAndTypes() throws {
        let document = try #require(OpenAPIReader.read(try Self.text("examples", "petstore.yaml")).document)
        #expect(document.version.line == .v3_0)
        #expect(document.operations.map(\.operationID) == ["listPets", "createPets", "showPetById"])
        #expect(document.components.schemas.names == ["Pet", "Pets", "Error"])
        let limit = try #require(document.operations[0].parameters.first)
        #expect(limit.name == "limit" && limit.location == .query && limit.style == .form && limit.explode)
        #expect(limit.schema.object?.maximum == SpecNumber("100"))
        let ok = try #require(document.operations[0].responses.first)
        #expect(ok.status == .code(200))
        #expect(ok.headers.names == ["x-next"])
        #expect(ok.content.first?.schema?.reference?.componentName == "Pets")
        #expect(document.operations[0].responses.last?.status == .default)
    }

    @Test func callbackExampleKeepsItsCallback() throws {
        let document = try #require(OpenAPIReader.read(try Self.text("examples", "callback-example.yaml")).document)
        let callback = try #require(document.operations.first?.callbacks["onData"])
        #expect(callback.expressions.names == ["{$request.query.callbackUrl}/data"])
        #expect(callback.expressions.values.first?.operations.first?.method == .post)
    }

    @Test func linkExampleResolvesLinkComponents() throws {
        let document = try #require(OpenAPIReader.read(try Self.text("examples", "link-example.yaml")).document)
        let response = try #require(document.operations.first?.responses.first)
        #expect(response.links["userRepositories"]?.operationID == "getRepositoriesByOwner")
        #expect(document.components.links["PullRequestMerge"]?.parameters["pid"] == .string("$response.body#/id"))
    }
}
