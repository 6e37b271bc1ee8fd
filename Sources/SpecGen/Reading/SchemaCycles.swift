/// Finds component schemas that are defined in terms of themselves with nothing in between.
///
/// Recursion through a property or an array item is fine (a tree node with children); recursion through
/// `$ref`, `allOf`, `anyOf`, `oneOf`, `not` or `if`/`then`/`else` alone (`A: {$ref: B}`, `B: {allOf: [{$ref: A}]}`) describes no
/// value and would send the translator round in circles, so it is an error at the reference that closes it.
extension ReadingContext {
    func checkSchemaCycles(_ document: OpenAPIDocument) {
        var edges: [String: [Reference]] = [:]
        for element in document.components.schemas {
            edges[element.name] = Self.directReferences(of: element.value)
        }
        var state: [String: Bool] = [:]  // false: on the current path; true: finished
        var path: [String] = []
        var reported: Set<String> = []

        func visit(_ name: String) {
            state[name] = false
            path.append(name)
            for reference in edges[name] ?? [] {
                guard let target = reference.componentName, edges[target] != nil else { continue }
                switch state[target] {
                case nil:
                    visit(target)
                case false?:
                    let cycle = path[path.firstIndex(of: target)!...] + [target]
                    let key = Set(cycle).sorted().joined(separator: ",")
                    if reported.insert(key).inserted {
                        diagnostics.error(
                            "schema '\(target)' is defined in terms of itself: " + cycle.joined(separator: " → "),
                            at: reference.source.path / "$ref", reference.source.mark,
                            hint: "a schema may refer to itself only through properties, items or additionalProperties")
                    }
                case true?:
                    break
                }
            }
            path.removeLast()
            state[name] = true
        }
        for name in document.components.schemas.names where state[name] == nil {
            visit(name)
        }
    }

    /// The references a schema stands for directly: its own `$ref` and those of its composition members.
    static func directReferences(of schema: Schema) -> [Reference] {
        guard case .object(let object) = schema else { return [] }
        var references = object.reference.map { [$0] } ?? []
        let members =
            (object.allOf ?? []) + (object.anyOf ?? []) + (object.oneOf ?? [])
            + [object.not, object.ifSchema, object.thenSchema, object.elseSchema].compactMap { $0 }
        for member in members {
            references += directReferences(of: member)
        }
        return references
    }
}
