import Testing

@testable import Generated
@testable import SpecGenRuntime

@Suite("Decoding a whole operation request")
struct RequestRulesTests {
    let createContract = RequestRules(
        parameters: [.path("kal", .integer(minimum: 1)), .query("notify", .boolean())],
        body: .object(properties: ["title": .string(maxLength: 10), "amount": .string(pattern: "^[0-9]+\\.[0-9]{2}$")], required: ["title"]),
        isBodyRequired: true)

    func rejection(_ rules: RequestRules, path: [String: String] = [:], query: String = "", body: String) -> RequestRejection? {
        do {
            _ = try rules.decode(ParameterSources(path: path, query: QueryString(query)), body: Array(body.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test("Parameters and body are decoded together")
    func decodesBoth() throws {
        let request = try createContract.decode(
            ParameterSources(path: ["kal": "7"], query: "notify=1"), body: Array(#"{"title": "Rent", "amount": "10.00"}"#.utf8))
        #expect(request.parameters == ["kal": 7, "notify": true])
        #expect(request.body?["amount"] == "10.00")
    }

    @Test("Parameter and body failures come back in one 422")
    func oneAnswerForAll() {
        guard case .invalid(let errors) = rejection(createContract, path: ["kal": "0"], query: "notify=maybe", body: #"{"amount": "10"}"#)
        else {
            Issue.record("expected a 422")
            return
        }
        #expect(errors.fields.map(\.key) == ["kal", "notify", "title", "amount"])
        #expect(errors.message == "The kal field must be at least 1. (and 3 more errors)")
    }

    @Test("Malformed JSON is a 400 before anything else")
    func malformedFirst() {
        #expect(rejection(createContract, path: ["kal": "0"], body: "{nope")?.status == 400)
    }

    @Test("A required body that is missing lists the required fields")
    func missingRequiredBody() {
        guard case .invalid(let errors) = rejection(createContract, path: ["kal": "1"], body: "") else {
            Issue.record("expected a 422")
            return
        }
        #expect(errors.fields.map(\.key) == ["title"])
        let arrayBody = RequestRules(body: .array(items: .integer()), isBodyRequired: true)
        guard case .invalid(let arrayErrors) = rejection(arrayBody, body: "") else {
            Issue.record("expected a 422")
            return
        }
        #expect(arrayErrors.messages(for: "body") == ["The request body is required."])
    }

    @Test("An optional body may be left out")
    func optionalBody() throws {
        let rules = RequestRules(body: .object(properties: ["note": .string()]))
        let request = try rules.decode(ParameterSources(), body: [])
        #expect(request.body == nil)
    }
}
