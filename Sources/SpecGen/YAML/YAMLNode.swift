/// One node of a parsed YAML document, before anything is typed.
///
/// libyaml reports scalars as text; what a scalar *means* (string, integer, null…) depends on where it
/// stands, so the text is kept as written, together with the quoting style that decides how it may be
/// read. Aliases are already expanded: a node reached through `*name` is a copy of the anchored node
/// (value semantics make the copy cheap), so readers never see anchors.
indirect enum YAMLNode: Sendable {
    /// A scalar: `200`, `"200"`, `'x'`, `|` block text.
    case scalar(YAMLScalar)
    /// A sequence, in block (`- a`) or flow (`[a, b]`) style.
    case sequence(YAMLSequence)
    /// A mapping, in block or flow style, with string keys in document order.
    case mapping(YAMLMapping)

    /// Where the node starts in the source.
    var mark: YAMLMark {
        switch self {
        case .scalar(let scalar): scalar.mark
        case .sequence(let sequence): sequence.mark
        case .mapping(let mapping): mapping.mark
        }
    }

    /// What kind of node this is, in the words a diagnostic uses: "a mapping", "a sequence", "a scalar".
    var kindDescription: String {
        switch self {
        case .scalar: "a scalar"
        case .sequence: "a sequence"
        case .mapping: "a mapping"
        }
    }

    /// The scalar, if this node is one.
    var scalar: YAMLScalar? {
        if case .scalar(let scalar) = self { return scalar }
        return nil
    }

    /// The mapping, if this node is one.
    var mapping: YAMLMapping? {
        if case .mapping(let mapping) = self { return mapping }
        return nil
    }

    /// The sequence, if this node is one.
    var sequence: YAMLSequence? {
        if case .sequence(let sequence) = self { return sequence }
        return nil
    }

    /// How many nodes this node stands for once expanded, counting itself.
    ///
    /// The parser uses it to cap alias expansion: a billion-laughs file is refused when the total
    /// passes the limit, long before anything walks a billion nodes.
    var expandedSize: Int {
        switch self {
        case .scalar: 1
        case .sequence(let sequence): sequence.expandedSize
        case .mapping(let mapping): mapping.expandedSize
        }
    }
}

/// How a scalar was written. It decides typing: only a plain scalar can be a number, a boolean or null.
enum YAMLScalarStyle: Sendable, Hashable {
    /// `100`, `yes`, `2019-08-24`: unquoted, typed by the JSON/core rules or by its schema.
    case plain
    /// `'100'`: always a string.
    case singleQuoted
    /// `"100"`: always a string.
    case doubleQuoted
    /// `|` block text: always a string.
    case literal
    /// `>` block text: always a string.
    case folded

    /// Whether the scalar was written without quotes or block indicators.
    var isPlain: Bool { self == .plain }
}

/// A scalar as written: its text, style, explicit tag (if any) and place.
struct YAMLScalar: Sendable, Hashable {
    /// The scalar's value after YAML unescaping and folding, e.g. `a\nb` for a literal block.
    var text: String
    /// How the scalar was written.
    var style: YAMLScalarStyle
    /// The explicit tag, fully resolved (`tag:yaml.org,2002:str` for `!!str`), or nil when there was none.
    var tag: String?
    /// Where the scalar starts.
    var mark: YAMLMark

    init(text: String, style: YAMLScalarStyle = .plain, tag: String? = nil, mark: YAMLMark = .start) {
        self.text = text
        self.style = style
        self.tag = tag
        self.mark = mark
    }
}

/// A YAML sequence with the place it starts.
struct YAMLSequence: Sendable {
    /// The items, in document order.
    var items: [YAMLNode]
    /// Where the sequence starts (the `-` or `[`).
    var mark: YAMLMark
    /// Nodes counted once aliases are expanded (this sequence included).
    var expandedSize: Int
}

/// A YAML mapping whose keys are strings, in document order, with no key twice.
///
/// OpenAPI reads YAML as JSON: every key is a string, so `200:` and `"200":` are the same key and the
/// parser refuses the second. Lookups are by text; the key's own mark stays available for diagnostics.
struct YAMLMapping: Sendable {
    /// One `key: value` pair.
    struct Entry: Sendable {
        /// The key, always a scalar (complex keys are refused by the parser).
        var key: YAMLScalar
        /// The value.
        var value: YAMLNode
    }

    /// The entries, in document order.
    let entries: [Entry]
    /// Where the mapping starts.
    let mark: YAMLMark
    /// Nodes counted once aliases are expanded (this mapping included).
    let expandedSize: Int
    /// Entry positions by key, so that a `components/schemas` of thousands is not searched linearly.
    private let index: [String: Int]

    /// Makes a mapping from entries whose keys are already known to be unique (the parser checks).
    init(entries: [Entry], mark: YAMLMark, expandedSize: Int) {
        self.entries = entries
        self.mark = mark
        self.expandedSize = expandedSize
        var index: [String: Int] = [:]
        index.reserveCapacity(entries.count)
        for (position, entry) in entries.enumerated() where index[entry.key.text] == nil {
            index[entry.key.text] = position
        }
        self.index = index
    }

    /// The value stored under `key`, or nil.
    subscript(key: String) -> YAMLNode? {
        entry(key)?.value
    }

    /// The entry stored under `key`, or nil; gives the key's mark as well as the value.
    func entry(_ key: String) -> Entry? {
        index[key].map { entries[$0] }
    }

    /// The keys, in document order.
    var keys: [String] { entries.map(\.key.text) }
}
