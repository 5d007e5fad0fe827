#!/usr/bin/env python3
"""Generates Vectors/cognito/: Cognito-shaped test fixtures for PureJWT.

Keys: two RSA-2048 "pool" keys (like a real user pool's JWKS), an attacker key, a 1024-bit key and an
e = 3 key, all throwaway test keys kept in private/ so regenerating reproduces the same files
(RSASSA-PKCS1-v1_5 signatures are deterministic). Tokens are shaped like Cognito's ID and access
tokens, at fixed times; cases.json is the expected-outcome table the Swift tests read.

Run: python3 Vectors/cognito/generate.py            (needs the `cryptography` package)
"""
import base64, hashlib, hmac, json, os
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

HERE = os.path.dirname(os.path.abspath(__file__))
PRIV = os.path.join(HERE, "private")
os.makedirs(PRIV, exist_ok=True)

NOW = 1763900000                      # the fixed "now" every case is judged at (2025-11-23T12:13:20Z)
IAT = NOW - 600
EXP = IAT + 3600                      # Cognito's default one-hour tokens
REGION, POOL = "us-east-1", "us-east-1_AbC123xyz"
OTHER_POOL = "eu-west-1_ZyX987wvu"
ISSUER = f"https://cognito-idp.{REGION}.amazonaws.com/{POOL}"
ISSUER_MR = f"https://issuer-cognito-idp.{REGION}.amazonaws.com/{POOL}"
OTHER_ISSUER = f"https://cognito-idp.eu-west-1.amazonaws.com/{OTHER_POOL}"
CLIENT = "4h8d2j9k1l0m3n5p7q6r2s4t8u"
OTHER_CLIENT = "9z8y7x6w5v4u3t2s1r0q9p8o7n"
SUB = "5f1e3c2a-8b7d-4e6f-9a0b-1c2d3e4f5a6b"

def b64u(b): return base64.urlsafe_b64encode(b).rstrip(b"=").decode()
def uint(i): return b64u(i.to_bytes((i.bit_length() + 7) // 8, "big"))

def load_key(name, bits, e=65537):
    path = os.path.join(PRIV, name + ".pem")
    if os.path.exists(path):
        return serialization.load_pem_private_key(open(path, "rb").read(), password=None)
    key = rsa.generate_private_key(public_exponent=e, key_size=bits)
    open(path, "wb").write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return key

pool_a = load_key("pool_a", 2048)
pool_b = load_key("pool_b", 2048)
attacker = load_key("attacker", 2048)
weak = load_key("weak_1024", 1024)
pool_c = load_key("pool_c", 2048)      # the key a rotation adds
KID_A = "Xq3ZpJ8vK2mN5rT7wY1aB4cD6eF9gH0iJ2kL4mN6pQ8="   # Cognito kids look like base64 of 32 bytes
KID_B = "Rt5Uv7Wx9Yz1Ab3Cd5Ef7Gh9Ij1Kl3Mn5Op7Qr9St1U="
KID_C = "Nw2Xc4Vb6Nm8Lk0Jh2Gf4Ds6Ap8Oi0Uy2Tr4Ew6Qz8A="

def jwk(key, kid, alg="RS256"):
    n = key.public_key().public_numbers()
    return {"alg": alg, "e": uint(n.e), "kid": kid, "kty": "RSA", "n": uint(n.n), "use": "sig"}

jwks = {"keys": [jwk(pool_a, KID_A), jwk(pool_b, KID_B)]}

# An e = 3 key needs no private key for the forgery: any odd 2048-bit modulus will do.
import random
rng = random.Random(3)
n3 = rng.getrandbits(2048) | (1 << 2047) | 1
jwks_e3 = {"keys": [{"alg": "RS256", "e": uint(3), "kid": "e3-key", "kty": "RSA", "n": uint(n3), "use": "sig"}]}
jwks_weak = {"keys": [jwk(weak, "weak-1024"), jwk(pool_a, KID_A)]}

def segment(obj_or_bytes):
    raw = obj_or_bytes if isinstance(obj_or_bytes, bytes) else json.dumps(obj_or_bytes, separators=(",", ":")).encode()
    return b64u(raw)

def sign(header, payload, key, hash_alg=hashes.SHA256()):
    si = segment(header) + "." + segment(payload)
    return si + "." + b64u(key.sign(si.encode(), padding.PKCS1v15(), hash_alg))

def access_claims(**over):
    c = {"sub": SUB, "cognito:groups": ["admin", "editors"], "iss": ISSUER, "version": 2, "client_id": CLIENT,
         "origin_jti": "0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d", "event_id": "9f8e7d6c-5b4a-3928-1706-f5e4d3c2b1a0",
         "token_use": "access", "scope": "aws.cognito.signin.user.admin openid profile email", "auth_time": IAT,
         "exp": EXP, "iat": IAT, "jti": "c0ffee00-1234-5678-9abc-def012345678", "username": SUB}
    c.update(over)
    return {k: v for k, v in c.items() if v is not None}

def id_claims(**over):
    c = {"sub": SUB, "cognito:groups": ["admin", "editors"], "email_verified": True, "iss": ISSUER,
         "cognito:username": "alice", "origin_jti": "0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d", "aud": CLIENT,
         "event_id": "9f8e7d6c-5b4a-3928-1706-f5e4d3c2b1a0", "token_use": "id", "auth_time": IAT,
         "name": "Alice Example", "exp": EXP, "iat": IAT, "jti": "d0d0cafe-1234-5678-9abc-def012345678",
         "email": "alice@example.com"}
    c.update(over)
    return {k: v for k, v in c.items() if v is not None}

HDR_A = {"kid": KID_A, "alg": "RS256"}
HDR_B = {"kid": KID_B, "alg": "RS256"}
access = sign(HDR_A, access_claims(), pool_a)
idtok = sign(HDR_B, id_claims(), pool_b)

def raw_token(header_bytes, payload_bytes, key):
    si = b64u(header_bytes) + "." + b64u(payload_bytes)
    return si + "." + b64u(key.sign(si.encode(), padding.PKCS1v15(), hashes.SHA256()))

def forge_e3(header, payload):
    """Bleichenbacher 2006: s = cube root of 00 01 FF 00 DigestInfo H garbage; s^3 < n."""
    si = segment(header) + "." + segment(payload)
    h = hashlib.sha256(si.encode()).digest()
    prefix = bytes([0, 1, 0xFF, 0]) + bytes.fromhex("3031300d060960864801650304020105000420") + h
    target = int.from_bytes(prefix + b"\xff" * (256 - len(prefix)), "big")
    lo, hi = 0, 1 << 700
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if mid ** 3 <= target: lo = mid
        else: hi = mid - 1
    assert (lo ** 3).to_bytes(256, "big").startswith(prefix)
    return si + "." + b64u(lo.to_bytes(256, "big"))

pem_secret = pool_a.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
hs_si = segment({"kid": KID_A, "alg": "HS256"}) + "." + segment(access_claims())
hs256 = hs_si + "." + b64u(hmac.new(pem_secret, hs_si.encode(), hashlib.sha256).digest())

h, p, s = access.split(".")
sig = base64.urlsafe_b64decode(s + "==")
tampered_sig = h + "." + p + "." + b64u(bytes([sig[0] ^ 1]) + sig[1:])
tampered_payload = h + "." + segment(access_claims(**{"cognito:groups": ["admin", "root"]})) + "." + s
# Non-canonical base64url: 256 bytes = 341.33 symbols, so the last symbol has 4 unused bits; set one.
alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
last = alphabet.index(s[-1])
noncanonical = h + "." + p + "." + s[:-1] + alphabet[last | 1 if last % 2 == 0 else last & ~1]

A = dict(pool=POOL, clientIDs=[CLIENT], tokenUse="access")
I = dict(pool=POOL, clientIDs=[CLIENT], tokenUse="id")
cases = []
def case(name, token, expect, now=NOW, jwks="jwks.json", synthesize=None, **opts):
    o = dict(A); o.update(opts)
    c = {"name": name, "token": token, "expect": expect, "now": now, "jwks": jwks, "options": o}
    if synthesize: c["synthesize"] = synthesize   # token = head + fill * count + tail, built by the test
    cases.append(c)

case("valid access token", access, "valid")
case("valid id token", idtok, "valid", **I)
case("access token verified as an id token", access, "invalid-token-use", **I)
case("id token verified as an access token", idtok, "invalid-token-use")
case("access token, wrong client", access, "invalid-audience", clientIDs=[OTHER_CLIENT])
case("id token, wrong client", idtok, "invalid-audience", **dict(I, clientIDs=[OTHER_CLIENT]))
case("access token, one of several clients", access, "valid", clientIDs=[OTHER_CLIENT, CLIENT])
case("access token, client check explicitly skipped", access, "valid", clientIDs=None)
case("wrong pool (issuer of another pool)", sign(HDR_A, access_claims(iss=OTHER_ISSUER), pool_a), "invalid-issuer")
case("multi-region issuer form", sign(HDR_A, access_claims(iss=ISSUER_MR), pool_a), "valid")
case("issuer with trailing slash", sign(HDR_A, access_claims(iss=ISSUER + "/"), pool_a), "invalid-issuer")
case("expired", access, "expired", now=EXP + 10)
case("exactly at exp", access, "expired", now=EXP)
case("one second before exp", access, "valid", now=EXP - 1)
case("at exp + leeway", access, "expired", now=EXP + 30, leeway=30)
case("just inside exp + leeway", access, "valid", now=EXP + 29, leeway=30)
case("nbf in the future", sign(HDR_A, access_claims(nbf=NOW + 60), pool_a), "not-yet-valid")
case("nbf in the future within leeway", sign(HDR_A, access_claims(nbf=NOW + 60), pool_a), "valid", leeway=60)
case("future iat is not judged by default", sign(HDR_A, access_claims(iat=NOW + 300), pool_a), "valid")
case("missing exp", sign(HDR_A, access_claims(exp=None), pool_a), "invalid-claim")
case("exp as a string", sign(HDR_A, access_claims(exp=str(EXP)), pool_a), "invalid-claim")
case("exp as 1e400", raw_token(json.dumps(HDR_A, separators=(",", ":")).encode(),
     json.dumps(access_claims(exp=0), separators=(",", ":")).replace('"exp":0', '"exp":1e400').encode(), pool_a), "invalid-claim")
case("fractional exp", sign(HDR_A, access_claims(exp=EXP + 0.5), pool_a), "valid", now=EXP)
case("alg none", segment({"alg": "none", "kid": KID_A}) + "." + segment(access_claims()) + ".", "unsupported-algorithm")
case("alg none, uppercase", segment({"alg": "NONE", "kid": KID_A}) + "." + segment(access_claims()) + ".", "unsupported-algorithm")
case("HS256 signed with the public key's PEM", hs256, "unsupported-algorithm")
case("RS384 not in the allowlist", sign({"kid": KID_A, "alg": "RS384"}, access_claims(), pool_a, hashes.SHA384()), "unsupported-algorithm")
case("RS384 allowed but the JWK says RS256", sign({"kid": KID_A, "alg": "RS384"}, access_claims(), pool_a, hashes.SHA384()), "key-not-usable", algorithms=["RS256", "RS384"])
case("unknown kid", sign({"kid": "not-in-the-set", "alg": "RS256"}, access_claims(), pool_a), "key-not-found")
case("kid swapped", sign(HDR_B, access_claims(), pool_a), "invalid-signature")
case("no kid, several keys", sign({"alg": "RS256"}, access_claims(), pool_a), "key-not-usable")
case("tampered signature", tampered_sig, "invalid-signature")
case("tampered payload", tampered_payload, "invalid-signature")
case("four segments", access + ".e30", "malformed-token")
case("two segments", h + "." + p, "malformed-token")
case("= padding", h + "." + p + "." + s + "=", "malformed-token")
case("padding in the header", h + "==." + p + "." + s, "malformed-token")
case("non-canonical base64url", noncanonical, "malformed-token")
case("standard base64 alphabet", h + "." + p + "." + s.replace("-", "+").replace("_", "/") if ("-" in s or "_" in s) else h + "." + p + ".+" + s[1:], "malformed-token")
case("crit with an unknown extension", sign(dict(HDR_A, crit=["http://example.com/ext"], **{"http://example.com/ext": True}), access_claims(), pool_a), "unsupported-critical-header")
case("b64 false", sign(dict(HDR_A, b64=False, crit=["b64"]), access_claims(), pool_a), "unsupported-critical-header")
case("b64 false without crit", sign(dict(HDR_A, b64=False), access_claims(), pool_a), "malformed-token")
case("jku to an attacker's key set", sign({"kid": "attacker-kid", "alg": "RS256", "jku": "https://attacker.example/jwks.json"}, access_claims(), attacker), "key-not-found")
case("embedded jwk with a pool kid", sign(dict(HDR_A, jwk=jwk(attacker, KID_A)), access_claims(), attacker), "invalid-signature")
case("x5u with a pool key is ignored", sign(dict(HDR_A, x5u="https://attacker.example/cert.pem"), access_claims(), pool_a), "valid")
case("1024-bit key", sign({"kid": "weak-1024", "alg": "RS256"}, access_claims(), weak), "key-not-usable", jwks="jwks_weak.json")
case("e = 3 Bleichenbacher forgery", forge_e3({"kid": "e3-key", "alg": "RS256"}, access_claims()), "invalid-signature", jwks="jwks_e3.json")
case("duplicate claim names", raw_token(json.dumps(HDR_A, separators=(",", ":")).encode(),
     json.dumps(access_claims(), separators=(",", ":")).replace('"token_use":"access"', '"token_use":"id","token_use":"access"').encode(), pool_a), "malformed-json")
case("duplicate header names", raw_token(b'{"kid":"' + KID_A.encode() + b'","alg":"RS256","alg":"none"}',
     json.dumps(access_claims(), separators=(",", ":")).encode(), pool_a), "malformed-json")
case("payload is not a JSON object", raw_token(json.dumps(HDR_A).encode(), b'["not","an","object"]', pool_a), "malformed-token")
case("header is not JSON", b64u(b"alg=RS256") + "." + p + "." + s, "malformed-json")
case("1 MB token", "", "malformed-token", synthesize={"head": h + ".", "fill": "A", "count": 1 << 20, "tail": "." + s})
case("empty token", "", "malformed-token")
case("group required and present", access, "valid", groups=["readers", "admin"])
case("group required and absent", access, "insufficient-scope", groups=["billing"])
case("scope required and present", access, "valid", scopes=["openid"])
case("scope required and absent", access, "insufficient-scope", scopes=["aws.cognito.signin.user.admin.write"])
case("token_use any accepts an id token", idtok, "valid", tokenUse="any")
case("token_use any checks the id token's aud", idtok, "invalid-audience", tokenUse="any", clientIDs=[OTHER_CLIENT])
case("token_use missing", sign(HDR_A, access_claims(token_use=None), pool_a), "invalid-token-use")
case("token_use of the wrong type", sign(HDR_A, access_claims(token_use=["access"]), pool_a), "invalid-token-use")
case("aud array in an id token", sign(HDR_B, id_claims(aud=[OTHER_CLIENT, CLIENT]), pool_b), "valid", **I)
case("issuer compared as bytes (precomposed vs decomposed)", sign(HDR_A, access_claims(iss=ISSUER + "\u00e9"), pool_a), "invalid-issuer")

def dump(name, obj):
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(obj, f, indent=1, ensure_ascii=True)
        f.write("\n")

dump("jwks.json", jwks)
dump("jwks_rotated.json", {"keys": [jwk(pool_b, KID_B), jwk(pool_c, KID_C)]})   # A retired, C added
open(os.path.join(HERE, "rotated_access_token.jwt"), "w").write(sign({"kid": KID_C, "alg": "RS256"}, access_claims(), pool_c) + "\n")
dump("jwks_e3.json", jwks_e3)
dump("jwks_weak.json", jwks_weak)
dump("cases.json", {"generator": "Vectors/cognito/generate.py", "now": NOW, "issuer": ISSUER, "pool": POOL,
                    "clientID": CLIENT, "cases": cases})
open(os.path.join(HERE, "access_token.jwt"), "w").write(access + "\n")
open(os.path.join(HERE, "id_token.jwt"), "w").write(idtok + "\n")
print(f"{len(cases)} cases; now = {NOW}; pool {POOL}; client {CLIENT}")
