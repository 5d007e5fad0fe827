#!/usr/bin/env bash
# Runs jwt-bench (release) and `openssl speed` for the same work in one go and prints the ratios
# ours / OpenSSL, plus the same end-to-end Cognito verification in Node.js (crypto / OpenSSL).
# Usage: Benchmarks/compare.sh [--quick] [--peers]
#   --quick: 1-second openssl runs and fewer jwt-bench repetitions (for CI smoke runs).
#   --peers: also build and run Benchmarks/Peers (vapor/jwt-kit over BoringSSL; a few minutes to build).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=3; reps=7; peers=0
for arg in "$@"; do
  case "$arg" in
    --quick) secs=1; reps=3 ;;
    --peers) peers=1 ;;
    *) echo "usage: $0 [--quick] [--peers]" >&2; exit 2 ;;
  esac
done
swift build -c release --product jwt-bench >/dev/null
bin="$(swift build -c release --show-bin-path)/jwt-bench"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$bin" --json --repetitions "$reps" > "$tmp/ours.jsonl"
openssl speed -seconds "$secs" -evp sha256 > "$tmp/sha256.txt" 2>/dev/null
openssl speed -seconds "$secs" -evp sha512 > "$tmp/sha512.txt" 2>/dev/null
openssl speed -seconds "$secs" rsa2048 rsa3072 rsa4096 > "$tmp/rsa.txt" 2>/dev/null || true
if command -v node >/dev/null; then node Benchmarks/Peers/node-verify.mjs "$secs" > "$tmp/node.jsonl" 2>/dev/null || true; fi
if [ "$peers" = 1 ]; then
  swift build -c release --package-path Benchmarks/Peers >/dev/null
  "$(swift build -c release --package-path Benchmarks/Peers --show-bin-path)/peer-bench" "$secs" > "$tmp/jwtkit.jsonl"
fi
python3 - "$tmp" <<'PY'
import json, re, sys, os
tmp = sys.argv[1]
ours = {}
for line in open(os.path.join(tmp, "ours.jsonl")):
    r = json.loads(line); ours[r["name"]] = r

def openssl_hash(fname, algo):
    # The table row "sha256  a k  b k ... 16384-byte k" (1000s of bytes per second); take 16384 bytes.
    for line in open(os.path.join(tmp, fname)):
        if line.startswith(algo + " ") or line.startswith(algo + "\t"):
            return float(line.split()[-1].rstrip("k")) * 1000 / 1e6  # MB/s
    return None

def openssl_rsa_verify(bits):
    for line in open(os.path.join(tmp, "rsa.txt")):
        m = re.match(r"\s*rsa\s+%d bits?\s+(\S+)s\s+(\S+)s\s+(\S+)\s+(\S+)" % bits, line)
        if m:
            return float(m.group(4))
    return None

rows = []
def row(label, ours_val, theirs, unit):
    if ours_val is None: return
    ratio = f"{ours_val / theirs:.2f}x" if theirs else "n/a"
    rows.append((label, f"{ours_val:,.1f} {unit}", f"{theirs:,.1f} {unit}" if theirs else "n/a", ratio))

s256 = openssl_hash("sha256.txt", "sha256"); s512 = openssl_hash("sha512.txt", "sha512")
if "sha256 1 MiB" in ours: row("SHA-256 1 MiB", ours["sha256 1 MiB"]["mb_per_s"], s256, "MB/s")
if "sha512 1 MiB" in ours: row("SHA-512 1 MiB", ours["sha512 1 MiB"]["mb_per_s"], s512, "MB/s")
for bits in (2048, 3072, 4096):
    k = f"rsa{bits} verify"
    if k in ours: row(f"RSA-{bits} verify", ours[k]["ops_per_s"], openssl_rsa_verify(bits), "op/s")
o2048 = openssl_rsa_verify(2048)
for k in ("jwt verify cognito access token", "jwt verify cognito id token"):
    if k in ours: row(k + " (vs raw RSA-2048)", ours[k]["ops_per_s"], o2048, "op/s")

for fname, label in (("node.jsonl", "Node crypto (OpenSSL)"), ("jwtkit.jsonl", "jwt-kit (BoringSSL)")):
    path = os.path.join(tmp, fname)
    if os.path.exists(path) and os.path.getsize(path) > 0 and "jwt verify cognito access token" in ours:
        peer = json.loads(open(path).read().strip().splitlines()[-1])
        ours_v = ours["jwt verify cognito access token"]["ops_per_s"]
        rows.append((f"jwt verify cognito access token vs {label}", f"{ours_v:,.1f} op/s", f"{peer['ops_per_s']:,.1f} op/s",
                     f"{ours_v / peer['ops_per_s']:.2f}x"))

w = [max(len(r[i]) for r in rows + [("work", "PureJWT", "OpenSSL / peer", "ratio")]) for i in range(4)]
print("  ".join(h.ljust(w[i]) for i, h in enumerate(("work", "PureJWT", "OpenSSL / peer", "ratio"))))
for r in rows: print("  ".join(c.ljust(w[i]) for i, c in enumerate(r)))
print("\nOpenSSL's SHA-2 uses the CPU's SHA extensions where present; ratios < 1 there are expected.")
PY
