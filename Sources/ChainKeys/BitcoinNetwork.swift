/// Which Bitcoin network an address is for: a mainnet key (xpub, zpub) gives `bc1…`, a testnet key (tpub,
/// vpub) `tb1…`, so that a test deployment can never hand out an address that takes real bitcoin.
public enum BitcoinNetwork: String, Sendable, CaseIterable {
    case mainnet
    case testnet

    /// BIP173's human-readable part of the network's SegWit addresses.
    public var humanReadablePart: String {
        switch self {
        case .mainnet: "bc"
        case .testnet: "tb"
        }
    }
}
