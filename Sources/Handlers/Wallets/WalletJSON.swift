/// How a row of `wallets` (aliased `w`) becomes the spec's `Wallet` in SQL, its balance summed from the ledger
/// (docs/domain.md "Wallet transactions"): confirmed deposits and refunds less confirmed charges, exact, printed
/// without trailing zeros. Every read of a wallet selects these expressions.
enum WalletJSON {
    /// The wallet's balance as numeric.
    static let balance: SQLFragment =
        """
        (SELECT coalesce(sum(CASE WHEN t.type = 'charge' THEN -t.amount ELSE t.amount END), 0)
         FROM wallet_transactions t WHERE t.wallet_id = w.id AND t.status = 'confirmed')
        """

    /// The wallet as the spec's `Wallet`.
    static let sql: SQLFragment =
        "jsonb_build_object('id', w.id, 'currency', w.currency, 'deposit_address', w.deposit_address, 'balance', trim_scale("
        + balance
        + ")::text, 'created_at', w.created_at, 'updated_at', w.updated_at)"

    /// A row of `wallet_transactions` (aliased `t`) as the spec's `WalletTransaction`.
    static let transaction: SQLFragment =
        """
        jsonb_build_object('id', t.id, 'wallet_id', t.wallet_id, 'type', t.type, 'status', t.status,
                           'amount', trim_scale(t.amount)::text, 'currency', t.currency, 'usage_type', t.usage_type,
                           'description', t.description, 'tx_hash', t.tx_hash, 'created_at', t.created_at)
        """
}
