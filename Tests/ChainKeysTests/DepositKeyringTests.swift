import ChainKeys
import Testing

@Suite("The deposit keyring the server configures")
struct DepositKeyringTests {
    @Test("Bitcoin addresses from a zpub, an xpub, and a key with surrounding whitespace")
    func bitcoin() throws {
        for configured in [TestKeys.bip84Zpub, TestKeys.bip84Xpub, "  \(TestKeys.bip84Zpub)\n"] {
            let keyring = try DepositKeyring(bitcoin: configured, ethereum: nil)
            #expect(keyring.isConfigured(.bitcoin) && !keyring.isConfigured(.ethereum))
            #expect(keyring.bitcoinNetwork == .mainnet)
            for (index, address) in TestKeys.bip84Addresses.enumerated() {
                #expect(try keyring.address(for: .bitcoin, index: UInt32(index)) == address)
            }
        }
    }

    @Test("A testnet vpub or tpub gives tb1 addresses")
    func testnet() throws {
        for configured in [TestKeys.bip84Vpub, TestKeys.bip84Tpub] {
            let keyring = try DepositKeyring(bitcoin: configured, ethereum: nil)
            #expect(keyring.bitcoinNetwork == .testnet)
            for (index, address) in TestKeys.testnetAddresses.enumerated() {
                #expect(try keyring.address(for: .bitcoin, index: UInt32(index)) == address)
            }
        }
    }

    @Test("Ethereum addresses from the account xpub or its receiving chain are the same")
    func ethereum() throws {
        for configured in [TestKeys.ethereumAccountXpub, TestKeys.ethereumChainXpub] {
            let keyring = try DepositKeyring(bitcoin: nil, ethereum: configured)
            #expect(keyring.isConfigured(.ethereum) && !keyring.isConfigured(.bitcoin))
            for (index, address) in TestKeys.ethereumAddresses.enumerated() {
                #expect(try keyring.address(for: .ethereum, index: UInt32(index)) == address)
            }
            let first = try keyring.firstAddress(for: .ethereum, from: 2)
            #expect(first.index == 2 && first.address == TestKeys.ethereumAddresses[2])
        }
    }

    @Test("Unset or blank means not configured, and asking for an address says which variable")
    func notConfigured() throws {
        for value in [nil, "", "  \n"] as [String?] {
            let keyring = try DepositKeyring(bitcoin: value, ethereum: value)
            #expect(!keyring.isConfigured(.bitcoin) && !keyring.isConfigured(.ethereum))
            let error = #expect(throws: DepositKeyringError.self) { try keyring.address(for: .ethereum, index: 0) }
            #expect(error?.reason == .notConfigured)
            #expect(error?.message.hasPrefix("WALLET_XPUB_ETH is not set") == true)
        }
    }

    @Test("One changed character: the checksum message, naming WALLET_XPUB_BTC")
    func checksum() {
        var characters = Array(TestKeys.bip84Zpub)
        characters[40] = characters[40] == "a" ? "b" : "a"
        let error = #expect(throws: DepositKeyringError.self) {
            try DepositKeyring(bitcoin: String(characters), ethereum: nil)
        }
        #expect(error?.reason == .invalidKey(.checksumMismatch))
        #expect(error?.message == "WALLET_XPUB_BTC is not a valid extended public key: the checksum does not match")
        #expect(error?.description == error?.message)
    }

    @Test("A private key is refused with a message that says so and what to configure")
    func privateKey() {
        let error = #expect(throws: DepositKeyringError.self) {
            try DepositKeyring(bitcoin: TestKeys.vector1MasterXprv, ethereum: nil)
        }
        #expect(error?.reason == .invalidKey(.privateKey("xprv")))
        #expect(
            error?.message.hasPrefix("WALLET_XPUB_BTC is a private key (xprv); configure the account's public key")
                == true)
        #expect(error?.message.contains("xprv9s21") == false)  // the key itself never reaches a log
    }

    @Test("A zpub or vpub for Ethereum is the wrong family")
    func wrongFamily() {
        for (configured, name) in [(TestKeys.bip84Zpub, "zpub"), (TestKeys.bip84Vpub, "vpub")] {
            let error = #expect(throws: DepositKeyringError.self) {
                try DepositKeyring(bitcoin: nil, ethereum: configured)
            }
            #expect(error?.message == "WALLET_XPUB_ETH: \(name) keys are for Bitcoin SegWit; configure an xpub")
        }
    }

    @Test("Wrong length, unknown and unsupported versions, and keys at other depths")
    func otherErrors() throws {
        let payload = try Base58Check.decode(TestKeys.bip84Zpub)
        let short = Base58Check.encode(Array(payload.dropLast()))
        var error = #expect(throws: DepositKeyringError.self) { try DepositKeyring(bitcoin: short, ethereum: nil) }
        #expect(
            error?.message == "WALLET_XPUB_BTC is not a valid extended public key: it decodes to 77 bytes instead of 78"
        )

        let unknown = Base58Check.encode([0x01, 0x02, 0x03, 0x04] + payload.dropFirst(4))
        error = #expect(throws: DepositKeyringError.self) { try DepositKeyring(bitcoin: unknown, ethereum: nil) }
        #expect(error?.reason == .invalidKey(.unknownVersion(0x0102_0304)))
        #expect(error?.message.contains("unknown version 0x01020304") == true)

        let ypub = Base58Check.encode([0x04, 0x9D, 0x7C, 0xB2] + payload.dropFirst(4))
        error = #expect(throws: DepositKeyringError.self) { try DepositKeyring(bitcoin: ypub, ethereum: nil) }
        #expect(
            error?.message == "WALLET_XPUB_BTC is a ypub; configure the account's zpub or xpub (BIP84, native SegWit)")

        error = #expect(throws: DepositKeyringError.self) {
            try DepositKeyring(bitcoin: TestKeys.vector2MasterXpub, ethereum: nil)
        }
        #expect(error?.reason == .unsupportedPosition(depth: 0, childNumber: 0))
        #expect(
            error?.message.hasPrefix("WALLET_XPUB_BTC is a key at depth 0; configure the account key m/84'/0'/0'")
                == true)

        // The change chain m/84'/0'/0'/1 (depth 4, child 1) would give change addresses: refused.
        let changeChain = try ExtendedPublicKey(TestKeys.bip84Zpub).child(1).serialized
        error = #expect(throws: DepositKeyringError.self) { try DepositKeyring(bitcoin: changeChain, ethereum: nil) }
        #expect(error?.reason == .unsupportedPosition(depth: 4, childNumber: 1))
    }

    @Test("Hardened indices are refused")
    func hardened() throws {
        let keyring = try DepositKeyring(bitcoin: TestKeys.bip84Zpub, ethereum: TestKeys.ethereumAccountXpub)
        for family in ChainFamily.allCases {
            let error = #expect(throws: DepositKeyringError.self) {
                try keyring.address(for: family, index: 0x8000_0000)
            }
            #expect(error?.reason == .hardenedIndex(0x8000_0000))
        }
        _ = try keyring.address(for: .bitcoin, index: 0x7FFF_FFFF)
    }
}
