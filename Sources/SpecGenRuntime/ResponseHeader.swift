/// One header an operation answers with, beside its status and body: what a documented response's `headers`
/// become once the handler has given their values.
///
/// Generated `Output` enums list the present ones through ``list(_:)``; the server writes them as they are.
public struct ResponseHeader: Sendable, Hashable, CustomStringConvertible {
    /// The name as the spec writes it, e.g. `Retry-After`.
    public var name: String
    /// The value on the wire, e.g. `60`.
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// The headers whose value is present, in order, each written in OpenAPI's `simple` style (the only style a
    /// header has): strings as they are, numbers as their literal, booleans `true`/`false`, arrays joined by
    /// commas, objects as `key,value,…`. A nil or `null` value is left out.
    ///
    /// ```swift
    /// ResponseHeader.list(["Retry-After": retryAfter?.json])   // [] when retryAfter is nil
    /// ```
    public static func list(_ fields: KeyValuePairs<String, JSONValue?>) -> [ResponseHeader] {
        fields.compactMap { field in
            guard let value = field.value, !value.isNull else { return nil }
            return ResponseHeader(name: field.key, value: simpleStyle(value))
        }
    }

    /// The value of a header described by `content: {application/json: …}`: the JSON text, so ``list(_:)`` writes
    /// `{"page":2}` rather than `page,2`. Nil stays nil (the header is left out).
    ///
    /// ```swift
    /// ResponseHeader.list(["X-Meta": ResponseHeader.jsonText(xMeta?.json)])
    /// ```
    public static func jsonText(_ value: JSONValue?) -> JSONValue? {
        value.map { .string(String(decoding: $0.encoded(), as: UTF8.self)) }
    }

    private static func simpleStyle(_ value: JSONValue) -> String {
        switch value {
        case .null: return ""
        case .bool(let bool): return bool ? "true" : "false"
        case .number(let number): return number.description
        case .string(let string): return string
        case .array(let items): return items.map(simpleStyle).joined(separator: ",")
        case .object(let object): return object.map { $0.key + "," + simpleStyle($0.value) }.joined(separator: ",")
        }
    }

    public var description: String { "\(name): \(value)" }
}
