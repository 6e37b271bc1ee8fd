@testable import ChainKeys
import COpenSSL
import Testing

@Suite("Keccak-256, RIPEMD-160, HMAC-SHA512")
struct HashTests {
    // "" and "abc": the Keccak team's Keccak-256 values, as Ethereum clients test them. 200 × 0xa3 (the
    // SHA-3 competition's long message, three blocks of 136 bytes): checked with pycryptodome's keccak and
    // found in several independent Keccak-256 test suites.
    @Test("Keccak-256 vectors: empty, abc, a multi-block message")
    func keccakVectors() {
        #expect(hex(Keccak256.hash([UInt8]())) == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")
        #expect(
            hex(Keccak256.hash(Array("abc".utf8))) == "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"
        )
        #expect(
            hex(Keccak256.hash([UInt8](repeating: 0xa3, count: 200)))
                == "3a57666b048777f2c953dc4456f45a2588e1cb6f2da760122d530ac2ce607d4a")
    }

    // At the rate's edge: 135 bytes put the domain bit and the final bit in one byte, 136 need a block of
    // padding alone, 137 spill over. Values from pycryptodome's Crypto.Hash.keccak (digest_bits=256).
    @Test("Keccak-256 at the block boundary (135, 136, 137, 272 bytes of 'a')")
    func keccakBoundaries() {
        let expected: [(Int, String)] = [
            (135, "34367dc248bbd832f4e3e69dfaac2f92638bd0bbd18f2912ba4ef454919cf446"),
            (136, "a6c4d403279fe3e0af03729caada8374b5ca54d8065329a3ebcaeb4b60aa386e"),
            (137, "d869f639c7046b4929fc92a4d988a8b22c55fbadb802c0c66ebcd484f1915f39"),
            (272, "cf7fcd4f705ee749930d19ca84561a9bf62516bd90a471545fa2f49fdc7e63c8"),
        ]
        for (count, digest) in expected {
            #expect(hex(Keccak256.hash([UInt8](repeating: 0x61, count: count))) == digest, "\(count) bytes")
        }
    }

    @Test("The same permutation with SHA-3's domain byte agrees with OpenSSL's SHA3-256 at every length to 300")
    func permutationAgreesWithOpenSSL() {
        let md = EVP_MD_fetch(nil, "SHA3-256", nil)
        defer { EVP_MD_free(md) }
        var message: [UInt8] = []
        for length in 0...300 {
            var digest = [UInt8](repeating: 0, count: 32)
            var written: UInt32 = 0
            #expect(EVP_Digest(message, message.count, &digest, &written, md, nil) == 1)
            #expect(Keccak256.sponge(message, domainByte: 0x06) == digest, "length \(length)")
            message.append(UInt8(truncatingIfNeeded: length &* 31 &+ 7))
        }
        #expect(Keccak256.hash(Array("abc".utf8)) != Keccak256.sponge(Array("abc".utf8), domainByte: 0x06))
    }

    // The RIPEMD-160 authors' published vectors (Dobbertin, Bosselaers, Preneel).
    @Test("RIPEMD-160 vectors")
    func ripemd160() {
        #expect(hex(Digest.ripemd160([])) == "9c1185a5c5e9fc54612808977ee8f548b2258d31")
        #expect(hex(Digest.ripemd160(Array("abc".utf8))) == "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc")
        #expect(hex(Digest.ripemd160(Array("message digest".utf8))) == "5d0689ef49d2fae572b881b123a85ffa21595f36")
        #expect(
            hex(Digest.ripemd160([UInt8](repeating: 0x61, count: 1_000_000)))
                == "52783243c1697bdbe16d37f97f68f08325dc1528")
    }

    // BIP84's first receiving key m/84'/0'/0'/0/0 and its witness program (the bytes bech32 encodes in
    // bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu, decoded with the bech32 reference implementation).
    @Test("HASH160 of a compressed public key")
    func hash160() {
        let key = bytes("0330d54fd0dd420a6e5f8d3624f5f3482cae350f79d5f0753bf5beef9c2d91af3c")
        #expect(hex(Digest.hash160(key)) == "c0cebcd6c3d3ca8c75dc5ec62ebe55330ef910e2")
    }

    // RFC 4231, test case 2.
    @Test("HMAC-SHA512 (RFC 4231 test case 2)")
    func hmacSHA512() {
        let mac = Digest.hmacSHA512(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(
            hex(mac)
                == "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"
        )
    }
}
