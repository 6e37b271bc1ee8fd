/// The files of a scaffolded package (`specgen scaffold`): its manifest, the `API` target holding the spec, and the
/// `Server` executable (Hummingbird) with the document's security schemes written out. The server's code is fixed
/// text; only the manifest's names and the scheme table come from the spec.
enum ScaffoldFiles {
    /// Where the package gets SpecGen (its plugin and runtime) from.
    enum Dependency: Equatable {
        case path(String)
        case url(String, from: String)

        /// The manifest line.
        var manifest: String {
            switch self {
            case .path(let path): ".package(path: \(ScaffoldFiles.literal(path)))"
            case .url(let url, let version): ".package(url: \(ScaffoldFiles.literal(url)), from: \(ScaffoldFiles.literal(version)))"
            }
        }

        /// The package's identity, which `.product(package:)` names: SwiftPM takes it from the last path component
        /// (of the folder, or of the URL without `.git`), lower-cased.
        var identity: String {
            let location: String
            switch self {
            case .path(let path): location = path
            case .url(let url, _): location = url
            }
            var last = location.split(separator: "/").last.map(String.init) ?? "ceki"
            if last.hasSuffix(".git") { last.removeLast(4) }
            return last.lowercased()
        }
    }

    /// A package name from the API's title: letters and digits, words capitalised (`Swagger Petstore` →
    /// `SwaggerPetstore`); `API` when nothing is left.
    static func packageName(from title: String) -> String {
        let words = title.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
        let name = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        guard let first = name.first, first.isLetter else { return "API" + name }
        return name
    }

    static func files(document: OpenAPIDocument, spec: String, specFileName: String = "openapi.yaml", name: String, dependency: Dependency)
        -> [(path: String, text: String)]
    {
        [
            ("Package.swift", manifest(name: name, dependency: dependency, title: document.info.title)),
            ("Sources/API/\(specFileName)", spec),
            ("Sources/API/API.swift", apiModule),
            ("Sources/Server/main.swift", serverMain),
            ("Sources/Server/OperationMiddleware.swift", operationMiddleware),
            ("Sources/Server/SecuritySchemes.swift", securitySchemes(document)),
            ("Sources/Server/Service.swift", service),
            (".gitignore", ".build/\n.swiftpm/\nPackage.resolved\n"),
            ("README.md", readme(name: name, title: document.info.title)),
        ]
    }

    /// A Swift string literal of `text` (the renderer's).
    static func literal(_ text: String) -> String { SwiftLiteral.quoted(text) }

    static func manifest(name: String, dependency: Dependency, title: String) -> String {
        let specgen = dependency.identity
        return #"""
            // swift-tools-version:6.1
            // Scaffolded by `specgen scaffold` from the spec "\#(title.replacingNewlines)".
            import PackageDescription

            let package = Package(
                name: \#(literal(name)),
                platforms: [.macOS(.v15)],
                dependencies: [
                    .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
                    .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
                    \#(dependency.manifest),
                ],
                targets: [
                    // The spec's types, validators, operation table, router and 501 defaults, generated from
                    // Sources/API/openapi.yaml at every build by SpecGen's plugin.
                    .target(
                        name: "API",
                        dependencies: [.product(name: "SpecGenRuntime", package: \#(literal(specgen)))],
                        plugins: [.plugin(name: "SpecGenPlugin", package: \#(literal(specgen)))]),
                    // The HTTP server: routing, credentials, validation, then `Service`.
                    .executableTarget(
                        name: "Server",
                        dependencies: [
                            "API",
                            .product(name: "Hummingbird", package: "hummingbird"),
                            .product(name: "HTTPTypes", package: "swift-http-types"),
                        ]),
                ]
            )

            """#
    }

    static let apiModule = #"""
        @_exported import SpecGenRuntime

        // SpecGen's plugin writes this module's code from openapi.yaml at every build: `Types`, `Operations`, the
        // `APIHandler` protocol (one method per operationId, each answering 501 until implemented) and `APIRouter`.

        """#

    static let serverMain = #"""
        import Foundation
        import Hummingbird

        // Serves every operation of the spec: PORT (default 8080) and HOST (default 127.0.0.1) from the environment.
        let environment = ProcessInfo.processInfo.environment
        let host = environment["HOST"] ?? "127.0.0.1"
        let port = environment["PORT"].flatMap(Int.init) ?? 8080

        let router = Router()
        router.add(middleware: OperationMiddleware(handler: Service()))
        let app = Application(router: router, configuration: .init(address: .hostname(host, port: port)))
        try await app.runService()

        """#

    static let operationMiddleware = #"""
        import API
        import HTTPTypes
        import Hummingbird

        /// Every operation of the spec through the generated router: 404 for an unknown path, 405 with `Allow` for a
        /// known path with another method, 401 when the operation's security asks for a credential that was not sent,
        /// 400/422 (naming every field) for bad parameters and bodies, then the `Service`.
        struct OperationMiddleware<Context: RequestContext>: RouterMiddleware {
            let handler: Service
            /// The most bytes a request body may have.
            var maximumBodyBytes = 16 * 1024 * 1024

            func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
                async throws -> Response
            {
                switch APIRouter.route(method: request.method.rawValue, path: request.uri.path) {
                case .notFound:
                    return Self.json(status: 404, ["message": .string("No operation has the path \(request.uri.path).")])
                case .methodNotAllowed(let allowed):
                    var response = Self.json(
                        status: 405, ["message": .string("Supported methods: \(allowed.joined(separator: ", ")).")])
                    response.headers[.allow] = allowed.joined(separator: ", ")
                    return response
                case .found(let operation, let path):
                    guard let descriptor = Operations.all.first(where: { $0.id == operation }) else {
                        return Self.json(status: 404, ["message": "No such operation."])
                    }
                    let principal: Principal?
                    switch descriptor.security {
                    case .none:
                        principal = nil
                    case .optional(let schemes):
                        principal = SecuritySchemes.principal(schemes, in: request)
                    case .required(let schemes):
                        guard let found = SecuritySchemes.principal(schemes, in: request) else {
                            return Self.json(status: 401, ["message": "Unauthenticated."])
                        }
                        principal = found
                    }
                    var headers: [String: String] = [:]
                    for field in request.headers { headers[field.name.canonicalName] = field.value }
                    let sources = ParameterSources(
                        path: path, query: QueryString(request.uri.query ?? ""), headers: headers)
                    let body = try await request.body.collect(upTo: maximumBodyBytes)
                    do {
                        let answer = try await handler.handle(
                            operation, sources: sources, body: Array(body.readableBytesView), principal: principal)
                        var response = Response(status: .init(code: answer.status))
                        for header in answer.headers {
                            if let field = HTTPField.Name(header.name) { response.headers[field] = header.value }
                        }
                        if let raw = answer.rawBody {
                            response.headers[.contentType] = raw.contentType
                            response.body = .init(byteBuffer: ByteBuffer(bytes: raw.bytes))
                        } else if let json = answer.body {
                            response.headers[.contentType] = "application/json"
                            response.body = .init(byteBuffer: ByteBuffer(bytes: json.encoded()))
                        }
                        return response
                    } catch let rejection as RequestRejection {
                        return Self.json(status: rejection.status, rejection.responseBody)
                    }
                }
            }

            static func json(status: Int, _ body: JSONValue) -> Response {
                Response(
                    status: .init(code: status), headers: [.contentType: "application/json"],
                    body: .init(byteBuffer: ByteBuffer(bytes: body.encoded())))
            }
        }

        """#

    static let service = #"""
        import API

        /// The API's operations. Each answers 501 `{"message": "Not implemented"}` through the generated default until it
        /// is implemented here: write `func <operationId>(_ input: Operations.<OperationId>.Input) async throws ->
        /// Operations.<OperationId>.Output`, with the typed, validated input and the spec's statuses as cases.
        struct Service: APIHandler {}

        """#

    /// The document's `securitySchemes` as a table of where each one's credential is sent.
    static func securitySchemes(_ document: OpenAPIDocument) -> String {
        var rows: [String] = []
        for element in document.components.securitySchemes.elements {
            let location: String
            switch element.value.kind {
            case .http(let scheme, _) where scheme.lowercased() == "basic": location = ".authorization(scheme: \"Basic\")"
            case .http(let scheme, _) where scheme.lowercased() != "bearer":
                location = ".authorization(scheme: \(literal(scheme.prefix(1).uppercased() + scheme.dropFirst())))"
            case .http, .oauth2, .openIDConnect: location = ".authorization(scheme: \"Bearer\")"
            case .apiKey(let name, .header): location = ".header(\(literal(name)))"
            case .apiKey(let name, .query): location = ".query(\(literal(name)))"
            case .apiKey(let name, .cookie): location = ".cookie(\(literal(name)))"
            case .apiKey(let name, .path): location = ".header(\(literal(name)))"
            case .mutualTLS: location = ".unsupported"
            }
            rows.append("        \(literal(element.name)): \(location),")
        }
        let table = rows.isEmpty ? "[:]" : "[\n" + rows.joined(separator: "\n") + "\n    ]"
        return #"""
            import API
            import Foundation
            import HTTPTypes
            import Hummingbird

            /// Where each security scheme of the spec sends its credential. A credential that is present satisfies its
            /// scheme here: replace ``principal(_:in:)`` with a real check (a token looked up, a key compared) before
            /// serving anything that matters.
            enum SecuritySchemes {
                enum Location {
                    case authorization(scheme: String)
                    case header(String)
                    case query(String)
                    case cookie(String)
                    /// Not checkable by the HTTP layer (mutual TLS): never satisfied.
                    case unsupported
                }

                static let all: [String: Location] = \#(table)

                /// The caller of the first of `schemes` whose credential the request carries, nil when none does.
                static func principal(_ schemes: [String], in request: Request) -> Principal? {
                    for scheme in schemes {
                        if let location = all[scheme], credential(location, in: request) != nil {
                            return Principal(scheme: scheme, id: 0)
                        }
                    }
                    return nil
                }

                static func credential(_ location: Location, in request: Request) -> String? {
                    let value: String?
                    switch location {
                    case .authorization(let scheme):
                        guard let header = request.headers[.authorization], header.count > scheme.count + 1,
                            header.prefix(scheme.count + 1).lowercased() == scheme.lowercased() + " "
                        else { return nil }
                        value = String(header.dropFirst(scheme.count + 1))
                    case .header(let name):
                        value = HTTPField.Name(name).flatMap { request.headers[$0] }
                    case .query(let name):
                        value = QueryString(request.uri.query ?? "").items.first { $0.name == name }?.value
                    case .cookie(let name):
                        value = cookie(name, in: request.headers[.cookie] ?? "")
                    case .unsupported:
                        value = nil
                    }
                    guard let value, !value.isEmpty else { return nil }
                    return value
                }

                /// The value of cookie `name` in a `Cookie` header (`a=1; b=2`).
                static func cookie(_ name: String, in header: String) -> String? {
                    for pair in header.split(separator: ";") {
                        let parts = pair.split(separator: "=", maxSplits: 1)
                        if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
                            return String(parts[1])
                        }
                    }
                    return nil
                }
            }

            """#
    }

    static func readme(name: String, title: String) -> String {
        #"""
            # \#(name)

            Scaffolded by `specgen scaffold` from "\#(title.replacingNewlines)". The spec is `Sources/API/openapi.yaml`;
            SpecGen regenerates the `API` module from it at every build.

            - `swift run Server` serves every operation on `PORT` (8080): unknown paths 404, other methods 405,
              missing credentials 401, bad input 400/422 naming every field, and 501 for each operation not built.
            - Build an operation in `Sources/Server/Service.swift`: its method takes the typed, validated input and
              answers one of the spec's statuses.
            - `Sources/Server/SecuritySchemes.swift` only checks that a credential is sent: make it verify one.

            """#
    }
}

extension String {
    /// The text on one line (a title in a comment).
    fileprivate var replacingNewlines: String {
        String(map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
