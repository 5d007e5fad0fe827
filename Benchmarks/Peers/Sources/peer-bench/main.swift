// jwt-kit verifying the sample Cognito access token (Vectors/cognito) with the checks PureJWT's
// "jwt verify cognito access token" makes: RS256 signature by kid from the JWKS, iss, exp at the
// fixed time, token_use, client_id. Prints one JSON line like jwt-bench --json.
import Foundation
import JWTKit
#if canImport(Glibc)
import Glibc
#endif

/// This process's CPU time in nanoseconds (as jwt-bench and `openssl speed` measure).
func cpuNanoseconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) * 1e9 + Double(ts.tv_nsec)
}

struct CognitoAccess: JWTPayload {
    let iss: IssuerClaim
    let exp: ExpirationClaim
    let token_use: String
    let client_id: String
    let sub: SubjectClaim

    func verify(using algorithm: some JWTAlgorithm) throws {
        try exp.verifyNotExpired(currentDate: Date(timeIntervalSince1970: 1_763_900_000))
        guard iss.value == "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123xyz",
              token_use == "access", client_id == "4h8d2j9k1l0m3n5p7q6r2s4t8u" else {
            throw JWTError.claimVerificationFailure(failedClaim: nil, reason: "cognito rules")
        }
    }
}

let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Vectors/cognito")
let jwks = try String(contentsOf: dir.appendingPathComponent("jwks.json"), encoding: .utf8)
let token = try String(contentsOf: dir.appendingPathComponent("access_token.jwt"), encoding: .utf8)
    .trimmingCharacters(in: .whitespacesAndNewlines)
let keys = try await JWTKeyCollection().add(jwksJSON: jwks)
_ = try await keys.verify(token, as: CognitoAccess.self)

let seconds = Double(CommandLine.arguments.dropFirst().first ?? "") ?? 3
for _ in 0..<2000 { _ = try await keys.verify(token, as: CognitoAccess.self) }
let clock = ContinuousClock()
var n = 0
let start = clock.now
let cpuStart = cpuNanoseconds()
while clock.now - start < .milliseconds(Int64(seconds * 1000)) {
    for _ in 0..<100 { _ = try await keys.verify(token, as: CognitoAccess.self) }
    n += 100
}
let elapsed = clock.now - start
let cpuNs = (cpuNanoseconds() - cpuStart) / Double(n)
let ns = (Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9) / Double(n)
print("{\"name\":\"jwt-kit verify cognito access token\",\"ns_per_op\":\(ns),\"ops_per_s\":\(1e9 / ns),\"cpu_ns_per_op\":\(cpuNs),\"cpu_ops_per_s\":\(1e9 / cpuNs)}")
