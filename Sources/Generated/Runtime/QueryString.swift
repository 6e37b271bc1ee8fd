/// A URL query string split into decoded name–value pairs, in order, repeats kept.
///
/// Decoding is `application/x-www-form-urlencoded`, as PHP and browsers do it: `+` is a space, `%XX` is a byte,
/// a malformed `%` stays literal, and bytes that are not UTF-8 become U+FFFD. Pairs without `=` have an empty
/// value (`?flag` is `flag=""`); empty pairs (`a=1&&b=2`) are skipped.
public struct QueryString: Sendable, Hashable, ExpressibleByStringLiteral {
    /// One `name=value` pair, both decoded.
    public struct Item: Sendable, Hashable {
        /// The decoded name, brackets included (`tags[]`).
        public let name: String
        /// The decoded value.
        public let value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The pairs in order.
    public let items: [Item]

    /// Splits and decodes a raw query (without the leading `?`).
    public init(_ raw: some StringProtocol) {
        var items: [Item] = []
        for pair in raw.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            if let equals = pair.firstIndex(of: UInt8(ascii: "=")) {
                items.append(
                    Item(
                        name: Self.decode(pair[pair.startIndex..<equals]),
                        value: Self.decode(pair[pair.index(after: equals)...])))
            } else {
                items.append(Item(name: Self.decode(pair[...]), value: ""))
            }
        }
        self.items = items
    }

    /// Pairs given already decoded (a server framework that parsed the query itself).
    public init(items: [Item]) {
        self.items = items
    }

    public init(stringLiteral raw: String) {
        self.init(raw)
    }

    /// The values of every pair named exactly `name`, in order.
    public func values(named name: String) -> [String] {
        items.filter { $0.name == name }.map(\.value)
    }

    /// Form-decodes one component.
    static func decode(_ bytes: some Collection<UInt8>) -> String {
        guard bytes.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                output.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"),
                let high = bytes.index(index, offsetBy: 1, limitedBy: bytes.endIndex), high != bytes.endIndex,
                let low = bytes.index(high, offsetBy: 1, limitedBy: bytes.endIndex), low != bytes.endIndex,
                let highValue = hexDigitValue(bytes[high]), let lowValue = hexDigitValue(bytes[low])
            {
                output.append(highValue << 4 | lowValue)
                index = low
            } else {
                output.append(byte)
            }
            index = bytes.index(after: index)
        }
        return String(decoding: output, as: UTF8.self)
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
