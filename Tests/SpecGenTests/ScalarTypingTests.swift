import Testing

@testable import SpecGen

/// YAML 1.2 JSON/core typing of scalars, and typing of literals by their schema.
@Suite("Scalar typing")
struct ScalarTypingTests {
    func core(_ text: String, _ style: YAMLScalarStyle = .plain, tag: String? = nil) -> Result<
        SpecValue, ScalarTyping.Problem
    > {
        ScalarTyping.coreValue(of: YAMLScalar(text: text, style: style, tag: tag))
    }

    func value(_ text: String) -> SpecValue? {
        try? core(text).get()
    }

    @Test func plainIntegerIsANumberAndQuotedIsAString() throws {
        #expect(value("100") == .number(SpecNumber("100")!))
        #expect(try core("100", .doubleQuoted).get() == .string("100"))
        #expect(try core("100", .singleQuoted).get() == .string("100"))
    }

    @Test func yaml11BooleansAreStrings() {
        for word in ["yes", "no", "on", "off", "NO", "Yes", "y", "n"] {
            #expect(value(word) == .string(word), "\(word)")
        }
        for word in ["true", "True", "TRUE"] { #expect(value(word) == .bool(true)) }
        for word in ["false", "False", "FALSE"] { #expect(value(word) == .bool(false)) }
    }

    @Test func nullSpellings() throws {
        for word in ["", "~", "null", "Null", "NULL"] { #expect(value(word) == .null, "\(word)") }
        #expect(value("nil") == .string("nil"))
        #expect(try core("null", .doubleQuoted).get() == .string("null"))
    }

    @Test func datesAndTimesStayStrings() {
        #expect(value("2019-08-24") == .string("2019-08-24"))
        #expect(value("2019-08-24T14:15:22Z") == .string("2019-08-24T14:15:22Z"))
        #expect(value("12:30:00") == .string("12:30:00"))
    }

    @Test func versionLikeTextKeepsItsLiteral() throws {
        let number = try #require(value("1.0"))
        #expect(number == .number(SpecNumber("1.0")!))
        guard case .number(let literal) = number else { return }
        #expect(literal.literal == "1.0")
        #expect(value("1.0.0") == .string("1.0.0"))
    }

    @Test func int64MaxStaysAnExactInteger() throws {
        guard case .number(let number)? = value("9223372036854775807") else {
            Issue.record("not a number")
            return
        }
        #expect(number.kind == .integer(Int64.max))
        guard case .number(let bigger)? = value("9223372036854775808") else { return }
        #expect(bigger.kind == .bigInteger)
        #expect(bigger.literal == "9223372036854775808")
    }

    @Test func hugeExponentIsKeptNotRoundedToInfinity() {
        guard case .number(let number)? = value("1e400") else {
            Issue.record("not a number")
            return
        }
        #expect(number.literal == "1e400")
        #expect(number.kind == .decimal)
        #expect(number > SpecNumber("1e399")!)
    }

    @Test func thirtyDigitDecimalKeepsEveryDigit() {
        guard case .number(let number)? = value("123456789012345678901234567890.123") else {
            Issue.record("not a number")
            return
        }
        #expect(number.literal == "123456789012345678901234567890.123")
        #expect(number != SpecNumber("123456789012345678901234567890.124")!)
    }

    @Test func coreNumberForms() {
        #expect(value("0x1F") == .number(SpecNumber("31")!))
        #expect(value("0o17") == .number(SpecNumber("15")!))
        #expect(value("+12") == .number(SpecNumber("12")!))
        #expect(value(".5") == .number(SpecNumber("0.5")!))
        #expect(value("-2.5E-3") == .number(SpecNumber("-0.0025")!))
        #expect(value("1_000") == .string("1_000"))
        #expect(value("0x") == .string("0x"))
        #expect(value("1e") == .string("1e"))
        #expect(value("-") == .string("-"))
    }

    @Test func infinityAndNaNHaveNoJSONValue() throws {
        for text in [".inf", "-.Inf", ".NaN"] {
            #expect(throws: ScalarTyping.Problem.notJSON(text)) { try core(text).get() }
        }
        #expect(try core(".inf", .singleQuoted).get() == .string(".inf"))
    }

    @Test func explicitTagsDecide() throws {
        #expect(try core("100", tag: "tag:yaml.org,2002:str").get() == .string("100"))
        #expect(try core("100", tag: "tag:yaml.org,2002:int").get() == .number(SpecNumber("100")!))
        #expect(try core("1.5", tag: "tag:yaml.org,2002:float").get() == .number(SpecNumber("1.5")!))
        #expect(throws: ScalarTyping.Problem.self) { try core("abc", tag: "tag:yaml.org,2002:int").get() }
        #expect(throws: ScalarTyping.Problem.self) { try core("1.5", tag: "tag:yaml.org,2002:int").get() }
        #expect(try core("x", tag: "!").get() == .string("x"))
    }

    // MARK: Typing by schema

    func schemaValues(_ schema: String, key: String = "enum") throws -> SchemaObject {
        let text =
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    S:\n" + schema
        let document = try #require(OpenAPIReader.read(text).document)
        return try #require(document.components.schemas["S"]?.object)
    }

    @Test func stringSchemaMakesEveryPlainEnumValueAString() throws {
        let schema = try schemaValues(
            "      type: string\n      enum: [yes, on, NO, 100, 1.0, true, 2019-08-24, '7']\n")
        #expect(
            schema.enumValues == ["yes", "on", "NO", "100", "1.0", "true", "2019-08-24", "7"].map(SpecValue.string))
    }

    @Test func integerSchemaTypesPlainNumbersButKeepsQuotedStrings() throws {
        let schema = try schemaValues("      type: integer\n      enum: [1, 2, '3']\n      default: 2\n")
        #expect(schema.enumValues == [.number(SpecNumber(1)), .number(SpecNumber(2)), .string("3")])
        #expect(schema.defaultValue == .number(SpecNumber(2)))
    }

    @Test func nullableStringSchemaKeepsNullAsNull() throws {
        let schema = try schemaValues("      type: string\n      nullable: true\n      enum: [a, null]\n")
        #expect(schema.enumValues == [.string("a"), .null])
        let strict = try schemaValues("      type: string\n      enum: [a, null]\n")
        #expect(strict.enumValues == [.string("a"), .string("null")])
    }

    @Test func objectExampleIsTypedPropertyByProperty() throws {
        let schema = try schemaValues(
            """
                  type: object
                  properties:
                    code: {type: string}
                    count: {type: integer}
                    tags: {type: array, items: {type: string}}
                  example: {code: 007, count: 7, tags: [yes, 1], other: 5}

            """)
        #expect(
            schema.examples == [
                .object([
                    .init(name: "code", value: .string("007")), .init(name: "count", value: .number(SpecNumber(7))),
                    .init(name: "tags", value: .array([.string("yes"), .string("1")])),
                    .init(name: "other", value: .number(SpecNumber(5))),
                ])
            ])
    }

    @Test func typingFollowsReferencesAndAllOf() throws {
        let text = """
            openapi: 3.1.0
            info: {title: t, version: '1'}
            paths: {}
            components:
              schemas:
                Code: {type: string}
                Wrapper:
                  allOf:
                    - type: object
                      properties:
                        code: {$ref: '#/components/schemas/Code'}
                  default: {code: 100}
            """
        let document = try #require(OpenAPIReader.read(text).document)
        let wrapper = try #require(document.components.schemas["Wrapper"]?.object)
        #expect(wrapper.defaultValue == .object([.init(name: "code", value: .string("100"))]))
    }

    @Test func untypedSchemaUsesCoreRules() throws {
        let schema = try schemaValues("      enum: [yes, 100, true, null]\n")
        #expect(schema.enumValues == [.string("yes"), .number(SpecNumber(100)), .bool(true), .null])
    }
}
