/// The spec-independent part of the generated router and operation table: the types the generated table fills
/// and the tree walk that matches a request path. It is printed unchanged into every generated module (like
/// swift-openapi-generator's runtime library, but kept in the generated module so the server needs nothing else).
enum RoutingSupport {
    /// The declarations, as Swift source.
    static let source = #"""
        /// Who may call an operation, from its `security` (or the document's).
        public enum OperationSecurity: Sendable, Hashable {
            /// `security: []`: anyone.
            case none
            /// One of these schemes must authenticate the caller, e.g. `["userToken"]`.
            case required([String])
            /// The caller may authenticate with one of these schemes (`{}` is among the alternatives).
            case optional([String])
        }

        /// One row of the operation table: everything the server needs to route, authenticate and bill a request
        /// before the operation's own code runs.
        public struct OperationDescriptor: Sendable {
            /// Which operation.
            public let id: OperationID
            /// The HTTP method on the wire, e.g. `POST`.
            public let method: String
            /// The path template, e.g. `/api/kals/{kal}`.
            public let path: String
            /// Who may call it.
            public let security: OperationSecurity
            /// The `x-billing` kind, when the spec charges per call; nil otherwise.
            public let billing: String?
            /// The first tag, e.g. `AgentAuth`.
            public let tag: String?

            public init(
                id: OperationID, method: String, path: String, security: OperationSecurity, billing: String?,
                tag: String?
            ) {
                self.id = id
                self.method = method
                self.path = path
                self.security = security
                self.billing = billing
                self.tag = tag
            }
        }

        extension OperationID {
            /// This operation's row of ``Operations/all``: what a middleware checks after routing.
            public var descriptor: OperationDescriptor { OperationDescriptor.byID[self]! }
        }

        extension OperationDescriptor {
            /// The table by operation, built once.
            static let byID = Dictionary(uniqueKeysWithValues: Operations.all.map { ($0.id, $0) })
        }

        /// The caller an authentication middleware found: which scheme proved it, and the id of the user or agent.
        public struct Principal: Sendable, Hashable {
            /// The `securitySchemes` key that authenticated the caller, e.g. `agentKey`.
            public var scheme: String
            /// The authenticated user's or agent's id.
            public var id: Int64
            /// The credential that proved it (a token's row, say), so that an operation such as `logout` can act on
            /// exactly that credential; nil when the scheme has no such row.
            public var credential: Int64?

            public init(scheme: String, id: Int64, credential: Int64? = nil) {
                self.scheme = scheme
                self.id = id
                self.credential = credential
            }
        }

        /// What an operation answers: a status, an optional JSON body and the documented headers that are present
        /// (`Retry-After: 60`), for the server to write as they are.
        public struct OperationResponse: Sendable, Equatable {
            /// The HTTP status.
            public var status: Int
            /// The body; nil for none (e.g. 204).
            public var body: JSONValue?
            /// The response headers the spec documents, in its order; empty for most answers.
            public var headers: [ResponseHeader]

            public init(status: Int, body: JSONValue?, headers: [ResponseHeader] = []) {
                self.status = status
                self.body = body
                self.headers = headers
            }
        }

        /// The router's answer for a method and a path.
        public enum RouteMatch: Sendable, Equatable {
            /// The operation and the path parameters by name, percent-decoded (`/users/a%40b` gives `a@b`).
            case found(OperationID, [String: String])
            /// The path exists, the method does not: answer 405 with `Allow` listing these methods.
            case methodNotAllowed([String])
            /// No operation has this path: 404.
            case notFound
        }

        /// A tree of path segments built once from ``Operations/all``: static segments are tried before a
        /// parameter at the same place (`/api/kals/default` before `/api/kals/{kal}`), with backtracking, so a
        /// static segment never hides a longer parameterised path.
        final class RouteNode: Sendable {
            let literals: [String: RouteNode]
            /// Parameter children in spec order; templates naming the parameter at one place differently
            /// (`/agents/{id}` and `/agents/{agent}/schedules`) each keep their own name.
            let parameterChildren: [(name: String, node: RouteNode)]
            let operations: [String: OperationID]

            init(templates: [(segments: ArraySlice<Substring>, method: String, id: OperationID)]) {
                var literalGroups: [String: [(segments: ArraySlice<Substring>, method: String, id: OperationID)]] = [:]
                var parameterGroups: [(name: String, templates: [(segments: ArraySlice<Substring>, method: String, id: OperationID)])] = []
                var operations: [String: OperationID] = [:]
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

            /// The node that ends `segments` and its bound parameters; nil when no path fits. A node that takes
            /// `method` is preferred, so `DELETE /api/kals/default` reaches `/api/kals/{kal}` when only `GET` is
            /// declared on the static path; otherwise the first node found answers 405.
            func match(_ segments: ArraySlice<Substring>, method: String, parameters: [String: String])
                -> (node: RouteNode, parameters: [String: String])?
            {
                guard let first = segments.first else { return operations.isEmpty ? nil : (self, parameters) }
                var fallback: (node: RouteNode, parameters: [String: String])?
                if let child = literals[String(first)],
                    let found = child.match(segments.dropFirst(), method: method, parameters: parameters)
                {
                    if found.node.accepts(method) { return found }
                    fallback = found
                }
                for (name, child) in parameterChildren where !first.isEmpty {
                    var bound = parameters
                    bound[name] = Self.percentDecoded(first)
                    if let found = child.match(segments.dropFirst(), method: method, parameters: bound) {
                        if found.node.accepts(method) { return found }
                        fallback = fallback ?? found
                    }
                }
                return fallback
            }

            /// The operation for `method` here; `HEAD` falls back to `GET`.
            func operation(for method: String) -> OperationID? {
                operations[method] ?? (method == "HEAD" ? operations["GET"] : nil)
            }

            func accepts(_ method: String) -> Bool { operation(for: method) != nil }

            /// `%XX` sequences as bytes, read as UTF-8; a `%` not followed by two hex digits stays as it is.
            static func percentDecoded(_ segment: Substring) -> String {
                guard segment.contains("%") else { return String(segment) }
                var bytes: [UInt8] = []
                let utf8 = Array(segment.utf8)
                var index = 0
                func hexValue(_ byte: UInt8) -> UInt8? {
                    switch byte {
                    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
                    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
                    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
                    default: nil
                    }
                }
                while index < utf8.count {
                    if utf8[index] == UInt8(ascii: "%"), index + 2 < utf8.count,
                        let high = hexValue(utf8[index + 1]), let low = hexValue(utf8[index + 2])
                    {
                        bytes.append(high << 4 | low)
                        index += 3
                    } else {
                        bytes.append(utf8[index])
                        index += 1
                    }
                }
                return String(decoding: bytes, as: UTF8.self)
            }
        }

        /// Maps a request's method and path to an operation, independent of any HTTP server.
        public enum APIRouter {
            static let root = RouteNode(
                templates: Operations.all.map {
                    (segments: $0.path.split(separator: "/")[...], method: $0.method, id: $0.id)
                })

            /// The operation for `method` (e.g. `GET`) on `path` (e.g. `/api/kals/7`, without the query string).
            public static func route(method: String, path: String) -> RouteMatch {
                guard let match = root.match(path.split(separator: "/")[...], method: method, parameters: [:]) else {
                    return .notFound
                }
                if let id = match.node.operation(for: method) { return .found(id, match.parameters) }
                return .methodNotAllowed(match.node.operations.keys.sorted())
            }
        }
        """#
}
