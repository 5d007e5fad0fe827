#!/usr/bin/env python3
"""Differential RSASSA-PKCS1-v1_5 cases judged by OpenSSL (through pyca/cryptography).

Usage: rsa_differential.py SEED CASES_PER_KEY  -> one JSON object per line:
  {"n": hex, "e": int, "hash": "sha256"|..., "msg": hex, "sig": hex, "valid": bool, "kind": str}

Keys: Vectors/differential/rsa_keys.json (deterministic throwaway keys made by
Vectors/generators/differential_keys.py); cases: random.Random(SEED), so every run with the same
seed has the same cases. The verdict of each case is cryptography's `verify` (OpenSSL).
Kinds: valid signatures, bit flips, s = 0, 1, n-1, n, n+1, a byte short or long, another message,
another hash, and hand-built encoded messages (DigestInfo without NULL, with a wrong OID, with
trailing bytes, short padding, a wrong block type, garbage in the padding) signed with the raw RSA
private operation.
"""
import json, os, random, sys
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

seed, per_key = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(seed)

def load_key(k):
    p, q, e = int(k["p"], 16), int(k["q"], 16), k["e"]
    n, d = p * q, pow(e, -1, (p - 1) * (q - 1))
    priv = rsa.RSAPrivateNumbers(p, q, d, d % (p - 1), d % (q - 1), pow(q, -1, p), rsa.RSAPublicNumbers(e, n))
    return priv.private_key(unsafe_skip_rsa_key_validation=True), n, d, k["bits"]

HASHES = {"sha256": hashes.SHA256(), "sha384": hashes.SHA384(), "sha512": hashes.SHA512()}
OIDS = {"sha256": "608648016503040201", "sha384": "608648016503040202", "sha512": "608648016503040203"}
LENGTH = {"sha256": 32, "sha384": 48, "sha512": 64}

def digest(name, msg):
    h = hashes.Hash(HASHES[name]); h.update(msg); return h.finalize()

def digest_info(name, h, null=True, oid=None):
    alg = bytes.fromhex("06" + "09" + (oid or OIDS[name])) + (b"\x05\x00" if null else b"")
    alg = b"\x30" + bytes([len(alg)]) + alg
    octets = b"\x04" + bytes([len(h)]) + h
    body = alg + octets
    return b"\x30" + bytes([len(body)]) + body

def raw_sign(em, priv, k):
    # The RSA private operation m^d mod n through the CRT (RFC 8017 §5.1.2 2.b).
    nums = priv.private_numbers()
    m = int.from_bytes(em, "big")
    m1, m2 = pow(m, nums.dmp1, nums.p), pow(m, nums.dmq1, nums.q)
    h = nums.iqmp * (m1 - m2) % nums.p
    return (m2 + h * nums.q).to_bytes(k, "big")

def em(k, t, block=b"\x00\x01", fill=0xFF, ps_len=None):
    ps = k - len(t) - 3 if ps_len is None else ps_len
    out = block + bytes([fill]) * ps + b"\x00" + t
    return out[:k].rjust(k, b"\x00")

def verdict(pub, sig, msg, name):
    try:
        pub.verify(sig, msg, padding.PKCS1v15(), HASHES[name]); return True
    except InvalidSignature:
        return False

keys_file = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Vectors", "differential", "rsa_keys.json")
for k_json in json.load(open(keys_file))["keys"]:
    priv, n, d, bits = load_key(k_json)
    e = k_json["e"]
    pub = priv.public_key()
    k = (bits + 7) // 8
    for i in range(per_key):
        name = rng.choice(list(HASHES))
        msg = rng.randbytes(rng.randrange(0, 200))
        sig = priv.sign(msg, padding.PKCS1v15(), HASHES[name])
        h = digest(name, msg)
        kind = rng.choice(["valid", "flip", "edge", "length", "message", "hash", "encoding"])
        m = msg
        if kind == "flip":
            b = bytearray(sig); bit = rng.randrange(len(b) * 8); b[bit // 8] ^= 1 << (bit % 8); sig = bytes(b)
        elif kind == "edge":
            v = rng.choice([0, 1, n - 1, n, n + 1, (1 << (8 * k)) - 1])
            sig = v.to_bytes(k, "big")
        elif kind == "length":
            sig = rng.choice([sig[1:], b"\x00" + sig, sig + b"\x00", sig[:-1]])
        elif kind == "message":
            m = msg + b"x"
        elif kind == "hash":
            name = rng.choice([x for x in HASHES if x != name])
        elif kind == "encoding":
            variant = rng.choice(["nonull", "oid", "trailing", "shortps", "block", "fill", "good", "hashlen"])
            t = {"nonull": lambda: digest_info(name, h, null=False),
                 "oid": lambda: digest_info(name, h, oid=OIDS[rng.choice([x for x in OIDS if x != name])]),
                 "trailing": lambda: digest_info(name, h) + b"\x00",
                 "hashlen": lambda: digest_info(name, h[:-1]),
                 }.get(variant, lambda: digest_info(name, h))()
            if variant == "shortps": e_m = em(k, t, ps_len=7)
            elif variant == "block": e_m = em(k, t, block=b"\x00\x02")
            elif variant == "fill": e_m = em(k, t, fill=0xFE)
            else: e_m = em(k, t)
            sig = raw_sign(e_m, priv, k)
            kind = "encoding-" + variant
        print(json.dumps({"n": format(n, "x"), "e": e, "hash": name, "msg": m.hex(), "sig": sig.hex(),
                          "valid": verdict(pub, sig, m, name), "kind": kind}))
