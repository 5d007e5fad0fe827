#!/usr/bin/env python3
"""Writes the seed corpus of one harness from the project's own vectors (Vectors/): one file per input."""
import base64, hashlib, json, os, sys

target, out = sys.argv[1], sys.argv[2]
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Vectors")

def read(rel):
    with open(os.path.join(root, rel), "rb") as f:
        return f.read()

def tokens():
    for name in ("access_token.jwt", "id_token.jwt", "rotated_access_token.jwt"):
        yield read("cognito/" + name).strip()
    for case in json.loads(read("cognito/cases.json"))["cases"]:
        if case["token"] and len(case["token"]) < 20000:
            yield case["token"].encode()
    for name in ("rfc7515_a2.json", "rfc7520_4_1.json", "rfc7520_4_2.json", "rfc7515_a1.json"):
        yield json.loads(read("rfc/" + name))["token"].encode()
    # HS256 under the token harness's fuzz secret (64 × 0x5A, kid "fuzz"): the tag check passes.
    import hmac as _hmac
    signing_input = base64.urlsafe_b64encode(b'{"alg":"HS256","kid":"fuzz"}').rstrip(b"=") + b"." + \
        base64.urlsafe_b64encode(b'{"sub":"x","exp":1763903600}').rstrip(b"=")
    yield signing_input + b"." + base64.urlsafe_b64encode(_hmac.new(b"\x5a" * 64, signing_input, hashlib.sha256).digest()).rstrip(b"=")

def b64(segment):
    return base64.urlsafe_b64decode(segment + b"=" * (-len(segment) % 4))

seeds = []
if target == "base64url":
    for t in tokens():
        seeds += t.split(b".")
    seeds += [b"", b"QQ", b"QR", b"Zm9v", b"Zm9vYg==", b"_-_-"]
elif target == "json":
    for t in tokens():
        for seg in t.split(b".")[:2]:
            try: seeds.append(b64(seg))
            except Exception: pass
    seeds += [read("cognito/jwks.json"), read("rfc/rfc7517_a1_rsa.jwk.json"), b"[1,2.5e3,-0,\"\\ud83d\\ude00\"]"]
elif target == "der":
    for name in sorted(os.listdir(os.path.join(root, "rfc"))):
        if name.endswith(".pem"):
            pem = read("rfc/" + name)
            seeds.append(pem)
            body = b"".join(l for l in pem.splitlines() if not l.startswith(b"-----"))
            seeds.append(base64.b64decode(body))
elif target == "jwk":
    for name in ("cognito/jwks.json", "cognito/jwks_rotated.json", "cognito/jwks_weak.json", "cognito/jwks_e3.json",
                 "rfc/rfc7517_a1_rsa.jwk.json", "wycheproof-jose/roca_key.json"):
        seeds.append(read(name))
    a1 = json.loads(read("rfc/rfc7515_a1.json"))["jwk"]
    seeds.append(json.dumps(a1).encode())
    seeds.append(json.dumps({"keys": [dict(a1, kid="k"), {"kty": "oct", "kid": "k2", "alg": "HS512", "k": a1["k"]}]}).encode())
elif target == "token":
    seeds += list(tokens())
elif target == "ec":
    # curve byte ‖ 0x04 ‖ x ‖ y ‖ r ‖ s ‖ SHA-2 digest from Wycheproof's P1363 files, when present.
    import hashlib as _h
    wp = os.environ.get("WYCHEPROOF_DIR") or os.path.join(root, "..", "..", "shared", "vectors", "wycheproof")
    for index, (name, h) in enumerate([("ecdsa_secp256r1_sha256_p1363_test.json", _h.sha256), ("ecdsa_secp384r1_sha384_p1363_test.json", _h.sha384),
                                       ("ecdsa_secp521r1_sha512_p1363_test.json", _h.sha512)]):
        path = os.path.join(wp, name)
        if not os.path.exists(path): continue
        for g in json.load(open(path))["testGroups"][:8]:
            for t in g["tests"][:6]:
                seeds.append(bytes([index]) + bytes.fromhex(g["publicKey"]["uncompressed"]) + bytes.fromhex(t["sig"]) + h(bytes.fromhex(t["msg"])).digest())
    for name in ("rfc7515_a3.spki.pem",):
        pem = read("rfc/" + name)
        seeds.append(base64.b64decode(b"".join(l for l in pem.splitlines() if not l.startswith(b"-----"))))
elif target == "ed25519":
    # key ‖ signature ‖ message from RFC 8037 A.4, and Wycheproof's cases when present.
    a4 = json.loads(read("rfc/rfc8037_a4.json"))
    h, p, s = a4["token"].split(".")
    seeds.append(b64(a4["jwk"]["x"].encode()) + b64(s.encode()) + (h + "." + p).encode())
    wp = os.environ.get("WYCHEPROOF_DIR") or os.path.join(root, "..", "..", "shared", "vectors", "wycheproof")
    path = os.path.join(wp, "ed25519_test.json")
    if os.path.exists(path):
        for g in json.load(open(path))["testGroups"]:
            for t in g["tests"]:
                seeds.append(bytes.fromhex(g["publicKey"]["pk"]) + bytes.fromhex(t["sig"]) + bytes.fromhex(t["msg"]))
else:
    sys.exit(f"unknown target {target}")

os.makedirs(out, exist_ok=True)
for s in seeds:
    with open(os.path.join(out, "seed-" + hashlib.sha1(s).hexdigest()), "wb") as f:
        f.write(s)
