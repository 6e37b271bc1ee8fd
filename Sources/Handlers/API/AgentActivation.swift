import Generated

/// What turns a `pending_deposit` agent `active`: a first confirmed deposit worth at least $20.00
/// (docs/domain.md, "Agent status"). Stablecoins are counted one to one; BTC and ETH at the rate of the day of
/// the deposit, so their amount is not known at registration and the message names the dollar value only.
enum AgentActivation {
    /// The activation deposit, in US dollars.
    static let dollars = "20.00"

    /// The `message` of a registration: what to deposit, and why to verify the email.
    static func registrationMessage(for currency: Types.CryptoCurrency) -> String {
        let deposit: String
        switch currency {
        case .usdt, .usdc: deposit = "Deposit \(dollars) \(currency.rawValue) (~$\(dollars))"
        case .btc, .eth: deposit = "Deposit the equivalent of $\(dollars) in \(currency.rawValue)"
        }
        return "Registration successful. \(deposit) to activate your account. Verify your email to access user profiles."
    }
}
