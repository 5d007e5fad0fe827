// swift-tools-version: 6.0
// CI check (.ci/run): an application that supports macOS 13 — what Hummingbird and Vapor support —
// must be able to depend on PureJWT. SwiftPM refuses a dependency whose platforms are newer than
// the client's, so this resolves and builds only while PureJWT's platforms stay at macOS 13 or older.
import PackageDescription

let package = Package(
    name: "MacOS13Consumer",
    platforms: [.macOS(.v13), .iOS(.v16)],
    dependencies: [.package(name: "PureJWT", path: "../..")],
    targets: [
        .executableTarget(name: "Consumer", dependencies: [
            .product(name: "PureJWT", package: "PureJWT"),
            .product(name: "PureJWTFoundation", package: "PureJWT"),
        ]),
    ]
)
