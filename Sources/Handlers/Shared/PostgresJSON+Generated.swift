import Generated

extension PostgresJSON {
    /// `[]`, what a list column holds when nothing was given.
    public static let emptyArray = PostgresJSON(text: "[]")

    /// The JSON of a generated value (a spec type, an array of them), as a jsonb column stores it.
    public init(_ value: some JSONEncodable) {
        self.init(text: value.json.jsonText)
    }
}
