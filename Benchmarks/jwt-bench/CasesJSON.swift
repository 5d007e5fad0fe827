// Benchmark cases for PureJSON: a typical Cognito access-token payload and a 100 KiB JWKS-like document.
import PureJSON

let cognitoAccessPayload = #"{"sub":"5f1e3c2a-8b7d-4e6f-9a0b-1c2d3e4f5a6b","cognito:groups":["admin","editors"],"iss":"https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123xyz","version":2,"client_id":"1example23456789abcdefghij","origin_jti":"0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d","event_id":"9f8e7d6c-5b4a-3928-1706-f5e4d3c2b1a0","token_use":"access","scope":"aws.cognito.signin.user.admin openid profile email","auth_time":1763899000,"exp":1763902600,"iat":1763899000,"jti":"c0ffee00-1234-5678-9abc-def012345678","username":"5f1e3c2a-8b7d-4e6f-9a0b-1c2d3e4f5a6b","device_key":"us-east-1_2b6f8c1e-3a4d-4f5e-8d9c-7b6a5f4e3d2c"}"#

func jwksLikeDocument(bytes target: Int) -> [UInt8] {
    var rng = BenchRNG(seed: 7)
    var keys: [String] = []
    var size = 10
    var i = 0
    while size < target {
        let n = (0..<342).map { _ in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".randomElement(using: &rng)! }
        let key = #"{"alg":"RS256","e":"AQAB","kid":"key-\#(i)-abcdefghijklmnop","kty":"RSA","n":"\#(String(n))","use":"sig"}"#
        keys.append(key)
        size += key.utf8.count + 1
        i += 1
    }
    return Array(("{\"keys\":[" + keys.joined(separator: ",") + "]}").utf8)
}

extension BenchRNG: RandomNumberGenerator {}

func jsonCases() -> [BenchCase] {
    let payload = Array(cognitoAccessPayload.utf8)
    let jwks = jwksLikeDocument(bytes: 100 * 1024)
    let limits = JSONLimits(maxInputBytes: 1 << 20)
    return [
        BenchCase(name: "json parse cognito payload", bytes: payload.count) { n in
            for _ in 0..<n { if case .object(let o)? = try? JSONParser.parse(payload) { sink &+= UInt64(o.count) } }
        },
        BenchCase(name: "json parse 100 KiB jwks", bytes: jwks.count) { n in
            for _ in 0..<n { if case .object(let o)? = try? JSONParser.parse(jwks, limits: limits) { sink &+= UInt64(o.count) } }
        },
    ]
}
