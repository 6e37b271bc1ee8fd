@testable import ChainKeys
import Testing

@Suite("Base58 and Base58Check")
struct Base58CheckTests {
    // Bitcoin Core's src/test/data/base58_encode_decode.json (also checked with the PyPI `base58` package).
    static let coreVectors: [(String, String)] = [
        ("", ""),
        ("61", "2g"),
        ("626262", "a3gV"),
        ("636363", "aPEr"),
        ("73696d706c792061206c6f6e6720737472696e67", "2cFupjhnEsSn59qHXstmK2ffpLv2"),
        ("00eb15231dfceb60925886b67d065299925915aeb172c06647", "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L"),
        ("516b6fcd0f", "ABnLTmg"),
        ("bf4f89001e670274dd", "3SEo3LWLoPntC"),
        ("572e4794", "3EFU7m"),
        ("ecac89cad93923c02321", "EJDM8drfXA6uyA"),
        ("10c8511e", "Rt5zm"),
        ("00000000000000000000", "1111111111"),
    ]

    @Test("Plain Base58 both ways on Bitcoin Core's vectors")
    func coreVectorsRoundTrip() throws {
        for (payload, text) in Self.coreVectors {
            #expect(Base58Check.encodeBase58(bytes(payload)) == text)
            #expect(try Base58Check.decodeBase58(text) == bytes(payload))
        }
    }

    // 1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabA: the published legacy address m/44'/0'/0'/0/0 of the "abandon … about"
    // mnemonic (version 00, 20-byte key hash); 1111111111111111111114oLvT2 is version 00 with a zero hash (the
    // well-known "burn" address). Both payloads checked with the PyPI `base58` package's b58decode_check.
    @Test("Base58Check strips a valid checksum and refuses a wrong one")
    func checksum() throws {
        let payload = bytes("00d986ed01b7a22225a70edbf2ba7cfb63a15cb3aa")
        #expect(try Base58Check.decode("1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabA") == payload)
        #expect(Base58Check.encode(payload) == "1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabA")
        #expect(Base58Check.encode([UInt8](repeating: 0, count: 21)) == "1111111111111111111114oLvT2")
        #expect(try Base58Check.decode("1111111111111111111114oLvT2") == [UInt8](repeating: 0, count: 21))
        #expect(throws: Base58Check.DecodingError.checksumMismatch) {
            try Base58Check.decode("1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabB")
        }
        // Bitcoin Core's 1NS17iag… vector above is plain Base58: its last four bytes are no checksum.
        #expect(throws: Base58Check.DecodingError.checksumMismatch) {
            try Base58Check.decode("1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L")
        }
        #expect(throws: Base58Check.DecodingError.invalidCharacter("0")) { try Base58Check.decode("1NS17iag0") }
        #expect(throws: Base58Check.DecodingError.tooShort) { try Base58Check.decode("2g") }
    }
}
