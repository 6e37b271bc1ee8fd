import ChainKeys
import Generated

/// What the operator sets about agents' money (docs/domain.md "Billing"): the price of each billed call and the
/// activation deposit in US dollars, the dollar rate of BTC and ETH, the free allowance of profile views, the
/// smallest deposit credited and the confirmations a deposit needs. Every amount is an exact decimal string;
/// arithmetic on them happens in PostgreSQL's numeric.
public struct BillingConfiguration: Sendable, Equatable {
    /// The price of one call of each billed usage type, in USD.
    public var prices: [Types.UsageEntry.Type_: String]
    /// The value of one BTC and one ETH in USD; a currency without a rate can hold deposits but pays nothing and
    /// counts nothing towards activation until one is set. USDT and USDC are one dollar.
    public var dollarRates: [Types.CryptoCurrency: String]
    /// Confirmed deposits worth this much (USD) turn a `pending_deposit` agent `active`.
    public var activationDollars: String
    /// Profile views free per agent and calendar month (UTC).
    public var freeUserViewsPerMonth: Int
    /// The smallest deposit credited, per currency; a smaller one is recorded as failed.
    public var minimumDeposits: [Types.CryptoCurrency: String]
    /// Confirmations after which a deposit on the chain is confirmed.
    public var requiredConfirmations: [WalletChain: Int]

    public init(
        prices: [Types.UsageEntry.Type_: String] = [.apiSearch: "0.10", .apiUserView: "0.05", .apiScheduleCreate: "1.00"],
        dollarRates: [Types.CryptoCurrency: String] = [:],
        activationDollars: String = "20.00",
        freeUserViewsPerMonth: Int = 100,
        minimumDeposits: [Types.CryptoCurrency: String] = [.btc: "0.00001", .eth: "0.001", .usdt: "1", .usdc: "1"],
        requiredConfirmations: [WalletChain: Int] = [.bitcoin: 2, .ethereum: 12]
    ) {
        self.prices = prices
        self.dollarRates = dollarRates
        self.activationDollars = activationDollars
        self.freeUserViewsPerMonth = freeUserViewsPerMonth
        self.minimumDeposits = minimumDeposits
        self.requiredConfirmations = requiredConfirmations
    }

    /// The price of `usage` in USD.
    public func price(of usage: Types.UsageEntry.Type_) -> String {
        prices[usage] ?? "0"
    }

    /// The USD value of one unit of `currency`, or nil when the operator has not set one.
    public func dollarRate(of currency: Types.CryptoCurrency) -> String? {
        currency.isDollarStable ? "1" : dollarRates[currency]
    }

    /// Every currency with a dollar rate, with its rate: what prices and totals can be valued in.
    var ratedCurrencies: [(currency: Types.CryptoCurrency, rate: String)] {
        Types.CryptoCurrency.allCases.compactMap { currency in dollarRate(of: currency).map { (currency, $0) } }
    }

    /// Whether an amount (one ``isAmount(_:)`` accepts) is zero: a free price, a useless rate.
    public static func isZero(_ amount: String) -> Bool {
        !amount.contains { $0 != "0" && $0 != "." }
    }

    /// The smallest deposit credited in `currency`.
    public func minimumDeposit(of currency: Types.CryptoCurrency) -> String {
        minimumDeposits[currency] ?? "0"
    }

    /// Whether `text` is a non-negative exact decimal ("0.10", "20", "60000.5"), as every amount here must be.
    public static func isAmount(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        else { return false }
        return text.count <= 40
    }
}
