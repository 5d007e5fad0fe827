#!/usr/bin/env python3
"""The seed flow, end to end, against a running backend and the emulator scripts/emulator.py
started: sign up → confirm → log in → /me → /profile → every refusal (no token, malformed,
tampered, alg none, expired, wrong token use, unknown key) → /admin 403 → made admin → refresh →
/admin 200. Each step checks the status, and for refusals the WWW-Authenticate challenge byte for
byte. Exits non-zero on the first failure.

    python3 scripts/flow.py [--base http://127.0.0.1:8080] [--state .emulator.json] [--tokens out.json]

Needs: boto3 (the emulator's admin API, to put the user in the "admin" group), cryptography and
moto (to sign tokens with the emulator's own published test key: an expired token, an unknown kid)."""
import argparse, base64, json, os, secrets, sys, time, urllib.error, urllib.request

parser = argparse.ArgumentParser()
here = os.path.dirname(os.path.abspath(__file__))
parser.add_argument("--base", default="http://127.0.0.1:8080")
parser.add_argument("--state", default=os.path.join(here, "..", ".emulator.json"))
parser.add_argument("--tokens", help="write the tokens the load and fault tests use to this file")
parser.add_argument("--cooldown", type=float, default=1.0, help="the server's JWKS_COOLDOWN, waited before the unknown-kid step")
args = parser.parse_args()
state = json.load(open(args.state))
steps = 0

def request(method, path, token=None, body=None, headers=None):
    h = dict(headers or {})
    if token is not None:
        h["Authorization"] = "Bearer " + token
    data = None
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        h["Content-Type"] = "application/json"
    req = urllib.request.Request(args.base + path, data=data, method=method, headers=h)
    try:
        with urllib.request.urlopen(req, timeout=15) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()

def check(name, got, want_status, challenge=None, body_has=None):
    global steps
    status, headers, body = got
    problems = []
    if status != want_status:
        problems.append(f"status {status}, expected {want_status}")
    if challenge is not None and headers.get("WWW-Authenticate") != challenge:
        problems.append(f"WWW-Authenticate {headers.get('WWW-Authenticate')!r}, expected {challenge!r}")
    if body_has is not None and body_has.encode() not in body:
        problems.append(f"body {body[:200]!r} lacks {body_has!r}")
    if problems:
        print(f"FAIL {name}: " + "; ".join(problems), flush=True)
        sys.exit(1)
    steps += 1
    print(f"ok   {name} → {status}", flush=True)
    return json.loads(body) if body[:1] == b"{" else None

def b64(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()

def unb64(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))

def sign(header, claims, key):
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding
    signing_input = b64(json.dumps(header, separators=(",", ":")).encode()) + "." + b64(json.dumps(claims, separators=(",", ":")).encode())
    return signing_input + "." + b64(key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256()))

def emulator_key():
    """The emulator's signing key: moto publishes it (a test key, never a real one)."""
    from cryptography.hazmat.primitives.asymmetric import rsa
    from moto.cognitoidp import models
    from moto.utilities.utils import load_resource
    jwk = load_resource(models.__name__, "resources/jwks-private.json")
    n, e, d = (int.from_bytes(unb64(jwk[k]), "big") for k in ("n", "e", "d"))
    p, q = rsa.rsa_recover_prime_factors(n, e, d)      # the published JWK carries n, e, d only
    numbers = rsa.RSAPrivateNumbers(p, q, d, rsa.rsa_crt_dmp1(d, p), rsa.rsa_crt_dmq1(d, q), rsa.rsa_crt_iqmp(p, q),
                                    rsa.RSAPublicNumbers(e, n))
    return numbers.private_key(), jwk.get("kid", "dummy")

def challenge(code):
    return f'Bearer realm="api", error="invalid_token", error_description="{code}"'

username = "user" + secrets.token_hex(4)
password = "Correct-Horse-9!"
email = f"{username}@example.com"

# Sign-up, confirmation, sign-in.
check("sign up", request("POST", "/auth/signup", body={"username": username, "password": password, "email": email, "name": "Ada Lovelace"}), 201, body_has="userSub")
check("sign up again: the user exists", request("POST", "/auth/signup", body={"username": username, "password": password, "email": email}), 409, body_has="UsernameExistsException")
check("sign up with a body that is not JSON", request("POST", "/auth/signup", body=b"{not json"), 400)
check("confirm with the emailed code", request("POST", "/auth/confirm", body={"username": username, "code": "123456"}), 200, body_has="confirmed")
check("log in with a wrong password", request("POST", "/auth/login", body={"username": username, "password": "wrong-Password-1"}), 401, body_has="incorrect username or password")
tokens = check("log in", request("POST", "/auth/login", body={"username": username, "password": password}), 200, body_has="accessToken")
access, id_token, refresh = tokens["accessToken"], tokens["idToken"], tokens["refreshToken"]

# The token-protected routes.
me = check("GET /me with the access token", request("GET", "/me", access), 200)
assert me["username"] == username and me["groups"] == [] and me["clientId"] == state["clientId"], me
profile = check("GET /profile with the ID token", request("GET", "/profile", id_token), 200)
assert profile["email"] == email and profile["name"] == "Ada Lovelace" and profile["sub"] == me["sub"], profile
check("GET /profile with the access token", request("GET", "/profile", access), 401, challenge("invalid-token-use"))
check("GET /me with the ID token", request("GET", "/me", id_token), 401, challenge("invalid-token-use"))
check("GET /me without a token", request("GET", "/me"), 401, 'Bearer realm="api"')
check("GET /me with another scheme", request("GET", "/me", headers={"Authorization": "Basic dXNlcjpwYXNz"}), 401, 'Bearer realm="api"')
check("GET /me with a malformed header", request("GET", "/me", headers={"Authorization": "Bearer " + access + " x"}), 401, challenge("malformed-token"))
check("GET /healthz without a token (load balancers)", request("GET", "/healthz"), 200)
check("GET /orders without a token", request("GET", "/orders"), 401, 'Bearer realm="api"')
check("GET /orders with a token: no such route", request("GET", "/orders", access), 404)

h, p, s = access.split(".")
claims = json.loads(unb64(p))
tampered_claims = dict(claims, username="admin")
tampered = h + "." + b64(json.dumps(tampered_claims, separators=(",", ":")).encode()) + "." + s
check("tampered claims", request("GET", "/me", tampered), 401, challenge("invalid-signature"))
none = b64(b'{"alg":"none","typ":"JWT"}') + "." + p + "."
check("alg none", request("GET", "/me", none), 401, challenge("unsupported-algorithm"))
hs256 = b64(json.dumps({"alg": "HS256", "kid": json.loads(unb64(h)).get("kid", "")}).encode()) + "." + p + "." + b64(b"x" * 32)
check("alg HS256 (key confusion)", request("GET", "/me", hs256), 401, challenge("unsupported-algorithm"))
key, kid = emulator_key()
now = int(time.time())
expired = sign({"kid": kid, "alg": "RS256"}, dict(claims, iat=now - 7200, auth_time=now - 7200, exp=now - 3600), key)
check("expired (signed with the emulator's key)", request("GET", "/me", expired), 401, challenge("expired"))
check("a well-signed token for another client", request("GET", "/me", sign({"kid": kid, "alg": "RS256"}, dict(claims, client_id="someone-else"), key)), 401, challenge("invalid-audience"))
from cryptography.hazmat.primitives.asymmetric import rsa
stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
unknown_kid = sign({"kid": "rotated-key-2", "alg": "RS256"}, claims, stranger)
time.sleep(args.cooldown + 0.2)   # past the refetch cooldown: the unknown kid makes the server refetch
check("a key the pool does not publish (refetched, still unknown)", request("GET", "/me", unknown_kid), 401, challenge("key-not-found"))

# Authorization: the admin group.
check("GET /admin as a plain user", request("GET", "/admin", access), 403,
      'Bearer realm="api", error="insufficient_scope", error_description="insufficient-scope"')
import boto3
idp = boto3.client("cognito-idp", region_name=state["region"], endpoint_url=state["endpoint"],
                   aws_access_key_id="emulator", aws_secret_access_key="emulator")
idp.admin_add_user_to_group(UserPoolId=state["userPoolId"], Username=username, GroupName="admin")
print("     (the emulator's admin API put the user in the group \"admin\")")
check("GET /admin with the old token (issued before the group change)", request("GET", "/admin", access), 403)
check("refresh with a wrong refresh token", request("POST", "/auth/refresh", body={"refreshToken": "not-a-token", "username": username}), 401)
fresh = check("refresh", request("POST", "/auth/refresh", body={"refreshToken": refresh, "username": username}), 200, body_has="accessToken")
admin = check("GET /admin with the refreshed access token", request("GET", "/admin", fresh["accessToken"]), 200, body_has="hello, admin")
me2 = check("GET /me with the refreshed access token", request("GET", "/me", fresh["accessToken"]), 200)
assert me2["groups"] == ["admin"], me2
check("GET /profile with the refreshed ID token", request("GET", "/profile", fresh["idToken"]), 200)

print(f"seed flow: {steps} steps passed", flush=True)
if args.tokens:
    json.dump({"access": fresh["accessToken"], "tampered": tampered, "unknownKid": unknown_kid}, open(args.tokens, "w"))
