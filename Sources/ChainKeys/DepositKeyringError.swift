/// What went wrong with a configured key or a derivation, with the variable the operator set: the message is
/// meant for a log line at start-up, and says what to configure instead.
public struct DepositKeyringError: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Equatable, Hashable, Sendable {
        /// The family's variable is unset or empty.
        case notConfigured
        /// The text is not a usable extended public key (bad checksum, private key, unknown version, …).
        case invalidKey(ExtendedKeyError)
        /// A key labelled for another chain family: zpub and vpub are Bitcoin-only.
        case wrongFamily(ExtendedPublicKey.Version)
        /// Neither an account key (depth 3) nor its receiving chain (depth 4, child 0).
        case unsupportedPosition(depth: UInt8, childNumber: UInt32)
        /// A hardened address index (≥ 2³¹): an extended public key cannot derive it.
        case hardenedIndex(UInt32)
        /// BIP32's rare invalid child: no address at this index; the caller takes the next one.
        case invalidIndex(UInt32)
    }

    /// `WALLET_XPUB_BTC` or `WALLET_XPUB_ETH`.
    public let variable: String
    public let family: ChainFamily
    public let reason: Reason

    public init(variable: String, family: ChainFamily, reason: Reason) {
        self.variable = variable
        self.family = family
        self.reason = reason
    }

    public var message: String {
        switch reason {
        case .notConfigured:
            return "\(variable) is not set: no \(family.rawValue) deposit addresses can be derived"
        case .invalidKey(.privateKey(let name)):
            return "\(variable) is a private key (\(name)); configure the account's public key"
                + " and keep the private key off this server"
        case .invalidKey(.unsupportedVersion(let name)):
            return "\(variable) is a \(name); configure the account's \(expectedKinds)"
        case .invalidKey(let error):
            return "\(variable) is not a valid extended public key: \(error)"
        case .wrongFamily(let version):
            return "\(variable): \(version.name) keys are for Bitcoin SegWit; configure an xpub"
        case .unsupportedPosition(let depth, let childNumber):
            let position = depth == 4 ? "depth 4 with child number \(childNumber)" : "depth \(depth)"
            return "\(variable) is a key at \(position); configure the account key \(accountPath) (depth 3)"
                + " or its receiving chain \(accountPath)/0 (depth 4)"
        case .hardenedIndex(let index):
            return "\(variable): address index \(index) is hardened (≥ 2^31); an extended public key derives"
                + " only indices below 2^31"
        case .invalidIndex(let index):
            return "\(variable) has no valid key at address index \(index) (BIP32); use index \(index &+ 1)"
        }
    }

    public var description: String { message }

    /// The account path the family's key is expected at.
    private var accountPath: String {
        switch family {
        case .bitcoin: "m/84'/0'/0'"
        case .ethereum: "m/44'/60'/0'"
        }
    }

    private var expectedKinds: String {
        switch family {
        case .bitcoin: "zpub or xpub (BIP84, native SegWit)"
        case .ethereum: "xpub"
        }
    }
}
