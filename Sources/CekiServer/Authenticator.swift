import Generated
import Handlers

/// Finds who is calling from the `Authorization` header, for the security the operation table gives each
/// operation. A missing or malformed header on an operation that needs credentials is 401; so is a
/// well-formed credential that `verify` does not accept.
struct Authenticator: Sendable {
    /// Checks a bearer credential for one security scheme (`userToken`, `agentKey`); nil when it is not a live
    /// credential of that scheme.
    var verify: @Sendable (_ scheme: String, _ credential: String) async throws -> Principal?

    /// Accepts no credential at all (tests of the 401 paths).
    static let rejectingEverything = Authenticator { _, _ in nil }

    /// The real checks: `userToken` accepts only a live user token, `agentKey` only a live key of an agent that
    /// is not stopped. A suspended or banned agent's key throws its `IdentityError` (403 naming which) instead
    /// of passing as anonymous.
    static func identity(users: UserAccess, agents: AgentAccess) -> Authenticator {
        Authenticator { scheme, credential in
            do {
                switch scheme {
                case "userToken":
                    let user = try await users.authenticate(token: credential)
                    return Principal(scheme: scheme, id: Int64(user.userID), credential: Int64(user.tokenID))
                case "agentKey":
                    let agent = try await agents.authenticate(apiKey: credential)
                    return Principal(scheme: scheme, id: Int64(agent.agentID))
                default:
                    return nil
                }
            } catch IdentityError.unauthenticated {
                return nil
            }
        }
    }

    /// The caller for `security`, nil for an anonymous caller where that is allowed. No usable credentials where
    /// they are required, or credentials that prove nothing, throw ``Problem/unauthenticated`` (401).
    func principal(for security: OperationSecurity, authorization: String?) async throws -> Principal? {
        switch security {
        case .none:
            return nil
        case .required(let schemes):
            guard let credential = Self.bearerCredential(authorization) else { throw Problem.unauthenticated }
            return try await firstAccepting(schemes, credential)
        case .optional(let schemes):
            guard let authorization, !authorization.isEmpty else { return nil }
            // A caller who presents credentials means to be someone: bad ones are refused, not ignored.
            guard let credential = Self.bearerCredential(authorization) else { throw Problem.unauthenticated }
            return try await firstAccepting(schemes, credential)
        }
    }

    private func firstAccepting(_ schemes: [String], _ credential: String) async throws -> Principal {
        for scheme in schemes {
            if let principal = try await verify(scheme, credential) { return principal }
        }
        throw Problem.unauthenticated
    }

    /// The credential of `Bearer <credential>` (scheme case-insensitive, one token of visible ASCII); nil for
    /// anything else.
    static func bearerCredential(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let credential = parts[1]
        guard credential.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        return String(credential)
    }
}
