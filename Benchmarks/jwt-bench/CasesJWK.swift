// Benchmark cases for PureJWK and PureDER: parse + prepare a two-key Cognito-like JWKS, and JWK → PEM.
import PureBase64URL
import PureJWK

func cognitoLikeJWKS() -> [UInt8] {
    let keys = rsaFixtures.prefix(1).flatMap { f -> [String] in
        let n = Base64URL.encode(hexBytes(f.modulus))
        return ["abcdEFGH1234567890/ijklMNOP=", "qrstUVWX0987654321/yzABcdEF="].map { kid in
            #"{"alg":"RS256","e":"AQAB","kid":"\#(kid)","kty":"RSA","n":"\#(n)","use":"sig"}"#
        }
    }
    return Array(("{\"keys\":[" + keys.joined(separator: ",") + "]}").utf8)
}

func jwkCases() -> [BenchCase] {
    let jwks = cognitoLikeJWKS()
    guard let set = try? JWKSet(json: jwks), let key = set.keys.first, set.keys.count == 2 else { fatalError("bench JWKS does not parse") }
    return [
        BenchCase(name: "jwks parse+prepare 2 keys", bytes: nil) { n in
            for _ in 0..<n { sink &+= UInt64((try? JWKSet(json: jwks))?.keys.count ?? 0) }
        },
        BenchCase(name: "jwk to pem (spki)", bytes: nil) { n in
            for _ in 0..<n { sink &+= UInt64(key.pem(.spki)?.utf8.count ?? 0) }
        },
        BenchCase(name: "jwk thumbprint", bytes: nil) { n in
            for _ in 0..<n { sink &+= UInt64(key.thumbprint()?.utf8.count ?? 0) }
        },
    ]
}
