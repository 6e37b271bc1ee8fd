// swift-tools-version:6.1
// Ceki: a spec-first Swift server for the TribeIT platform.
// spec/openapi.yaml → SpecGen → Generated → Handlers → Server.

import PackageDescription

let package = Package(
    name: "ceki",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ceki", targets: ["Ceki"]),
        .executable(name: "SpecGen", targets: ["SpecGen"]),
        // The toolkit for other packages: the runtime generated code calls, and the plugin that generates it from
        // the `openapi.yaml` of the target it is applied to (docs/specgen.md).
        .library(name: "SpecGenRuntime", targets: ["SpecGenRuntime"]),
        .plugin(name: "SpecGenPlugin", targets: ["SpecGenPlugin"]),
        .executable(name: "ceki-bench", targets: ["Bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        // Metrics: the swift-metrics API (Hummingbird's own, same major), exported by swift-prometheus (docs/metrics.md).
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
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
        .systemLibrary(
            name: "CVips", pkgConfig: "vips",
            providers: [.apt(["libvips-dev"])]),
        // libvips's calls are C variadics, which Swift cannot make: a few fixed-argument wrappers (docs/files.md).
        .target(name: "VipsShim", dependencies: ["CVips"]),

        // YAML → OpenAPI model → Swift code. No dependency on the server.
        .executableTarget(
            name: "SpecGen",
            dependencies: ["CYAML", "ECMARegexTranslation"]),

        // ECMA-262 patterns → ICU patterns with the same meaning. Foundation-free: SpecGen checks every pattern of
        // a spec with it at generation time, and the runtime translates with it before compiling.
        .target(name: "ECMARegexTranslation"),

        // Runs SpecGen on the `openapi.yaml` of the target it is applied to at every build (regenerates only when
        // the spec changes).
        .plugin(name: "SpecGenPlugin", capability: .buildTool(), dependencies: ["SpecGen"]),

        // What generated code calls: JSON values and numbers, validation rules, request decoding, the router's tree.
        // Foundation and the two small modules below only.
        .target(name: "SpecGenRuntime", dependencies: ["CivilCalendar", "ECMARegexTranslation"]),

        // Extended public keys → deposit addresses (BIP32 public derivation, P2WPKH bech32, EIP-55) on OpenSSL's
        // secp256k1; holds no private key and needs no Foundation.
        .target(name: "ChainKeys", dependencies: ["COpenSSL"]),

        // A long command's progress on one line of standard error, drawn only on a terminal: the one helper of
        // every long `ceki` and `ceki-bench` command.
        .target(name: "TerminalProgress"),

        // Days since 1970 ⇄ year, month, day (proleptic Gregorian): the one civil-date algorithm, with no dependency.
        .target(name: "CivilCalendar"),

        // The module SpecGen fills from spec/openapi.yaml (its `openapi.yaml` is a link to it), exactly as another
        // package would use the plugin; it re-exports the runtime.
        .target(
            name: "Generated",
            dependencies: ["SpecGenRuntime"],
            plugins: ["SpecGenPlugin"]),

        // PostgreSQL over libpq: the pipelined pool, queries that bind, rows, errors, the migrator. Knows no domain.
        .target(
            name: "Postgres",
            dependencies: [
                "CivilCalendar", "CLibPQ",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]),

        // The domain: handlers per tag, the schema's migrations, auth, billing, slots, mail. Re-exports Postgres.
        .target(
            name: "Handlers",
            dependencies: [
                "Generated", "Postgres", "CivilCalendar", "COpenSSL", "ChainKeys", "VipsShim",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            resources: [.embedInCode("Database/Migrations")]),

        // The server: HTTP (Hummingbird 2), configuration, middleware, the command line. A library, so that the
        // tests' shared server (Tests/Support) builds the application exactly as `ceki serve` does.
        .target(
            name: "CekiServer",
            dependencies: [
                "Handlers", "Generated", "TerminalProgress",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.embedInCode("openapi.yaml")]),

        // The `ceki` executable: runs CekiServer's command line.
        .executableTarget(name: "Ceki", dependencies: ["CekiServer"]),

        // Benchmarks run by scripts/bench (never by the test suite).
        .executableTarget(
            name: "Bench",
            dependencies: ["Handlers", "Generated", "TerminalProgress"]),

        .testTarget(name: "SpecGenTests", dependencies: ["SpecGen"], exclude: ["Corpus"]),
        .testTarget(name: "CivilCalendarTests", dependencies: ["CivilCalendar"]),
        .testTarget(name: "ChainKeysTests", dependencies: ["ChainKeys"]),
        .testTarget(name: "GeneratedTests", dependencies: ["Generated", "SpecGenRuntime"]),
        // What several test targets share: a real SMTP sink, database dumps, a scratch database per suite, the
        // server as `ceki serve` builds it, signed-in users and registered agents through the real flows.
        .target(
            name: "CekiTestSupport",
            dependencies: [
                "Handlers", "Generated", "CekiServer", "ChainKeys",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/Support"),
        // The test database every database test shares (one pool, unique names, scratch databases).
        .target(name: "PostgresTestSupport", dependencies: ["Postgres"], path: "Tests/PostgresSupport"),
        .testTarget(
            name: "PostgresTests",
            dependencies: ["Postgres", "PostgresTestSupport", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "HandlersTests", dependencies: ["Handlers", "PostgresTestSupport", "CekiTestSupport"]),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "CekiServer", "Handlers", "CekiTestSupport", "ChainKeys", "TerminalProgress",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
    ]
)
