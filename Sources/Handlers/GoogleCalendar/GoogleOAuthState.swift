import Foundation

/// The `state` of an authorization URL and the PKCE verifier that goes with it, both keyed by the server secret,
/// so nothing is stored between the URL and the callback:
///
/// - `state` = `<user>.<kal>.<expires (Unix seconds)>.<nonce>.<signature>`, the signature being
///   base64url(HMAC-SHA256(subkey "ceki google oauth state", everything before it)). Changing any part, or
///   using it after it expires, fails ``verify(_:now:)``.
/// - the verifier = base64url(HMAC-SHA256(subkey "ceki google pkce", the signed part)): 43 characters, secret
///   (only the server can make it), and the same at the callback as when the URL was made. The URL carries only
///   its S256 challenge.
public enum GoogleOAuthState {
    /// What a good state says.
    public struct Claims: Sendable, Equatable {
        public let userID: Int
        public let kalID: Int
    }

    /// Why a state is refused.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case malformed
        case badSignature
        case expired

        public var description: String {
            switch self {
            case .malformed: "The state is not one this server issued."
            case .badSignature: "The state's signature does not match: it was altered or made by another server."
            case .expired: "The state has expired: ask for a new authorization URL."
            }
        }
    }

    struct Keys: Sendable {
        let signing: [UInt8]
        let verifier: [UInt8]

        init(secret: ServerSecret) {
            signing = secret.subkey("ceki google oauth state")
            verifier = secret.subkey("ceki google pkce")
        }
    }

    /// A fresh state for `user` linking from `kal`, good for `lifetime` seconds from `now`.
    static func issue(user: Int, kal: Int, now: Date, lifetime: Int, keys: Keys) -> (state: String, verifier: String) {
        let payload =
            "\(user).\(kal).\(Int(now.timeIntervalSince1970) + lifetime).\(Secrets.hex(Secrets.randomBytes(12)))"
        return (payload + "." + signature(of: payload, keys: keys), verifier(for: payload, keys: keys))
    }

    /// The user and kal of `state` and its verifier, when the server issued it and it has not expired.
    static func verify(_ state: String, now: Date, keys: Keys) throws(Failure) -> (claims: Claims, verifier: String) {
        let parts = state.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 5, let user = Int(parts[0]), let kal = Int(parts[1]), let expires = Int(parts[2]) else {
            throw .malformed
        }
        let payload = parts[0..<4].joined(separator: ".")
        guard Secrets.constantTimeEquals(Array(signature(of: payload, keys: keys).utf8), Array(parts[4].utf8)) else {
            throw .badSignature
        }
        guard Int(now.timeIntervalSince1970) < expires else { throw .expired }
        return (Claims(userID: user, kalID: kal), verifier(for: payload, keys: keys))
    }

    /// The S256 code challenge of a verifier (RFC 7636 §4.2).
    static func challenge(for verifier: String) -> String {
        base64URL(Secrets.sha256(Array(verifier.utf8)))
    }

    private static func signature(of payload: String, keys: Keys) -> String {
        base64URL(Secrets.hmacSHA256(key: keys.signing, message: Array(payload.utf8)))
    }

    private static func verifier(for payload: String, keys: Keys) -> String {
        base64URL(Secrets.hmacSHA256(key: keys.verifier, message: Array(payload.utf8)))
    }

    /// base64url without padding (RFC 4648 §5).
    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
