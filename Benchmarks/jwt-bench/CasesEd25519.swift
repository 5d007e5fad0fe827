// Ed25519 verification (RFC 8032 §7.1 TEST 3: a 2-byte message, like `openssl speed ed25519`'s
// short messages), and the key import (decoding and the window table) alone.
import PureEd25519

func ed25519Cases() -> [BenchCase] {
    let pk = hexBytes("fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025")
    let sig = hexBytes("6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a")
    let msg: [UInt8] = [0xaf, 0x82]
    guard let key = try? Ed25519PublicKey(rawRepresentation: pk), key.isValidSignature(sig, message: msg) else {
        fatalError("jwt-bench: the RFC 8032 vector does not verify")
    }
    return [
        BenchCase(name: "ed25519 verify", bytes: nil) { n in
            for _ in 0..<n { sink &+= key.isValidSignature(sig, message: msg) ? 1 : 0 }
        },
        BenchCase(name: "ed25519 key import", bytes: nil) { n in
            for _ in 0..<n { sink &+= UInt64((try? Ed25519PublicKey(rawRepresentation: pk))?.rawRepresentation.count ?? 0) }
        },
    ]
}
