import COpenSSL
import Foundation

/// Seals mail bodies for the outbox with AES-256-GCM under a subkey of the server secret. A queued mail carries a
/// one-time code until it is sent (or for good, when no SMTP server is configured); sealed, a copy of the
/// database shows no code in clear. Layout: base64(12-byte nonce ‖ ciphertext ‖ 16-byte tag).
public struct MailSeal: Sendable {
    let key: [UInt8]

    public init(secret: ServerSecret) {
        self.key = secret.subkey("ceki mail outbox")
    }

    private static let nonceLength = 12
    private static let tagLength = 16

    /// The sealed form of `text`.
    public func seal(_ text: String) -> String {
        let nonce = Secrets.randomBytes(Self.nonceLength)
        let plain = Array(text.utf8)
        var cipher = [UInt8](repeating: 0, count: plain.count + 16)
        var tag = [UInt8](repeating: 0, count: Self.tagLength)
        let context = EVP_CIPHER_CTX_new()
        defer { EVP_CIPHER_CTX_free(context) }
        var written: Int32 = 0
        var total = 0
        let ok =
            EVP_EncryptInit_ex(context, EVP_aes_256_gcm(), nil, key, nonce) == 1
            && cipher.withUnsafeMutableBufferPointer { out in
                EVP_EncryptUpdate(context, out.baseAddress, &written, plain, Int32(plain.count)) == 1
            }
        precondition(ok, "AES-256-GCM encryption failed")
        total = Int(written)
        let finished = cipher.withUnsafeMutableBufferPointer { out in
            EVP_EncryptFinal_ex(context, out.baseAddress! + total, &written) == 1
        }
        precondition(finished, "AES-256-GCM encryption failed")
        total += Int(written)
        let tagged = tag.withUnsafeMutableBytes {
            EVP_CIPHER_CTX_ctrl(context, 0x10, Int32(Self.tagLength), $0.baseAddress) == 1
        }
        precondition(tagged, "AES-256-GCM tag failed")
        return Data(nonce + cipher.prefix(total) + tag).base64EncodedString()
    }

    /// The text of a sealed body; `IdentityError.unreadableMail` when it was sealed under another secret or altered.
    public func open(_ sealed: String) throws(IdentityError) -> String {
        guard let data = Data(base64Encoded: sealed), data.count >= Self.nonceLength + Self.tagLength else {
            throw .unreadableMail
        }
        let bytes = Array(data)
        let nonce = Array(bytes[0..<Self.nonceLength])
        let cipher = Array(bytes[Self.nonceLength..<(bytes.count - Self.tagLength)])
        var tag = Array(bytes[(bytes.count - Self.tagLength)...])
        var plain = [UInt8](repeating: 0, count: cipher.count + 16)
        let context = EVP_CIPHER_CTX_new()
        defer { EVP_CIPHER_CTX_free(context) }
        var written: Int32 = 0
        guard EVP_DecryptInit_ex(context, EVP_aes_256_gcm(), nil, key, nonce) == 1,
            plain.withUnsafeMutableBufferPointer({ out in
                EVP_DecryptUpdate(context, out.baseAddress, &written, cipher, Int32(cipher.count)) == 1
            })
        else { throw .unreadableMail }
        let total = Int(written)
        guard
            tag.withUnsafeMutableBytes({
                EVP_CIPHER_CTX_ctrl(context, 0x11, Int32(Self.tagLength), $0.baseAddress) == 1
            }),
            plain.withUnsafeMutableBufferPointer({ out in
                EVP_DecryptFinal_ex(context, out.baseAddress! + total, &written) == 1
            })
        else { throw .unreadableMail }
        return String(decoding: plain.prefix(total + Int(written)), as: UTF8.self)
    }
}
