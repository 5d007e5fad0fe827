#!/usr/bin/env python3
"""Writes Vectors/limits/*.jwt: tokens at the default limits (Sources/PureJWT/Limits.swift), signed
RS256 by the sample pool key (Vectors/cognito/private/pool_a.pem) so a verifier does all the work a
token can cause — the costliest header before the signature, the costliest payload after it. The
CLI tests measure the peak memory of verifying each (SECURITY.md "Bounded work and memory").

  header_values.jwt   a 4 KiB header segment of ~1,500 JSON values with a nested object
                      (the header is fully parsed before any key lookup)
  payload_values.jwt  a 16 KiB token whose payload holds 4,096 JSON values, nested (a full parse)
  payload_members.jwt a payload object of 1,000 members (the member-table limit)

RSASSA-PKCS1-v1_5 is deterministic, so regenerating reproduces the same files."""
import base64, json, os
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

HERE = os.path.dirname(os.path.abspath(__file__))
VECTORS = os.path.join(HERE, "..")
key = serialization.load_pem_private_key(open(os.path.join(VECTORS, "cognito", "private", "pool_a.pem"), "rb").read(), password=None)
KID = "Xq3ZpJ8vK2mN5rT7wY1aB4cD6eF9gH0iJ2kL4mN6pQ8="
NOW = 1763900000
TOKEN_LIMIT, HEADER_LIMIT = 16 * 1024, 4 * 1024

def b64u(b): return base64.urlsafe_b64encode(b).rstrip(b"=").decode()
def compact(obj): return json.dumps(obj, separators=(",", ":")).encode()

def sign(header_json, payload_json):
    signing_input = b64u(header_json) + "." + b64u(payload_json)
    return signing_input + "." + b64u(key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256()))

base_claims = {"sub": "limits", "iss": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123xyz",
               "client_id": "4h8d2j9k1l0m3n5p7q6r2s4t8u", "token_use": "access", "iat": NOW - 600, "exp": NOW + 3000}
plain_header = compact({"kid": KID, "alg": "RS256"})

def values_json(count):
    """A nested object holding `count` JSON values in all (the object and arrays count too)."""
    # {"n":{"v":[[0,...],[0,...],...]}}: 1 (object "n") + 1 (array v) + rows + zeros
    rows, per_row = 16, 0
    per_row = (count - 2 - rows) // rows
    return {"v": [[0] * per_row for _ in range(rows)]}, 2 + rows + rows * per_row

out = {}
# Header: as many values as fit in 4 KiB of base64url.
n = 1600
while True:
    nested, _ = values_json(n)
    h = compact({"kid": KID, "alg": "RS256", "n": nested})
    if len(b64u(h)) <= HEADER_LIMIT: break
    n -= 16
out["header_values.jwt"] = sign(h, compact(base_claims))
# Payload: the value limit (4,096 counting the top-level object and every claim).
claims = dict(base_claims)
nested, counted = values_json(4096 - 1 - len(base_claims) - 1)
claims["n"] = nested
t = sign(plain_header, compact(claims))
assert len(t) <= TOKEN_LIMIT, len(t)
out["payload_values.jwt"] = t
# Payload: 1,000 top-level members.
claims = dict(base_claims)
for i in range(1000 - len(base_claims)): claims[f"m{i}"] = i
t = sign(plain_header, compact(claims))
assert len(t) <= TOKEN_LIMIT, len(t)
out["payload_members.jwt"] = t

os.makedirs(os.path.join(VECTORS, "limits"), exist_ok=True)
for name, t in out.items():
    with open(os.path.join(VECTORS, "limits", name), "w") as f: f.write(t + "\n")
    print(f"{name}: {len(t)} bytes")
