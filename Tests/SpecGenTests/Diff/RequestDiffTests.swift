import Testing

@testable import SpecGen

/// What clients send: a change breaks when a request that was valid before is refused now.
@Suite("specgen diff: requests")
struct RequestDiffTests {
    func body(_ schema: String) -> String { DiffFixture.operation(request: schema) }
    func query(_ parameters: String) -> String { DiffFixture.operation(parameters: parameters) }

    @Test func aNewRequiredPropertyIsBreakingAndAnOptionalOneCompatible() throws {
        let old = body("{type: object, properties: {a: {type: string}}}")
        let required = body("{type: object, properties: {a: {type: string}, b: {type: string}}, required: [b]}")
        let optional = body("{type: object, properties: {a: {type: string}, b: {type: string}}}")
        #expect(try DiffFixture.lines(old, required) == ["breaking  createThing  body.b: added, required"])
        #expect(try DiffFixture.lines(old, optional) == ["compatible  createThing  body.b: added, optional"])
    }

    @Test func aPropertyMadeRequiredIsBreakingAndMadeOptionalCompatible() throws {
        let optional = body("{type: object, properties: {a: {type: string}}}")
        let required = body("{type: object, properties: {a: {type: string}}, required: [a]}")
        #expect(try DiffFixture.lines(optional, required) == ["breaking  createThing  body.a: made required"])
        #expect(try DiffFixture.lines(required, optional) == ["compatible  createThing  body.a: made optional"])
    }

    @Test func aNewRequiredParameterIsBreakingAndAnOptionalOneCompatible() throws {
        let none = query("[]")
        let required = query("[{name: page, in: query, required: true, schema: {type: integer}}]")
        let optional = query("[{name: page, in: query, schema: {type: integer}}]")
        #expect(try DiffFixture.lines(none, required) == ["breaking  createThing  query.page: added, required"])
        #expect(try DiffFixture.lines(none, optional) == ["compatible  createThing  query.page: added, optional"])
        #expect(try DiffFixture.lines(optional, required) == ["breaking  createThing  query.page: made required"])
        #expect(try DiffFixture.lines(required, optional) == ["compatible  createThing  query.page: made optional"])
    }

    @Test func parameterRulesAreComparedToo() throws {
        let old = query("[{name: perPage, in: query, schema: {type: integer, maximum: 100}}]")
        let lower = query("[{name: perPage, in: query, schema: {type: integer, maximum: 50}}]")
        #expect(
            try DiffFixture.lines(old, lower) == [
                "breaking  createThing  query.perPage: maximum lowered from 100 to 50"
            ])
        #expect(
            try DiffFixture.lines(lower, old) == [
                "compatible  createThing  query.perPage: maximum raised from 50 to 100"
            ])
    }

    @Test func aParameterWrittenDifferentlyIsBreaking() throws {
        let exploded = query("[{name: tags, in: query, schema: {type: array, items: {type: string}}}]")
        let joined = query("[{name: tags, in: query, explode: false, schema: {type: array, items: {type: string}}}]")
        #expect(
            try DiffFixture.lines(exploded, joined)
                == ["breaking  createThing  query.tags: serialization changed from form, exploded to form"])
    }

    @Test func aChangedTypeIsBreakingAndAWiderOneCompatible() throws {
        let integer = body("{type: object, properties: {n: {type: integer}}}")
        let string = body("{type: object, properties: {n: {type: string}}}")
        let number = body("{type: object, properties: {n: {type: number}}}")
        #expect(
            try DiffFixture.lines(integer, string) == [
                "breaking  createThing  body.n: type changed from integer to string"
            ])
        #expect(
            try DiffFixture.lines(integer, number) == [
                "compatible  createThing  body.n: type changed from integer to number"
            ])
        #expect(
            try DiffFixture.lines(number, integer) == [
                "breaking  createThing  body.n: type changed from number to integer"
            ])
    }

    @Test func nullNoLongerAcceptedIsBreaking() throws {
        let nullable = body("{type: object, properties: {n: {type: [string, 'null']}}}")
        let plain = body("{type: object, properties: {n: {type: string}}}")
        #expect(
            try DiffFixture.lines(nullable, plain) == [
                "breaking  createThing  body.n: type changed from string or null to string"
            ])
        #expect(
            try DiffFixture.lines(plain, nullable) == [
                "compatible  createThing  body.n: type changed from string to string or null"
            ])
    }

    @Test func enumValuesRemovedAreBreakingAndAddedCompatible() throws {
        let three = body("{type: object, properties: {s: {type: string, enum: [a, b, c]}}}")
        let two = body("{type: object, properties: {s: {type: string, enum: [a, b]}}}")
        #expect(try DiffFixture.lines(three, two) == ["breaking  createThing  body.s: enum value \"c\" removed"])
        #expect(try DiffFixture.lines(two, three) == ["compatible  createThing  body.s: enum value \"c\" added"])
    }

    @Test(arguments: [
        ("minimum: 1", "minimum: 5", "minimum raised from 1 to 5"),
        ("maximum: 10", "exclusiveMaximum: 10", "maximum lowered from 10 to 10 (exclusive)"),
        ("maxLength: 20", "maxLength: 10", "maxLength lowered from 20 to 10"),
        ("minLength: 1", "minLength: 2", "minLength raised from 1 to 2"),
        ("pattern: '^a'", "pattern: '^b'", "pattern ^a removed"),
        ("format: date", "format: date-time", "format changed from date to date-time"),
    ])
    func aNarrowedStringOrNumberRuleIsBreaking(before: String, after: String, message: String) throws {
        let type =
            before.contains("Length") || before.contains("pattern") || before.contains("format") ? "string" : "number"
        let old = body("{type: object, properties: {v: {type: \(type), \(before)}}}")
        let new = body("{type: object, properties: {v: {type: \(type), \(after)}}}")
        let lines = try DiffFixture.lines(old, new)
        #expect(lines.contains { $0.hasPrefix("breaking  createThing  body.v: ") })
        #expect(lines.contains { $0.hasSuffix("body.v: " + message) }, "\(lines)")
    }

    @Test func addingALimitIsBreakingAndRemovingItCompatible() throws {
        let free = body("{type: object, properties: {v: {type: string}}}")
        let limited = body("{type: object, properties: {v: {type: string, maxLength: 5, pattern: '^x'}}}")
        #expect(
            try DiffFixture.lines(free, limited) == [
                "breaking  createThing  body.v: maxLength 5 added", "breaking  createThing  body.v: pattern ^x added",
            ])
        #expect(
            try DiffFixture.lines(limited, free) == [
                "compatible  createThing  body.v: maxLength 5 removed",
                "compatible  createThing  body.v: pattern ^x removed",
            ])
    }

    @Test func fewerItemsAllowedIsBreaking() throws {
        let old = body("{type: object, properties: {list: {type: array, maxItems: 10, items: {type: string}}}}")
        let new = body("{type: object, properties: {list: {type: array, maxItems: 3, items: {type: string}}}}")
        #expect(try DiffFixture.lines(old, new) == ["breaking  createThing  body.list: maxItems lowered from 10 to 3"])
    }

    @Test func closingAnObjectIsBreakingAndOpeningItCompatible() throws {
        let open = body("{type: object, additionalProperties: true, properties: {a: {type: string}}}")
        let closed = body("{type: object, additionalProperties: false, properties: {a: {type: string}}}")
        #expect(
            try DiffFixture.lines(open, closed)
                == ["breaking  createThing  body: additionalProperties set to false: unlisted members refused"])
        #expect(
            try DiffFixture.lines(closed, open)
                == ["compatible  createThing  body: additionalProperties no longer false: unlisted members accepted"])
    }

    @Test func aRemovedPropertyBreaksOnlyWhenTheObjectIsClosed() throws {
        let openTwo = body("{type: object, properties: {a: {type: string}, b: {type: string}}}")
        let openOne = body("{type: object, properties: {a: {type: string}}}")
        let closedTwo = body(
            "{type: object, additionalProperties: false, properties: {a: {type: string}, b: {type: string}}}")
        let closedOne = body("{type: object, additionalProperties: false, properties: {a: {type: string}}}")
        #expect(try DiffFixture.lines(openTwo, openOne) == ["compatible  createThing  body.b: removed"])
        #expect(
            try DiffFixture.lines(closedTwo, closedOne)
                == ["breaking  createThing  body.b: removed (the object is closed: sending it is refused)"])
    }

    @Test func aNewRequiredRequestBodyIsBreakingAndAnOptionalOneCompatible() throws {
        let none = DiffFixture.operation(request: nil)
        let required = DiffFixture.operation(request: "{type: object}", requestRequired: true)
        let optional = DiffFixture.operation(request: "{type: object}", requestRequired: false)
        #expect(try DiffFixture.lines(none, required) == ["breaking  createThing  body: request body added, required"])
        #expect(
            try DiffFixture.lines(none, optional) == ["compatible  createThing  body: request body added, optional"])
        #expect(try DiffFixture.lines(optional, required) == ["breaking  createThing  body: made required"])
    }

    @Test func readOnlyPropertiesAreNotRequestFields() throws {
        let old = body("{type: object, properties: {id: {type: integer, readOnly: true}}}")
        let new = body("{type: object, properties: {id: {type: integer, readOnly: true, maximum: 3}}, required: [id]}")
        #expect(try DiffFixture.lines(old, new) == [])
    }

    @Test func openAPI30NullableDroppedIsBreaking() throws {
        let nullable = body("{type: object, properties: {n: {type: string, nullable: true}}}")
            .replacing("openapi: 3.1.0", with: "openapi: 3.0.3")
        let plain = body("{type: object, properties: {n: {type: string}}}")
            .replacing("openapi: 3.1.0", with: "openapi: 3.0.3")
        #expect(
            try DiffFixture.lines(nullable, plain)
                == ["breaking  createThing  body.n: type changed from string or null to string"])
    }

    @Test func headerParametersMatchWhateverTheirCase() throws {
        let upper = query("[{name: X-Key, in: header, required: true, schema: {type: string}}]")
        let lower = query("[{name: x-key, in: header, required: true, schema: {type: string}}]")
        #expect(try DiffFixture.lines(upper, lower) == [])
    }

    @Test func aBodyWithSeveralMediaTypesNamesEach() throws {
        let content = { (maximum: Int) in
            "{application/json: {schema: {type: object, properties: {n: {type: integer, maximum: \(maximum)}}}}, "
                + "multipart/form-data: {schema: {type: object, properties: {n: {type: integer}}}}}"
        }
        let old = DiffFixture.operation(request: nil, extra: "      requestBody: {content: \(content(9))}\n")
        let new = DiffFixture.operation(request: nil, extra: "      requestBody: {content: \(content(5))}\n")
        #expect(
            try DiffFixture.lines(old, new) == [
                "breaking  createThing  body(application/json).n: maximum lowered from 9 to 5"
            ])
        let jsonOnly = DiffFixture.operation(
            request: nil,
            extra:
                "      requestBody: {content: {application/json: {schema: {type: object, properties: {n: {type: integer, maximum: 9}}}}}}\n"
        )
        #expect(
            try DiffFixture.lines(old, jsonOnly) == [
                "breaking  createThing  body(multipart/form-data): media type multipart/form-data removed"
            ])
    }

    @Test func aChangedDefaultIsBreakingForClientsThatOmitTheField() throws {
        let twenty = query("[{name: perPage, in: query, schema: {type: integer, default: 20}}]")
        let ten = query("[{name: perPage, in: query, schema: {type: integer, default: 10}}]")
        let none = query("[{name: perPage, in: query, schema: {type: integer}}]")
        #expect(
            try DiffFixture.lines(twenty, ten) == [
                "breaking  createThing  query.perPage: default changed from 20 to 10"
            ])
        #expect(try DiffFixture.lines(none, ten) == [])
    }
}
