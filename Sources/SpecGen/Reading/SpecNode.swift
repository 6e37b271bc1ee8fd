/// A YAML node together with its spec path: what every reader function takes.
struct SpecNode: Sendable {
    /// The node.
    var node: YAMLNode
    /// Its JSON pointer in the document.
    var path: SpecPath
    /// Where the key that holds it starts, when it is a mapping value.
    var keyMark: YAMLMark?

    init(node: YAMLNode, path: SpecPath, keyMark: YAMLMark? = nil) {
        self.node = node
        self.path = path
        self.keyMark = keyMark
    }

    /// Where a diagnostic about the node points: a scalar's own text (the bad value), or the key line of a
    /// mapping or sequence (`post:` rather than the first field under it).
    var mark: YAMLMark {
        if case .scalar = node { return node.mark }
        return keyMark ?? node.mark
    }

    /// The location to store in a model value.
    var location: SpecLocation { SpecLocation(path: path, mark: mark) }

    /// The node's mapping entries as child nodes, in order; nil when the node is not a mapping.
    var entries: [(name: String, node: SpecNode, keyMark: YAMLMark)]? {
        guard let mapping = node.mapping else { return nil }
        return mapping.entries.map {
            ($0.key.text, SpecNode(node: $0.value, path: path / $0.key.text, keyMark: $0.key.mark), $0.key.mark)
        }
    }

    /// The node's sequence items as child nodes, in order; nil when the node is not a sequence.
    var items: [SpecNode]? {
        guard let sequence = node.sequence else { return nil }
        return sequence.items.enumerated().map { SpecNode(node: $0.element, path: path / $0.offset) }
    }
}
