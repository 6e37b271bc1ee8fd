/// Ethereum's account address: the last 20 bytes of Keccak-256 of the uncompressed public key's 64 bytes
/// (x ‖ y, without the 0x04 prefix), written with EIP-55's mixed-case checksum so that a wallet catches a
/// mistyped character. ERC-20 tokens (USDT, USDC) are held at the same address.
public enum EthereumAddress {
    /// The EIP-55 checksummed `0x…` address of `key`.
    public static func of(_ key: Secp256k1Point) -> String {
        let digest = Keccak256.hash(key.uncompressed.dropFirst())
        return "0x" + checksumCased(hex(digest.suffix(20)))
    }

    /// The EIP-55 form of an address given as 40 hex digits in any case, with or without `0x`; nil when it is
    /// not that. A hex letter is upper case where the matching nibble of Keccak-256 of the lower-case hex
    /// text is 8 or more.
    public static func checksummed(_ address: String) -> String? {
        var digits = Substring(address)
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") { digits = digits.dropFirst(2) }
        guard digits.utf8.count == 40, digits.utf8.allSatisfy({ hexValue($0) != nil }) else { return nil }
        return "0x" + checksumCased(digits.lowercased())
    }

    /// Applies EIP-55 casing to 40 lower-case hex digits.
    private static func checksumCased(_ lowercaseHex: String) -> String {
        let hash = Keccak256.hash(Array(lowercaseHex.utf8))
        var cased: [UInt8] = []
        for (position, ascii) in lowercaseHex.utf8.enumerated() {
            let nibble = position % 2 == 0 ? hash[position / 2] >> 4 : hash[position / 2] & 0x0F
            let isLetter = ascii >= UInt8(ascii: "a") && ascii <= UInt8(ascii: "f")
            cased.append(isLetter && nibble >= 8 ? ascii - 0x20 : ascii)
        }
        return String(decoding: cased, as: UTF8.self)
    }

    private static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func hexValue(_ ascii: UInt8) -> UInt8? {
        switch ascii {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): ascii - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): ascii - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): ascii - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
