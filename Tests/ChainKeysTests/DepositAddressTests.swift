import ChainKeys
import Testing

@Suite("Deposit addresses: P2WPKH and EIP-55")
struct DepositAddressTests {
    @Test("BIP84's vectors from the account zpub: account/0/0, account/0/1, account/1/0 and the first key")
    func bip84() throws {
        let account = try ExtendedPublicKey(TestKeys.bip84Zpub)
        #expect(account.version == .zpub && account.depth == 3)
        let receiving = try account.child(0)
        // BIP84's published public key of m/84'/0'/0'/0/0.
        #expect(
            hex(try receiving.child(0).publicKey.compressed)
                == "0330d54fd0dd420a6e5f8d3624f5f3482cae350f79d5f0753bf5beef9c2d91af3c")
        for (index, address) in TestKeys.bip84Addresses.enumerated() {
            #expect(
                BitcoinAddress.p2wpkh(of: try receiving.child(UInt32(index)).publicKey, network: .mainnet) == address)
        }
        let change = try account.child(1).child(0)
        #expect(BitcoinAddress.p2wpkh(of: change.publicKey, network: .mainnet) == TestKeys.bip84FirstChange)
    }

    @Test("The zpub and the xpub of one account are the same key under two labels")
    func relabel() throws {
        let zpub = try ExtendedPublicKey(TestKeys.bip84Zpub)
        #expect(zpub.relabelled(as: .xpub).serialized == TestKeys.bip84Xpub)
        #expect(try ExtendedPublicKey(TestKeys.bip84Xpub).relabelled(as: .zpub) == zpub)
        #expect(try ExtendedPublicKey(TestKeys.bip84Vpub).relabelled(as: .tpub).serialized == TestKeys.bip84Tpub)
    }

    @Test("Ethereum: m/44'/60'/0'/0/i from the account xpub are MetaMask's addresses")
    func ethereum() throws {
        let receiving = try ExtendedPublicKey(TestKeys.ethereumAccountXpub).child(0)
        #expect(receiving.serialized == TestKeys.ethereumChainXpub)
        for (index, address) in TestKeys.ethereumAddresses.enumerated() {
            #expect(EthereumAddress.of(try receiving.child(UInt32(index)).publicKey) == address)
        }
    }

    // EIP-55's own examples (all caps, all lower, mixed).
    static let eip55Examples = [
        "0x52908400098527886E0F7030069857D2E4169EE7",
        "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
        "0xde709f2102306220921060314715629080e2fb77",
        "0x27b1fdb04752bbc536007a920d24acb045561c26",
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
    ]

    @Test("EIP-55's examples from lower-case, upper-case and unprefixed hex")
    func eip55() {
        for address in Self.eip55Examples {
            let digits = address.dropFirst(2)
            #expect(EthereumAddress.checksummed("0x" + digits.lowercased()) == address)
            #expect(EthereumAddress.checksummed(digits.uppercased()) == address)
            #expect(EthereumAddress.checksummed(address) == address)
        }
        #expect(EthereumAddress.checksummed("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe") == nil)  // 39 digits
        #expect(EthereumAddress.checksummed("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg") == nil)
    }
}
