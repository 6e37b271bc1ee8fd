// swift-tools-version:6.1
// Ceki: a spec-first Swift server for the TribeIT platform.
// spec/openapi.yaml → SpecGen → Generated → Handlers → Server.

import PackageDescription

let package = Package(
    name: "ceki",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ceki", targets: ["Server"]),
        .executable(name: "SpecGen", targets: ["SpecGen"]),
        .executable(name: "ceki-bench", targets: ["Bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        // System libraries: the C libraries are the system's (Debian's -dev packages).
        .systemLibrary(
            name: "CYAML", pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(
            name: "CLibPQ", pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]),
        .systemLibrary(
            name: "COpenSSL", pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]),

        // YAML → OpenAPI model → Swift code. No dependency on the server.
        .executableTarget(
            name: "SpecGen",
            dependencies: ["CYAML"]),

        // Runs SpecGen on spec/openapi.yaml at every build (regenerates only when the spec changes).
        .plugin(name: "SpecGenPlugin", capability: .buildTool(), dependencies: ["SpecGen"]),

        // The module SpecGen fills from spec/openapi.yaml, plus its small runtime.
        .target(
            name: "Generated",
            plugins: ["SpecGenPlugin"]),

        // The domain: handlers per tag, PostgreSQL over libpq, auth, billing, slots, mail.
        .target(
            name: "Handlers",
            dependencies: [
                "Generated", "CLibPQ", "COpenSSL",
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.embedInCode("Database/Migrations")]),

        // The executable: HTTP (Hummingbird 2), configuration, middleware, CLI.
        .executableTarget(
            name: "Server",
            dependencies: [
                "Handlers", "Generated",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            resources: [.embedInCode("openapi.yaml")]),

        // Benchmarks run by scripts/bench (never by the test suite).
        .executableTarget(
            name: "Bench",
            dependencies: ["Handlers", "Generated"]),

        .testTarget(name: "SpecGenTests", dependencies: ["SpecGen"], exclude: ["Corpus"]),
        .testTarget(name: "GeneratedTests", dependencies: ["Generated"]),
        // What several test targets share: a real SMTP sink, database dumps.
        .target(name: "CekiTestSupport", dependencies: ["Handlers"], path: "Tests/Support"),
        .testTarget(name: "HandlersTests", dependencies: ["Handlers", "CekiTestSupport"]),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "Handlers", "CekiTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
    ]
)
