import ChainKeys
import Testing

@Suite("secp256k1 points through OpenSSL")
struct Secp256k1PointTests {
    // SEC 2's generator G, and 2G (published in SEC 2 / countless test suites; recomputed with Python's
    // integers in affine coordinates).
    static let generator = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
    static let generatorY = "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8"
    static let twoG = "02c6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5"
    static let orderMinusOne = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140"
    static let order = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"

    @Test("Compressed and uncompressed forms of G")
    func generatorForms() throws {
        let g = try Secp256k1Point(compressed: bytes(Self.generator))
        #expect(hex(g.uncompressed) == "04" + Self.generator.dropFirst(2) + Self.generatorY)
    }

    @Test("1·G + G = 2G; (n−1)·G + G is infinity; a scalar n is out of range")
    func addition() throws {
        let g = try Secp256k1Point(compressed: bytes(Self.generator))
        let one = [UInt8](repeating: 0, count: 31) + [1]
        #expect(hex(try g.addingGeneratorMultiple(one).compressed) == Self.twoG)
        #expect(throws: Secp256k1Point.PointError.pointAtInfinity) {
            try g.addingGeneratorMultiple(bytes(Self.orderMinusOne))
        }
        #expect(throws: Secp256k1Point.PointError.scalarOutOfRange) { try g.addingGeneratorMultiple(bytes(Self.order)) }
    }

    @Test("Bytes that are not a compressed point are refused")
    func invalidPoints() throws {
        // x = 1 is on the curve (1 + 7 is a square mod p); x = p + 1 would be 1 again after OpenSSL's reduction.
        _ = try Secp256k1Point(compressed: bytes("02" + String(repeating: "0", count: 63) + "1"))
        let pPlusOne = "02fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc30"
        // BIP32 test vector 5's "invalid pubkey": x = 7 is not on the curve.
        let xSeven = "02" + String(repeating: "0", count: 63) + "7"
        let uncompressedPrefix = "04" + Self.generator.dropFirst(2)
        for candidate in [pPlusOne, xSeven, uncompressedPrefix, String(Self.generator.dropLast(2))] {
            #expect(throws: Secp256k1Point.PointError.notOnCurve, "\(candidate)") {
                try Secp256k1Point(compressed: bytes(candidate))
            }
        }
    }
}
