/// Why a string is not a usable extended public key, or why a child of one cannot be derived. The
/// description is the reason alone ("the checksum does not match"); ``DepositKeyringError`` puts the name of
/// the variable the operator set in front of it.
public enum ExtendedKeyError: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// A character outside Base58's alphabet.
    case notBase58(Character)
    /// The Base58Check checksum does not match: a character was mistyped, dropped or added.
    case checksumMismatch
    /// The decoded bytes are not the 78 of a serialized extended key.
    case wrongLength(Int)
    /// A private extended key (named by its prefix, e.g. `xprv`): never wanted on the server.
    case privateKey(String)
    /// A public extended key of a kind no deposit address is derived from (e.g. `ypub`, nested SegWit).
    case unsupportedVersion(String)
    /// Four version bytes that name no known kind of extended key.
    case unknownVersion(UInt32)
    /// The 33 key bytes are not a compressed point of secp256k1.
    case invalidPublicKey
    /// Depth 0 (a master key) with a parent fingerprint or a child number that is not zero.
    case inconsistentMasterKey
    /// A hardened index (≥ 2³¹): only the private key can derive those.
    case hardenedIndex(UInt32)
    /// BIP32's rare invalid child (IL ≥ n or the point at infinity, probability below 2⁻¹²⁷): the caller
    /// moves on to the next index.
    case invalidChild(UInt32)
    /// The key is at depth 255, the deepest a serialization can say.
    case depthLimit

    public var description: String {
        switch self {
        case .notBase58(let character): "\"\(character)\" is not a Base58 character"
        case .checksumMismatch: "the checksum does not match"
        case .wrongLength(let count): "it decodes to \(count) bytes instead of 78"
        case .privateKey(let name): "it is a private key (\(name))"
        case .unsupportedVersion(let name): "\(name) keys are not supported (only xpub, zpub, tpub and vpub)"
        case .unknownVersion(let version): "unknown version 0x\(hex(version)) (expected xpub, zpub, tpub or vpub)"
        case .invalidPublicKey: "its key is not a compressed public key of secp256k1"
        case .inconsistentMasterKey: "it has depth 0 but a non-zero parent fingerprint or child number"
        case .hardenedIndex(let index): "index \(index) is hardened (≥ 2^31) and needs the private key"
        case .invalidChild(let index): "index \(index) gives no valid child key (BIP32: use the next index)"
        case .depthLimit: "it is at depth 255 and has no children"
        }
    }

    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
