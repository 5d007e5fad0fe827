// ECDSA verification on P-256, P-384 and P-521 against a precomputed digest, as `openssl speed
// ecdsa` verifies a fixed digest (fixtures: Vectors/generators/ec_bench_fixtures.py).
import PureEC
import PureSHA2

func ecCases() -> [BenchCase] {
    ecFixtures.map { f in
        let curve = ECCurve(rawValue: f.curve)!
        let message = hexBytes(f.message), signature = hexBytes(f.signature)
        guard let key = try? ECPublicKey(curve: curve, x: hexBytes(f.x), y: hexBytes(f.y)) else { fatalError("jwt-bench: EC fixture key") }
        let digest: [UInt8] = switch curve {
        case .p256: SHA256.hash(message).bytes
        case .p384: SHA384.hash(message).bytes
        case .p521: SHA512.hash(message).bytes
        }
        guard key.isValidSignature(signature, digest: digest) else { fatalError("jwt-bench: EC fixture signature") }
        return BenchCase(name: "ecdsa \(f.curve) verify", bytes: nil) { n in
            for _ in 0..<n { sink &+= key.isValidSignature(signature, digest: digest) ? 1 : 0 }
        }
    }
}
