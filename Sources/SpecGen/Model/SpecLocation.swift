/// Where a model value came from: its spec path and the line and column of its node.
///
/// Every model type carries one, so that the translator and the linter can report a problem they find
/// later (a name clash, an unsupported combination) at the right place without going back to YAML.
struct SpecLocation: Sendable, Hashable, CustomStringConvertible {
    /// The JSON pointer of the node, e.g. `#/components/schemas/Pet`.
    var path: SpecPath
    /// The node's position in the file.
    var mark: YAMLMark

    var description: String { "\(path) (\(mark))" }
}
