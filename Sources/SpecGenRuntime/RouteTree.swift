/// The router's answer for a method and a path.
public enum RouteMatch<ID: Hashable & Sendable>: Sendable, Equatable {
    /// The operation and the path parameters by name, percent-decoded once (`/users/a%40b` gives `a@b`).
    case found(ID, [String: String])
    /// The path exists, the method does not: answer 405 with `Allow` listing these methods.
    case methodNotAllowed([String])
    /// No operation has this path: 404.
    case notFound
}

/// Maps a request's method and path to an operation, independent of any HTTP server: a tree of path segments
/// built once from the operation table. Static segments are tried before a parameter at the same place
/// (`/api/kals/default` before `/api/kals/{kal}`), with backtracking, so a static segment never hides a longer
/// parameterised path.
public struct RouteTree<ID: Hashable & Sendable>: Sendable {
    private let root: RouteNode<ID>

    /// The tree for these rows (the generated `Operations.all`).
    public init(_ rows: [OperationTableRow<ID>]) {
        root = RouteNode(templates: rows.map { (segments: $0.path.split(separator: "/")[...], method: $0.method, id: $0.id) })
    }

    /// The operation for `method` (e.g. `GET`) on `path` (e.g. `/api/kals/7`, without the query string).
    public func route(method: String, path: String) -> RouteMatch<ID> {
        guard let match = root.match(path.split(separator: "/")[...], method: method, parameters: [:]) else {
            return .notFound
        }
        if let id = match.node.operation(for: method) { return .found(id, match.parameters) }
        return .methodNotAllowed(match.node.operations.keys.sorted())
    }
}

/// One node of a ``RouteTree``: the operations that end here by method, and the children by next segment.
final class RouteNode<ID: Hashable & Sendable>: Sendable {
    typealias Template = (segments: ArraySlice<Substring>, method: String, id: ID)

    let literals: [String: RouteNode]
    /// Parameter children in spec order; templates naming the parameter at one place differently
    /// (`/agents/{id}` and `/agents/{agent}/schedules`) each keep their own name.
    let parameterChildren: [(name: String, node: RouteNode)]
    let operations: [String: ID]

    init(templates: [Template]) {
        var literalGroups: [String: [Template]] = [:]
        var parameterGroups: [(name: String, templates: [Template])] = []
        var operations: [String: ID] = [:]
        for template in templates {
            guard let first = template.segments.first else {
                operations[template.method] = template.id
                continue
            }
            let rest = (segments: template.segments.dropFirst(), method: template.method, id: template.id)
            if first.hasPrefix("{") && first.hasSuffix("}") {
                let name = String(first.dropFirst().dropLast())
                if let index = parameterGroups.firstIndex(where: { $0.name == name }) {
                    parameterGroups[index].templates.append(rest)
                } else {
                    parameterGroups.append((name, [rest]))
                }
            } else {
                literalGroups[String(first), default: []].append(rest)
            }
        }
        self.literals = literalGroups.mapValues { RouteNode(templates: $0) }
        self.parameterChildren = parameterGroups.map { ($0.name, RouteNode(templates: $0.templates)) }
        self.operations = operations
    }

    /// The node that ends `segments` and its bound parameters; nil when no path fits. A concrete path wins over a
    /// template whatever the method, as OpenAPI's path matching says: `PATCH /api/contracts/archived` is a 405 of the
    /// path `/api/contracts/archived` (GET only), not `updateContract` with `archived` as its id. Among templates
    /// naming the parameter differently, one that takes `method` is preferred; otherwise the first found answers 405.
    func match(_ segments: ArraySlice<Substring>, method: String, parameters: [String: String])
        -> (node: RouteNode, parameters: [String: String])?
    {
        guard let first = segments.first else { return operations.isEmpty ? nil : (self, parameters) }
        if let child = literals[String(first)],
            let found = child.match(segments.dropFirst(), method: method, parameters: parameters)
        {
            return found
        }
        var fallback: (node: RouteNode, parameters: [String: String])?
        for (name, child) in parameterChildren where !first.isEmpty {
            var bound = parameters
            bound[name] = PercentDecoding.decode(first, plusIsSpace: false)
            if let found = child.match(segments.dropFirst(), method: method, parameters: bound) {
                if found.node.accepts(method) { return found }
                fallback = fallback ?? found
            }
        }
        return fallback
    }

    /// The operation for `method` here; `HEAD` falls back to `GET`.
    func operation(for method: String) -> ID? {
        operations[method] ?? (method == "HEAD" ? operations["GET"] : nil)
    }

    func accepts(_ method: String) -> Bool { operation(for: method) != nil }
}
