/// A spec description (CommonMark) as HTML, for the subset the spec uses: paragraphs, `#` headings, `-` and `1.`
/// lists, fenced code blocks, `|` tables, and `code` and **bold** spans. Anything else stays readable text, and
/// every character of it is escaped by the renderer: no markup of the spec's own reaches the page.
enum DescriptionText {
    /// The blocks of a description.
    static func html(_ text: String?) -> [HTML] {
        guard let text, !text.isEmpty else { return [] }
        var blocks: [HTML] = []
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        var paragraph: [String] = []
        func closeParagraph() {
            if !paragraph.isEmpty { blocks.append(.tag("p", inline(paragraph.joined(separator: " ")))) }
            paragraph = []
        }
        while let line = lines.popFirst() {
            let trimmed = line.trimmingSpaces()
            if trimmed.hasPrefix("```") {
                closeParagraph()
                var code: [String] = []
                while let next = lines.popFirst(), !next.trimmingSpaces().hasPrefix("```") { code.append(next) }
                blocks.append(.tag("pre", [.code(code.joined(separator: "\n"))]))
            } else if trimmed.isEmpty {
                closeParagraph()
            } else if let level = headingLevel(trimmed) {
                closeParagraph()
                let title = trimmed.drop(while: { $0 == "#" }).trimmingSpaces()
                blocks.append(.tag(level <= 2 ? "h4" : "h5", inline(title)))
            } else if let (ordered, _) = listItem(trimmed) {
                closeParagraph()
                var items: [String] = [listItem(trimmed)!.text]
                while let next = lines.first {
                    let nextTrimmed = next.trimmingSpaces()
                    if let item = listItem(nextTrimmed), item.ordered == ordered {
                        items.append(item.text)
                    } else if !nextTrimmed.isEmpty, next.hasPrefix("  "), listItem(nextTrimmed) == nil {
                        items[items.count - 1] += " " + nextTrimmed  // a continuation line of the item
                    } else {
                        break
                    }
                    lines.removeFirst()
                }
                blocks.append(.tag(ordered ? "ol" : "ul", items.map { .tag("li", inline($0)) }))
            } else if trimmed.hasPrefix("|") {
                closeParagraph()
                var rows = [trimmed]
                while let next = lines.first, next.trimmingSpaces().hasPrefix("|") {
                    rows.append(next.trimmingSpaces())
                    lines.removeFirst()
                }
                blocks.append(table(rows))
            } else {
                paragraph.append(trimmed)
            }
        }
        closeParagraph()
        return blocks
    }

    /// The spans of one line of text: `code`, **bold** and plain text.
    static func inline(_ text: String) -> [HTML] {
        var nodes: [HTML] = []
        var plain = ""
        var rest = Substring(text)
        while let first = rest.first {
            if first == "`", let end = rest.dropFirst().firstIndex(of: "`") {
                if !plain.isEmpty { nodes.append(.text(plain)) }
                plain = ""
                nodes.append(.code(String(rest[rest.index(after: rest.startIndex)..<end])))
                rest = rest[rest.index(after: end)...]
            } else if rest.hasPrefix("**"), let end = rest.dropFirst(2).firstRange(of: "**") {
                if !plain.isEmpty { nodes.append(.text(plain)) }
                plain = ""
                nodes.append(
                    .tag("strong", text: String(rest[rest.index(rest.startIndex, offsetBy: 2)..<end.lowerBound])))
                rest = rest[end.upperBound...]
            } else {
                plain.append(first)
                rest = rest.dropFirst()
            }
        }
        if !plain.isEmpty { nodes.append(.text(plain)) }
        return nodes
    }

    private static func headingLevel(_ line: String) -> Int? {
        let hashes = line.prefix(while: { $0 == "#" }).count
        guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        return hashes
    }

    private static func listItem(_ line: String) -> (ordered: Bool, text: String)? {
        if line.hasPrefix("- ") || line.hasPrefix("* ") { return (false, String(line.dropFirst(2))) }
        let digits = line.prefix(while: { $0.isASCII && $0.isNumber })
        if !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") {
            return (true, String(line.dropFirst(digits.count + 2)))
        }
        return nil
    }

    /// A `| a | b |` table; the `|---|` row under the header is dropped.
    private static func table(_ rows: [String]) -> HTML {
        func cells(_ row: String) -> [String] {
            var inner = Substring(row)
            if inner.first == "|" { inner = inner.dropFirst() }
            if inner.last == "|" { inner = inner.dropLast() }
            return inner.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingSpaces() }
        }
        let isRule: (String) -> Bool = { row in row.allSatisfy { "|-: ".contains($0) } }
        let body = rows.dropFirst().filter { !isRule($0) }
        return .tag(
            "table", class: "plain",
            [.tag("thead", [.tag("tr", cells(rows[0]).map { .tag("th", inline($0)) })])]
                + [.tag("tbody", body.map { row in .tag("tr", cells(row).map { .tag("td", inline($0)) }) })])
    }
}
