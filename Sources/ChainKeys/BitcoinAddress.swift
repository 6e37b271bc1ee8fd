/// Native SegWit pay-to-witness-public-key-hash (P2WPKH, BIP84): the address is bech32 of witness version 0
/// and HASH160 of the compressed key. It is what BIP84 wallets (Sparrow, Electrum, hardware wallets) derive
/// for the same key, so the operator's wallet sees deposits without importing anything but its own seed.
public enum BitcoinAddress {
    /// The P2WPKH address of `key` on `network`.
    public static func p2wpkh(of key: Secp256k1Point, network: BitcoinNetwork) -> String {
        Bech32.segwitV0Address(humanReadablePart: network.humanReadablePart, program: Digest.hash160(key.compressed))
    }
}
