import Testing

@testable import SpecGen

/// The walk into schemas: `$ref`s, nested objects, array items and `allOf` are followed, fields are named
/// by their path, recursive schemas end, and reorganising a schema without changing what it allows is no change.
@Suite("specgen diff: schema walk")
struct SchemaWalkTests {
    static let schedule = """
            Schedule:
              type: object
              properties:
                settings: {$ref: '#/components/schemas/Settings'}
            Settings:
              type: object
              properties:
                duration: {type: integer, minimum: 15}

        """

    @Test func referencesAreFollowedAndNestedFieldsNamedByPath() throws {
        let old = DiffFixture.operation(
            request: "{type: object, properties: {schedule: {$ref: '#/components/schemas/Schedule'}}}",
            schemas: Self.schedule)
        let new = old.replacing("minimum: 15", with: "minimum: 30")
        #expect(
            try DiffFixture.lines(old, new) == [
                "breaking  createThing  body.schedule.settings.duration: minimum raised from 15 to 30"
            ])
    }

    @Test func arrayItemsAreNamedWithBrackets() throws {
        let old = DiffFixture.operation(
            response:
                "{type: object, properties: {data: {type: object, properties: {items: {type: array, items: {type: object, properties: {email: {type: string}}, required: [email]}}}}}}"
        )
        let new = old.replacing("required: [email]", with: "required: []")
        #expect(
            try DiffFixture.lines(old, new) == ["breaking  createThing  response 200 data.items[].email: made optional"]
        )
    }

    @Test func allOfPartsAreMergedSoSplittingASchemaIsNoChange() throws {
        let whole = DiffFixture.operation(
            request: "{type: object, properties: {a: {type: string}, b: {type: integer}}, required: [a]}")
        let split = DiffFixture.operation(
            request:
                "{allOf: [{$ref: '#/components/schemas/A'}, {type: object, properties: {b: {type: integer}}}]}",
            schemas: "    A: {type: object, properties: {a: {type: string}}, required: [a]}\n")
        #expect(try DiffFixture.lines(whole, split) == [])
        let stricter = split.replacing("b: {type: integer}", with: "b: {type: integer, maximum: 9}")
        #expect(try DiffFixture.lines(whole, stricter) == ["breaking  createThing  body.b: maximum 9 added"])
    }

    @Test func movingAnInlineSchemaIntoAComponentIsNoChange() throws {
        let inline = DiffFixture.operation(response: "{type: object, properties: {n: {type: integer, enum: [1, 2]}}}")
        let named = DiffFixture.operation(
            response: "{$ref: '#/components/schemas/Thing'}",
            schemas: "    Thing: {type: object, properties: {n: {type: integer, enum: [1, 2]}}}\n")
        #expect(try DiffFixture.lines(inline, named) == [])
    }

    static let tree = """
            Node:
              type: object
              properties:
                name: {type: string, maxLength: 50}
                children: {type: array, items: {$ref: '#/components/schemas/Node'}}

        """

    @Test func recursiveSchemasEndAndTheirChangesAreFound() throws {
        let old = DiffFixture.operation(request: "{$ref: '#/components/schemas/Node'}", schemas: Self.tree)
        #expect(try DiffFixture.lines(old, old) == [])
        let new = old.replacing("maxLength: 50", with: "maxLength: 40")
        #expect(
            try DiffFixture.lines(old, new) == ["breaking  createThing  body.name: maxLength lowered from 50 to 40"])
    }

    @Test func mapValuesAreCompared() throws {
        let old = DiffFixture.operation(request: "{type: object, additionalProperties: {type: string}}")
        let new = DiffFixture.operation(request: "{type: object, additionalProperties: {type: string, maxLength: 3}}")
        #expect(try DiffFixture.lines(old, new) == ["breaking  createThing  body.*: maxLength 3 added"])
    }

    @Test func aRemovedOneOfAlternativeIsBreakingInARequest() throws {
        let two = DiffFixture.operation(
            request: "{oneOf: [{$ref: '#/components/schemas/A'}, {$ref: '#/components/schemas/B'}]}",
            schemas:
                "    A: {type: object, properties: {a: {type: string}}}\n    B: {type: object, properties: {b: {type: string}}}\n"
        )
        let one = two.replacing(", {$ref: '#/components/schemas/B'}", with: "")
        #expect(try DiffFixture.lines(two, one) == ["breaking  createThing  body: oneOf alternatives went from 2 to 1"])
        #expect(
            try DiffFixture.lines(one, two) == ["compatible  createThing  body: oneOf alternatives went from 1 to 2"])
    }

    @Test func changesPrintInOperationThenFieldOrder() throws {
        let old = DiffFixture.document(
            paths: """
                  /b:
                    post:
                      operationId: bravo
                      requestBody: {content: {application/json: {schema: {type: object, properties: {z: {type: string}, a: {type: string}}}}}}
                      responses: {'200': {description: ok}}
                  /a:
                    get: {operationId: alpha, responses: {'200': {description: ok}}}

                """)
        let new = old.replacing(
            "{z: {type: string}, a: {type: string}}", with: "{z: {type: integer}, a: {type: integer}}"
        )
        .replacing("get: {operationId: alpha,", with: "get: {operationId: alpha, deprecated: true,")
        #expect(
            try DiffFixture.lines(old, new) == [
                "compatible  alpha  operation deprecated",
                "breaking  bravo  body.a: type changed from string to integer",
                "breaking  bravo  body.z: type changed from string to integer",
            ])
    }

    /// Unchanged schema pairs are remembered across operations; a changed shared component must still be
    /// reported under every operation that uses it, request and response side alike.
    @Test func aSharedComponentChangeIsReportedForEveryOperationUsingIt() throws {
        let old = DiffFixture.document(
            paths: """
                  /a:
                    post:
                      operationId: alpha
                      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
                      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}}
                  /b:
                    get:
                      operationId: bravo
                      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}}

                """,
            components:
                "  schemas:\n    Thing: {type: object, properties: {s: {type: string, enum: [x, y]}, t: {type: string}}}\n"
        )
        let new = old.replacing("enum: [x, y]", with: "enum: [x, y, z]")
        #expect(
            try DiffFixture.lines(old, new) == [
                "compatible  alpha  body.s: enum value \"z\" added",
                "breaking  alpha  response 200 s: enum value \"z\" added",
                "breaking  bravo  response 200 s: enum value \"z\" added",
            ])
    }
}
