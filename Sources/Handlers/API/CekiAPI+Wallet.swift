import Generated

/// The AgentWallet tag: balances, a currency's wallet and deposit address, the ledger, the month's usage.
extension CekiAPI {
    public func getAgentWallet(_ input: Operations.GetAgentWallet.Input) async throws -> Operations.GetAgentWallet.Output {
        .ok(try await wallets.balances(of: try input.principal.required.agentID))
    }

    public func selectAgentWalletCurrency(_ input: Operations.SelectAgentWalletCurrency.Input) async throws
        -> Operations.SelectAgentWalletCurrency.Output
    {
        .ok(try await wallets.select(input.body.currency, for: try input.principal.required.agentID))
    }

    public func listAgentWalletTransactions(_ input: Operations.ListAgentWalletTransactions.Input) async throws
        -> Operations.ListAgentWalletTransactions.Output
    {
        .ok(try await wallets.transactions(of: try input.principal.required.agentID, page: input.page))
    }

    public func getAgentWalletUsage(_ input: Operations.GetAgentWalletUsage.Input) async throws
        -> Operations.GetAgentWalletUsage.Output
    {
        .ok(try await wallets.usage(of: try input.principal.required.agentID, period: input.period))
    }
}
