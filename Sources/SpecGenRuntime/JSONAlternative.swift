/// How a generated `oneOf`/`anyOf` enum picks its case: the first alternative whose rules the value passes and
/// whose type reads it. The rules decide (a `Card` and a `Wallet` may share fields; only one schema fits), so a
/// value is never read as an alternative the spec would refuse.
///
/// ```swift
/// if let value = JSONAlternative.decode(json, as: Card.self, rules: .reference("Card") { Schemas.card }) {
///     self = .card(value)
///     return
/// }
/// ```
public enum JSONAlternative {
    /// `json` as `T` when it passes `rules`; nil otherwise.
    public static func decode<T: JSONDecodable>(_ json: JSONValue, as type: T.Type, rules: JSONSchemaRules) -> T? {
        guard rules.validate(json).isEmpty else { return nil }
        return try? T(json: json)
    }
}
