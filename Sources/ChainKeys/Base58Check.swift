/// Bitcoin's Base58 with a four-byte double-SHA-256 checksum: how extended keys are written. The checksum is
/// what catches a mistyped or truncated key before it yields addresses nobody holds the keys to.
public enum Base58Check {
    /// Why a string is not Base58Check.
    public enum DecodingError: Error, Equatable, Sendable {
        /// A character outside Base58's alphabet (which leaves out 0, O, I and l).
        case invalidCharacter(Character)
        /// Fewer than the four checksum bytes.
        case tooShort
        /// The last four bytes are not the double SHA-256 of the others.
        case checksumMismatch
    }

    /// The payload of `text` with its checksum checked and removed.
    public static func decode(_ text: String) throws(DecodingError) -> [UInt8] {
        let decoded = try decodeBase58(text)
        guard decoded.count >= 4 else { throw .tooShort }
        let payload = Array(decoded.dropLast(4))
        guard Array(Digest.doubleSHA256(payload).prefix(4)) == Array(decoded.suffix(4)) else {
            throw .checksumMismatch
        }
        return payload
    }

    /// `payload` followed by its checksum, in Base58.
    public static func encode(_ payload: [UInt8]) -> String {
        encodeBase58(payload + Digest.doubleSHA256(payload).prefix(4))
    }

    /// Plain Base58 (no checksum) to bytes.
    static func decodeBase58(_ text: String) throws(DecodingError) -> [UInt8] {
        // Base-58 digits to base-256, most significant first; every leading '1' stands for a zero byte.
        var bytes: [UInt8] = []
        var leadingZeros = 0
        var seenNonZero = false
        for character in text {
            guard let ascii = character.asciiValue, let digit = digitValues[Int(ascii)] else {
                throw .invalidCharacter(character)
            }
            if digit == 0 && !seenNonZero {
                leadingZeros += 1
                continue
            }
            seenNonZero = true
            var carry = Int(digit)
            for index in bytes.indices.reversed() {
                carry += Int(bytes[index]) * 58
                bytes[index] = UInt8(carry & 0xFF)
                carry >>= 8
            }
            while carry > 0 {
                bytes.insert(UInt8(carry & 0xFF), at: 0)
                carry >>= 8
            }
        }
        return [UInt8](repeating: 0, count: leadingZeros) + bytes
    }

    /// Bytes to plain Base58 (no checksum); every leading zero byte becomes a '1'.
    static func encodeBase58(_ bytes: [UInt8]) -> String {
        var digits: [UInt8] = []  // base 58, least significant first
        for byte in bytes {
            var carry = Int(byte)
            for index in digits.indices {
                carry += Int(digits[index]) << 8
                digits[index] = UInt8(carry % 58)
                carry /= 58
            }
            while carry > 0 {
                digits.append(UInt8(carry % 58))
                carry /= 58
            }
        }
        let leadingZeros = bytes.prefix { $0 == 0 }.count
        let text = [UInt8](repeating: alphabet[0], count: leadingZeros) + digits.reversed().map { alphabet[Int($0)] }
        return String(decoding: text, as: UTF8.self)
    }

    private static let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)

    /// ASCII code → digit, nil outside the alphabet.
    private static let digitValues: [UInt8?] = {
        var table = [UInt8?](repeating: nil, count: 128)
        for (digit, ascii) in alphabet.enumerated() { table[Int(ascii)] = UInt8(digit) }
        return table
    }()
}
