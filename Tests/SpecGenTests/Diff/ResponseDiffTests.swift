import Testing

@testable import SpecGen

/// What clients read: a change breaks when a client can now receive something it was never told about, or
/// stops receiving something it relied on.
@Suite("specgen diff: responses")
struct ResponseDiffTests {
    func response(_ schema: String) -> String { DiffFixture.operation(response: schema) }

    @Test func aRemovedResponsePropertyIsBreakingAndANewOneCompatible() throws {
        let two = response("{type: object, properties: {a: {type: string}, b: {type: string}}}")
        let one = response("{type: object, properties: {a: {type: string}}}")
        #expect(try DiffFixture.lines(two, one) == ["breaking  createThing  response 200 b: removed"])
        #expect(try DiffFixture.lines(one, two) == ["compatible  createThing  response 200 b: added, optional"])
    }

    @Test func aRequiredResponsePropertyMadeOptionalIsBreaking() throws {
        let required = response("{type: object, properties: {a: {type: string}}, required: [a]}")
        let optional = response("{type: object, properties: {a: {type: string}}}")
        #expect(try DiffFixture.lines(required, optional) == ["breaking  createThing  response 200 a: made optional"])
        #expect(try DiffFixture.lines(optional, required) == ["compatible  createThing  response 200 a: made required"])
    }

    @Test func aChangedResponseTypeIsBreakingEvenWhenWider() throws {
        let integer = response("{type: object, properties: {n: {type: integer}}}")
        let number = response("{type: object, properties: {n: {type: number}}}")
        #expect(
            try DiffFixture.lines(integer, number) == [
                "breaking  createThing  response 200 n: type changed from integer to number"
            ])
        #expect(
            try DiffFixture.lines(number, integer) == [
                "compatible  createThing  response 200 n: type changed from number to integer"
            ])
    }

    @Test func aResponseFieldThatMayNowBeNullIsBreaking() throws {
        let plain = response("{type: object, properties: {n: {type: string}}}")
        let nullable = response("{type: object, properties: {n: {type: [string, 'null']}}}")
        #expect(
            try DiffFixture.lines(plain, nullable)
                == ["breaking  createThing  response 200 n: type changed from string to string or null"])
    }

    /// A client that switches over the old cases has no branch for a new one (generated Swift enums fail to
    /// decode it), so a new response enum value is breaking, as in oasdiff and openapi-diff.
    @Test func anEnumValueAddedToAResponseIsBreakingAndRemovedCompatible() throws {
        let two = response("{type: object, properties: {s: {type: string, enum: [open, closed]}}}")
        let three = response("{type: object, properties: {s: {type: string, enum: [open, closed, archived]}}}")
        #expect(
            try DiffFixture.lines(two, three) == [
                "breaking  createThing  response 200 s: enum value \"archived\" added"
            ])
        #expect(
            try DiffFixture.lines(three, two) == [
                "compatible  createThing  response 200 s: enum value \"archived\" removed"
            ])
    }

    @Test func aLongerResponseStringIsBreakingAndAShorterOneCompatible() throws {
        let short = response("{type: object, properties: {s: {type: string, maxLength: 10}}}")
        let long = response("{type: object, properties: {s: {type: string, maxLength: 20}}}")
        #expect(
            try DiffFixture.lines(short, long) == [
                "breaking  createThing  response 200 s: maxLength raised from 10 to 20"
            ])
        #expect(
            try DiffFixture.lines(long, short) == [
                "compatible  createThing  response 200 s: maxLength lowered from 20 to 10"
            ])
    }

    @Test func openingAResponseObjectIsCompatible() throws {
        let closed = response("{type: object, additionalProperties: false, properties: {a: {type: string}}}")
        let open = response("{type: object, properties: {a: {type: string}}}")
        #expect(
            try DiffFixture.lines(closed, open)
                == [
                    "compatible  createThing  response 200: additionalProperties no longer false: unlisted members accepted"
                ])
    }

    @Test func writeOnlyPropertiesAreNotResponseFields() throws {
        let old = response("{type: object, properties: {secret: {type: string, writeOnly: true}}}")
        let new = response("{type: object, properties: {}}")
        #expect(try DiffFixture.lines(old, new) == [])
    }

    @Test func aRemovedResponseHeaderIsBreaking() throws {
        let extra =
            "      responses:\n        '200': {description: ok, headers: {X-Rate: {required: true, schema: {type: integer}}}}\n"
        let old = DiffFixture.document(paths: "  /a:\n    get:\n      operationId: a\n" + extra)
        let new = DiffFixture.document(
            paths: "  /a:\n    get:\n      operationId: a\n      responses:\n        '200': {description: ok}\n")
        #expect(try DiffFixture.lines(old, new) == ["breaking  a  response 200 header.X-Rate: removed"])
    }

    @Test func aRemovedResponseMediaTypeIsBreaking() throws {
        let old = DiffFixture.operation()
        let new = old.replacing(
            "'200': {description: ok, content: {application/json: {schema: {type: object}}}}",
            with: "'200': {description: ok}")
        #expect(
            try DiffFixture.lines(old, new) == [
                "breaking  createThing  response 200: media type application/json removed"
            ])
    }
}
