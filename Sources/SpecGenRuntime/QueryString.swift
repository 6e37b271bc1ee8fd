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
    public init(_ raw: String) {
        self.init(utf8: Array(raw.utf8))
    }

    /// Splits and decodes a raw query (without the leading `?`).
    public init(_ raw: Substring) {
        self.init(utf8: Array(raw.utf8))
    }

    /// Splits and decodes raw query bytes, concretely typed so no generic code runs per byte.
    private init(utf8 bytes: [UInt8]) {
        var items: [Item] = []
        var pairStart = 0
        while pairStart <= bytes.count {
            var pairEnd = pairStart
            var equals: Int?
            while pairEnd < bytes.count, bytes[pairEnd] != UInt8(ascii: "&") {
                if equals == nil, bytes[pairEnd] == UInt8(ascii: "=") { equals = pairEnd }
                pairEnd += 1
            }
            if pairEnd > pairStart {
                if let equals {
                    items.append(
                        Item(name: Self.decode(bytes[pairStart..<equals]), value: Self.decode(bytes[(equals + 1)..<pairEnd])))
                } else {
                    items.append(Item(name: Self.decode(bytes[pairStart..<pairEnd]), value: ""))
                }
            }
            pairStart = pairEnd + 1
        }
        self.init(items: items)
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
    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        PercentDecoding.decode(bytes, plusIsSpace: true)
    }
}
