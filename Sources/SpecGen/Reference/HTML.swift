/// The structured HTML that the reference page is built as and ``HTMLRenderer`` prints: elements, attributes
/// and text as values, so nothing taken from the spec is ever spliced into markup unescaped.
indirect enum HTML: Sendable, Equatable {
    /// `<name attributes>children</name>`; a void element (`input`, `meta`) has no children and no end tag.
    case element(String, [HTMLAttribute], [HTML])
    /// Text, escaped when printed: `a < b` becomes `a &lt; b`.
    case text(String)
    /// Several nodes side by side, with no element around them.
    case fragment([HTML])
    /// The content of a `<style>` or `<script>` element printed as it stands: the page's own CSS and script,
    /// never built from spec values.
    case rawText(String)

    /// `<name class="…" id="…">children</name>`, the attributes given only when non-nil.
    static func tag(_ name: String, id: String? = nil, class className: String? = nil, _ children: [HTML] = [])
        -> HTML
    {
        var attributes: [HTMLAttribute] = []
        if let id { attributes.append(HTMLAttribute("id", id)) }
        if let className { attributes.append(HTMLAttribute("class", className)) }
        return .element(name, attributes, children)
    }

    /// `<name class="…">text</name>`.
    static func tag(_ name: String, class className: String? = nil, text: String) -> HTML {
        tag(name, class: className, [.text(text)])
    }

    /// `<a href="…">children</a>`.
    static func link(_ href: String, _ children: [HTML]) -> HTML {
        .element("a", [HTMLAttribute("href", href)], children)
    }

    /// `<code>text</code>`.
    static func code(_ text: String) -> HTML { tag("code", text: text) }

    /// Whether the node prints nothing.
    var isEmpty: Bool {
        switch self {
        case .element: false
        case .text(let text), .rawText(let text): text.isEmpty
        case .fragment(let nodes): nodes.allSatisfy(\.isEmpty)
        }
    }
}

/// `name="value"` on an element; the value is escaped when printed.
struct HTMLAttribute: Sendable, Equatable {
    var name: String
    /// The value; nil for a boolean attribute written alone (`hidden`).
    var value: String?

    init(_ name: String, _ value: String?) {
        self.name = name
        self.value = value
    }
}
