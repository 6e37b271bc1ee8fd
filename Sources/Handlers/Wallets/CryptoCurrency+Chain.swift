import ChainKeys
import Generated

/// The chain family whose key derives a wallet's address (ChainKeys' ``ChainFamily``), stored as its raw value in
/// `wallets.chain`.
public typealias WalletChain = ChainFamily

extension ChainFamily: PostgresCodable {
    /// The configuration variable that holds the chain's extended public key.
    public var keyVariable: String {
        switch self {
        case .bitcoin: DepositKeyring.bitcoinVariable
        case .ethereum: DepositKeyring.ethereumVariable
        }
    }

    /// The sequence that numbers the family's deposit addresses (m0012).
    var indexSequence: String {
        switch self {
        case .bitcoin: "wallet_index_bitcoin"
        case .ethereum: "wallet_index_ethereum"
        }
    }
}

/// What a currency is on its chain: the family of its addresses, the digits of its smallest unit, and its names in
/// CAIP-2 / CAIP-19 and ERC-20 terms (for the x402 payment requirements of a 402).
extension Types.CryptoCurrency {
    /// The chain family whose key derives this currency's addresses.
    public var chain: WalletChain {
        self == .btc ? .bitcoin : .ethereum
    }

    /// Decimal digits of the smallest unit: satoshi (8), wei (18), the stablecoins' 10^-6.
    public var decimals: Int {
        switch self {
        case .btc: 8
        case .eth: 18
        case .usdt, .usdc: 6
        }
    }

    /// Whether one unit is worth one US dollar (no configured rate needed).
    public var isDollarStable: Bool {
        self == .usdt || self == .usdc
    }

    /// The CAIP-2 network of a deposit to `address`: Bitcoin mainnet or testnet by the address's prefix, Ethereum
    /// mainnet otherwise.
    func network(of address: String) -> String {
        switch chain {
        case .bitcoin:
            address.hasPrefix("tb1") ? "bip122:000000000933ea01ad0ee984209779ba" : "bip122:000000000019d6689c085ae165831e93"
        case .ethereum: "eip155:1"
        }
    }

    /// The asset as x402 names it: the ERC-20 contract of a stablecoin on Ethereum mainnet, the CAIP-19 slip44
    /// asset of a chain's own coin.
    func asset(on network: String) -> String {
        switch self {
        case .btc: "\(network)/slip44:0"
        case .eth: "\(network)/slip44:60"
        case .usdt: "0xdAC17F958D2ee523a2206206994597C13D831ec7"
        case .usdc: "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48"
        }
    }
}
