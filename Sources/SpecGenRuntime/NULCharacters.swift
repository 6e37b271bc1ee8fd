/// The NUL character (U+0000) in request strings: valid JSON (`"a\u0000b"`), but PostgreSQL text cannot hold
/// it, and libpq would cut a value at it. Every request is checked here once, after its schema, so every
/// operation refuses it the same way: a 422 naming each field that holds one, never a silently shortened value
/// or a 500.
enum NULCharacters {
    /// The message a field holding U+0000 gets.
    static let message = "The field must not contain the NUL character (U+0000)."

    /// Adds a failure at every string (or object key) of `value` that holds U+0000.
    static func check(_ value: JSONValue, at path: FieldPath, into errors: inout ValidationErrors) {
        switch value {
        case .string(let string):
            if string.utf8.contains(0) { errors.add(.custom(message), at: path) }
        case .array(let items):
            for (index, item) in items.enumerated() { check(item, at: path.appending(index: index), into: &errors) }
        case .object(let object):
            for member in object {
                let memberPath = path.appending(member.key)
                if member.key.utf8.contains(0) { errors.add(.custom(message), at: memberPath) }
                check(member.value, at: memberPath, into: &errors)
            }
        case .null, .bool, .number:
            break
        }
    }

    /// Checks the decoded parameters, each under its own name (`dates.from`, `page`).
    static func check(_ parameters: JSONObject, into errors: inout ValidationErrors) {
        for member in parameters { check(member.value, at: FieldPath().appending(member.key), into: &errors) }
    }
}
