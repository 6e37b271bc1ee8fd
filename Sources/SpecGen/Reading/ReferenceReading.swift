/// Reads `$ref`s and follows them to the objects they name.
extension ReadingContext {
    /// The most `$ref` hops followed before a chain counts as a cycle.
    static let maxReferenceHops = 32

    /// Parses the `$ref` at `node` (its value node) and checks it: local, well formed, existing, and when it
    /// names a component, a component of `kind`. Records an error and returns nil otherwise.
    func reference(at node: SpecNode, owner: SpecNode, kind: ComponentKind) -> Reference? {
        guard let text = ObjectReader.string(node, self, field: "$ref") else { return nil }
        guard text.hasPrefix("#") else {
            error(
                "external reference '\(text)' is not supported; SpecGen reads one self-contained file", at: node,
                hint: "copy the target into #/components/\(kind.rawValue) and refer to it there")
            return nil
        }
        guard let target = SpecPath(pointer: text) else {
            error(
                "'\(text)' is not a valid JSON pointer", at: node,
                hint: "write it like '#/components/\(kind.rawValue)/Name'")
            return nil
        }
        let reference = Reference(text: text, target: target, source: owner.location)
        if target.components.count >= 2, target.components[0] == "components", target.components[1] != kind.rawValue {
            let found = ComponentKind(rawValue: target.components[1])?.noun ?? target.components[1]
            error("'\(text)' refers to a \(found) where a \(kind.noun) is expected", at: node)
            return nil
        }
        guard self.node(at: target) != nil else {
            error("reference '\(text)' points at nothing in this document", at: node)
            return nil
        }
        return reference
    }

    /// Follows a chain of `$ref`s starting at `node` until an object that is not a reference.
    ///
    /// Returns the object's node and the first reference (the one written at the use site; nil when `node`
    /// is not a reference). Records an error and returns nil for a broken reference or a cycle.
    func resolve(_ node: SpecNode, kind: ComponentKind) -> (node: SpecNode, reference: Reference?)? {
        var current = node
        var first: Reference?
        var visited: [SpecPath] = []
        while let mapping = current.node.mapping, let refValue = mapping["$ref"] {
            let refNode = SpecNode(node: refValue, path: current.path / "$ref")
            checkReferenceSiblings(of: current, kind: kind)
            guard let reference = reference(at: refNode, owner: current, kind: kind),
                let target = self.node(at: reference.target)
            else { return nil }
            if visited.contains(reference.target) || visited.count >= Self.maxReferenceHops {
                let chain = (visited + [reference.target]).map(\.description).joined(separator: " → ")
                if reportedCycles.insert(Set(visited)).inserted {
                    error(
                        "reference cycle: \(chain)", at: refNode,
                        hint: "one of these must define the \(kind.noun) itself")
                }
                return nil
            }
            visited.append(reference.target)
            first = first ?? reference
            current = target
        }
        return (current, first)
    }

    /// Warns about fields beside a `$ref` in a Reference Object: OpenAPI ignores them (3.1 lets `summary` and
    /// `description` override the target's).
    private func checkReferenceSiblings(of node: SpecNode, kind: ComponentKind) {
        guard let entries = node.entries else { return }
        let allowed: Set<String> = isVersion30 ? ["$ref"] : ["$ref", "summary", "description"]
        for entry in entries where !allowed.contains(entry.name) && !entry.name.hasPrefix("x-") {
            diagnostics.warning(
                "'\(entry.name)' beside '$ref' is ignored: a reference to a \(kind.noun) is replaced by its target",
                at: entry.node.path, entry.keyMark, hint: "move the field into the referenced \(kind.noun)")
        }
    }

    /// Reads an object through its references, once per target: `read` runs on the resolved node the first
    /// time the target is met, later uses get the cached result with their own reference.
    func readReferable<Value>(
        _ node: SpecNode, kind: ComponentKind, cache: ReferenceWritableKeyPath<ReadingContext, [SpecPath: Value?]>,
        setReference: (inout Value, Reference?) -> Void, read: (SpecNode) -> Value?
    ) -> Value? {
        guard let (target, reference) = resolve(node, kind: kind) else { return nil }
        let value: Value?
        if let cached = self[keyPath: cache][target.path] {
            value = cached
        } else {
            value = read(target)
            self[keyPath: cache][target.path] = .some(value)
        }
        guard var result = value else { return nil }
        setReference(&result, reference)
        return result
    }
}
