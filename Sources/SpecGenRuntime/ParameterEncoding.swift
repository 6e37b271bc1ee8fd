/// Typed parameter values → the text a request carries, by each parameter's place, `style` and `explode` (OpenAPI's
/// serialization table): the inverse of ``ParameterDecoding``, which the client runs on the result to check it.
///
/// | style | array `[a, b]` | object `{x: 1, y: 2}` |
/// |---|---|---|
/// | query `form`, exploded (default) | `id=a&id=b` | `x=1&y=2` |
/// | query `form`, not exploded | `id=a,b` | `id=x,1,y,2` |
/// | query `spaceDelimited` / `pipeDelimited` | `id=a%20b` / `id=a%7Cb` | |
/// | query `deepObject` | `id[0]=a&id[1]=b` | `id[x]=1&id[y]=2` |
/// | path `simple` (default) | `a,b` | `x,1,y,2` (`x=1,y=2` exploded) |
/// | path `label` | `.a,b` (`.a.b` exploded) | `.x,1,y,2` (`.x=1.y=2` exploded) |
/// | path `matrix` | `;id=a,b` (`;id=a;id=b` exploded) | `;id=x,1,y,2` (`;x=1;y=2` exploded) |
/// | header (`simple`) | `a,b` | `x,1,y,2` (`x=1,y=2` exploded) |
/// | cookie (`form`) | `id=a,b` | `id=x,1,y,2` |
///
/// Scalars are their text: a string as it is, a number as its literal, `true`/`false`, `null` as nothing. A
/// parameter described by `content` is its media type's text (JSON as compact JSON), never split. Path, query and
/// cookie text is percent-encoded item by item (``PercentEncoding``), separators left as they are; header text is
/// sent as it is.
public enum ParameterEncoding {
    /// The percent-encoded `name=value` pairs of a query parameter, in order (no `&`).
    public static func query(_ parameter: ParameterRules, _ value: JSONValue) -> [String] {
        let name = PercentEncoding.encode(parameter.name)
        if let contentType = parameter.contentType {
            return [name + "=" + PercentEncoding.encode(contentText(value, contentType: contentType))]
        }
        switch (parameter.style, value) {
        case (.deepObject, .object), (.deepObject, .array):
            return deepObjectPairs(parameter.name, value)
        case (.spaceDelimited, .array(let items)):
            return [name + "=" + items.map { PercentEncoding.encode(text($0)) }.joined(separator: "%20")]
        case (.pipeDelimited, .array(let items)):
            return [name + "=" + items.map { PercentEncoding.encode(text($0)) }.joined(separator: "%7C")]
        case (_, .array(let items)) where parameter.explode:
            return items.map { name + "=" + PercentEncoding.encode(text($0)) }
        case (_, .object(let object)) where parameter.explode:
            return object.map { PercentEncoding.encode($0.key) + "=" + PercentEncoding.encode(text($0.value)) }
        default:
            return [name + "=" + delimited(value, encoded: true, separator: ",", exploded: false)]
        }
    }

    /// The percent-encoded text of a path parameter, which replaces `{name}` in the path template.
    public static func path(_ parameter: ParameterRules, _ value: JSONValue) -> String {
        if let contentType = parameter.contentType {
            return PercentEncoding.encode(contentText(value, contentType: contentType))
        }
        let explode = parameter.explode
        switch parameter.style {
        case .label:
            return "." + delimited(value, encoded: true, separator: explode ? "." : ",", exploded: explode)
        case .matrix:
            let prefix = ";" + PercentEncoding.encode(parameter.name) + "="
            switch value {
            case .array(let items) where explode:
                return items.map { prefix + PercentEncoding.encode(text($0)) }.joined()
            case .object(let object) where explode:
                return object.map {
                    ";" + PercentEncoding.encode($0.key) + "=" + PercentEncoding.encode(text($0.value))
                }
                .joined()
            default:
                return prefix + delimited(value, encoded: true, separator: ",", exploded: false)
            }
        default:
            return delimited(value, encoded: true, separator: ",", exploded: explode)
        }
    }

    /// The value of a header parameter, in `simple` style, not percent-encoded.
    public static func header(_ parameter: ParameterRules, _ value: JSONValue) -> String {
        if let contentType = parameter.contentType { return contentText(value, contentType: contentType) }
        return delimited(value, encoded: false, separator: ",", exploded: parameter.explode)
    }

    /// The `name=value` pair of a cookie parameter, its value percent-encoded item by item (form style, whose
    /// arrays and objects the server splits at commas).
    public static func cookie(_ parameter: ParameterRules, _ value: JSONValue) -> String {
        if let contentType = parameter.contentType {
            return parameter.name + "=" + PercentEncoding.encode(contentText(value, contentType: contentType))
        }
        return parameter.name + "=" + delimited(value, encoded: true, separator: ",", exploded: false)
    }

    // MARK: Text

    /// A scalar's text: a string as it is, a number's literal, `true`/`false`, nothing for `null`; an array or
    /// object inside a scalar's place as compact JSON.
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .bool(let bool): bool ? "true" : "false"
        case .number(let number): number.literal
        case .string(let string): string
        case .array, .object: value.jsonText
        }
    }

    /// The text of a `content` parameter: compact JSON for a JSON media type, a string's own text otherwise.
    static func contentText(_ value: JSONValue, contentType: String) -> String {
        if !MediaTypeHeader(contentType).isJSON, case .string(let string) = value { return string }
        return value.jsonText
    }

    /// Items joined by `separator`, members as `key,value` pairs (`key=value` when exploded).
    private static func delimited(_ value: JSONValue, encoded: Bool, separator: String, exploded: Bool) -> String {
        func item(_ text: String) -> String { encoded ? PercentEncoding.encode(text) : text }
        switch value {
        case .array(let items):
            return items.map { item(text($0)) }.joined(separator: separator)
        case .object(let object):
            if exploded { return object.map { item($0.key) + "=" + item(text($0.value)) }.joined(separator: separator) }
            return object.map { item($0.key) + "," + item(text($0.value)) }.joined(separator: separator)
        default:
            return item(text(value))
        }
    }

    /// `name[key]=…` for every leaf, nested objects and arrays by bracket (`links[0][url]=…`), which is how the
    /// server reads `deepObject`.
    private static func deepObjectPairs(_ prefix: String, _ value: JSONValue) -> [String] {
        switch value {
        case .object(let object):
            return object.flatMap { deepObjectPairs(prefix + "[" + $0.key + "]", $0.value) }
        case .array(let items):
            return items.enumerated().flatMap { deepObjectPairs(prefix + "[\($0.offset)]", $0.element) }
        default:
            return [PercentEncoding.encode(prefix) + "=" + PercentEncoding.encode(text(value))]
        }
    }
}
