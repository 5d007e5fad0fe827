// swift-tools-version: 6.2
// The seed system: a Hummingbird backend behind Amazon Cognito. Sign-up, confirmation, sign-in and
// refresh are thin calls to Cognito's public JSON API; every other route needs a bearer token that
// PureJWT verifies against the user pool's JWKS. See README.md.
import PackageDescription

let package = Package(
    name: "CognitoBackend",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "PureJWT", path: "../.."),
        .package(path: "../../Integrations/PureJWTHummingbird"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
    ],
    targets: [
        .executableTarget(name: "CognitoBackend", dependencies: [
            .product(name: "PureJWT", package: "PureJWT"),
            .product(name: "PureJWTFoundation", package: "PureJWT"),
            .product(name: "PureSHA2", package: "PureJWT"),
            .product(name: "PureJWTHummingbird", package: "PureJWTHummingbird"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
            .product(name: "Logging", package: "swift-log"),
        ]),
    ]
)
