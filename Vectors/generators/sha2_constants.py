#!/usr/bin/env python3
"""Prints the FIPS 180-4 constants as Swift literals, computed from their definitions (§4.2.2, §4.2.3,
§5.3.3, §5.3.4, §5.3.5) with exact integer roots, so no constant is typed by hand:
  K256[i]  = first 32 bits of the fractional part of cbrt(prime_i), i < 64
  K512[i]  = first 64 bits of the fractional part of cbrt(prime_i), i < 80
  H256[i]  = first 32 bits of the fractional part of sqrt(prime_i), i < 8
  H512[i]  = first 64 bits of the fractional part of sqrt(prime_i), i < 8
  H384[i]  = first 64 bits of the fractional part of sqrt(prime_{i+8}), i < 8
"""
def primes(n):
    out, k = [], 2
    while len(out) < n:
        if all(k % p for p in out if p * p <= k): out.append(k)
        k += 1
    return out

def iroot(x, r):
    lo, hi = 0, 1 << (x.bit_length() // r + 2)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if mid ** r <= x: lo = mid
        else: hi = mid - 1
    return lo

def frac_bits(p, r, bits):
    # floor(p^(1/r) * 2^bits) mod 2^bits
    return iroot(p << (bits * r), r) & ((1 << bits) - 1)

P = primes(80)
def fmt(vals, width):
    return ",\n".join("    " + ", ".join(f"0x{v:0{width}x}" for v in vals[i:i+4]) for i in range(0, len(vals), 4))

print("K256:\n" + fmt([frac_bits(p, 3, 32) for p in P[:64]], 8))
print("H256:\n" + fmt([frac_bits(p, 2, 32) for p in P[:8]], 8))
print("K512:\n" + fmt([frac_bits(p, 3, 64) for p in P[:80]], 16))
print("H512:\n" + fmt([frac_bits(p, 2, 64) for p in P[:8]], 16))
print("H384:\n" + fmt([frac_bits(p, 2, 64) for p in P[8:16]], 16))
