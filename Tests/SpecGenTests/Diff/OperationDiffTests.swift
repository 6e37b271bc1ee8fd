import Testing

@testable import SpecGen

/// Changes to operations as a whole: presence, method, path, operationId, responses, security.
@Suite("specgen diff: operations")
struct OperationDiffTests {
    let two = DiffFixture.document(
        paths: """
              /things:
                get: {operationId: listThings, responses: {'200': {description: ok}, '404': {description: none}}}
              /things/{id}:
                get:
                  operationId: getThing
                  parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
                  responses: {'200': {description: ok}}

            """)

    @Test func aRemovedOperationIsBreaking() throws {
        let one = DiffFixture.document(
            paths:
                "  /things:\n    get: {operationId: listThings, responses: {'200': {description: ok}, '404': {description: none}}}\n"
        )
        #expect(try DiffFixture.lines(two, one) == ["breaking  getThing  operation removed (GET /things/{id})"])
        #expect(try DiffFixture.lines(one, two) == ["compatible  getThing  operation added (GET /things/{id})"])
    }

    @Test func aChangedPathOrMethodOfAnOperationIdIsBreaking() throws {
        let moved = two.replacing("/things/{id}:", with: "/items/{id}:")
        #expect(
            try DiffFixture.lines(two, moved) == ["breaking  getThing  path changed from /things/{id} to /items/{id}"])
        let method = two.replacing(
            "    get:\n      operationId: getThing", with: "    post:\n      operationId: getThing")
        #expect(try DiffFixture.lines(two, method) == ["breaking  getThing  method changed from GET to POST"])
    }

    @Test func renamingAPathParameterIsNotAPathChange() throws {
        let renamed = two.replacing("{id}", with: "{thing}").replacing("name: id", with: "name: thing")
        #expect(
            try DiffFixture.lines(two, renamed) == ["compatible  getThing  path.id: path parameter renamed to thing"])
    }

    @Test func aRenamedOperationIdIsBreakingAndStillCompared() throws {
        let renamed = two.replacing("operationId: getThing", with: "operationId: fetchThing")
            .replacing("{type: integer}", with: "{type: integer, maximum: 10}")
        #expect(
            try DiffFixture.lines(two, renamed) == [
                "breaking  getThing  operationId changed from getThing to fetchThing",
                "breaking  getThing  path.id: maximum 10 added",
            ])
    }

    @Test func operationsWithoutIdAreMatchedByMethodAndPath() throws {
        let old = DiffFixture.document(
            paths:
                "  /a/{x}:\n    get: {parameters: [{name: x, in: path, required: true, schema: {type: string}}], responses: {'200': {description: ok}}}\n"
        )
        let new = old.replacing("'200': {description: ok}", with: "'200': {description: ok}, '404': {description: no}")
        #expect(try DiffFixture.lines(old, new) == ["compatible  GET /a/{x}  response 404: response added"])
    }

    @Test func aRemovedResponseStatusIsBreakingAndANewOneCompatible() throws {
        let fewer = two.replacing(", '404': {description: none}", with: "")
        #expect(try DiffFixture.lines(two, fewer) == ["breaking  listThings  response 404: response removed"])
        #expect(try DiffFixture.lines(fewer, two) == ["compatible  listThings  response 404: response added"])
    }

    @Test func deprecatingIsCompatible() throws {
        let deprecated = two.replacing(
            "get: {operationId: listThings,", with: "get: {operationId: listThings, deprecated: true,")
        #expect(try DiffFixture.lines(two, deprecated) == ["compatible  listThings  operation deprecated"])
    }

    static let schemes =
        "  securitySchemes:\n    token: {type: http, scheme: bearer}\n    key: {type: apiKey, in: header, name: X-Key}\n"

    func secured(_ security: String) -> String {
        DiffFixture.document(
            paths: "  /a:\n    get: {operationId: a, \(security)responses: {'200': {description: ok}}}\n",
            components: Self.schemes)
    }

    @Test func securityAddedToAnOpenOperationIsBreaking() throws {
        #expect(
            try DiffFixture.lines(secured(""), secured("security: [{token: []}], "))
                == ["breaking  a  authentication now required (token)"])
        #expect(
            try DiffFixture.lines(secured("security: [{}], "), secured("security: [{token: []}], "))
                == ["breaking  a  authentication now required (token)"])
        #expect(
            try DiffFixture.lines(secured("security: [{token: []}], "), secured(""))
                == ["compatible  a  authentication no longer required"])
    }

    @Test func anInheritedSecurityCounts() throws {
        let open = secured("")
        let closed = DiffFixture.document(
            paths: "  /a:\n    get: {operationId: a, responses: {'200': {description: ok}}}\n",
            components: Self.schemes,
            security: "security: [{token: []}]")
        #expect(try DiffFixture.lines(open, closed) == ["breaking  a  authentication now required (token)"])
    }

    @Test func aSecurityAlternativeRemovedIsBreakingAndAddedCompatible() throws {
        let one = secured("security: [{token: []}], ")
        let both = secured("security: [{token: []}, {key: []}], ")
        #expect(try DiffFixture.lines(both, one) == ["breaking  a  security key no longer accepted"])
        #expect(try DiffFixture.lines(one, both) == ["compatible  a  security key now also accepted"])
    }

    @Test func aSchemeThatChangesWhatClientsSendIsBreaking() throws {
        let old = secured("security: [{key: []}], ")
        let new = old.replacing("name: X-Key", with: "name: X-Api-Key")
        #expect(
            try DiffFixture.lines(old, new) == [
                "breaking  a  security scheme key changed from apiKey X-Key in header to apiKey X-Api-Key in header"
            ])
        let bearer = secured("security: [{token: []}], ")
        let documented = bearer.replacing(
            "{type: http, scheme: bearer}", with: "{type: http, scheme: Bearer, bearerFormat: JWT}")
        #expect(try DiffFixture.lines(bearer, documented) == [])
        let basic = bearer.replacing("{type: http, scheme: bearer}", with: "{type: http, scheme: basic}")
        #expect(
            try DiffFixture.lines(bearer, basic) == [
                "breaking  a  security scheme token changed from http bearer to http basic"
            ])
    }
}
