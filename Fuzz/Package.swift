// swift-tools-version: 6.2
// Coverage-guided fuzzing of PureJWT's parsers with libFuzzer and AddressSanitizer. A separate
// package (the root package has no dependencies and no fuzz targets); each executable target
// defines LLVMFuzzerTestOneInput and gets its main from libFuzzer.
// Build and run one harness: Fuzz/run.sh TARGET SECONDS   (see Fuzz/README.md)
import PackageDescription

let package = Package(
    name: "PureJWTFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "PureJWT", path: "..")],
    targets: [
        .executableTarget(name: "fuzz-base64url", dependencies: [.product(name: "PureBase64URL", package: "PureJWT")]),
        .executableTarget(name: "fuzz-json", dependencies: [.product(name: "PureJWT", package: "PureJWT")]),
        .executableTarget(name: "fuzz-der", dependencies: [.product(name: "PureDER", package: "PureJWT"), .product(name: "PureJWT", package: "PureJWT")]),
        .executableTarget(name: "fuzz-jwk", dependencies: [.product(name: "PureJWT", package: "PureJWT")]),
        .executableTarget(name: "fuzz-token", dependencies: [.product(name: "PureJWT", package: "PureJWT")]),
        .executableTarget(name: "fuzz-ec", dependencies: [.product(name: "PureEC", package: "PureJWT"), .product(name: "PureJWT", package: "PureJWT")]),
        .executableTarget(name: "fuzz-ed25519", dependencies: [.product(name: "PureEd25519", package: "PureJWT"), .product(name: "PureJWT", package: "PureJWT")]),
    ]
)
