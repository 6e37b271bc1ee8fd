import ChainKeys
import Testing

@Suite("BIP32 extended public keys")
struct ExtendedPublicKeyTests {
    // BIP32's test vectors 1 and 2: each pair is (parent, child index, child) where the step is
    // non-hardened, so a public parent can take it. Every string is BIP32's published one, also recomputed
    // from the seeds with bip_utils 2.12.3.
    static let publicSteps: [(parent: String, index: UInt32, child: String)] = [
        // Vector 1, seed 000102030405060708090a0b0c0d0e0f: m/0H → m/0H/1.
        (
            "xpub68Gmy5EdvgibQVfPdqkBBCHxA5htiqg55crXYuXoQRKfDBFA1WEjWgP6LHhwBZeNK1VTsfTFUHCdrfp1bgwQ9xv5ski8PX9rL2dZXvgGDnw",
            1,
            "xpub6ASuArnXKPbfEwhqN6e3mwBcDTgzisQN1wXN9BJcM47sSikHjJf3UFHKkNAWbWMiGj7Wf5uMash7SyYq527Hqck2AxYysAA7xmALppuCkwQ"
        ),
        // Vector 1: m/0H/1/2H → m/0H/1/2H/2.
        (
            "xpub6D4BDPcP2GT577Vvch3R8wDkScZWzQzMMUm3PWbmWvVJrZwQY4VUNgqFJPMM3No2dFDFGTsxxpG5uJh7n7epu4trkrX7x7DogT5Uv6fcLW5",
            2,
            "xpub6FHa3pjLCk84BayeJxFW2SP4XRrFd1JYnxeLeU8EqN3vDfZmbqBqaGJAyiLjTAwm6ZLRQUMv1ZACTj37sR62cfN7fe5JnJ7dh8zL4fiyLHV"
        ),
        // Vector 1: m/0H/1/2H/2 → m/0H/1/2H/2/1000000000.
        (
            "xpub6FHa3pjLCk84BayeJxFW2SP4XRrFd1JYnxeLeU8EqN3vDfZmbqBqaGJAyiLjTAwm6ZLRQUMv1ZACTj37sR62cfN7fe5JnJ7dh8zL4fiyLHV",
            1_000_000_000,
            "xpub6H1LXWLaKsWFhvm6RVpEL9P4KfRZSW7abD2ttkWP3SSQvnyA8FSVqNTEcYFgJS2UaFcxupHiYkro49S8yGasTvXEYBVPamhGW6cFJodrTHy"
        ),
        // Vector 2, seed fffcf9f6…4542: m → m/0 (from the master public key).
        (
            "xpub661MyMwAqRbcFW31YEwpkMuc5THy2PSt5bDMsktWQcFF8syAmRUapSCGu8ED9W6oDMSgv6Zz8idoc4a6mr8BDzTJY47LJhkJ8UB7WEGuduB",
            0,
            "xpub69H7F5d8KSRgmmdJg2KhpAK8SR3DjMwAdkxj3ZuxV27CprR9LgpeyGmXUbC6wb7ERfvrnKZjXoUmmDznezpbZb7ap6r1D3tgFxHmwMkQTPH"
        ),
        // Vector 2: m/0/2147483647H → m/0/2147483647H/1.
        (
            "xpub6ASAVgeehLbnwdqV6UKMHVzgqAG8Gr6riv3Fxxpj8ksbH9ebxaEyBLZ85ySDhKiLDBrQSARLq1uNRts8RuJiHjaDMBU4Zn9h8LZNnBC5y4a",
            1,
            "xpub6DF8uhdarytz3FWdA8TvFSvvAh8dP3283MY7p2V4SeE2wyWmG5mg5EwVvmdMVCQcoNJxGoWaU9DCWh89LojfZ537wTfunKau47EL2dhHKon"
        ),
        // Vector 2: m/0/2147483647H/1/2147483646H → m/0/2147483647H/1/2147483646H/2.
        (
            "xpub6ERApfZwUNrhLCkDtcHTcxd75RbzS1ed54G1LkBUHQVHQKqhMkhgbmJbZRkrgZw4koxb5JaHWkY4ALHY2grBGRjaDMzQLcgJvLJuZZvRcEL",
            2,
            "xpub6FnCn6nSzZAw5Tw7cgR9bi15UV96gLZhjDstkXXxvCLsUXBGXPdSnLFbdpq8p9HmGsApME5hQTZ3emM2rnY5agb9rXpVGyy3bdW6EEgAtqt"
        ),
    ]

    @Test("CKDpub gives BIP32's published child keys (chain code, key, depth, fingerprint, index)")
    func publishedChildren() throws {
        for step in Self.publicSteps {
            let parent = try ExtendedPublicKey(step.parent)
            let child = try parent.child(step.index)
            #expect(child.serialized == step.child, "child \(step.index) of \(step.parent.prefix(16))…")
            #expect(child.depth == parent.depth + 1)
            #expect(child.parentFingerprint == parent.fingerprint)
        }
    }

    @Test("Parsing and serializing give back the text, fields in place")
    func roundTrip() throws {
        for step in Self.publicSteps {
            #expect(try ExtendedPublicKey(step.parent).serialized == step.parent)
            #expect(try ExtendedPublicKey(step.child).serialized == step.child)
        }
        // Vector 1's m/0H/1: depth 2, fingerprint of m/0H 5c1bd648, child 1 (BIP32's published fields).
        let key = try ExtendedPublicKey(Self.publicSteps[0].child)
        #expect(key.version == .xpub && key.depth == 2 && key.childNumber == 1)
        #expect(key.parentFingerprint == 0x5C1B_D648)
        #expect(hex(key.publicKey.compressed) == "03501e454bf00751f24b1b489aa925215d66af2234e3891c3b21a52bedb3cd711c")
        #expect(hex(key.chainCode) == "2a7857631386ba23dacac34180dd1983734e444fdbf774041578e9b6adb37c19")
    }

    @Test("Hardened indices are refused: only the private key derives them")
    func hardenedRefused() throws {
        let key = try ExtendedPublicKey(Self.publicSteps[0].parent)
        #expect(throws: ExtendedKeyError.hardenedIndex(0x8000_0000)) { try key.child(0x8000_0000) }
        #expect(throws: ExtendedKeyError.hardenedIndex(UInt32.max)) { try key.child(UInt32.max) }
        _ = try key.child(0x7FFF_FFFF)
    }

    // BIP32's test vector 5: invalid extended public keys, each with the reason the BIP gives.
    @Test("BIP32 test vector 5's invalid public keys are refused for the right reason")
    func vector5() {
        let invalid: [(String, ExtendedKeyError)] = [
            // pubkey version / prvkey mismatch
            (
                "xpub661MyMwAqRbcEYS8w7XLSVeEsBXy79zSzH1J8vCdxAZningWLdN3zgtU6LBpB85b3D2yc8sfvZU521AAwdZafEz7mnzBBsz4wKY5fTtTQBm",
                .invalidPublicKey
            ),
            // invalid pubkey prefix 04
            (
                "xpub661MyMwAqRbcEYS8w7XLSVeEsBXy79zSzH1J8vCdxAZningWLdN3zgtU6Txnt3siSujt9RCVYsx4qHZGc62TG4McvMGcAUjeuwZdduYEvFn",
                .invalidPublicKey
            ),
            // invalid pubkey prefix 01
            (
                "xpub661MyMwAqRbcEYS8w7XLSVeEsBXy79zSzH1J8vCdxAZningWLdN3zgtU6N8ZMMXctdiCjxTNq964yKkwrkBJJwpzZS4HS2fxvyYUA4q2Xe4",
                .invalidPublicKey
            ),
            // zero depth with non-zero parent fingerprint
            (
                "xpub661no6RGEX3uJkY4bNnPcw4URcQTrSibUZ4NqJEw5eBkv7ovTwgiT91XX27VbEXGENhYRCf7hyEbWrR3FewATdCEebj6znwMfQkhRYHRLpJ",
                .inconsistentMasterKey
            ),
            // zero depth with non-zero index
            (
                "xpub661MyMwAuDcm6CRQ5N4qiHKrJ39Xe1R1NyfouMKTTWcguwVcfrZJaNvhpebzGerh7gucBvzEQWRugZDuDXjNDRmXzSZe4c7mnTK97pTvGS8",
                .inconsistentMasterKey
            ),
            // unknown extended key version
            (
                "DMwo58pR1QLEFihHiXPVykYB6fJmsTeHvyTp7hRThAtCX8CvYzgPcn8XnmdfHPmHJiEDXkTiJTVV9rHEBUem2mwVbbNfvT2MTcAqj3nesx8uBf9",
                .unknownVersion(0x0101_0101)
            ),
            // invalid pubkey 020000000000000000000000000000000000000000000000000000000000000007
            (
                "xpub661MyMwAqRbcEYS8w7XLSVeEsBXy79zSzH1J8vCdxAZningWLdN3zgtU6Q5JXayek4PRsn35jii4veMimro1xefsM58PgBMrvdYre8QyULY",
                .invalidPublicKey
            ),
            // invalid checksum (vector 1's master xprv with its last character changed: checked first)
            (
                "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHL",
                .checksumMismatch
            ),
        ]
        for (text, reason) in invalid {
            #expect(throws: reason, "\(text.prefix(20))…") { try ExtendedPublicKey(text) }
        }
    }

    @Test("Private extended keys are named and refused")
    func privateKeys() {
        // BIP32 vector 1's master xprv and BIP84's account 0 zprv.
        #expect(throws: ExtendedKeyError.privateKey("xprv")) {
            try ExtendedPublicKey(
                "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi"
            )
        }
        #expect(throws: ExtendedKeyError.privateKey("zprv")) {
            try ExtendedPublicKey(
                "zprvAdG4iTXWBoARxkkzNpNh8r6Qag3irQB8PzEMkAFeTRXxHpbF9z4QgEvBRmfvqWvGp42t42nvgGpNgYSJA9iefm1yYNZKEm7z6qUWCroSQnE"
            )
        }
    }
}
