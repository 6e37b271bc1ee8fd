/// Public keys of the "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon
/// abandon about" test mnemonic (empty passphrase): a seed everybody knows, so no funds sit behind it.
enum TestKeys {
    /// BIP84's published account 0 key, m/84'/0'/0'.
    static let bip84Zpub =
        "zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868RvUUkgDKf31mGDtKsAYz2oz2AGutZYs"
    /// The same m/84'/0'/0' key with the xpub version (bip_utils 2.12.3: Bip32Slip10Secp256k1 from the
    /// BIP39 seed, DerivePath("m/84'/0'/0'"), PublicKey().ToExtended()).
    static let bip84Xpub =
        "xpub6CatWdiZiodmUeTDp8LT5or8nmbKNcuyvz7WyksVFkKB4RHwCD3XyuvPEbvqAQY3rAPshWcMLoP2fMFMKHPJ4ZeZXYVUhLv1VMrjPC7PW6V"
    /// Testnet BIP84 account m/84'/1'/0' (bip_utils: Bip84.FromSeed(seed, Bip84Coins.BITCOIN_TESTNET)
    /// .Purpose().Coin().Account(0).PublicKey().ToExtended()).
    static let bip84Vpub =
        "vpub5Y6cjg78GGuNLsaPhmYsiw4gYX3HoQiRBiSwDaBXKUafCt9bNwWQiitDk5VZ5BVxYnQdwoTyXSs2JHRPAgjAvtbBrf8ZhDYe2jWAqvZVnsc"
    /// The same m/84'/1'/0' key with the tpub version (bip_utils, net versions 043587cf/04358394).
    static let bip84Tpub =
        "tpubDC8msFGeGuwnKG9Upg7DM2b4DaRqg3CUZa5g8v2SRQ6K4NSkxUgd7HsL2XVWbVm39yBA4LAxysQAm397zwQSQoQgewGiYZqrA9DsP4zbQ1M"
    /// Its first two receiving addresses m/84'/1'/0'/0/0 and /1 (bip_utils: Change(CHAIN_EXT).AddressIndex(i)
    /// .PublicKey().ToAddress()).
    static let testnetAddresses = [
        "tb1q6rz28mcfaxtmd6v789l9rrlrusdprr9pqcpvkl", "tb1qd7spv5q28348xl4myc8zmh983w5jx32cjhkn97",
    ]

    /// BIP84's published m/84'/0'/0'/0/0 and m/84'/0'/0'/0/1.
    static let bip84Addresses = [
        "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu", "bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g",
    ]
    /// BIP84's published first change address m/84'/0'/0'/1/0.
    static let bip84FirstChange = "bc1q8c6fshw2dlwun7ekn9qwf37cu2rn755upcp6el"

    /// Ethereum account m/44'/60'/0', computed offline with bip_utils 2.12.3:
    /// Bip44.FromSeed(Bip39SeedGenerator(mnemonic).Generate(), Bip44Coins.ETHEREUM).Purpose().Coin().Account(0)
    /// .PublicKey().ToExtended(). (The same string appears in other projects' tests of this mnemonic.)
    static let ethereumAccountXpub =
        "xpub6DCoCpSuQZB2jawqnGMEPS63ePKWkwWPH4TU45Q7LPXWuNd8TMtVxRrgjtEshuqpK3mdhaWHPFsBngh5GFZaM6si3yZdUsT8ddYM3PwnATt"
    /// Its receiving chain m/44'/60'/0'/0 (bip_utils: DerivePath("m/44'/60'/0'/0")).
    static let ethereumChainXpub =
        "xpub6EF8jXqFeFEW5bwMU7RpQtHkzE4KJxcqJtvkCjJumzW8CPpacXkb92ek4WzLQXjL93HycJwTPUAcuNxCqFPKKU5m5Z2Vq4nCyh5CyPeBFFr"
    /// m/44'/60'/0'/0/0, /1, /2: MetaMask's first three accounts of the mnemonic. Index 0 is the widely
    /// published 0x9858…da94; all three from bip_utils (Change(CHAIN_EXT).AddressIndex(i).PublicKey().ToAddress())
    /// and found in several wallets' published test fixtures.
    static let ethereumAddresses = [
        "0x9858EfFD232B4033E47d90003D41EC34EcaEda94",
        "0x6Fac4D18c912343BF86fa7049364Dd4E424Ab9C0",
        "0xb6716976A3ebe8D39aCEB04372f22Ff8e6802D7A",
    ]

    /// BIP32 test vector 1's master private key (a private key anyone can look up).
    static let vector1MasterXprv =
        "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi"
    /// BIP32 test vector 2's master public key (depth 0).
    static let vector2MasterXpub =
        "xpub661MyMwAqRbcFW31YEwpkMuc5THy2PSt5bDMsktWQcFF8syAmRUapSCGu8ED9W6oDMSgv6Zz8idoc4a6mr8BDzTJY47LJhkJ8UB7WEGuduB"
}
