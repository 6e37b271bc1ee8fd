import ChainKeys
import Generated

/// Hands wallets their deposit addresses (docs/deposit-addresses.md): each wallet takes the next child index of its
/// chain's key (the operator's extended public key, in a ``DepositKeyring``), counted in `chain_key_indexes` under
/// that row's lock in the transaction that writes the wallet, so no two wallets share an address and an address
/// is never one nobody can spend from. Without a key for the chain, choosing the currency is a 503 that says so.
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
    func next(for currency: Types.CryptoCurrency, in tx: PostgresTransaction) async throws
        -> (address: String, key: String, index: Int)
    {
        let (keyring, key) = try key(for: currency)
        let chain = currency.chain
        try await tx.query(
            "INSERT INTO chain_key_indexes (chain, chain_key) VALUES (\(chain), \(key)) ON CONFLICT DO NOTHING")
        let taken = try await tx.query(
            "SELECT next_index FROM chain_key_indexes WHERE chain = \(chain) AND chain_key = \(key) FOR UPDATE"
        )[0].decode(Int.self, "next_index")
        // BIP32 declares about one index in 2^127 keyless; the keyring skips it and says which index it used.
        let derived = try keyring.firstAddress(for: chain, from: UInt32(taken))
        try await tx.query(
            """
            UPDATE chain_key_indexes SET next_index = \(Int(derived.index) + 1)
            WHERE chain = \(chain) AND chain_key = \(key)
            """)
        return (derived.address, key, Int(derived.index))
    }
}
