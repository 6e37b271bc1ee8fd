import ChainKeys
import Foundation
import Generated

/// Money arriving at a deposit address (docs/deposit-addresses.md "Deposits"), reported by an operator
/// (`ceki wallet deposit`) or a chain watcher (the signed webhook). A deposit is known by its chain transaction per
/// wallet: reporting it again never credits twice; it only moves a pending deposit to confirmed once it has the
/// confirmations its chain needs. Confirmed deposits worth the activation amount turn a `pending_deposit` agent
/// `active`, in the same transaction.
public struct Deposits: Sendable {
    let pool: PostgresPool
    let configuration: BillingConfiguration

    public init(pool: PostgresPool, configuration: BillingConfiguration) {
        self.pool = pool
        self.configuration = configuration
    }

    /// Where a deposit went: a wallet by id (the operator's command) or by its address and currency (a watcher).
    public enum Destination: Sendable {
        case wallet(Int)
        case address(String, Types.CryptoCurrency)
    }

    /// What reporting a deposit did.
    public struct Outcome: Sendable {
        /// The deposit as the ledger holds it now.
        public let transaction: Types.WalletTransaction
        /// Whether this report changed anything (false: a replay of what was already recorded).
        public let changed: Bool
        /// The agent's status after it.
        public let agentStatus: AgentStatus
    }

    /// Records `amount` (a decimal string in the wallet's currency) received in chain transaction `txHash` with
    /// `confirmations`. A 404 for no such wallet; a 422 for a bad amount or hash; a 409 when the transaction was
    /// reported before with another amount.
    public func record(
        to destination: Destination, amount: String, txHash: String, confirmations: Int
    ) async throws -> Outcome {
        var problems = ValidationErrors()
        if !BillingConfiguration.isAmount(amount) { problems.add(.custom("The amount must be a decimal number like 20.5."), at: "amount") }
        let hash = txHash.trimmingCharacters(in: .whitespaces)
        if hash.isEmpty || hash.count > 128 || !hash.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            problems.add(.custom("The transaction hash must be 1 to 128 letters and digits."), at: "tx_hash")
        }
        if confirmations < 0 { problems.add(.custom("Confirmations cannot be negative."), at: "confirmations") }
        try problems.throwIfAny()
        return try await pool.transaction { tx in
            let wallet: PostgresRow? =
                switch destination {
                case .wallet(let id):
                    try await tx.query("SELECT id, agent_id, currency FROM wallets WHERE id = \(id) FOR UPDATE").first
                case .address(let address, let currency):
                    try await tx.query(
                        """
                        SELECT id, agent_id, currency FROM wallets
                        WHERE deposit_address = \(address) AND currency = \(currency) FOR UPDATE
                        """
                    ).first
                }
            guard let wallet else { throw Problem.notFound("wallet") }
            let walletID = try wallet.decode(Int.self, "id")
            let agent = try wallet.decode(Int.self, "agent_id")
            let currency = try wallet.decode(Types.CryptoCurrency.self, "currency")
            let confirmed = confirmations >= (configuration.requiredConfirmations[currency.chain] ?? 1)
            let rate = configuration.dollarRate(of: currency) ?? "0"
            let existing = try await tx.query(
                """
                SELECT id, status, amount = \(amount)::numeric AS same_amount FROM wallet_transactions
                WHERE wallet_id = \(walletID) AND tx_hash = \(hash) AND type = 'deposit'
                """
            ).first
            var changed = false
            let id: Int
            if let existing {
                id = try existing.decode(Int.self, "id")
                guard try existing.decode(Bool.self, "same_amount") else {
                    throw Problem.conflict(
                        "Transaction \(hash) was already reported for this wallet with another amount; nothing changed.")
                }
                if try existing.decode(String.self, "status") == "pending" {
                    let rows = try await tx.query(
                        """
                        UPDATE wallet_transactions
                        SET confirmations = greatest(confirmations, \(confirmations)),
                            status = CASE WHEN \(confirmed) THEN 'confirmed' ELSE status END,
                            usd_value = amount * \(rate)::numeric, updated_at = now()
                        WHERE id = \(id) AND (confirmations < \(confirmations) OR \(confirmed))
                        RETURNING id
                        """)
                    changed = !rows.isEmpty
                }
            } else {
                let belowMinimum = try await tx.query(
                    "SELECT \(amount)::numeric < \(configuration.minimumDeposit(of: currency))::numeric AS below"
                )[0].decode(Bool.self, "below")
                let status = belowMinimum ? "failed" : confirmed ? "confirmed" : "pending"
                let description =
                    belowMinimum
                    ? "Below the minimum deposit of \(configuration.minimumDeposit(of: currency)) \(currency.rawValue); not credited."
                    : "Deposit of \(amount) \(currency.rawValue)"
                id = try await tx.query(
                    """
                    INSERT INTO wallet_transactions (wallet_id, agent_id, type, status, amount, currency, usd_value,
                                                     description, tx_hash, confirmations)
                    VALUES (\(walletID), \(agent), 'deposit', \(status), \(amount)::numeric, \(currency),
                            \(amount)::numeric * \(rate)::numeric, \(description), \(hash), \(confirmations))
                    RETURNING id
                    """)[0].decode(Int.self, "id")
                changed = true
            }
            let status = try await activate(agent, in: tx)
            let transaction = try await tx.query(
                "SELECT \(WalletJSON.transaction) AS item FROM wallet_transactions t WHERE t.id = \(id)")[0]
                .decode(Types.WalletTransaction.self, json: "item")
            return Outcome(transaction: transaction, changed: changed, agentStatus: status)
        }
    }

    /// Makes a `pending_deposit` agent `active` once its confirmed deposits are worth the activation amount;
    /// answers its status.
    func activate(_ agent: Int, in tx: PostgresTransaction) async throws -> AgentStatus {
        try await tx.query(
            """
            UPDATE agents SET status = 'active', updated_at = now()
            WHERE id = \(agent) AND status = 'pending_deposit'
              AND (SELECT coalesce(sum(usd_value), 0) FROM wallet_transactions
                   WHERE agent_id = \(agent) AND type = 'deposit' AND status = 'confirmed')
                  >= \(configuration.activationDollars)::numeric
            """)
        return try await tx.query("SELECT status FROM agents WHERE id = \(agent)")[0].decode(AgentStatus.self, "status")
    }
}
