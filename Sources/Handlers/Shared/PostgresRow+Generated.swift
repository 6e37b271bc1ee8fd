import Generated

extension PostgresRow {
    /// A column holding a JSON object built by the statement (`to_jsonb(k)`, `jsonb_build_object(…)`) read as a
    /// generated type, in one call: the statement names the columns as the spec does, so a row becomes the
    /// response type with no mirror struct in between. A row that does not fit the type is a decoding error
    /// (a 500 naming the type), never a crash.
    public func decode<Value: JSONDecodable>(_ type: Value.Type, json column: String) throws -> Value {
        let text = try decode(PostgresJSON.self, column).text
        return try Value(json: JSONParser().parse(text))
    }
}

extension PostgresRows {
    /// Every row's `column` as a generated type (see ``PostgresRow/decode(_:json:)``).
    public func decodeAll<Value: JSONDecodable>(_ type: Value.Type, json column: String) throws -> [Value] {
        try map { try $0.decode(Value.self, json: column) }
    }
}
