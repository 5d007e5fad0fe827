#!/usr/bin/env python3
"""Writes Vectors/bench/access_{1,2,4,8,16}k.jwt: Cognito-shaped access tokens of about 1, 2, 4, 8
and 16 KiB (the 16 KiB one at the default token limit), signed RS256 by the sample pool key
(Vectors/cognito/private/pool_a.pem, kid of Vectors/cognito/jwks.json), valid at the samples' fixed
time. jwt-bench's size sweep verifies them: a bigger token should cost only hashing and parsing.
RSASSA-PKCS1-v1_5 is deterministic, so regenerating reproduces the same files."""
import base64, json, os
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

HERE = os.path.dirname(os.path.abspath(__file__))
VECTORS = os.path.join(HERE, "..")
key = serialization.load_pem_private_key(open(os.path.join(VECTORS, "cognito", "private", "pool_a.pem"), "rb").read(), password=None)
KID = "Xq3ZpJ8vK2mN5rT7wY1aB4cD6eF9gH0iJ2kL4mN6pQ8="
NOW = 1763900000

def b64u(b): return base64.urlsafe_b64encode(b).rstrip(b"=").decode()

def token(pad):
    header = {"kid": KID, "alg": "RS256"}
    claims = {"sub": "5f1e3c2a-8b7d-4e6f-9a0b-1c2d3e4f5a6b", "cognito:groups": ["admin", "editors"],
              "iss": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123xyz", "version": 2,
              "client_id": "4h8d2j9k1l0m3n5p7q6r2s4t8u", "token_use": "access",
              "scope": "aws.cognito.signin.user.admin openid profile email", "auth_time": NOW - 600,
              "exp": NOW + 3000, "iat": NOW - 600, "jti": "c0ffee00-1234-5678-9abc-def012345678",
              "username": "5f1e3c2a-8b7d-4e6f-9a0b-1c2d3e4f5a6b", "pad": "x" * pad}
    signing_input = b64u(json.dumps(header, separators=(",", ":")).encode()) + "." + b64u(json.dumps(claims, separators=(",", ":")).encode())
    sig = key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
    return signing_input + "." + b64u(sig)

os.makedirs(os.path.join(VECTORS, "bench"), exist_ok=True)
for kib in (1, 2, 4, 8, 16):
    target = kib * 1024
    pad = 0
    while len(token(pad + 3)) <= target: pad += 3    # base64 grows 4 characters per 3 bytes
    t = token(pad)                                   # the "1k" token is the bare Cognito shape (~1 KiB)
    assert len(t) <= max(target, len(token(0))), (kib, len(t))
    with open(os.path.join(VECTORS, "bench", f"access_{kib}k.jwt"), "w") as f:
        f.write(t + "\n")
    print(f"access_{kib}k.jwt: {len(t)} bytes")
