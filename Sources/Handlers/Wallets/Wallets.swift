import ChainKeys
import Foundation
import Generated

/// The AgentWallet tag beneath HTTP: an agent's wallets with their balances, a wallet per currency with its
/// deposit address, the ledger, and the month's usage. Balances are sums of the ledger in numeric, never stored
/// and never floats (docs/domain.md "Wallet transactions").
public struct Wallets: Sendable {
    let pool: PostgresPool
    let addresses: DepositAddresses
    let configuration: BillingConfiguration

    public init(pool: PostgresPool, addresses: DepositAddresses, configuration: BillingConfiguration) {
        self.pool = pool
        self.addresses = addresses
        self.configuration = configuration
    }

    /// Every wallet of the agent, oldest first, and their total in US dollars (wallets in a currency without a
    /// configured rate count nothing).
    public func balances(of agent: Int) async throws -> Types.WalletBalances {
        let rated = configuration.ratedCurrencies
        let row = try await pool.query(
            """
            SELECT coalesce(jsonb_agg(\(WalletJSON.sql) ORDER BY w.id), '[]'::jsonb) AS wallets,
                   trim_scale(coalesce(sum(\(WalletJSON.balance) * r.rate), 0))::text AS total
            FROM wallets w
            LEFT JOIN unnest(\(rated.map(\.currency.rawValue))::text[], \(rated.map(\.rate))::numeric[]) AS r(currency, rate)
                 ON r.currency = w.currency
            WHERE w.agent_id = \(agent)
            """)[0]
        return Types.WalletBalances(
            wallets: try row.decode([Types.Wallet].self, json: "wallets"), total: try row.decode(String.self, "total"))
    }

    /// The agent's wallet in `currency` and its deposit address: the existing one, an old wallet given its first
    /// real address, or a new wallet. The agent's row is locked first, so concurrent requests for one currency
    /// make one wallet with one address. 503 when the currency's chain has no key here.
    public func select(_ currency: Types.CryptoCurrency, for agent: Int) async throws -> Types.WalletDepositAddress {
        try addresses.requireConfigured(currency)
        let made = try await pool.transaction { tx in
            _ = try await tx.query("SELECT 1 FROM agents WHERE id = \(agent) FOR UPDATE")
            return try await self.wallet(in: currency, of: agent, in: tx)
        }
        guard let address = made.depositAddress else {
            throw Problem.unavailable("No deposit address could be given; try again.")
        }
        return Types.WalletDepositAddress(
            wallet: made, depositAddress: address, currency: currency,
            minDeposit: configuration.minimumDeposit(of: currency))
    }

    /// The agent's wallet in `currency` with a real address, made or completed in `tx` (which holds the agent's
    /// row): `select` comes here.
    func wallet(in currency: Types.CryptoCurrency, of agent: Int, in tx: PostgresTransaction) async throws
        -> Types.Wallet
    {
        guard
            let existing = try await tx.query(
                "SELECT id, deposit_address FROM wallets WHERE agent_id = \(agent) AND currency = \(currency)"
            ).first
        else { return try await newWallet(in: currency, of: agent, in: tx) }
        let id = try existing.decode(Int.self, "id")
        if try existing.decode(String?.self, "deposit_address") != nil {
            return try await tx.query("SELECT \(WalletJSON.sql) AS wallet FROM wallets w WHERE w.id = \(id)")[0]
                .decode(Types.Wallet.self, json: "wallet")
        }
        let next = try await addresses.next(for: currency, in: tx)
        return try await tx.query(
            """
            UPDATE wallets AS w SET deposit_address = \(next.address), chain_key = \(next.key),
                                    derivation_index = \(next.index), updated_at = now()
            WHERE w.id = \(id)
            RETURNING \(WalletJSON.sql) AS wallet
            """
        )[0].decode(Types.Wallet.self, json: "wallet")
    }

    /// A new wallet in `currency` for an agent that has none in it (a registration's first), made in `tx`.
    func newWallet(in currency: Types.CryptoCurrency, of agent: Int, in tx: PostgresTransaction) async throws
        -> Types.Wallet
    {
        let next = try await addresses.next(for: currency, in: tx)
        return try await tx.query(
            """
            INSERT INTO wallets AS w (agent_id, currency, chain, chain_key, derivation_index, deposit_address)
            VALUES (\(agent), \(currency), \(currency.chain), \(next.key), \(next.index), \(next.address))
            RETURNING \(WalletJSON.sql) AS wallet
            """
        )[0].decode(Types.Wallet.self, json: "wallet")
    }

    /// One page (50) of the agent's ledger, newest first.
    public func transactions(of agent: Int, page: Int?) async throws -> Types.WalletTransactionPage {
        let request = PageRequest(page: page, perPage: 50)
        let total = try await pool.query(
            "SELECT count(*) AS total FROM wallet_transactions WHERE agent_id = \(agent)")[0].decode(Int.self, "total")
        guard let offset = request.offset, offset < total else {
            return try Paginator(request, total: total).page(Types.WalletTransactionPage.self, items: [Types.WalletTransaction]())
        }
        let rows = try await pool.query(
            """
            SELECT \(WalletJSON.transaction) AS item FROM wallet_transactions t
            WHERE t.agent_id = \(agent)
            ORDER BY t.created_at DESC, t.id DESC
            LIMIT \(request.perPage) OFFSET \(offset)
            """)
        let items = try rows.map { try $0.decode(Types.WalletTransaction.self, json: "item") }
        return try Paginator(request, total: total).page(Types.WalletTransactionPage.self, items: items)
    }

    /// The agent's billed calls in `period` ("YYYY-MM", UTC; the current month when nil): one entry per usage
    /// type, also for those not used.
    public func usage(of agent: Int, period: String?, now: Date = Date()) async throws -> Types.WalletUsage {
        let month = try await pool.query(
            """
            SELECT to_char(coalesce(to_date(\(period), 'YYYY-MM'), (\(now)::timestamptz AT TIME ZONE 'UTC')::date), 'YYYY-MM')
                   AS period
            """)[0].decode(String.self, "period")
        let rows = try await pool.query(
            """
            WITH bounds AS (
                SELECT to_date(\(month), 'YYYY-MM')::timestamp AT TIME ZONE 'UTC' AS since,
                       (to_date(\(month), 'YYYY-MM') + interval '1 month') AT TIME ZONE 'UTC' AS until
            )
            SELECT kind AS type, count(u.id) AS count, count(u.id) FILTER (WHERE u.free) AS free,
                   trim_scale(coalesce(sum(u.price_usd) FILTER (WHERE NOT u.free), 0))::text AS cost
            FROM unnest(\(Types.UsageEntry.Type_.allCases.map(\.rawValue))::text[]) WITH ORDINALITY AS k(kind, position)
            CROSS JOIN bounds
            LEFT JOIN agent_usage u ON u.agent_id = \(agent) AND u.usage_type = k.kind
                 AND u.created_at >= bounds.since AND u.created_at < bounds.until
            GROUP BY kind, position ORDER BY position
            """)
        let usage = try rows.map { row in
            let count = try row.decode(Int.self, "count")
            let free = try row.decode(Int.self, "free")
            return Types.UsageEntry(
                type: try row.decode(Types.UsageEntry.Type_.self, "type"), count: count, free: free,
                billed: count - free, cost: try row.decode(String.self, "cost"))
        }
        return Types.WalletUsage(period: month, usage: usage)
    }
}
