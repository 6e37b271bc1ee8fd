/// The server's secret key: what one-time codes are HMAC'ed under and mail bodies are sealed with. It comes from
/// the environment (`APP_SECRET`); every server of one deployment must share it, or a code issued by one server
/// would not verify on another. Each use derives its own subkey, so no two purposes share key material.
public struct ServerSecret: Sendable {
    let key: [UInt8]

    /// A secret from its raw bytes; at least 32 are required so that it is as strong as the HMAC it keys.
    public init(bytes: [UInt8]) throws(IdentityError) {
        guard bytes.count >= 32 else { throw .weakServerSecret }
        self.key = bytes
    }

    /// A secret from configuration text (any string of at least 32 bytes, e.g. 64 hex digits).
    public init(text: String) throws(IdentityError) {
        try self.init(bytes: Array(text.utf8))
    }

    /// A fresh random secret, for tests and for local runs without `APP_SECRET` (codes then die with the process).
    public static func random() -> ServerSecret {
        ServerSecret(unchecked: Secrets.randomBytes(32))
    }

    private init(unchecked key: [UInt8]) {
        self.key = key
    }

    /// The subkey for one purpose: HMAC-SHA256(secret, label).
    func subkey(_ label: String) -> [UInt8] {
        Secrets.hmacSHA256(key: key, message: Array(label.utf8))
    }
}
