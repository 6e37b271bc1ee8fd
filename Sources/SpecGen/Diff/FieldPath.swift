/// The name of a field as `specgen diff` prints it: `body.schedule.settings.duration`, `query.page`,
/// `response 200 data.items[].email`.
///
/// Properties join with `.`, array items add `[]`, members of a map (`additionalProperties`) add `.*`. A
/// response's fields follow the response they are in, after a space, so `response 200` alone is the whole
/// response and `response 200 data` a property of its body.
struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    /// What the path starts from, printed before it: `response 200`; empty for request fields.
    var prefix: String
    /// The path inside it: `body.schedule`, `data.items[]`; empty for the whole of ``prefix``.
    var path: String

    init(prefix: String = "", _ path: String = "") {
        self.prefix = prefix
        self.path = path
    }

    /// The field `name` of the object here.
    func property(_ name: String) -> FieldPath {
        FieldPath(prefix: prefix, path.isEmpty ? name : path + "." + name)
    }

    /// Every item of the array here.
    var items: FieldPath { FieldPath(prefix: prefix, path + "[]") }

    var description: String {
        if prefix.isEmpty { return path }
        return path.isEmpty ? prefix : prefix + " " + path
    }
}
