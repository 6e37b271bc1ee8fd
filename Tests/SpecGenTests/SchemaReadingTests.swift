import Testing

@testable import SpecGen

/// Schema Objects of 3.0 and 3.1 into the model: every keyword kept, 3.0 forms normalised, unsupported
/// keywords refused at their path.
@Suite("Schema reading")
struct SchemaReadingTests {
    @Test func validationVocabularyIsKept() throws {
        let (schema, diagnostics) = ReaderFixture.schema(
            "S",
            """
                S:
                  type: object
                  required: [name, tags]
                  minProperties: 1
                  maxProperties: 5
                  additionalProperties: false
                  properties:
                    name: {type: string, minLength: 1, maxLength: 255, pattern: '^[a-z]+$', format: email}
                    tags: {type: array, items: {type: string}, minItems: 1, maxItems: 3, uniqueItems: true}
                    score: {type: number, minimum: 0, maximum: 10, multipleOf: 0.5}

            """)
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.errors)")
        let object = try #require(schema)
        #expect(object.types == [.object])
        #expect(object.required == ["name", "tags"])
        #expect(object.minProperties == 1 && object.maxProperties == 5)
        guard case .boolean(false, _)? = object.additionalProperties else {
            Issue.record("additionalProperties: false not kept")
            return
        }
        #expect(object.properties.names == ["name", "tags", "score"])
        let name = try #require(object.properties["name"]?.object)
        #expect(name.minLength == 1 && name.maxLength == 255 && name.pattern == "^[a-z]+$" && name.format == "email")
        let tags = try #require(object.properties["tags"]?.object)
        #expect(tags.items?.object?.types == [.string] && tags.minItems == 1 && tags.maxItems == 3 && tags.uniqueItems)
        let score = try #require(object.properties["score"]?.object)
        #expect(
            score.minimum == SpecNumber(0) && score.maximum == SpecNumber(10) && score.multipleOf == SpecNumber("0.5"))
    }

    @Test func typeArrayWithNullIsNullable() throws {
        let (schema, diagnostics) = ReaderFixture.schema("S", "    S: {type: [string, 'null']}\n")
        #expect(diagnostics.all.isEmpty)
        #expect(schema?.types == [.string, .null])
        #expect(schema?.allowsNull == true)
        #expect(schema?.nonNullTypes == [.string])
    }

    @Test func nullableAddsNullInOpenAPI30() throws {
        let (schema, diagnostics) = ReaderFixture.schema(
            "S", "    S: {type: integer, nullable: true}\n", version: "3.0.3")
        #expect(diagnostics.all.isEmpty)
        #expect(schema?.types == [.integer, .null])
        #expect(schema?.nullable == true)
    }

    @Test func nullableIn31IsHonouredWithAWarning() throws {
        let (schema, diagnostics) = ReaderFixture.schema("S", "    S: {type: integer, nullable: true}\n")
        #expect(schema?.allowsNull == true)
        #expect(diagnostics.warningPaths == ["#/components/schemas/S/nullable"])
    }

    @Test func booleanExclusiveBoundsOf30BecomeExclusiveValues() throws {
        let (schema, diagnostics) = ReaderFixture.schema(
            "S", "    S: {type: number, minimum: 0, exclusiveMinimum: true, maximum: 9, exclusiveMaximum: false}\n",
            version: "3.0.3")
        #expect(diagnostics.all.isEmpty)
        #expect(schema?.minimum == nil)
        #expect(schema?.exclusiveMinimum == SpecNumber(0))
        #expect(schema?.maximum == SpecNumber(9))
        #expect(schema?.exclusiveMaximum == nil)
    }

    @Test func numericExclusiveBoundsOf31AreKept() throws {
        let (schema, _) = ReaderFixture.schema(
            "S", "    S: {type: number, exclusiveMinimum: 0, exclusiveMaximum: 1e400}\n")
        #expect(schema?.exclusiveMinimum == SpecNumber(0))
        #expect(schema?.exclusiveMaximum?.literal == "1e400")
    }

    @Test func booleanSchemas() throws {
        let result = ReaderFixture.read("paths: {}\ncomponents:\n  schemas:\n    Yes: true\n    No: false\n")
        let schemas = try #require(result.document?.components.schemas)
        guard case .boolean(true, _)? = schemas["Yes"], case .boolean(false, _)? = schemas["No"] else {
            Issue.record("boolean schemas not read")
            return
        }
    }

    @Test func constPrefixItemsAndNot() throws {
        let (schema, diagnostics) = ReaderFixture.schema(
            "S", "    S: {type: array, prefixItems: [{const: a}, {type: integer}], items: false, not: {maxItems: 0}}\n")
        #expect(diagnostics.all.isEmpty)
        #expect(schema?.prefixItems?.count == 2)
        #expect(schema?.prefixItems?.first?.object?.constValue == .string("a"))
        #expect(schema?.not?.object?.maxItems == 0)
    }

    @Test func compositionAndDiscriminator() throws {
        let (schema, diagnostics) = ReaderFixture.schema(
            "Pet",
            """
                Pet:
                  oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
                  discriminator: {propertyName: kind, mapping: {cat: Cat, dog: '#/components/schemas/Dog'}}
                Cat: {type: object, properties: {kind: {type: string}}}
                Dog: {type: object, properties: {kind: {type: string}}}

            """)
        #expect(diagnostics.errors.isEmpty)
        #expect(schema?.oneOf?.compactMap(\.reference?.componentName) == ["Cat", "Dog"])
        #expect(schema?.discriminator?.propertyName == "kind")
        #expect(schema?.discriminator?.mapping["cat"]?.target == SpecPath(pointer: "#/components/schemas/Cat"))
    }

    @Test func siblingsOfRefAreDroppedWithAWarningIn30() throws {
        let (schema, diagnostics) = ReaderFixture.schema(
            "S", "    S: {$ref: '#/components/schemas/T', nullable: true, description: kept}\n    T: {type: string}\n",
            version: "3.0.3")
        #expect(schema?.reference?.componentName == "T")
        #expect(schema?.nullable == false)
        #expect(schema?.description == "kept")
        #expect(schema?.isBareReference == true)
        #expect(diagnostics.warningPaths == ["#/components/schemas/S"])
    }

    @Test func siblingsOfRefApplyIn31() throws {
        let (schema, diagnostics) = ReaderFixture.schema(
            "S", "    S: {$ref: '#/components/schemas/T', maxLength: 3}\n    T: {type: string}\n")
        #expect(diagnostics.all.isEmpty)
        #expect(schema?.maxLength == 3)
        #expect(schema?.isBareReference == false)
    }

    @Test func everyUnsupportedKeywordIsAnErrorAtItsPath() {
        for keyword in ["unevaluatedProperties", "unevaluatedItems", "dependencies", "$id", "$dynamicRef"] {
            let (_, diagnostics) = ReaderFixture.schema("S", "    S: {type: object, \(keyword): {}}\n")
            #expect(diagnostics.errorPaths == ["#/components/schemas/S/\(keyword)"], "\(keyword)")
            #expect(diagnostics.errors.first?.hint != nil)
        }
    }

    @Test func aReferenceBelowAComponentNamesAHoistedComponentAndDefsAreRead() throws {
        let schemas = """
                S:
                  $schema: https://json-schema.org/draft/2020-12/schema
                  $defs:
                    item: {type: integer, maximum: 3}
                    unused: {type: string}
                  type: array
                  items: {$ref: '#/components/schemas/S/$defs/item'}
                T:
                  properties:
                    s: {$ref: '#/components/schemas/S/items'}

            """
        let result = ReaderFixture.read("paths: {}\ncomponents:\n  schemas:\n" + schemas)
        let (document, diagnostics) = (result.document, result.diagnostics)
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.errors)")
        let hoisted = try #require(document?.components.schemas["S_defs_item"]?.object)
        #expect(hoisted.maximum != nil && hoisted.types != nil)
        #expect(document?.components.schemas["S_items"] != nil, "any schema of the document may be named")
        #expect(document?.components.schemas["S_defs_unused"] == nil, "definitions nobody names generate nothing")
    }

    @Test func aDialectOtherThan2020_12IsRefusedAtItsPath() {
        let (_, diagnostics) = ReaderFixture.schema(
            "S", "    S: {$schema: 'http://json-schema.org/draft-07/schema#', type: string}\n")
        #expect(diagnostics.errorPaths == ["#/components/schemas/S/$schema"])
    }

    @Test func conditionalAndDependentKeywordsOf31AreKept() throws {
        let (schema, diagnostics) = ReaderFixture.schema(
            "S",
            """
                S:
                  type: object
                  propertyNames: {type: string, pattern: '^[0-6]$'}
                  patternProperties: {'^x-': {type: string}}
                  dependentRequired: {card: [billing_address]}
                  dependentSchemas: {card: {required: [cvv]}}
                  if: {properties: {kind: {const: company}}}
                  then: {required: [vat_id]}
                  else: {required: [birth_date]}
                Tags:
                  type: array
                  contains: {const: main}
                  minContains: 1
                  maxContains: 1

            """)
        #expect(diagnostics.all.isEmpty, "\(diagnostics.all)")
        let object = try #require(schema)
        #expect(object.propertyNames?.object?.pattern == "^[0-6]$")
        #expect(object.patternProperties.names == ["^x-"])
        #expect(object.dependentRequired["card"] == ["billing_address"])
        #expect(object.dependentSchemas["card"]?.object?.required == ["cvv"])
        #expect(object.ifSchema != nil && object.thenSchema?.object?.required == ["vat_id"])
        #expect(object.elseSchema?.object?.required == ["birth_date"])
        #expect(object.subschemas.count == 6)
        let (tags, _) = ReaderFixture.schema(
            "S", "    S: {type: array, contains: {const: main}, minContains: 1, maxContains: 2}\n")
        #expect(tags?.contains?.object?.constValue == .string("main"))
        #expect(tags?.minContains == 1 && tags?.maxContains == 2)
    }

    @Test func keywordsOf31InA30DocumentAreWarnings() {
        let (_, diagnostics) = ReaderFixture.schema(
            "S", "    S: {type: object, propertyNames: {maxLength: 3}}\n", version: "3.0.3")
        #expect(diagnostics.warningPaths == ["#/components/schemas/S/propertyNames"])
    }

    @Test func misspeltKeywordIsAWarningWithASuggestion() throws {
        let (_, diagnostics) = ReaderFixture.schema("S", "    S: {type: object, requried: [a], maxLenght: 3}\n")
        #expect(diagnostics.warnings.count == 2)
        #expect(diagnostics.warnings.first?.hint == "did you mean 'required'?")
        #expect(diagnostics.warnings.last?.hint == "did you mean 'maxLength'?")
    }

    @Test func aSchemaReferenceBelowAComponentNamesItsHoistedComponent() {
        let (schema, diagnostics) = ReaderFixture.schema(
            "S", "    S: {$ref: '#/components/schemas/T/properties/a'}\n    T: {properties: {a: {type: string}}}\n")
        #expect(diagnostics.errors.isEmpty)
        #expect(schema?.reference?.componentName == "T_properties_a")
    }

    @Test func negativeCountsAndWrongTypesAreErrors() {
        let (_, diagnostics) = ReaderFixture.schema(
            "S", "    S: {type: string, minLength: -1, maxLength: '5', uniqueItems: yes, enum: {a: 1}}\n")
        #expect(
            Set(diagnostics.errorPaths)
                == [
                    "#/components/schemas/S/minLength", "#/components/schemas/S/maxLength",
                    "#/components/schemas/S/uniqueItems", "#/components/schemas/S/enum",
                ])
    }

    @Test func typeListIn30IsAWarning() {
        let (schema, diagnostics) = ReaderFixture.schema("S", "    S: {type: [string, integer]}\n", version: "3.0.3")
        #expect(schema?.types == [.string, .integer])
        #expect(diagnostics.warningPaths == ["#/components/schemas/S/type"])
    }

    @Test func selfReferenceThroughPropertiesIsAllowed() {
        let (_, diagnostics) = ReaderFixture.schema(
            "Node", "    Node: {type: object, properties: {next: {$ref: '#/components/schemas/Node'}}}\n")
        #expect(diagnostics.errors.isEmpty)
    }

    @Test func directSelfReferenceIsACycle() {
        let (_, diagnostics) = ReaderFixture.schema("A", "    A: {$ref: '#/components/schemas/A'}\n")
        #expect(diagnostics.errorPaths == ["#/components/schemas/A/$ref"])
        let (_, oneOf) = ReaderFixture.schema(
            "A",
            "    A: {oneOf: [{$ref: '#/components/schemas/B'}]}\n    B: {anyOf: [{$ref: '#/components/schemas/A'}]}\n")
        #expect(oneOf.errors.count == 1)
    }

    @Test func schemaNestedToTheYAMLDepthLimitIsReadAndLinted() throws {
        let depth = 240
        let nested =
            String(repeating: "{type: array, items: ", count: depth) + "{type: string}"
            + String(repeating: "}", count: depth)
        let text = ReaderFixture.document("paths: {}\ncomponents:\n  schemas:\n    Deep: \(nested)\n")
        let result = OpenAPIReader.read(text)
        #expect(result.diagnostics.errors.isEmpty)
        var schema = try #require(result.document?.components.schemas["Deep"])
        var levels = 0
        while let items = schema.object?.items {
            schema = items
            levels += 1
        }
        #expect(levels == depth)
        #expect(Linter.lint(text).errors.isEmpty)
        let tooDeep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        #expect(
            OpenAPIReader.read(ReaderFixture.document("x-deep: \(tooDeep)\npaths: {}\n")).diagnostics.errors.count == 1)
    }
}
