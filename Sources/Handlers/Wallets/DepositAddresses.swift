import ChainKeys
import Generated

/// Hands wallets their deposit addresses (docs/deposit-addresses.md): each wallet takes the next child index of its
/// chain's key (the operator's extended public key, in a ``DepositKeyring``), numbered by the chain's sequence
/// (`chain_key_indexes` holds each key's base), so no two wallets share an address and an address is never one
/// nobody can spend from. Without a key for the chain, choosing the currency is a 503 that says so.
public struct DepositAddresses: Sendable {
    let keyring: DepositKeyring?

    public init(keyring: DepositKeyring?) {
        self.keyring = keyring
    }

    /// Whether wallets in `currency` can be given addresses here.
    public func isConfigured(_ currency: Types.CryptoCurrency) -> Bool {
        keyring?.isConfigured(currency.chain) == true
    }

    /// 503 unless `currency` can be given addresses.
    public func requireConfigured(_ currency: Types.CryptoCurrency) throws(Problem) {
        _ = try key(for: currency)
    }

    /// The keyring and the name of the key that derives `currency`'s addresses; 503 when there is none.
    func key(for currency: Types.CryptoCurrency) throws(Problem) -> (keyring: DepositKeyring, name: String) {
        guard let keyring, let name = keyring.keyName(of: currency.chain) else {
            throw Problem.unavailable(
                "Deposits in \(currency.rawValue) are not configured on this server (\(currency.chain.keyVariable) is "
                    + "unset): choose another currency.")
        }
        return (keyring, name)
    }

    /// A new address for a wallet in `currency`, with the key and index it comes from, taken in `tx`.
    ///
    /// The index is the next number of the chain's sequence less the key's base (m0012): no lock is held past
    /// the call, so wallets of one chain commit side by side, and no number is given twice. A wallet that rolls
    /// back leaves its index unused (docs/agents.md "Deposit addresses").
    func next(for currency: Types.CryptoCurrency, in tx: PostgresTransaction) async throws
        -> (address: String, key: String, index: Int)
    {
        let (keyring, key) = try key(for: currency)
        let chain = currency.chain
        while true {
            let taken = try await index(of: key, on: chain, in: tx)
            guard let index = UInt32(exactly: taken), index < 0x8000_0000 else {
                throw Problem.unavailable(
                    "The \(chain.keyVariable) key has given out all its 2^31 addresses: configure a new key.")
            }
            // BIP32 declares about one index in 2^127 keyless: then take another number.
            if let address = try Self.address(keyring, chain, index) { return (address, key, taken) }
        }
    }

    /// The address at `index`, or nil for an index without a key.
    private static func address(_ keyring: DepositKeyring, _ chain: WalletChain, _ index: UInt32)
        throws(DepositKeyringError) -> String?
    {
        do throws(DepositKeyringError) {
            return try keyring.address(for: chain, index: index)
        } catch where error.reason == .invalidIndex(index) {
            return nil
        }
    }

    /// The next index of `key`. The key's first wallet records the key with the number it takes as the base
    /// (index 0); a first wallet of the same key at the same moment waits for that row, then takes the next.
    private func index(of key: String, on chain: WalletChain, in tx: PostgresTransaction) async throws -> Int {
        let take: PostgresQuery =
            """
            SELECT nextval(\(chain.indexSequence)::regclass) - base AS taken FROM chain_key_indexes
            WHERE chain = \(chain) AND chain_key = \(key)
            """
        if let row = try await tx.query(take).first { return try row.decode(Int.self, "taken") }
        let first = try await tx.query(
            """
            INSERT INTO chain_key_indexes (chain, chain_key, base)
            VALUES (\(chain), \(key), nextval(\(chain.indexSequence)::regclass))
            ON CONFLICT (chain, chain_key) DO NOTHING
            RETURNING 0 AS taken
            """)
        if let row = first.first { return try row.decode(Int.self, "taken") }
        return try await tx.query(take)[0].decode(Int.self, "taken")
    }
}
