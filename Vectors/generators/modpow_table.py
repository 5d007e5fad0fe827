#!/usr/bin/env python3
"""Writes Vectors/bignum/modpow.json: pow(a, e, n) computed by Python's integers, for odd moduli of
64-8192 bits (random, plus edge shapes: top limb 1, top limb all ones, all-ones), a < n including
0, 1 and n-1, and exponents 3, 17, 65537, 2^32-1 and random. Deterministic: random.Random(20261123).
Run: python3 Vectors/generators/modpow_table.py"""
import json, os, random

rng = random.Random(20261123)
cases = []
def odd(x): return x | 1
for bits in (64, 65, 127, 128, 192, 256, 511, 512, 1024, 1536, 2048, 3072, 4096, 8192):
    moduli = [odd(rng.getrandbits(bits) | (1 << (bits - 1)))]
    if bits % 64 == 1 and bits > 64:
        moduli.append(odd((1 << (bits - 1)) | rng.getrandbits(bits - 2)))        # top limb == 1
    if bits % 64 == 0:
        moduli.append((1 << bits) - 1)                                        # all-ones limbs
        top = ((1 << 64) - 1) << (bits - 64)
        moduli.append(odd(top | rng.getrandbits(bits - 64)))                  # top limb all ones
    for n in moduli:
        for a in (0, 1, n - 1, rng.randrange(n), rng.randrange(n)):
            for e in (3, 17, 65537, (1 << 32) - 1, rng.getrandbits(64) | 1):
                if bits >= 4096 and e not in (3, 65537): continue
                cases.append({"n": format(n, "x"), "a": format(a, "x"), "e": format(e, "x"), "r": format(pow(a, e, n), "x")})
out = os.path.join(os.path.dirname(__file__), "..", "bignum", "modpow.json")
with open(out, "w") as f:
    json.dump({"generator": "Vectors/generators/modpow_table.py", "cases": cases}, f, indent=0)
print(len(cases), "cases ->", out)
