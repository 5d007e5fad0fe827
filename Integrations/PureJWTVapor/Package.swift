// swift-tools-version: 6.2
// PureJWTVapor: Vapor 4 glue over PureJWT's framework-neutral bearer authentication.
// A package of its own so that PureJWT's root package keeps zero dependencies. (The directory is
// not named `Vapor`: SwiftPM derives a root package's identity from its directory name, and
// `vapor` would collide with the dependency.)
import PackageDescription

let package = Package(
    name: "PureJWTVapor",
    platforms: [.macOS(.v13), .iOS(.v16)],   // Vapor 4's
    products: [
        .library(name: "PureJWTVapor", targets: ["PureJWTVapor"]),
    ],
    dependencies: [
        .package(name: "PureJWT", path: "../.."),
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.0"),
    ],
    targets: [
        .target(name: "PureJWTVapor", dependencies: [
            .product(name: "PureJWT", package: "PureJWT"),
            .product(name: "Vapor", package: "vapor"),
        ]),
        .testTarget(name: "PureJWTVaporTests", dependencies: [
            "PureJWTVapor",
            .product(name: "PureJWTTesting", package: "PureJWT"),
            .product(name: "PureJWTFoundation", package: "PureJWT"),
            .product(name: "VaporTesting", package: "vapor"),
        ]),
    ]
)
