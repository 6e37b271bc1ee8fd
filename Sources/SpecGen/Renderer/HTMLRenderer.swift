/// The render stage of the reference page: structured HTML (``HTML``) → text. Every text and attribute value
/// is escaped here, the one place markup is printed, so a spec's `<script>` in a description stays text.
struct HTMLRenderer {
    /// Elements that have no end tag.
    static let voidElements: Set<String> = ["meta", "input", "br", "hr", "link", "img"]

    /// A whole document: `<!DOCTYPE html>` and the root element.
    func document(_ root: HTML) -> String {
        "<!DOCTYPE html>\n" + render(root) + "\n"
    }

    /// One node and everything in it.
    func render(_ node: HTML) -> String {
        var output = ""
        render(node, into: &output)
        return output
    }

    private func render(_ node: HTML, into output: inout String) {
        switch node {
        case .text(let text):
            output += Self.escaped(text)
        case .rawText(let text):
            output += text
        case .fragment(let nodes):
            for node in nodes { render(node, into: &output) }
        case .element(let name, let attributes, let children):
            output += "<" + name
            for attribute in attributes {
                output += " " + attribute.name
                if let value = attribute.value { output += "=\"" + Self.escaped(value) + "\"" }
            }
            output += ">"
            if Self.voidElements.contains(name) { return }
            for child in children { render(child, into: &output) }
            output += "</" + name + ">"
            // A line break after block elements keeps the page's source readable (and diffs small).
            if Self.blockElements.contains(name) { output += "\n" }
        }
    }

    /// Elements followed by a line break in the printed source.
    private static let blockElements: Set<String> = [
        "html", "head", "body", "header", "nav", "main", "section", "article", "div", "p", "ul", "ol", "li", "table",
        "thead", "tbody", "tr", "h1", "h2", "h3", "h4", "h5", "pre", "style", "script", "title", "dl", "dd", "dt",
        "details", "summary",
    ]

    /// Text safe in element content and in a quoted attribute value: `&`, `<`, `>`, `"` and `'` as entities, and
    /// control characters (other than tab and line feed) as numeric references, so the page is also safe to
    /// embed in a Swift string literal.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\n", "\t": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                // Not characters HTML allows; U+FFFD says something was there.
                result += "&#xFFFD;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
