import COpenSSL

/// The hashes BIP32 and Bitcoin addresses need, all from OpenSSL's EVP interface so that no hash is written
/// here twice: SHA-256 (Base58Check's checksum), RIPEMD-160 of SHA-256 (key fingerprints, P2WPKH programs)
/// and HMAC-SHA512 (child key derivation). RIPEMD-160 is in OpenSSL 3.0's default provider since 3.0.7
/// (before, only in the legacy one); fetching it by name fails loudly rather than silently if a build lacks it.
enum Digest {
    static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        digest(bytes, algorithm: "SHA256", length: 32)
    }

    /// SHA-256 applied twice: Base58Check's checksum is its first four bytes.
    static func doubleSHA256(_ bytes: [UInt8]) -> [UInt8] {
        sha256(sha256(bytes))
    }

    static func ripemd160(_ bytes: [UInt8]) -> [UInt8] {
        digest(bytes, algorithm: "RIPEMD160", length: 20)
    }

    /// RIPEMD-160(SHA-256(bytes)): Bitcoin's HASH160, of a compressed public key here.
    static func hash160(_ bytes: [UInt8]) -> [UInt8] {
        ripemd160(sha256(bytes))
    }

    static func hmacSHA512(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let result = key.withUnsafeBufferPointer { keyBuffer in
            message.withUnsafeBufferPointer { messageBuffer in
                HMAC(
                    EVP_sha512(), keyBuffer.baseAddress, Int32(keyBuffer.count), messageBuffer.baseAddress,
                    messageBuffer.count, &output, &length)
            }
        }
        precondition(result != nil && length == 64, "OpenSSL's HMAC-SHA512 failed")
        return Array(output[0..<64])
    }

    /// One-shot digest of a fetched algorithm. Failure means OpenSSL itself is broken or lacks the
    /// algorithm, which no input can cause: a precondition, not an error to handle.
    private static func digest(_ bytes: [UInt8], algorithm: String, length: Int) -> [UInt8] {
        guard let md = EVP_MD_fetch(nil, algorithm, nil) else {
            preconditionFailure("OpenSSL provides no \(algorithm) digest")
        }
        defer { EVP_MD_free(md) }
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var written: UInt32 = 0
        let ok = bytes.withUnsafeBufferPointer { buffer in
            EVP_Digest(buffer.baseAddress, buffer.count, &output, &written, md, nil)
        }
        precondition(ok == 1 && Int(written) == length, "OpenSSL's \(algorithm) digest failed")
        return Array(output[0..<length])
    }
}
