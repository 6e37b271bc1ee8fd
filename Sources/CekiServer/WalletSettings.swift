import ChainKeys
import Foundation
import Generated
import Handlers

/// The agent-money part of the environment (README "Configuration", docs/deposit-addresses.md,
/// docs/domain.md "Billing"):
/// - `WALLET_XPUB_BTC`, `WALLET_XPUB_ETH`: the operator's extended public keys (a chain without one answers 503
///   when its currency is chosen); a key that is not a valid public key of its chain stops the server at start.
/// - `WALLET_RATE_BTC_USD`, `WALLET_RATE_ETH_USD`: the dollar value of one coin.
/// - `BILLING_PRICE_API_SEARCH`, `BILLING_PRICE_API_USER_VIEW`, `BILLING_PRICE_API_SCHEDULE_CREATE` (USD),
///   `BILLING_ACTIVATION_USD`, `BILLING_FREE_USER_VIEWS`.
/// - `WALLET_MIN_DEPOSIT_<CURRENCY>`, `WALLET_CONFIRMATIONS_BTC`, `WALLET_CONFIRMATIONS_ETH`.
/// - `WALLET_WEBHOOK_SECRET`: the chain watcher's shared secret (the deposit webhook answers 503 without one).
public struct WalletSettings: Sendable {
    public var billing: BillingConfiguration
    public var keyring: DepositKeyring?
    public var webhookSecret: String?

    public init(billing: BillingConfiguration = BillingConfiguration(), keyring: DepositKeyring? = nil, webhookSecret: String? = nil) {
        self.billing = billing
        self.keyring = keyring
        self.webhookSecret = webhookSecret
    }

    /// A keyring error as the server reports it at start.
    struct InvalidKey: Error, CustomStringConvertible {
        var description: String
    }

    static func fromEnvironment(_ environment: [String: String]) throws -> WalletSettings {
        func value(_ name: String) -> String? {
            environment[name].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        func amount(_ name: String) throws -> String? {
            guard let text = value(name) else { return nil }
            guard BillingConfiguration.isAmount(text) else {
                throw ServerConfiguration.InvalidSetting(name: name, value: text, expected: "a decimal amount like 0.10")
            }
            return text
        }
        func count(_ name: String, range: ClosedRange<Int>) throws -> Int? {
            guard let text = value(name) else { return nil }
            guard let number = Int(text), range.contains(number) else {
                throw ServerConfiguration.InvalidSetting(name: name, value: text, expected: "an integer in \(range)")
            }
            return number
        }
        var billing = BillingConfiguration()
        for (usage, name) in [
            (Types.UsageEntry.Type_.apiSearch, "BILLING_PRICE_API_SEARCH"), (.apiUserView, "BILLING_PRICE_API_USER_VIEW"),
            (.apiScheduleCreate, "BILLING_PRICE_API_SCHEDULE_CREATE"),
        ] {
            if let price = try amount(name) { billing.prices[usage] = price }
        }
        for currency in [Types.CryptoCurrency.btc, .eth] {
            let name = "WALLET_RATE_\(currency.rawValue)_USD"
            if let rate = try amount(name) {
                guard !BillingConfiguration.isZero(rate) else {
                    throw ServerConfiguration.InvalidSetting(name: name, value: rate, expected: "a rate above zero")
                }
                billing.dollarRates[currency] = rate
            }
        }
        for currency in Types.CryptoCurrency.allCases {
            if let minimum = try amount("WALLET_MIN_DEPOSIT_\(currency.rawValue)") { billing.minimumDeposits[currency] = minimum }
        }
        if let activation = try amount("BILLING_ACTIVATION_USD") { billing.activationDollars = activation }
        if let free = try count("BILLING_FREE_USER_VIEWS", range: 0...1_000_000) { billing.freeUserViewsPerMonth = free }
        if let btc = try count("WALLET_CONFIRMATIONS_BTC", range: 0...1000) { billing.requiredConfirmations[.bitcoin] = btc }
        if let eth = try count("WALLET_CONFIRMATIONS_ETH", range: 0...1000) { billing.requiredConfirmations[.ethereum] = eth }
        let bitcoin = value(DepositKeyring.bitcoinVariable)
        let ethereum = value(DepositKeyring.ethereumVariable)
        var keyring: DepositKeyring?
        if bitcoin != nil || ethereum != nil {
            do {
                keyring = try DepositKeyring(bitcoin: bitcoin, ethereum: ethereum)
            } catch {
                throw InvalidKey(description: error.message)
            }
        }
        return WalletSettings(billing: billing, keyring: keyring, webhookSecret: value("WALLET_WEBHOOK_SECRET"))
    }
}
