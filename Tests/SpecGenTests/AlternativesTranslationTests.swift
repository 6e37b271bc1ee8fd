import Testing

@testable import SpecGen

/// How `oneOf`/`anyOf` schemas are typed, and that lint names the ones that stay `JSONValue`.
@Suite("oneOf and anyOf types")
struct AlternativesTranslationTests {
    /// The Swift text of `Types.swift` for a spec with one component `S` (and `Card`, `Wallet`).
    func types(_ schema: String) throws -> String {
        let yaml = """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                Card: {type: object, properties: {number: {type: string}}}
                Wallet: {type: object, properties: {address: {type: string}}}
                S:
            \(schema)
            """
        let result = GeneratorPipeline.generate(bytes: Array(yaml.utf8))
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.errors)")
        return result.text(of: "Types")
    }

    func lintWarnings(_ schema: String) -> [String] {
        let yaml =
            "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    S:\n" + schema
        return Linter.lint(yaml).warnings.map(\.message)
    }

    @Test func componentsOfDistinctTypesBecomeAnEnumWithACasePerAlternative() throws {
        let text = try types(
            "      oneOf: [{$ref: '#/components/schemas/Card'}, {$ref: '#/components/schemas/Wallet'}]")
        #expect(text.contains("public indirect enum S: JSONCodable, Equatable {"))
        #expect(text.contains("case card(Card)") && text.contains("case wallet(Wallet)"))
        #expect(text.contains("JSONAlternative.decode(") && text.contains("as: Card.self,"))
    }

    @Test func plainTypesMakeAPlainEnum() throws {
        let text = try types("      anyOf: [{type: integer}, {type: string}, {type: boolean}]")
        #expect(text.contains("public enum S: JSONCodable, Equatable {"))
        #expect(
            text.contains("case integer(Int)") && text.contains("case string(String)")
                && text.contains("case boolean(Bool)"))
    }

    @Test func anAlternativeOrNullIsThatTypeOptional() throws {
        let text = try types(
            "      type: object\n      properties:\n        card: {oneOf: [{$ref: '#/components/schemas/Card'}, {type: 'null'}]}\n        n: {anyOf: [{type: 'null'}, {type: integer}]}\n      required: [card, n]"
        )
        #expect(text.contains("public var card: Card?"))
        #expect(text.contains("public var n: Int?"))
    }

    @Test func aRequiredUnionWithoutNullIsNotOptional() throws {
        let text = try types(
            "      type: object\n      properties:\n        id: {anyOf: [{type: integer}, {type: string}]}\n      required: [id]"
        )
        #expect(text.contains("public var id: Id\n"))
        #expect(text.contains("public enum Id: JSONCodable, Equatable {"))
    }

    @Test func alternativesSwiftCannotTellApartStayJSONValueAndLintSaysWhy() throws {
        let schema = "      oneOf: [{type: string, format: email}, {type: string, format: uri}]"
        #expect(try types(schema).contains("public typealias S = JSONValue"))
        let warnings = lintWarnings(schema)
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("generated as JSONValue") == true, "\(warnings)")
        #expect(warnings.first?.contains("both String") == true, "\(warnings)")
    }

    @Test func typedAlternativesDrawNoLintWarning() {
        #expect(lintWarnings("      anyOf: [{type: integer}, {type: string}]").isEmpty)
        #expect(lintWarnings("      oneOf: [{type: string}, {type: 'null'}]").isEmpty)
    }

    @Test func compositionsBesidePropertiesStayJSONValue() throws {
        let schema =
            "      type: object\n      properties: {a: {type: string}}\n      oneOf: [{required: [a]}, {type: object}]"
        #expect(lintWarnings(schema).contains { $0.contains("beside the alternatives") })
    }
}
