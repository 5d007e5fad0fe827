// Benchmark cases for PureBigNum and PureRSA: RSA verify at 2048/3072/4096 bits (e = 65537, key
// prepared once) and the 2048-bit Montgomery multiply and square alone.
import PureBigNum
import PureRSA

func hexBytes(_ s: String) -> [UInt8] {
    var out: [UInt8] = []
    var it = s.utf8.makeIterator()
    func v(_ c: UInt8) -> UInt8 { c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10 }
    if s.utf8.count % 2 == 1, let c = it.next() { out.append(v(c)) }
    while let a = it.next(), let b = it.next() { out.append(v(a) << 4 | v(b)) }
    return out
}

func rsaCases() -> [BenchCase] {
    var cases: [BenchCase] = []
    for f in rsaFixtures {
        guard let key = try? RSAPublicKey(modulus: hexBytes(f.modulus), exponent: hexBytes(f.exponent)) else {
            fatalError("bench fixture key \(f.bits) refused")
        }
        let sig = hexBytes(f.signature)
        let digest = RSAHashAlgorithm.sha256.digest(benchMessage)
        guard key.isValidPKCS1v15Signature(sig, digest: digest, hash: .sha256) else {
            fatalError("bench fixture signature \(f.bits) does not verify")
        }
        cases.append(BenchCase(name: "rsa\(f.bits) verify", bytes: nil) { n in
            for _ in 0..<n { sink &+= key.isValidPKCS1v15Signature(sig, digest: digest, hash: .sha256) ? 1 : 0 }
        })
    }
    if let f = rsaFixtures.first, let ctx = try? MontgomeryModulus(BigUInt(bigEndianBytes: hexBytes(f.modulus))) {
        let a = BigUInt(bigEndianBytes: hexBytes(f.signature)).limbs
        cases.append(BenchCase(name: "montgomery multiply 2048", bytes: nil) { n in
            var x = a
            ctx.benchmarkKernel(square: false, iterations: n, &x)
            sink &+= x[0]
        })
        cases.append(BenchCase(name: "montgomery square 2048", bytes: nil) { n in
            var x = a
            ctx.benchmarkKernel(square: true, iterations: n, &x)
            sink &+= x[0]
        })
    }
    return cases
}
