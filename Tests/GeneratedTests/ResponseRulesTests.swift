import Testing

@testable import Generated
@testable import SpecGenRuntime

/// `ResponseRules.check`: the runtime half of "every response a test receives matches its documented one".
/// The first suite runs on rules written by hand (ranges, `default`, media types, required headers: what
/// spec/openapi.yaml does not use); the second on the project's own generated rules.
@Suite("Response rules")
struct ResponseRulesTests {
    static let error: JSONSchemaRules = .object(
        properties: ["message": .string()], required: ["message"], additionalProperties: .never)

    static let rules = ResponseRules([
        .code(200, json: .object(properties: ["id": .integer(minimum: 1)], required: ["id"])),
        .code(204),
        .code(
            429, json: error,
            headers: [.header("Retry-After", .integer(minimum: 0), required: true), .header("X-Note", .string())]),
        .code(203, content: ["text/calendar"]),
        .range(4, json: error, content: ["application/problem+json"]),
        .default(json: .any, content: ["application/json", "text/*"]),
    ])

    static func check(_ status: Int, _ headers: [String: String] = [:], _ body: String) -> [String] {
        rules.check(status: status, headers: headers, body: Array(body.utf8)).map(\.description)
    }

    static let jsonHeaders = ["Content-Type": "application/json"]

    @Test func aConformingResponseHasNoMismatch() {
        #expect(Self.check(200, Self.jsonHeaders, #"{"id": 7, "extra": true}"#) == [])
        #expect(Self.check(204, [:], "") == [])
        #expect(Self.check(429, ["retry-after": "30"], #"{"message": "Slow down."}"#).contains { $0.contains("Content-Type") })
        #expect(Self.check(429, ["retry-after": "30", "content-type": "application/json; charset=utf-8"], #"{"message": "Slow down."}"#) == [])
        #expect(Self.rules.check(status: 200, body: ["id": 1]) == [])
    }

    @Test func theBodyIsValidatedWithFieldPaths() {
        #expect(Self.check(200, Self.jsonHeaders, #"{"id": 0}"#) == ["body id: The id field must be at least 1."])
        #expect(Self.check(200, Self.jsonHeaders, "{}") == ["body id: The id field is required."])
        #expect(Self.rules.check(status: 200, body: ["name": "x"]) == [.invalidBody(ValidationIssue(path: "id", failure: .required))])
        #expect(Self.check(200, Self.jsonHeaders, "[]") == ["body: The response body must be an object."])
    }

    @Test func anExactCodeWinsOverItsRangeAndTheRangeOverDefault() {
        #expect(Self.rules.response(for: 429)?.status == .code(429))
        #expect(Self.rules.response(for: 404)?.status == .range(4))
        #expect(Self.rules.response(for: 500)?.status == .default)
        #expect(Self.check(404, ["Content-Type": "application/problem+json"], #"{"message": "No.", "code": 4}"#) == [
            "body code: The code field is prohibited."
        ])
        #expect(Self.check(500, ["Content-Type": "text/plain"], "oops") == [])
    }

    @Test func aStatusNoResponseCoversIsUndocumented() {
        let rules = ResponseRules([.code(201, json: .any), .code(422, json: .any)])
        #expect(rules.check(status: 418, headers: [:], body: []) == [.undocumentedStatus(418, documented: ["201", "422"])])
        #expect(rules.check(status: 418, body: nil).map(\.description) == ["status 418 is not documented (documented: 201, 422)"])
        #expect(rules.check(status: 201, body: [:]) == [])
    }

    @Test func requiredHeadersMustBePresentAndEveryHeaderMustFitItsSchema() {
        let body = #"{"message": "Slow down."}"#
        #expect(Self.check(429, Self.jsonHeaders, body) == ["header Retry-After is required and missing"])
        #expect(Self.check(429, ["Content-Type": "application/json", "RETRY-AFTER": "soon"], body) == [
            #"header Retry-After "soon": The retry-after field must be an integer."#
        ])
        #expect(Self.check(429, ["Content-Type": "application/json", "Retry-After": "-1"], body) == [
            #"header Retry-After "-1": The retry-after field must be at least 0."#
        ])
        #expect(Self.check(429, ["Content-Type": "application/json", "Retry-After": "0", "X-Request-Id": "abc"], body) == [])
    }

    @Test func bodiesMustBePresentExactlyWhenDocumented() {
        #expect(Self.check(200, Self.jsonHeaders, "") == ["body missing: application/json is documented"])
        #expect(Self.check(204, Self.jsonHeaders, "{}") == ["body present, and none is documented for this status"])
        #expect(Self.rules.check(status: 204, body: .null) == [.unexpectedBody])
        #expect(Self.rules.check(status: 200, body: nil) == [.missingBody(contentTypes: ["application/json"])])
    }

    @Test func aBodyMustHaveADocumentedMediaTypeAndJSONMustParse() {
        #expect(Self.check(200, ["Content-Type": "text/html"], "<p>hi</p>") == [
            "Content-Type text/html is not documented (documented: application/json)"
        ])
        #expect(Self.check(200, [:], #"{"id": 1}"#) == ["body has no Content-Type (documented: application/json)"])
        #expect(Self.check(200, Self.jsonHeaders, #"{"id": "#).first?.hasPrefix("body is not valid JSON: ") == true)
        // A documented non-JSON body is checked for presence alone.
        #expect(Self.check(203, ["Content-Type": "text/calendar; charset=utf-8"], "BEGIN:VCALENDAR") == [])
        #expect(Self.rules.check(status: 203, body: ["id": 1]).map(\.description) == [
            "Content-Type application/json is not documented (documented: text/calendar)"
        ])
        #expect(ResponseMediaType.matches("text/*", "text/plain") && !ResponseMediaType.matches("text/*", "textual/x"))
    }
}

/// The rules generated from spec/openapi.yaml: what the server's HTTP tests check every answer against.
@Suite("Generated response rules")
struct GeneratedResponseRulesTests {
    static let kal = #"""
        {"id": 1, "user_id": 2, "type_id": 1, "status_id": 200, "label": "Consultations", "description": null,
         "slug": "consultations", "icon": null, "timezone": "Europe/Berlin", "private": false, "settings": {},
         "files": [], "external_id": null, "owner_type": "User", "created_at": "2024-05-01T12:30:00Z",
         "updated_at": "2024-05-01T12:30:00Z", "deleted_at": null}
        """#

    static let jsonHeaders = ["Content-Type": "application/json"]

    @Test func createKalAnswersItsDocumentedKal() {
        let rules = OperationID.createKal.responses
        #expect(rules.check(status: 201, headers: Self.jsonHeaders, body: Array(Self.kal.utf8)) == [])
        var kal = json(Self.kal).objectValue!
        kal["id"] = nil
        let mismatches = rules.check(status: 201, body: .object(kal))
        #expect(mismatches == [.invalidBody(ValidationIssue(path: "id", failure: .required))])
        #expect(mismatches.map(\.description) == ["body id: The id field is required."])
        kal["id"] = 1
        kal["label"] = 5
        #expect(rules.check(status: 201, body: .object(kal)).map(\.description) == ["body label: The label field must be a string."])
    }

    @Test func aStatusCreateKalDoesNotDocumentIsAMismatch() {
        let mismatches = OperationID.createKal.responses.check(status: 418, headers: Self.jsonHeaders, body: Array("{}".utf8))
        #expect(mismatches.count == 1)
        guard case .undocumentedStatus(418, let documented) = mismatches.first else {
            Issue.record("418 is not reported as undocumented: \(mismatches)")
            return
        }
        #expect(documented.contains("201") && documented.contains("422"))
        // The 501 every operation not built yet answers is no documented response either.
        #expect(!OperationID.createKal.responses.check(status: 501, body: ["message": "Not implemented"]).isEmpty)
    }

    @Test func theLookupByIdIsTheOperationsOwnRules() {
        #expect(
            OperationID.createKal.responses.responses.map(\.status)
                == Operations.CreateKal.responses.responses.map(\.status))
        for id in OperationID.allCases {
            #expect(!id.responses.responses.isEmpty, "\(id) documents no response")
        }
    }

    @Test func retryAfterOnA429IsCheckedByItsSchema() throws {
        let rules = OperationID.registerAgent.responses
        let response = try #require(rules.response(for: 429))
        let header = try #require(response.headers.first { $0.name == "Retry-After" })
        let body = Array(#"{"message": "Too Many Attempts."}"#.utf8)
        // spec/openapi.yaml requires Retry-After on every 429: its absence is a mismatch.
        #expect(header.isRequired)
        #expect(
            rules.check(status: 429, headers: Self.jsonHeaders, body: body).map(\.description)
                == ["header Retry-After is required and missing"])
        #expect(rules.check(status: 429, headers: ["Content-Type": "application/json", "Retry-After": "60"], body: body) == [])
        #expect(
            rules.check(status: 429, headers: ["Content-Type": "application/json", "Retry-After": "soon"], body: body)
                .map(\.description) == [#"header Retry-After "soon": The retry-after field must be an integer."#])
        #expect(
            rules.check(status: 429, headers: ["Content-Type": "application/json", "retry-after": "-5"], body: body)
                .map(\.description) == [#"header Retry-After "-5": The retry-after field must be at least 0."#])
    }

    @Test func anErrorBodyWithAnExtraMemberFails() {
        let mismatches = OperationID.createKal.responses.check(
            status: 401, body: ["message": "Unauthenticated.", "code": 401])
        #expect(mismatches.map(\.description) == ["body code: The code field is prohibited."])
        #expect(OperationID.createKal.responses.check(status: 401, body: ["message": "Unauthenticated."]) == [])
    }
}
