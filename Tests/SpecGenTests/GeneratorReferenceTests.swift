import Foundation
import Testing

@testable import SpecGen

/// Reference tests, as swift-openapi-generator has them: `Corpus/reference/kals.yaml` (and `alternatives.yaml`, the
/// oneOf/anyOf types) is generated and compared
/// with the committed Swift in `Corpus/reference/kals/`, so any change to the generator shows up as a readable
/// diff in review. Run with `SPECGEN_RECORD_REFERENCE=1` to rewrite the expected files after a deliberate change.
@Suite("Generator reference output")
struct GeneratorReferenceTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Corpus").appendingPathComponent("reference")

    static func generate(_ name: String) throws -> GeneratorPipeline.Result {
        let data = try Data(contentsOf: folder.appendingPathComponent(name + ".yaml"))
        return GeneratorPipeline.generate(bytes: Array(data))
    }

    @Test(
        "kals.yaml, alternatives.yaml and media-types.yaml generate the committed Swift",
        arguments: ["kals", "alternatives", "media-types"],
        GeneratorPipeline.fileNames)
    func generatedFileMatchesReference(_ spec: String, _ fileName: String) throws {
        let result = try Self.generate(spec)
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.errors)")
        let generated = try #require(result.files.first { $0.name == fileName }).text
        let expectedURL = Self.folder.appendingPathComponent(spec).appendingPathComponent(fileName)
        if ProcessInfo.processInfo.environment["SPECGEN_RECORD_REFERENCE"] == "1" {
            try FileManager.default.createDirectory(
                at: expectedURL.deletingLastPathComponent(), withIntermediateDirectories: true)
            try generated.write(to: expectedURL, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        if generated != expected {
            let generatedLines = generated.split(separator: "\n", omittingEmptySubsequences: false)
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let first =
                (0..<min(generatedLines.count, expectedLines.count)).first { generatedLines[$0] != expectedLines[$0] }
                ?? min(generatedLines.count, expectedLines.count)
            Issue.record(
                "\(fileName) differs from the reference at line \(first + 1):\n  expected: \(first < expectedLines.count ? expectedLines[first] : "<end>")\n  generated: \(first < generatedLines.count ? generatedLines[first] : "<end>")"
            )
        }
    }

    @Test func generationIsStableAcrossRuns() throws {
        let first = try Self.generate("kals").files.map(\.text)
        let second = try Self.generate("kals").files.map(\.text)
        #expect(first == second)
    }

    @Test func aSpecWithErrorsGeneratesNothingAndSaysWhere() {
        let result = GeneratorPipeline.generate(bytes: Array("openapi: 3.1.0\ninfo: {title: T}\npaths: 5\n".utf8))
        #expect(result.files.isEmpty)
        #expect(result.diagnostics.hasErrors)
    }

    @Test func staticSegmentsAndSecurityReachTheOperationTable() throws {
        let operations = try Self.generate("kals").text(of: "Operations")
        #expect(operations.contains(#"path: "/api/kals/default","#))
        #expect(operations.contains("security: .optional([\"userToken\"])"))
        #expect(operations.contains("security: .none"))
        #expect(operations.contains(#"billing: "api_kal_delete""#))
        #expect(
            operations.contains(
                #".object(properties: ["from": .string(format: .date), "to": .string(format: .date)]),"#))
        #expect(operations.contains("style: .deepObject"))
        #expect(operations.contains(#".query("page", .integer(minimum: 1, maximum: 9223372036854775807)),"#))
    }
}

@Suite("Generation-time pattern check")
struct PatternCheckTests {
    static func generate(pattern: String) -> GeneratorPipeline.Result {
        let yaml = """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                Code:
                  type: object
                  properties:
                    code: {type: string, pattern: '\(pattern)'}
            """
        return GeneratorPipeline.generate(bytes: Array(yaml.utf8))
    }

    @Test func aPatternTheServerCannotRunStopsGenerationAtItsSchema() {
        let result = Self.generate(pattern: #"\Aabc"#)
        #expect(result.files.isEmpty)
        let error = result.diagnostics.errors.first
        #expect(error?.message.contains("cannot be used") == true, "\(result.diagnostics.all)")
        #expect(error?.path?.description == "#/components/schemas/Code/properties/code")
    }

    @Test func anECMAPatternGenerates() {
        let result = Self.generate(pattern: #"^[a-z0-9-]+$"#)
        #expect(!result.diagnostics.hasErrors)
        #expect(result.files.count == GeneratorPipeline.fileNames.count)
    }
}

@Suite("The project's spec generates")
struct ProjectSpecGenerationTests {
    static let spec = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("spec").appendingPathComponent("openapi.yaml")

    @Test func everyOperationOfTheSpecHasAnOperationIDCaseAndATableRow() throws {
        let bytes = Array(try Data(contentsOf: Self.spec))
        let read = OpenAPIReader.read(bytes: bytes)
        let document = try #require(read.document)
        let result = GeneratorPipeline.generate(bytes: bytes)
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.errors)")
        let files = GeneratorPipeline.translate(document)
        let operations = try #require(files.first { $0.name == "Operations.swift" })
        let identifiers = operations.declarations.compactMap { declaration -> [String]? in
            guard case .type(let type) = declaration, type.name == "OperationID" else { return nil }
            return type.members.compactMap { member in
                if case .enumCase(let enumCase) = member, case .string(let raw)? = enumCase.rawValue { return raw }
                return nil
            }
        }.first
        #expect(identifiers == document.operations.map { $0.operationID ?? "" })
        #expect(identifiers?.count == document.operations.count)
        #expect(Set(identifiers ?? []).count == document.operations.count, "operationIds are unique")
    }
}

@Suite("Exact decimals")
struct ExactDecimalTypingTests {
    @Test func aDecimalNumberIsAJSONNumberAndAPlainNumberADouble() throws {
        let yaml = """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                Deposit:
                  type: object
                  required: [amount]
                  properties:
                    amount: {type: number, format: decimal, maximum: 1000000000, multipleOf: 0.000000000000000001}
                    ratio: {type: number}
                    fee: {type: [number, 'null'], format: decimal, maximum: 100, multipleOf: 0.01}
            """
        let result = GeneratorPipeline.generate(bytes: Array(yaml.utf8))
        #expect(result.diagnostics.warnings.isEmpty, "\(result.diagnostics.all)")
        let types = result.text(of: "Types")
        #expect(types.contains("var amount: JSONNumber\n"), "\(types)")
        #expect(types.contains("var ratio: Double?\n"))
        #expect(types.contains("var fee: JSONNumber?\n"))
    }
}
