import Generated

extension JSONValue {
    /// This object with `changes` set over its members (a test's variant of a request body: `body.merging(["slug":
    /// "taken"])`); a value that is not an object is returned unchanged.
    public func merging(_ changes: JSONObject) -> JSONValue {
        guard var object = objectValue else { return self }
        for member in changes { object[member.key] = member.value }
        return .object(object)
    }
}
