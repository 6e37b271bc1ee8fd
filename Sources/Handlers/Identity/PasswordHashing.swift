import COpenSSL
import Foundation

/// People's optional passwords, stored as PBKDF2-HMAC-SHA256 (OpenSSL) with a random 16-byte salt:
/// `pbkdf2_sha256$<iterations>$<salt>$<hash>` (base64). The iteration count is in each hash, so it can be raised
/// later without breaking old ones. Hashing is deliberately slow (about a fifth of a second here), so it runs off
/// the cooperative thread pool, and the code-check rate limits bound how often anyone can make the server do it.
public struct PasswordHashing: Sendable {
    /// Iterations for new hashes (OWASP's 2021 figure for PBKDF2-HMAC-SHA256).
    public let iterations: Int

    public init(iterations: Int = 310_000) {
        self.iterations = iterations
    }

    /// The stored form of `password`.
    public func hash(_ password: String) async -> String {
        let salt = Secrets.randomBytes(16)
        let derived = await Self.derive(password, salt: salt, iterations: iterations)
        return "pbkdf2_sha256$\(iterations)$\(Data(salt).base64EncodedString())$\(Data(derived).base64EncodedString())"
    }

    /// Whether `password` is the one `stored` was made from; false for a malformed stored value. The comparison
    /// takes the same time wherever the hashes differ.
    public func verify(_ password: String, against stored: String) async -> Bool {
        let parts = stored.split(separator: "$")
        guard parts.count == 4, parts[0] == "pbkdf2_sha256", let iterations = Int(parts[1]), iterations > 0,
            let salt = Data(base64Encoded: String(parts[2])), let expected = Data(base64Encoded: String(parts[3]))
        else { return false }
        let derived = await Self.derive(password, salt: Array(salt), iterations: iterations)
        return Secrets.constantTimeEquals(derived, Array(expected))
    }

    private static func derive(_ password: String, salt: [UInt8], iterations: Int) async -> [UInt8] {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var output = [UInt8](repeating: 0, count: 32)
                let bytes = Array(password.utf8)
                let status = bytes.withUnsafeBufferPointer { passwordBytes in
                    passwordBytes.withMemoryRebound(to: CChar.self) { password in
                        PKCS5_PBKDF2_HMAC(
                            password.baseAddress, Int32(password.count), salt, Int32(salt.count), Int32(iterations),
                            EVP_sha256(), Int32(output.count), &output)
                    }
                }
                precondition(status == 1, "PKCS5_PBKDF2_HMAC failed")
                continuation.resume(returning: output)
            }
        }
    }
}
