/// One operation parameter as the spec declares it: name, place, style and schema.
///
/// Generated code prints one list per operation:
///
/// ```swift
/// static let listContractsParameters: [ParameterRules] = [
///     .query("page", .integer(minimum: 1)),
///     .query("tags", .array(items: .string(maxLength: 50))),
///     .query("dates", .object(properties: ["from": .string(format: .date), "to": .string(format: .date)]),
///            style: .deepObject),
///     .path("contract", .integer(minimum: 1)),
/// ]
/// ```
public struct ParameterRules: Sendable {
    /// Where a parameter is read from (OpenAPI `in`).
    public enum Location: String, Sendable, Hashable {
        case path, query, header, cookie
    }

    /// How values are serialized (OpenAPI `style`).
    public enum Style: String, Sendable, Hashable {
        /// `tags=a&tags=b` (exploded) or `tags=a,b`; the query and cookie default.
        case form
        /// `a,b,c`; the path and header default.
        case simple
        /// `.a.b` in a path.
        case label
        /// `;tags=a;tags=b` in a path.
        case matrix
        /// `tags=a%20b` in a query.
        case spaceDelimited
        /// `tags=a|b` in a query.
        case pipeDelimited
        /// `dates[from]=…&dates[to]=…` in a query.
        case deepObject
    }

    /// The parameter's name, which is also its error key.
    public let name: String
    /// Where it is read from.
    public let location: Location
    /// Whether it must be present (path parameters always are).
    public let isRequired: Bool
    /// The schema the decoded value must satisfy.
    public let schema: JSONSchemaRules
    /// The serialization style.
    public let style: Style
    /// Whether arrays and objects are exploded into one pair per element.
    public let explode: Bool
    /// The media type of a parameter described by `content` instead of `schema`, e.g. `application/json`: its
    /// text is the value in that media type (JSON is parsed, then validated by ``schema``); nil for a `schema`
    /// parameter, whose text is read by ``style``.
    public let contentType: String?

    /// A parameter with OpenAPI's defaults for style (`form` in query and cookie, `simple` in path and header)
    /// and explode (true only for `form`).
    public init(
        name: String, location: Location, isRequired: Bool = false, schema: JSONSchemaRules, style: Style? = nil,
        explode: Bool? = nil, contentType: String? = nil
    ) {
        self.name = name
        self.location = location
        self.isRequired = location == .path ? true : isRequired
        self.schema = schema
        let style = style ?? (location == .query || location == .cookie ? .form : .simple)
        self.style = style
        self.explode = explode ?? (style == .form)
        self.contentType = contentType
    }

    /// A query parameter.
    public static func query(
        _ name: String, _ schema: JSONSchemaRules, required: Bool = false, style: Style? = nil, explode: Bool? = nil,
        content contentType: String? = nil
    ) -> ParameterRules {
        ParameterRules(
            name: name, location: .query, isRequired: required, schema: schema, style: style, explode: explode,
            contentType: contentType)
    }

    /// A path parameter (always required).
    public static func path(
        _ name: String, _ schema: JSONSchemaRules, style: Style? = nil, explode: Bool? = nil,
        content contentType: String? = nil
    ) -> ParameterRules {
        ParameterRules(
            name: name, location: .path, isRequired: true, schema: schema, style: style, explode: explode,
            contentType: contentType)
    }

    /// A header parameter; the name is matched without regard to case.
    public static func header(
        _ name: String, _ schema: JSONSchemaRules, required: Bool = false, explode: Bool? = nil,
        content contentType: String? = nil
    ) -> ParameterRules {
        ParameterRules(
            name: name, location: .header, isRequired: required, schema: schema, explode: explode,
            contentType: contentType)
    }

    /// A cookie parameter, read from ``ParameterSources/cookies`` or else the `Cookie` header.
    public static func cookie(
        _ name: String, _ schema: JSONSchemaRules, required: Bool = false, explode: Bool? = nil,
        content contentType: String? = nil
    ) -> ParameterRules {
        ParameterRules(
            name: name, location: .cookie, isRequired: required, schema: schema, explode: explode,
            contentType: contentType)
    }
}
