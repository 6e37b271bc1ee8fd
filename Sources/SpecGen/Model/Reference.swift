/// A local `$ref`, e.g. `#/components/schemas/Pet`.
///
/// Only references inside the same document are read; the reader checks that the target exists and,
/// for component references, of which kind it is.
struct Reference: Sendable, Hashable, CustomStringConvertible {
    /// The `$ref` value as written.
    var text: String
    /// The target as a parsed pointer.
    var target: SpecPath
    /// Where the `$ref` is written (the object holding it).
    var source: SpecLocation

    /// The component the reference names, when it has the form `#/components/<kind>/<name>`.
    var component: (kind: ComponentKind, name: String)? {
        guard target.components.count == 3, target.components[0] == "components",
            let kind = ComponentKind(rawValue: target.components[1])
        else { return nil }
        return (kind, target.components[2])
    }

    /// The component name for a `#/components/<kind>/<name>` reference, e.g. `Pet`.
    var componentName: String? { component?.name }

    var description: String { text }

    static func == (lhs: Reference, rhs: Reference) -> Bool { lhs.target == rhs.target }

    func hash(into hasher: inout Hasher) { hasher.combine(target) }
}

/// The sections of `components`, named as in the spec.
enum ComponentKind: String, Sendable, Hashable, CaseIterable {
    case schemas
    case responses
    case parameters
    case examples
    case requestBodies
    case headers
    case securitySchemes
    case links
    case callbacks
    case pathItems

    /// The singular noun diagnostics use: "a parameter".
    var noun: String {
        switch self {
        case .schemas: "schema"
        case .responses: "response"
        case .parameters: "parameter"
        case .examples: "example"
        case .requestBodies: "request body"
        case .headers: "header"
        case .securitySchemes: "security scheme"
        case .links: "link"
        case .callbacks: "callback"
        case .pathItems: "path item"
        }
    }
}
