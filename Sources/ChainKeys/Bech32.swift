/// BIP173 bech32 for segregated-witness version 0 addresses (`bc1q…`, `tb1q…`). Version 0 only: later versions
/// use bech32m (BIP350), a different checksum constant, and no deposit address here needs them. The decoder
/// exists so that the encoder can be checked against BIP173's examples and an address can be validated.
public enum Bech32 {
    /// Why a string is not a version-0 segwit address of the expected network.
    public enum DecodingError: Error, Equatable, Sendable {
        case mixedCase
        case noSeparator
        case wrongHumanReadablePart(String)
        case invalidCharacter(Character)
        case checksumMismatch
        case unsupportedWitnessVersion(UInt8)
        case invalidProgram
    }

    /// The address of a version-0 witness program: a 20-byte key hash (P2WPKH) or a 32-byte script hash (P2WSH).
    public static func segwitV0Address(humanReadablePart: String, program: [UInt8]) -> String {
        precondition(program.count == 20 || program.count == 32, "a version-0 witness program has 20 or 32 bytes")
        let hrp = Array(humanReadablePart.lowercased().utf8)
        let data = [UInt8(0)] + regroup(program, from: 8, to: 5, pad: true)!
        let checksum = self.checksum(hrp: hrp, data: data)
        let characters = (data + checksum).map { charset[Int($0)] }
        return String(decoding: hrp + [UInt8(ascii: "1")] + characters, as: UTF8.self)
    }

    /// The witness program of a version-0 address with the human-readable part `expectedHRP` (`bc`, `tb`).
    public static func decodeSegwitV0Address(_ address: String, expectedHRP: String) throws(DecodingError) -> [UInt8] {
        let bytes = Array(address.utf8)
        let hasLower = bytes.contains { (0x61...0x7A).contains($0) }
        let hasUpper = bytes.contains { (0x41...0x5A).contains($0) }
        guard !(hasLower && hasUpper) else { throw .mixedCase }
        let lowered = address.lowercased()
        let text = Array(lowered.utf8)
        guard let separator = text.lastIndex(of: UInt8(ascii: "1")), separator >= 1, text.count - separator > 6,
            text.count <= 90
        else { throw .noSeparator }
        let hrp = Array(text[..<separator])
        guard String(decoding: hrp, as: UTF8.self) == expectedHRP.lowercased() else {
            throw .wrongHumanReadablePart(String(decoding: hrp, as: UTF8.self))
        }
        var data: [UInt8] = []
        for ascii in text[(separator + 1)...] {
            guard let value = charsetValues[Int(ascii)] else {
                throw .invalidCharacter(Character(Unicode.Scalar(ascii)))
            }
            data.append(value)
        }
        guard polymod(expand(hrp) + data) == 1 else { throw .checksumMismatch }
        let payload = data.dropLast(6)
        guard let version = payload.first else { throw .invalidProgram }
        guard version == 0 else { throw .unsupportedWitnessVersion(version) }
        guard let program = regroup(Array(payload.dropFirst()), from: 5, to: 8, pad: false),
            program.count == 20 || program.count == 32
        else { throw .invalidProgram }
        return program
    }

    private static let charset = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l".utf8)

    private static let charsetValues: [UInt8?] = {
        var table = [UInt8?](repeating: nil, count: 256)
        for (value, ascii) in charset.enumerated() { table[Int(ascii)] = UInt8(value) }
        return table
    }()

    /// BIP173's BCH code over GF(32).
    private static func polymod(_ values: [UInt8]) -> UInt32 {
        let generator: [UInt32] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3]
        var checksum: UInt32 = 1
        for value in values {
            let top = checksum >> 25
            checksum = (checksum & 0x1ff_ffff) << 5 ^ UInt32(value)
            for bit in 0..<5 where (top >> bit) & 1 == 1 { checksum ^= generator[bit] }
        }
        return checksum
    }

    /// The human-readable part as the checksum sees it: high bits, a zero, low bits.
    private static func expand(_ hrp: [UInt8]) -> [UInt8] {
        hrp.map { $0 >> 5 } + [0] + hrp.map { $0 & 31 }
    }

    private static func checksum(hrp: [UInt8], data: [UInt8]) -> [UInt8] {
        let value = polymod(expand(hrp) + data + [0, 0, 0, 0, 0, 0]) ^ 1
        return (0..<6).map { UInt8((value >> (5 * (5 - UInt32($0)))) & 31) }
    }

    /// Regroups bits (8 → 5 to encode, 5 → 8 to decode). Decoding refuses more than four bits of padding or
    /// padding that is not zero, as BIP173 requires.
    private static func regroup(_ values: [UInt8], from: Int, to: Int, pad: Bool) -> [UInt8]? {
        var accumulator = 0
        var bits = 0
        var result: [UInt8] = []
        let mask = (1 << to) - 1
        let keep = (1 << (from + to - 1)) - 1  // the bits that can still matter; the rest would overflow
        for value in values {
            accumulator = ((accumulator << from) | Int(value)) & keep
            bits += from
            while bits >= to {
                bits -= to
                result.append(UInt8((accumulator >> bits) & mask))
            }
        }
        if pad {
            if bits > 0 { result.append(UInt8((accumulator << (to - bits)) & mask)) }
        } else if bits >= from || (accumulator << (to - bits)) & mask != 0 {
            return nil
        }
        return result
    }
}
