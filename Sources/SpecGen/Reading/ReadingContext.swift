/// The state of one read of a document: the YAML tree, the OpenAPI version, what was found, and the
/// objects already read (so a component used twenty times is read, and diagnosed, once).
///
/// A class because every reader function shares it; one read runs on one thread.
final class ReadingContext {
    /// The document's root node.
    let root: SpecNode
    /// The declared version; 3.1 until `openapi` has been read.
    var version = OpenAPIVersion(line: .v3_1, text: "3.1.0")
    /// Everything found so far.
    var diagnostics = Diagnostics()

    /// Objects read once per target path; the value is nil when reading failed.
    var parameterCache: [SpecPath: Parameter?] = [:]
    var headerCache: [SpecPath: Header?] = [:]
    var requestBodyCache: [SpecPath: RequestBody?] = [:]
    var responseCache: [SpecPath: Response?] = [:]
    var exampleCache: [SpecPath: Example?] = [:]
    var linkCache: [SpecPath: Link?] = [:]
    var callbackCache: [SpecPath: Callback?] = [:]
    /// Reference cycles already reported, by the targets they pass through.
    var reportedCycles: Set<Set<SpecPath>> = []
    /// Schemas a `$ref` names below a component or elsewhere in the document (`#/components/schemas/A/$defs/b`,
    /// `#/components/schemas/A/properties/c`): each becomes a component schema of its own, under the name
    /// given here, so that it is a named type like any referenced schema. In the order first referenced.
    var hoistedSchemas: [(target: SpecPath, name: String)] = []
    /// The names of ``hoistedSchemas`` by target.
    var hoistedNames: [SpecPath: String] = [:]

    init(root: YAMLNode) {
        self.root = SpecNode(node: root, path: .root)
    }

    /// Whether the document is OpenAPI 3.0.x.
    var isVersion30: Bool { version.line == .v3_0 }

    /// Records an error about `node`.
    func error(_ message: String, at node: SpecNode, hint: String? = nil) {
        diagnostics.error(message, at: node.path, node.mark, hint: hint)
    }

    /// Records a warning about `node`.
    func warning(_ message: String, at node: SpecNode, hint: String? = nil) {
        diagnostics.warning(message, at: node.path, node.mark, hint: hint)
    }

    /// The node a JSON pointer names, or nil.
    func node(at path: SpecPath) -> SpecNode? {
        var current = root.node
        var keyMark: YAMLMark?
        for component in path.components {
            switch current {
            case .mapping(let mapping):
                guard let entry = mapping.entry(component) else { return nil }
                current = entry.value
                keyMark = entry.key.mark
            case .sequence(let sequence):
                guard let index = Int(component), sequence.items.indices.contains(index) else { return nil }
                current = sequence.items[index]
                keyMark = nil
            case .scalar:
                return nil
            }
        }
        return SpecNode(node: current, path: path, keyMark: keyMark)
    }
}
