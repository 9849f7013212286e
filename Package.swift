// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Stratus",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "stratus", targets: ["stratus"]),
        .executable(name: "stratus-bench", targets: ["stratus-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        // Already in the graph through swift-nio-ssl; X.509 key pairs (Compute 2.2) use them directly.
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        // The agent's HTTPS client to the controllers (client certificates through NIOSSL).
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        // Pure core: domain, policy, use cases, ports. No I/O.
        .target(
            name: "StratusCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        // Store port adapters: SQLite through GRDB.
        .target(
            name: "StratusStore",
            dependencies: [
                "StratusCore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        // The controller <-> host link: typed, versioned messages and their mapping
        // to the core's values. No I/O: the agent's client and the controller's
        // routes speak it.
        .target(
            name: "StratusHostProtocol",
            dependencies: ["StratusCore"],
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        // Host side: the reconciler, hypervisor drivers, and the control plane's client.
        .target(
            name: "StratusAgent",
            dependencies: [
                "StratusCore", "StratusHostProtocol",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                // The host's key and its certificate signing request at enrollment.
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
            ],
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        // OpenStack HTTP fronts: Identity v3 (Compute and Image follow).
        .target(
            name: "StratusOpenStack",
            dependencies: [
                "StratusCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        // Composition root: configuration, bootstrap, services, HTTP server.
        .target(
            name: "StratusApp",
            dependencies: [
                "StratusCore", "StratusStore", "StratusOpenStack", "StratusAgent", "StratusHostProtocol",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "stratus",
            dependencies: [
                "StratusApp", "StratusAgent",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "stratus-bench",
            dependencies: [
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StratusCoreTests",
            dependencies: [
                "StratusCore",
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StratusStoreTests",
            dependencies: ["StratusCore", "StratusStore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StratusHostProtocolTests",
            dependencies: ["StratusHostProtocol", "StratusCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StratusAgentTests",
            dependencies: ["StratusAgent", "StratusCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StratusAppTests",
            dependencies: [
                "StratusApp", "StratusAgent", "StratusCore", "StratusStore", "StratusOpenStack",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                // Signing keys and certificates made in the tests themselves.
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
            ],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
