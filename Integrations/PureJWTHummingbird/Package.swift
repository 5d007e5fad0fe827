// swift-tools-version: 6.2
// PureJWTHummingbird: Hummingbird 2 glue over PureJWT's framework-neutral bearer authentication.
// A package of its own so that PureJWT's root package keeps zero dependencies.
import PackageDescription

let package = Package(
    name: "PureJWTHummingbird",
    platforms: [.macOS(.v14), .iOS(.v17), .tvOS(.v17)],   // hummingbird-auth's
    products: [
        .library(name: "PureJWTHummingbird", targets: ["PureJWTHummingbird"]),
    ],
    dependencies: [
        .package(name: "PureJWT", path: "../.."),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
    ],
    targets: [
        .target(name: "PureJWTHummingbird", dependencies: [
            .product(name: "PureJWT", package: "PureJWT"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "PureJWTHummingbirdTests", dependencies: [
            "PureJWTHummingbird",
            .product(name: "PureJWTTesting", package: "PureJWT"),
            .product(name: "PureJWTFoundation", package: "PureJWT"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ]),
    ]
)
