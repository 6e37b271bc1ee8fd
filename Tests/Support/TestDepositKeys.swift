import ChainKeys
import Handlers

/// The operator keys every test server and wallet test configures: the public BIP84 and BIP44 test accounts of
/// the "abandon … about" mnemonic (anyone can spend from them: test use only), so that the addresses a test sees
/// are the published ones (Tests/ChainKeysTests/TestKeys.swift gives their sources).
public enum TestDepositKeys {
    /// BIP84's account m/84'/0'/0' (zpub).
    public static let bitcoinAccount =
        "zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868RvUUkgDKf31mGDtKsAYz2oz2AGutZYs"
    /// The mnemonic's Ethereum account m/44'/60'/0'.
    public static let ethereumAccount =
        "xpub6DCoCpSuQZB2jawqnGMEPS63ePKWkwWPH4TU45Q7LPXWuNd8TMtVxRrgjtEshuqpK3mdhaWHPFsBngh5GFZaM6si3yZdUsT8ddYM3PwnATt"
    /// BIP84's published m/84'/0'/0'/0/0 and /1.
    public static let bitcoinAddresses = [
        "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu", "bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g",
    ]
    /// m/44'/60'/0'/0/0, /1, /2 (MetaMask's first three accounts of the mnemonic).
    public static let ethereumAddresses = [
        "0x9858EfFD232B4033E47d90003D41EC34EcaEda94", "0x6Fac4D18c912343BF86fa7049364Dd4E424Ab9C0",
        "0xb6716976A3ebe8D39aCEB04372f22Ff8e6802D7A",
    ]

    /// Both keys.
    public static var keyring: DepositKeyring {
        // The constants are valid keys (ChainKeysTests prove it), so this cannot fail.
        try! DepositKeyring(bitcoin: bitcoinAccount, ethereum: ethereumAccount)
    }

    /// Wallets over `pool` with both keys and the default billing.
    public static func wallets(_ pool: PostgresPool, billing: BillingConfiguration = BillingConfiguration()) -> Wallets {
        Wallets(pool: pool, addresses: DepositAddresses(keyring: keyring), configuration: billing)
    }
}
