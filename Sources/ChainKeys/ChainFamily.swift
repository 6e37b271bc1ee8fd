/// The chain families a deposit address can belong to. Tokens ride on their chain: USDT and USDC deposits
/// go to the ethereum family's address, so a wallet needs one address per family, not per asset.
public enum ChainFamily: String, Sendable, CaseIterable {
    /// Bitcoin: native SegWit (P2WPKH, bech32) addresses from a BIP84 account key.
    case bitcoin
    /// Ethereum and its ERC-20 tokens (USDT, USDC): EIP-55 checksummed `0x` addresses.
    case ethereum
}
