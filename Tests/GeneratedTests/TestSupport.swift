@testable import Generated
@testable import SpecGenRuntime

/// Parses JSON text that a test knows to be valid.
func json(_ text: String) -> JSONValue {
    do {
        return try JSONParser().parse(text)
    } catch {
        fatalError("test JSON does not parse: \(error.message)")
    }
}

/// The number for a literal a test knows to be valid.
func number(_ literal: String) -> JSONNumber {
    guard let number = JSONNumber(literal: literal) else { fatalError("not a JSON number: \(literal)") }
    return number
}

/// The errors of a JSON text against a schema, as the 422 body's `errors` member: key → messages.
func errors(_ rules: JSONSchemaRules, _ text: String) -> [String: [String]] {
    var result: [String: [String]] = [:]
    for field in rules.validate(json(text)).fields { result[field.key] = field.messages }
    return result
}

/// The failures of a JSON text against a schema, as (key, failure) pairs in order.
func failures(_ rules: JSONSchemaRules, _ text: String) -> [ValidationIssue] {
    rules.validate(json(text)).issues
}
