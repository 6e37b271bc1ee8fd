/// A `securitySchemes` entry: how a client proves who it is.
struct SecurityScheme: Sendable {
    /// The kind of scheme and its settings.
    enum Kind: Sendable, Hashable {
        /// `type: http`, e.g. scheme `bearer` with `bearerFormat: JWT`.
        case http(scheme: String, bearerFormat: String?)
        /// `type: apiKey` sent as `name` in a header, query parameter or cookie.
        case apiKey(name: String, location: ParameterLocation)
        /// `type: oauth2` (flows are not modelled).
        case oauth2
        /// `type: openIdConnect`.
        case openIDConnect(url: String)
        /// `type: mutualTLS` (3.1).
        case mutualTLS
    }

    /// The scheme.
    var kind: Kind
    /// The `description`.
    var description: String?
    /// Where the scheme is.
    var source: SpecLocation
}

/// One alternative of a `security` list: every named scheme must be satisfied. `{}` (no schemes) makes
/// authentication optional.
struct SecurityRequirement: Sendable, Hashable {
    /// One scheme the requirement names, with its scopes.
    struct Entry: Sendable, Hashable {
        /// The `securitySchemes` key.
        var scheme: String
        /// Required scopes (OAuth2/OpenID) or roles.
        var scopes: [String]
    }

    /// The schemes, in document order.
    var entries: [Entry]
    /// Where the requirement is.
    var source: SpecLocation

    /// Whether it is `{}`, the "anonymous allowed" alternative.
    var isAnonymous: Bool { entries.isEmpty }
}
