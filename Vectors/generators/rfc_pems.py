#!/usr/bin/env python3
"""Writes the expected PEM encodings (SPKI "PUBLIC KEY" and PKCS#1 "RSA PUBLIC KEY") of the RFC
example RSA keys, as produced by OpenSSL (through the `openssl` CLI, cross-checked with the
`cryptography` package, which also uses OpenSSL), and checks that the RFC example tokens verify.
Run: python3 Vectors/generators/rfc_pems.py"""
import base64, json, os, subprocess, tempfile
from cryptography.hazmat.primitives.asymmetric import rsa, padding
from cryptography.hazmat.primitives import hashes, serialization

here = os.path.join(os.path.dirname(__file__), "..", "rfc")
def b64u(s): return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))
def load(name):
    d = json.load(open(os.path.join(here, name)))
    return d.get("jwk", d), d

for name, out in [("rfc7517_a1_rsa.jwk.json", "rfc7517_a1"), ("rfc7515_a2.json", "rfc7515_a2"), ("rfc7520_4_1.json", "rfc7520_4_1")]:
    jwk, doc = load(name)
    n, e = int.from_bytes(b64u(jwk["n"]), "big"), int.from_bytes(b64u(jwk["e"]), "big")
    key = rsa.RSAPublicNumbers(e, n).public_key()
    spki = key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    pkcs1 = key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.PKCS1)
    # Cross-check with the openssl CLI: SPKI -> PKCS#1 and back.
    with tempfile.NamedTemporaryFile(suffix=".pem") as f:
        f.write(spki); f.flush()
        cli_pkcs1 = subprocess.run(["openssl", "rsa", "-pubin", "-in", f.name, "-RSAPublicKey_out"], capture_output=True, check=True).stdout
        cli_spki = subprocess.run(["openssl", "rsa", "-pubin", "-in", f.name, "-pubout"], capture_output=True, check=True).stdout
    assert cli_pkcs1 == pkcs1 and cli_spki == spki, name
    open(os.path.join(here, out + ".spki.pem"), "wb").write(spki)
    open(os.path.join(here, out + ".pkcs1.pem"), "wb").write(pkcs1)
    if "token" in doc:
        h, p, s = doc["token"].split(".")
        key.verify(b64u(s), (h + "." + p).encode(), padding.PKCS1v15(), hashes.SHA256())
        assert b64u(p).decode() == doc["payload"], name
        print(name, "token verifies")
    print("wrote", out + ".spki.pem", out + ".pkcs1.pem")

# RFC 8037 A.4's Ed25519 key: SPKI PEM as OpenSSL writes it (RFC 8410 §4), checked with the CLI,
# and the A.4 token verified.
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
jwk, doc = load("rfc8037_a4.json")
ed = Ed25519PublicKey.from_public_bytes(b64u(jwk["x"]))
spki = ed.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
with tempfile.NamedTemporaryFile(suffix=".pem") as f:
    f.write(spki); f.flush()
    cli_spki = subprocess.run(["openssl", "pkey", "-pubin", "-in", f.name, "-pubout"], capture_output=True, check=True).stdout
assert cli_spki == spki
h, p, s = doc["token"].split(".")
ed.verify(b64u(s), (h + "." + p).encode())
open(os.path.join(here, "rfc8037_a4.spki.pem"), "wb").write(spki)
print("rfc8037_a4.json token verifies; wrote rfc8037_a4.spki.pem")

# RFC 7515 A.3's P-256 key: SPKI PEM as OpenSSL writes it (RFC 5480, uncompressed point, named
# curve), checked with the CLI, and the A.3 token verified (its r ‖ s turned into DER for OpenSSL).
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
jwk, doc = load("rfc7515_a3.json")
pub = ec.EllipticCurvePublicNumbers(int.from_bytes(b64u(jwk["x"]), "big"), int.from_bytes(b64u(jwk["y"]), "big"), ec.SECP256R1()).public_key()
spki = pub.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
with tempfile.NamedTemporaryFile(suffix=".pem") as f:
    f.write(spki); f.flush()
    cli_spki = subprocess.run(["openssl", "pkey", "-pubin", "-in", f.name, "-pubout"], capture_output=True, check=True).stdout
assert cli_spki == spki
h, p, s = doc["token"].split(".")
sig = b64u(s)
pub.verify(encode_dss_signature(int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:], "big")), (h + "." + p).encode(), ec.ECDSA(hashes.SHA256()))
open(os.path.join(here, "rfc7515_a3.spki.pem"), "wb").write(spki)
print("rfc7515_a3.json token verifies; wrote rfc7515_a3.spki.pem")

# RFC 7515 A.4 and RFC 7520 §4.3 (ES512, P-521 keys): the same for P-521 — SPKI PEM as OpenSSL
# writes it, and each token verified by OpenSSL with its r ‖ s (66 octets each) turned into DER.
for name, out in [("rfc7515_a4.json", "rfc7515_a4"), ("rfc7520_4_3.json", "rfc7520_4_3")]:
    jwk, doc = load(name)
    pub = ec.EllipticCurvePublicNumbers(int.from_bytes(b64u(jwk["x"]), "big"), int.from_bytes(b64u(jwk["y"]), "big"), ec.SECP521R1()).public_key()
    spki = pub.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    with tempfile.NamedTemporaryFile(suffix=".pem") as f:
        f.write(spki); f.flush()
        cli_spki = subprocess.run(["openssl", "pkey", "-pubin", "-in", f.name, "-pubout"], capture_output=True, check=True).stdout
    assert cli_spki == spki
    h, p, s = doc["token"].split(".")
    sig = b64u(s)
    assert len(sig) == 132 and b64u(p) == doc["payload"].encode()
    pub.verify(encode_dss_signature(int.from_bytes(sig[:66], "big"), int.from_bytes(sig[66:], "big")), (h + "." + p).encode(), ec.ECDSA(hashes.SHA512()))
    open(os.path.join(here, out + ".spki.pem"), "wb").write(spki)
    print(f"{name} token verifies; wrote {out}.spki.pem")
