/// `%XX` escapes → bytes → UTF-8 text: the one decoder for path segments, query components and anything else that
/// arrives percent-encoded. A `%` not followed by two hex digits stays as it is (lenient, as browsers are), and
/// invalid UTF-8 becomes U+FFFD rather than an error, so decoding never fails; the validators judge the result.
public enum PercentDecoding {
    /// Decodes `bytes`; with `plusIsSpace` (the query string's form encoding) `+` is a space, otherwise it stays `+`
    /// (a path segment: `/users/a+b` names `a+b`).
    public static func decode(_ bytes: some Collection<UInt8>, plusIsSpace: Bool) -> String {
        guard bytes.contains(where: { $0 == UInt8(ascii: "%") || (plusIsSpace && $0 == UInt8(ascii: "+")) }) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        let input = Array(bytes)
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            let byte = input[index]
            if plusIsSpace, byte == UInt8(ascii: "+") {
                output.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < input.count,
                let high = hexDigitValue(input[index + 1]), let low = hexDigitValue(input[index + 2])
            {
                output.append(high << 4 | low)
                index += 2
            } else {
                output.append(byte)
            }
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes text the same way.
    public static func decode(_ text: some StringProtocol, plusIsSpace: Bool) -> String {
        decode(text.utf8, plusIsSpace: plusIsSpace)
    }

    private static func hexDigitValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
