import Foundation

/// How one of the spec's `securitySchemes` carries its credential: what a generated client's
/// `securitySchemes` table says for each scheme name.
public enum ClientSecurityScheme: Sendable, Hashable {
    /// `type: http, scheme: bearer`, and OAuth 2 / OpenID Connect access tokens: `Authorization: Bearer <token>`.
    case bearer
    /// `type: http, scheme: basic`: the credential is `user:password`, sent as `Authorization: Basic <base64>`.
    case basic
    /// Another `type: http` scheme: `Authorization: <scheme> <credential>`.
    case authorization(scheme: String)
    /// `type: apiKey`: the credential as the header, query parameter or cookie `name`.
    case apiKey(name: String, in: ParameterRules.Location)
    /// `type: mutualTLS`: proven by the connection, nothing in the request (the transport's concern).
    case connection
}

/// The secrets a client holds, by security scheme name (`userToken`, `agentKey`): each request carries those its
/// operation's `security` asks for.
///
/// ```swift
/// var client = APIClient(transport: transport, credentials: ["userToken": token])
/// client.credentials["agentKey"] = apiKey
/// ```
public struct ClientCredentials: Sendable, Hashable, ExpressibleByDictionaryLiteral {
    /// The secret for each scheme held.
    public var secrets: [String: String]

    public init(_ secrets: [String: String] = [:]) {
        self.secrets = secrets
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    /// The secret for `scheme`; setting nil forgets it.
    public subscript(scheme: String) -> String? {
        get { secrets[scheme] }
        set { secrets[scheme] = newValue }
    }

    /// The first of `requirements` (an operation's security alternatives, each the schemes sent together) that
    /// names schemes and whose every scheme has a secret here, wherever the spec lists the anonymous alternative
    /// `{}`; nil when there is none, so the request goes without credentials and the server answers as it does to an
    /// anonymous caller (a documented 401, typically). An operation open to anyone (`security: []`) gets no
    /// credentials even when some are held.
    public func satisfying(_ requirements: [[String]]) -> [String]? {
        requirements.first { !$0.isEmpty && $0.allSatisfy { secrets[$0] != nil } }
    }

    /// Adds the credentials of the schemes in `schemes` to `request`, as `table` says each is carried.
    public func apply(_ schemes: [String], table: [String: ClientSecurityScheme], to request: inout ClientRequest) {
        for name in schemes {
            guard let secret = secrets[name], let scheme = table[name] else { continue }
            switch scheme {
            case .bearer:
                request.headers.append(("Authorization", "Bearer " + secret))
            case .basic:
                request.headers.append(("Authorization", "Basic " + Data(secret.utf8).base64EncodedString()))
            case .authorization(let scheme):
                request.headers.append(("Authorization", scheme + " " + secret))
            case .apiKey(let key, .header):
                request.headers.append((key, secret))
            case .apiKey(let key, .query):
                let pair = PercentEncoding.encode(key) + "=" + PercentEncoding.encode(secret)
                request.path += (request.path.contains("?") ? "&" : "?") + pair
            case .apiKey(let key, .cookie):
                let pair = key + "=" + PercentEncoding.encode(secret)
                if let index = request.headers.firstIndex(where: { $0.name.lowercased() == "cookie" }) {
                    request.headers[index].value += "; " + pair
                } else {
                    request.headers.append(("Cookie", pair))
                }
            case .apiKey(_, .path), .connection:
                break
            }
        }
    }
}
