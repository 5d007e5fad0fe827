// swift-tools-version: 6.2
// PureJWT — pure-Swift JWT verification with zero package dependencies.
// The root package must never declare a package dependency: SwiftPM resolves every
// dependency of a package whatever product a user picks. Peer comparisons live in
// Benchmarks/Peers (a separate package).
import PackageDescription

let library: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "PureJWT",
    // Apple platforms: the library needs nothing newer than macOS 13 / iOS 16 (what Hummingbird and
    // Vapor support); on systems before macOS 15 / iOS 18 the Montgomery kernels run on 32-bit words.
    platforms: [.macOS(.v13), .iOS(.v16), .tvOS(.v16), .watchOS(.v9), .visionOS(.v1)],
    products: [
        .library(name: "PureJWT", targets: ["PureJWT"]),
        // The lower layers on their own, for users (and the fuzz harnesses) that need one primitive.
        .library(name: "PureBase64URL", targets: ["PureBase64URL"]),
        .library(name: "PureSHA2", targets: ["PureSHA2"]),
        .library(name: "PureBigNum", targets: ["PureBigNum"]),
        .library(name: "PureJSON", targets: ["PureJSON"]),
        .library(name: "PureDER", targets: ["PureDER"]),
        .library(name: "PureRSA", targets: ["PureRSA"]),
        .library(name: "PureEd25519", targets: ["PureEd25519"]),
        .library(name: "PureEC", targets: ["PureEC"]),
        .library(name: "PureJWK", targets: ["PureJWK"]),
        .library(name: "PureJWTFoundation", targets: ["PureJWTFoundation"]),
        // Test-only: mint signed tokens (published keys, variable-time signing), fake fetchers.
        .library(name: "PureJWTTesting", targets: ["PureJWTTesting"]),
        .executable(name: "jwt", targets: ["jwt"]),
        .executable(name: "jwt-bench", targets: ["jwt-bench"]),
    ],
    targets: [
        // MARK: library stack, bottom to top (docs/ARCHITECTURE.md "The stack")
        .target(name: "PureBase64URL", swiftSettings: library),
        .target(name: "PureSHA2", swiftSettings: library),
        .target(name: "PureBigNum", swiftSettings: library),
        .target(name: "PureJSON", swiftSettings: library),
        .target(name: "PureDER", dependencies: ["PureBase64URL"], swiftSettings: library),
        .target(name: "PureRSA", dependencies: ["PureBigNum", "PureSHA2"], swiftSettings: library),
        .target(name: "PureEd25519", dependencies: ["PureSHA2"], swiftSettings: library),
        .target(name: "PureEC", swiftSettings: library),
        .target(name: "PureJWK",
                dependencies: ["PureJSON", "PureBase64URL", "PureDER", "PureRSA", "PureSHA2", "PureEd25519", "PureEC"],
                swiftSettings: library),
        .target(name: "PureJWT",
                dependencies: ["PureBase64URL", "PureSHA2", "PureBigNum", "PureJSON", "PureDER",
                               "PureRSA", "PureEd25519", "PureEC", "PureJWK"],
                swiftSettings: library),
        // The only networking, optional.
        .target(name: "PureJWTFoundation", dependencies: ["PureJWT"], swiftSettings: library),
        // Test support for users' own tests (stdlib only).
        .target(name: "PureJWTTesting", dependencies: ["PureJWT", "PureJWK", "PureJSON", "PureRSA", "PureBigNum", "PureSHA2", "PureBase64URL"],
                swiftSettings: library),

        // MARK: executables
        .executableTarget(name: "jwt", dependencies: ["PureJWT", "PureJWTFoundation", "PureBase64URL"]),
        .executableTarget(name: "jwt-bench",
                          dependencies: ["PureJWT", "PureBase64URL", "PureSHA2", "PureBigNum",
                                         "PureJSON", "PureDER", "PureRSA", "PureJWK", "PureJWTTesting", "PureEd25519", "PureEC"],
                          path: "Benchmarks/jwt-bench"),

        // MARK: tests (one target per module)
        .target(name: "VectorSupport", path: "Tests/VectorSupport"),
        .testTarget(name: "PureBase64URLTests", dependencies: ["PureBase64URL", "VectorSupport"]),
        .testTarget(name: "PureSHA2Tests", dependencies: ["PureSHA2", "VectorSupport"]),
        .testTarget(name: "PureBigNumTests", dependencies: ["PureBigNum", "VectorSupport"]),
        .testTarget(name: "PureJSONTests", dependencies: ["PureJSON", "VectorSupport"]),
        .testTarget(name: "PureDERTests", dependencies: ["PureDER", "VectorSupport"]),
        .testTarget(name: "PureRSATests", dependencies: ["PureRSA", "PureSHA2", "PureBigNum", "VectorSupport"]),
        .testTarget(name: "PureEd25519Tests", dependencies: ["PureEd25519", "PureSHA2", "VectorSupport"]),
        .testTarget(name: "PureECTests", dependencies: ["PureEC", "PureSHA2", "PureDER", "VectorSupport"]),
        .testTarget(name: "PureJWKTests", dependencies: ["PureJWK", "PureDER", "PureRSA", "PureJSON", "VectorSupport"]),
        .testTarget(name: "PureJWTTests", dependencies: ["PureJWT", "PureJWK", "PureRSA", "PureJSON", "PureBase64URL", "PureJWTTesting", "VectorSupport"]),
        .testTarget(name: "PureJWTTestingTests", dependencies: ["PureJWTTesting", "PureJWT", "PureSHA2", "PureBase64URL", "PureRSA", "VectorSupport"]),
        .testTarget(name: "PureJWTFoundationTests", dependencies: ["PureJWTFoundation", "PureJWT", "PureJWK", "PureJWTTesting", "VectorSupport"]),
        // README.md's Swift snippets, compiled as written (generated by Scripts/readme_snippets.py).
        .testTarget(name: "ReadmeSnippetTests", dependencies: ["PureJWT", "PureJWTFoundation", "PureJWTTesting", "VectorSupport"]),
        // Black-box tests of the built `jwt` binary (the dependency makes SwiftPM build it first).
        .testTarget(name: "jwtCLITests", dependencies: ["jwt", "VectorSupport"], path: "Tests/jwtCLITests"),
    ],
    swiftLanguageModes: [.v6]
)
