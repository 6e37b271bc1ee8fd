/// PostgreSQL's text form of a one-dimensional array: `{1,2,NULL}`, `{"a b","c\"d"}`.
enum PostgresArrayLiteral {
    /// The elements' raw bytes (unquoted, unescaped), nil for NULL; nil when the text is not a 1-D array.
    static func parse(_ text: UnsafeRawBufferPointer) -> [[UInt8]?]? {
        var index = 0
        // An explicit dimension prefix ("[0:1]={...}") is skipped.
        if index < text.count, text[index] == UInt8(ascii: "[") {
            while index < text.count, text[index] != UInt8(ascii: "=") { index += 1 }
            index += 1
        }
        guard index < text.count, text[index] == UInt8(ascii: "{") else { return nil }
        index += 1
        var items: [[UInt8]?] = []
        if index < text.count, text[index] == UInt8(ascii: "}") {
            return index + 1 == text.count ? items : nil
        }
        while index < text.count {
            if text[index] == UInt8(ascii: "\"") {
                index += 1
                var item: [UInt8] = []
                while index < text.count, text[index] != UInt8(ascii: "\"") {
                    if text[index] == UInt8(ascii: "\\") { index += 1 }
                    guard index < text.count else { return nil }
                    item.append(text[index])
                    index += 1
                }
                index += 1
                items.append(item)
            } else {
                let start = index
                while index < text.count, text[index] != UInt8(ascii: ","), text[index] != UInt8(ascii: "}") {
                    if text[index] == UInt8(ascii: "{") { return nil }  // nested arrays are not supported
                    index += 1
                }
                let item = Array(text[start..<index])
                items.append(item == Array("NULL".utf8) ? nil : item)
            }
            guard index < text.count else { return nil }
            if text[index] == UInt8(ascii: ",") {
                index += 1
            } else if text[index] == UInt8(ascii: "}") {
                return index + 1 == text.count ? items : nil
            } else {
                return nil
            }
        }
        return nil
    }
}
