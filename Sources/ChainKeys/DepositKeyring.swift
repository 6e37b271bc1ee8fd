/// The extended public keys the operator configured, one per chain family, and the deposit address of each
/// wallet index under them. The server holds no private key: it can derive where funds go, never move them.
///
/// Paths. The configured key is the wallet's account key, and the address at index i is account/0/i, the
/// external (receiving) chain, as every BIP44-style wallet derives it:
/// - Bitcoin: BIP84's m/84'/0'/0' (testnet m/84'/1'/0'), as a zpub or xpub (vpub or tpub on testnet); the
///   address is P2WPKH (`bc1q…`, `tb1q…`) of m/84'/0'/0'/0/i.
/// - Ethereum: m/44'/60'/0', as an xpub; the address at index i is m/44'/60'/0'/0/i, MetaMask's and Ledger
///   Live's i-th account of the same seed.
/// A key one level deeper, the receiving chain itself (account/0, depth 4), is accepted too, and then the
/// address at index i is its child i: the same addresses. Any other depth is refused, since its addresses
/// would be ones no wallet shows.
public struct DepositKeyring: Sendable {
    public static let bitcoinVariable = "WALLET_XPUB_BTC"
    public static let ethereumVariable = "WALLET_XPUB_ETH"

    /// The receiving chain (account/0) of each configured family; addresses are its children.
    private let bitcoinChain: ExtendedPublicKey?
    private let ethereumChain: ExtendedPublicKey?

    /// Parses the configured keys; nil or blank leaves that family unconfigured. Whitespace around a key (a
    /// trailing newline from a secrets file) is ignored.
    public init(bitcoin: String?, ethereum: String?) throws(DepositKeyringError) {
        bitcoinChain = try Self.receivingChain(bitcoin, family: .bitcoin)
        ethereumChain = try Self.receivingChain(ethereum, family: .ethereum)
    }

    public func isConfigured(_ family: ChainFamily) -> Bool {
        chain(of: family) != nil
    }

    /// The Bitcoin network of the configured Bitcoin key (nil when none is configured).
    public var bitcoinNetwork: BitcoinNetwork? { bitcoinChain?.version.network }

    /// The deposit address of `family` at `index` (below 2³¹). Throws `.notConfigured`, `.hardenedIndex`, or
    /// `.invalidIndex` for BIP32's rare index without a key, after which the caller takes the next index
    /// (or uses ``firstAddress(for:from:)``, which does).
    public func address(for family: ChainFamily, index: UInt32) throws(DepositKeyringError) -> String {
        guard let chain = chain(of: family) else { throw error(family, .notConfigured) }
        let key: ExtendedPublicKey
        do throws(ExtendedKeyError) {
            key = try chain.child(index)
        } catch {
            switch error {
            case .hardenedIndex: throw self.error(family, .hardenedIndex(index))
            case .invalidChild: throw self.error(family, .invalidIndex(index))
            default: throw self.error(family, .invalidKey(error))
            }
        }
        switch family {
        case .bitcoin: return BitcoinAddress.p2wpkh(of: key.publicKey, network: chain.version.network)
        case .ethereum: return EthereumAddress.of(key.publicKey)
        }
    }

    /// The address at `index`, or at the first index after it that has one (BIP32 invalid children are
    /// skipped), with the index used: what to record for the wallet.
    public func firstAddress(
        for family: ChainFamily, from index: UInt32
    ) throws(DepositKeyringError) -> (index: UInt32, address: String) {
        var candidate = index
        while true {
            do throws(DepositKeyringError) {
                return (candidate, try address(for: family, index: candidate))
            } catch  where error.reason == .invalidIndex(candidate) {
                candidate += 1  // past 2³¹ − 1 the next call throws .hardenedIndex
            }
        }
    }

    /// A stable name for the family's configured key: its receiving chain's public key and chain code in hex
    /// (public, as the key is). The same key written as zpub or xpub, as the account or its receiving chain, has
    /// the same name, so wallet indexes count on; another key starts its own. Nil when none is configured.
    public func keyName(of family: ChainFamily) -> String? {
        guard let chain = chain(of: family) else { return nil }
        return (chain.publicKey.compressed + chain.chainCode).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
        }.joined()
    }

    private func chain(of family: ChainFamily) -> ExtendedPublicKey? {
        switch family {
        case .bitcoin: bitcoinChain
        case .ethereum: ethereumChain
        }
    }

    private func error(_ family: ChainFamily, _ reason: DepositKeyringError.Reason) -> DepositKeyringError {
        Self.error(family, reason)
    }

    private static func error(_ family: ChainFamily, _ reason: DepositKeyringError.Reason) -> DepositKeyringError {
        DepositKeyringError(
            variable: family == .bitcoin ? bitcoinVariable : ethereumVariable, family: family, reason: reason)
    }

    /// The configured key's receiving chain: account/0 for an account key, the key itself for a chain key.
    private static func receivingChain(
        _ text: String?, family: ChainFamily
    ) throws(DepositKeyringError) -> ExtendedPublicKey? {
        let trimmed = trimmingWhitespace(text ?? "")
        guard !trimmed.isEmpty else { return nil }
        let key: ExtendedPublicKey
        do throws(ExtendedKeyError) {
            key = try ExtendedPublicKey(trimmed)
        } catch {
            throw Self.error(family, .invalidKey(error))
        }
        if family == .ethereum && key.version.isBitcoinSegWitOnly {
            throw Self.error(family, .wrongFamily(key.version))
        }
        switch (key.depth, key.childNumber) {
        case (3, _):
            do throws(ExtendedKeyError) {
                return try key.child(0)
            } catch {
                throw Self.error(family, .invalidKey(error))
            }
        case (4, 0):
            return key
        default:
            throw Self.error(family, .unsupportedPosition(depth: key.depth, childNumber: key.childNumber))
        }
    }

    private static func trimmingWhitespace(_ text: String) -> String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(text[first...last])
    }
}
