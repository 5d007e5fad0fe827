// Benchmark cases for the primitives: base64url and SHA-2.
import PureBase64URL
import PureSHA2

func primitiveCases() -> [BenchCase] {
    var rng = BenchRNG(seed: 42)
    let kib = rng.bytes(1024)
    let encoded1K = Base64URL.encodeToBytes(kib)
    let msg64 = rng.bytes(64)
    let mib = rng.bytes(1 << 20)
    return [
        BenchCase(name: "base64url decode 1 KiB", bytes: encoded1K.count) { n in
            for _ in 0..<n { sink &+= UInt64((try? Base64URL.decode(encoded1K))?.count ?? 0) }
        },
        BenchCase(name: "base64url encode 1 KiB", bytes: kib.count) { n in
            for _ in 0..<n { sink &+= UInt64(Base64URL.encodeToBytes(kib).count) }
        },
        BenchCase(name: "sha256 64 B", bytes: 64) { n in
            for _ in 0..<n { sink &+= UInt64(SHA256.hash(msg64).bytes[0]) }
        },
        BenchCase(name: "sha256 1 KiB", bytes: 1024) { n in
            for _ in 0..<n { sink &+= UInt64(SHA256.hash(kib).bytes[0]) }
        },
        BenchCase(name: "sha256 1 MiB", bytes: 1 << 20) { n in
            for _ in 0..<n { sink &+= UInt64(SHA256.hash(mib).bytes[0]) }
        },
        BenchCase(name: "sha512 1 MiB", bytes: 1 << 20) { n in
            for _ in 0..<n { sink &+= UInt64(SHA512.hash(mib).bytes[0]) }
        },
    ]
}

struct BenchRNG {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func bytes(_ n: Int) -> [UInt8] { (0..<n).map { _ in UInt8(truncatingIfNeeded: next()) } }
}
