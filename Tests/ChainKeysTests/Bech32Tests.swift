import ChainKeys
import Testing

@Suite("Bech32 (BIP173) segwit version 0")
struct Bech32Tests {
    // BIP173's valid version-0 examples, with programs decoded by the bech32 reference implementation
    // (PyPI `bech32`, sipa's segwit_addr).
    static let valid: [(hrp: String, program: String, address: String)] = [
        ("bc", "751e76e8199196d454941c45d1b3a323f1433bd6", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"),
        (
            "tb", "1863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262",
            "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7"
        ),
        (
            "tb", "000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433",
            "tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy"
        ),
    ]

    @Test("BIP173's valid version-0 addresses: encoding the program gives the address, and back")
    func validAddresses() throws {
        for vector in Self.valid {
            #expect(
                Bech32.segwitV0Address(humanReadablePart: vector.hrp, program: bytes(vector.program)) == vector.address)
            #expect(try Bech32.decodeSegwitV0Address(vector.address, expectedHRP: vector.hrp) == bytes(vector.program))
        }
        // BIP173: upper case is valid too (as long as it is not mixed).
        #expect(
            try Bech32.decodeSegwitV0Address("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", expectedHRP: "bc")
                == bytes("751e76e8199196d454941c45d1b3a323f1433bd6"))
    }

    // BIP173's invalid addresses, each with the reason the BIP gives.
    @Test("BIP173's invalid addresses are refused")
    func invalidAddresses() {
        let invalid: [(String, String, Bech32.DecodingError)] = [
            ("tc1qw508d6qejxtdg4y5r3zarvary0c5xw7kg3g4ty", "bc", .wrongHumanReadablePart("tc")),  // invalid hrp
            ("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", "bc", .checksumMismatch),
            ("BC13W508D6QEJXTDG4Y5R3ZARVARY0C5XW7KN40WF2", "bc", .unsupportedWitnessVersion(17)),
            ("bc1rw5uspcuh", "bc", .unsupportedWitnessVersion(3)),  // invalid program length (and version)
            (
                "bc10w508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kw5rljs90", "bc",
                .unsupportedWitnessVersion(15)  // a 41-byte program of version 15
            ),
            ("BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P", "bc", .invalidProgram),  // 16 bytes for version 0
            ("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sL5k7", "tb", .mixedCase),
            ("bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du", "bc", .unsupportedWitnessVersion(2)),  // padding > 4 bits
            ("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3pjxtptv", "tb", .invalidProgram),  // non-zero padding
            ("bc1gmk9yu", "bc", .invalidProgram),  // empty data section
        ]
        for (address, hrp, reason) in invalid {
            #expect(throws: reason, "\(address)") { try Bech32.decodeSegwitV0Address(address, expectedHRP: hrp) }
        }
    }
}
