/// Text → `%XX` escapes: the inverse of ``PercentDecoding`` for what a client writes into a path segment, a query
/// component or a cookie value. Everything but RFC 3986's unreserved characters (`A–Z a–z 0–9 - . _ ~`) is
/// escaped, byte by byte of its UTF-8, so a value can never end a segment (`/`), start a query (`?`), split a pair
/// (`&`, `=`), or read as a space (`+`).
public enum PercentEncoding {
    /// `a b/ü` → `a%20b%2F%C3%BC`.
    public static func encode(_ text: String) -> String {
        guard !text.utf8.allSatisfy(isUnreserved) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count * 3)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                output.append(byte)
            } else {
                output += [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default: false
        }
    }
}
