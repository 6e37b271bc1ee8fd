import ChainKeys
import Generated
import Metrics

/// Billed calls (docs/domain.md "Billing"): the agent's row is locked, the work done, the call priced and charged
/// to the first wallet that covers it, all in one transaction, so that a charge is never recorded for work that
/// was rolled back, work is never kept without its charge, and two calls of one agent never spend the same
/// balance. Work that throws (a 422, 403 or 404) rolls back and costs nothing; a call no wallet can pay is a
/// ``PaymentRequired`` and rolls its work back too.
public struct Billing: Sendable {
    let pool: PostgresPool
    public let configuration: BillingConfiguration
    /// Billed calls and 402s per usage type (docs/metrics.md).
    let metrics: BillingMetrics

    public init(
        pool: PostgresPool, configuration: BillingConfiguration, metrics: any MetricsFactory = NOOPMetricsHandler.instance
    ) {
        self.pool = pool
        self.configuration = configuration
        self.metrics = BillingMetrics(factory: metrics)
    }

    /// Runs `work` as one call of `usage` by `agent`, in the transaction that charges for it; with
    /// `requiresVerifiedEmail`, an agent whose email is unverified gets a 403 and nothing is done.
    public func perform<Result: Sendable>(
        _ usage: Types.UsageEntry.Type_, operation: OperationID, by agent: Int, requiresVerifiedEmail: Bool = false,
        _ work: (PostgresTransaction) async throws -> Result
    ) async throws -> Result {
        // Counted once the transaction has settled, so that a retried transaction counts one call.
        let settled: (Result, paid: Bool)
        do {
            settled = try await perform(usage, operation: operation, by: agent, requiresVerifiedEmail: requiresVerifiedEmail, work)
        } catch let refusal as PaymentRequired {
            metrics.paymentRequired(usage)
            throw refusal
        }
        metrics.billed(usage, paid: settled.paid)
        return settled.0
    }

    /// `perform` without the counting: the result, and whether a wallet paid for the call (false: free).
    private func perform<Result: Sendable>(
        _ usage: Types.UsageEntry.Type_, operation: OperationID, by agent: Int, requiresVerifiedEmail: Bool,
        _ work: (PostgresTransaction) async throws -> Result
    ) async throws -> (Result, paid: Bool) {
        try await pool.transaction { tx in
            let row = try await tx.query(
                "SELECT status, email_verified_at IS NOT NULL AS verified FROM agents WHERE id = \(agent) FOR UPDATE"
            ).first
            guard let row else { throw Problem.unauthenticated }
            let status = try row.decode(AgentStatus.self, "status")
            if requiresVerifiedEmail, !(try row.decode(Bool.self, "verified")) {
                throw Problem.forbidden(
                    "Verify this agent's email first (POST /api/agent/verify-email with the code that was mailed): "
                        + "searching and viewing people needs a verified email.")
            }
            let result = try await work(tx)
            let paid = try await charge(usage, operation: operation, agent: agent, status: status, in: tx)
            return (result, paid)
        }
    }

    /// Records the call: free within the allowance, else charged to the first covering wallet, else a 402.
    /// Returns whether a wallet paid (false: the call was free).
    func charge(
        _ usage: Types.UsageEntry.Type_, operation: OperationID, agent: Int, status: AgentStatus,
        in tx: PostgresTransaction
    ) async throws -> Bool {
        if status == .pendingDeposit {
            throw try await paymentRequired(
                agent: agent, dollars: try await activationShortfall(of: agent, in: tx), operation: operation,
                usage: usage, pending: true, in: tx)
        }
        let price = configuration.price(of: usage)
        let free = BillingConfiguration.isZero(price) ? true : try await isFree(usage, agent: agent, in: tx)
        if free {
            try await tx.query(
                "INSERT INTO agent_usage (agent_id, usage_type, free, price_usd) VALUES (\(agent), \(usage), true, 0)")
            return false
        }
        let wallets = try await quotes(agent: agent, dollars: price, in: tx)
        guard let payer = wallets.first(where: \.covers) else {
            throw paymentRequired(
                wallets, dollars: price, operation: operation, usage: usage, pending: false)
        }
        try await tx.query(
            """
            WITH charge AS (
                INSERT INTO wallet_transactions (wallet_id, agent_id, type, status, amount, currency, usd_value,
                                                 usage_type, description)
                VALUES (\(payer.walletID), \(agent), 'charge', 'confirmed', \(payer.price)::numeric, \(payer.currency),
                        \(price)::numeric, \(usage), \(Self.description(operation, usage, payer.price, payer.currency)))
                RETURNING id
            )
            INSERT INTO agent_usage (agent_id, usage_type, free, price_usd, transaction_id)
            SELECT \(agent), \(usage), false, \(price)::numeric, id FROM charge
            """)
        return true
    }

    /// Whether this call falls in the month's free allowance (the first profile views of a calendar month, UTC).
    func isFree(_ usage: Types.UsageEntry.Type_, agent: Int, in tx: PostgresTransaction) async throws -> Bool {
        guard usage == .apiUserView, configuration.freeUserViewsPerMonth > 0 else { return false }
        let used = try await tx.query(
            """
            SELECT count(*) AS used FROM agent_usage
            WHERE agent_id = \(agent) AND usage_type = 'api_user_view'
              AND created_at >= date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
            """)[0].decode(Int.self, "used")
        return used < configuration.freeUserViewsPerMonth
    }

    /// What `agent` still has to deposit (USD) before it is active: the activation amount less the dollar value of
    /// its confirmed deposits.
    func activationShortfall(of agent: Int, in tx: PostgresTransaction) async throws -> String {
        try await tx.query(
            """
            SELECT trim_scale(greatest(\(configuration.activationDollars)::numeric - coalesce(sum(usd_value), 0), 0))::text
                   AS shortfall
            FROM wallet_transactions WHERE agent_id = \(agent) AND type = 'deposit' AND status = 'confirmed'
            """)[0].decode(String.self, "shortfall")
    }

    /// One wallet's side of a price: its balance, the price in its currency (rounded up to its smallest unit, nil
    /// without a dollar rate), whether it covers it.
    struct Quote {
        var walletID: Int
        var currency: Types.CryptoCurrency
        var depositAddress: String?
        var balance: String
        var price: String?
        var smallestUnits: String?
        var covers: Bool
    }

    /// Every wallet of `agent`, in id order, with `dollars` priced in its currency.
    func quotes(agent: Int, dollars: String, in tx: PostgresTransaction) async throws -> [Quote] {
        let rated = configuration.ratedCurrencies
        let rows = try await tx.query(
            """
            SELECT w.id, w.currency, w.deposit_address, trim_scale(b.balance)::text AS balance,
                   trim_scale(p.units / power(10::numeric, r.decimals))::text AS price, p.units::text AS units,
                   coalesce(b.balance >= p.units / power(10::numeric, r.decimals), false) AS covers
            FROM wallets w
            CROSS JOIN LATERAL (SELECT \(WalletJSON.balance) AS balance) b
            LEFT JOIN unnest(\(rated.map(\.currency.rawValue))::text[], \(rated.map(\.rate))::numeric[],
                             \(rated.map(\.currency.decimals))::int[])
                 AS r(currency, rate, decimals) ON r.currency = w.currency
            CROSS JOIN LATERAL (SELECT ceil(\(dollars)::numeric / r.rate * power(10::numeric, r.decimals)) AS units) p
            WHERE w.agent_id = \(agent)
            ORDER BY w.id
            """)
        return try rows.map { row in
            Quote(
                walletID: try row.decode(Int.self, "id"), currency: try row.decode(Types.CryptoCurrency.self, "currency"),
                depositAddress: try row.decode(String?.self, "deposit_address"),
                balance: try row.decode(String.self, "balance"), price: try row.decode(String?.self, "price"),
                smallestUnits: try row.decode(String?.self, "units"), covers: try row.decode(Bool.self, "covers"))
        }
    }

    /// The 402 of a pending agent: what is left of the activation deposit, priced in each wallet.
    func paymentRequired(
        agent: Int, dollars: String, operation: OperationID, usage: Types.UsageEntry.Type_, pending: Bool,
        in tx: PostgresTransaction
    ) async throws -> PaymentRequired {
        paymentRequired(
            try await quotes(agent: agent, dollars: dollars, in: tx), dollars: dollars, operation: operation,
            usage: usage, pending: pending)
    }

    /// The 402 for `wallets`: the first one's price and balance, and one x402 requirement per wallet that can be
    /// funded (an address and a dollar rate).
    func paymentRequired(
        _ wallets: [Quote], dollars: String, operation: OperationID, usage: Types.UsageEntry.Type_, pending: Bool
    ) -> PaymentRequired {
        let first = wallets.first { $0.price != nil } ?? wallets.first
        let currency = first?.currency ?? .usdt
        let price = first?.price ?? dollars
        let balance = first?.balance ?? "0"
        let message =
            pending
            ? "This agent is awaiting its first deposit: deposit \(price) \(currency.rawValue) (~$\(dollars)) to "
                + "\(first?.depositAddress ?? "a wallet's deposit address") to activate it. Nothing was charged."
            : "Insufficient wallet balance: this call costs \(price) \(currency.rawValue) and the balance is "
                + "\(balance) \(currency.rawValue). Deposit funds to continue."
        let accepts = wallets.compactMap { quote -> Types.X402PaymentRequirement? in
            guard let address = quote.depositAddress, let units = quote.smallestUnits, let price = quote.price else {
                return nil
            }
            let network = quote.currency.network(of: address)
            return Types.X402PaymentRequirement(
                scheme: .exact, network: network, asset: quote.currency.asset(on: network), amount: units,
                payTo: address, maxTimeoutSeconds: 3600,
                description: pending
                    ? "Activation deposit: \(price) \(quote.currency.rawValue)"
                    : Self.description(operation, usage, price, quote.currency))
        }
        return PaymentRequired(
            Types.PaymentRequiredError(
                message: message, price: price, balance: balance, currency: currency,
                depositAddress: first?.depositAddress, x402Version: 2, accepts: accepts),
            resource: RequestOrigin.url.base + RequestOrigin.url.path)
    }

    /// A charge's description: "agentSearchSpecialists (api_search): 0.10 USDT".
    static func description(
        _ operation: OperationID, _ usage: Types.UsageEntry.Type_, _ price: String?, _ currency: Types.CryptoCurrency
    ) -> String {
        "\(operation.rawValue) (\(usage.rawValue)): \(price ?? "?") \(currency.rawValue)"
    }
}

extension Types.UsageEntry.Type_: PostgresCodable {}
