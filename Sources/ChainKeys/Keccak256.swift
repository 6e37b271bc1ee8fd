/// Keccak-256 as Ethereum uses it: the Keccak submission's padding (`0x01 … 0x80`), not FIPS 202's SHA3-256
/// (`0x06 … 0x80`), so the two give different digests of the same bytes. OpenSSL 3.0 offers only SHA3-256 by
/// name, hence this small implementation of Keccak-f[1600] with a 1088-bit rate.
public enum Keccak256 {
    /// The 32-byte digest of `message`.
    public static func hash(_ message: some Collection<UInt8>) -> [UInt8] {
        sponge(message, domainByte: 0x01)
    }

    /// The sponge with a 1088-bit rate and 256-bit output; `domainByte` 0x01 is Keccak-256, 0x06 would be
    /// SHA3-256 (which lets the tests check the permutation against OpenSSL's SHA3-256).
    static func sponge(_ message: some Collection<UInt8>, domainByte: UInt8) -> [UInt8] {
        var state = [UInt64](repeating: 0, count: 25)
        var block = [UInt8](repeating: 0, count: rateBytes)
        var filled = 0
        for byte in message {
            block[filled] = byte
            filled += 1
            if filled == rateBytes {
                absorb(block, into: &state)
                filled = 0
            }
        }
        // The last block: the message's tail, the domain byte, zeros, and the final bit 0x80 (the two share a
        // byte when the tail leaves exactly one free).
        for index in filled..<rateBytes { block[index] = 0 }
        block[filled] ^= domainByte
        block[rateBytes - 1] ^= 0x80
        absorb(block, into: &state)

        var digest = [UInt8]()
        digest.reserveCapacity(32)
        for lane in state[0..<4] {
            for shift in stride(from: 0, to: 64, by: 8) { digest.append(UInt8(truncatingIfNeeded: lane >> shift)) }
        }
        return digest
    }

    /// 1600 − 2 × 256 bits of capacity.
    static let rateBytes = 136

    /// XORs one rate-sized block into the state (lanes are little-endian) and permutes.
    private static func absorb(_ block: [UInt8], into state: inout [UInt64]) {
        for lane in 0..<(rateBytes / 8) {
            var value: UInt64 = 0
            for byte in 0..<8 { value |= UInt64(block[lane * 8 + byte]) << (8 * byte) }
            state[lane] ^= value
        }
        permute(&state)
    }

    /// Keccak-f[1600]: 24 rounds of θ, ρ, π, χ, ι on the 5 × 5 lanes (index x + 5y).
    static func permute(_ a: inout [UInt64]) {
        var c = [UInt64](repeating: 0, count: 5)
        var b = [UInt64](repeating: 0, count: 25)
        for round in 0..<24 {
            for x in 0..<5 { c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20] }
            for x in 0..<5 {
                let d = c[(x + 4) % 5] ^ rotate(c[(x + 1) % 5], by: 1)
                for y in stride(from: 0, to: 25, by: 5) { a[x + y] ^= d }
            }
            for x in 0..<5 {
                for y in 0..<5 {
                    // B[y, 2x + 3y] = ROT(A[x, y], r[x, y])
                    b[y + 5 * ((2 * x + 3 * y) % 5)] = rotate(a[x + 5 * y], by: rotationOffsets[x + 5 * y])
                }
            }
            for y in stride(from: 0, to: 25, by: 5) {
                for x in 0..<5 { a[x + y] = b[x + y] ^ (~b[(x + 1) % 5 + y] & b[(x + 2) % 5 + y]) }
            }
            a[0] ^= roundConstants[round]
        }
    }

    @inline(__always)
    private static func rotate(_ value: UInt64, by offset: Int) -> UInt64 {
        offset == 0 ? value : (value << UInt64(offset)) | (value >> UInt64(64 - offset))
    }

    /// ρ offsets r[x, y] at index x + 5y (the Keccak reference's table).
    private static let rotationOffsets: [Int] = [
        0, 1, 62, 28, 27,
        36, 44, 6, 55, 20,
        3, 10, 43, 25, 39,
        41, 45, 15, 21, 8,
        18, 2, 61, 56, 14,
    ]

    /// ι constants, one per round.
    private static let roundConstants: [UInt64] = [
        0x0000_0000_0000_0001, 0x0000_0000_0000_8082, 0x8000_0000_0000_808A, 0x8000_0000_8000_8000,
        0x0000_0000_0000_808B, 0x0000_0000_8000_0001, 0x8000_0000_8000_8081, 0x8000_0000_0000_8009,
        0x0000_0000_0000_008A, 0x0000_0000_0000_0088, 0x0000_0000_8000_8009, 0x0000_0000_8000_000A,
        0x0000_0000_8000_808B, 0x8000_0000_0000_008B, 0x8000_0000_0000_8089, 0x8000_0000_0000_8003,
        0x8000_0000_0000_8002, 0x8000_0000_0000_0080, 0x0000_0000_0000_800A, 0x8000_0000_8000_000A,
        0x8000_0000_8000_8081, 0x8000_0000_0000_8080, 0x0000_0000_8000_0001, 0x8000_0000_8000_8008,
    ]
}
