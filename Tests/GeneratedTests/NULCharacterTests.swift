import Testing

@testable import Generated
@testable import SpecGenRuntime

/// PostgreSQL text cannot hold U+0000 and libpq would cut a value at it: every request string holding one is a
/// 422 on its field, checked once for every operation.
@Suite("NUL characters in requests")
struct NULCharacterTests {
    let rules = RequestRules(
        parameters: [.query("q", .string())],
        body: .object(properties: ["name": .string(), "tags": .array(items: .string())]),
        isBodyRequired: true)

    @Test func everyStringHoldingANULIsNamed() {
        do {
            _ = try rules.decode(
                ParameterSources(path: [:], query: QueryString("q=a%00b")),
                body: Array(#"{"name": "a\u0000b", "tags": ["ok", "x\u0000"], "k\u0000": 1}"#.utf8))
            Issue.record("expected a 422")
        } catch {
            guard case .invalid(let errors) = error else {
                Issue.record("expected a 422, got \(error)")
                return
            }
            #expect(errors.fields.map(\.key) == ["q", "name", "tags.1", "k\u{0}"])
            #expect(errors.fields.first?.messages == [NULCharacters.message])
        }
    }

    @Test func otherControlCharactersPass() throws {
        let request = try rules.decode(
            ParameterSources(path: [:], query: QueryString("q=a%01b")), body: Array(#"{"name": "tab\there"}"#.utf8))
        #expect(request.body?["name"] == "tab\there")
    }
}
