// swift-tools-version: 6.2
// Peer comparison, kept out of the root package (which must stay dependency-free): the same
// end-to-end Cognito access-token verification with vapor/jwt-kit (swift-crypto / BoringSSL).
// Run: Benchmarks/compare.sh --peers   (or: swift run -c release --package-path Benchmarks/Peers peer-bench)
import PackageDescription

let package = Package(
    name: "PureJWTPeers",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.7.1"),
    ],
    targets: [
        .executableTarget(name: "peer-bench", dependencies: [.product(name: "JWTKit", package: "jwt-kit")]),
    ]
)
