#!/usr/bin/env bash
# PureJWT next to the C-backed implementations a user would otherwise pick, measured in the same
# run and interleaved: every round runs jwt-bench (release), `openssl speed`, Node's crypto, the
# portable C SHA-256 (Benchmarks/reference, clang -O2) and, with --peers, vapor/jwt-kit (BoringSSL).
# All rates are per second of this process's CPU time (as `openssl speed` reports by default), so a
# busy shared machine disturbs them less than wall time. Each ratio is computed within a round
# ("paired") and the table shows the median over the rounds with the lowest and highest.
#
# Usage: Benchmarks/compare.sh [--rounds N] [--quick] [--peers] [--json FILE]
#   --rounds N  rounds (default 5)        --quick  2 rounds, shorter runs (smoke test)
#   --peers     also build and run Benchmarks/Peers (jwt-kit; minutes to build the first time)
#   --json F    also write every round's raw figures to F
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=5; secs=2; reps=3; peers=0; jsonout=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift ;;
    --quick) rounds=2; secs=1; reps=2 ;;
    --peers) peers=1 ;;
    --json) jsonout="$2"; shift ;;
    *) echo "usage: $0 [--rounds N] [--quick] [--peers] [--json FILE]" >&2; exit 2 ;;
  esac
  shift
done

swift build -c release --product jwt-bench >/dev/null
bench="$(swift build -c release --show-bin-path)/jwt-bench"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
clang -O2 Benchmarks/reference/sha256.c -o "$tmp/sha256-ref"
# OpenSSL's PSS verify has no `openssl speed` row: a small C loop over the EVP API (needs libssl-dev).
have_pss=0; cc -O2 Benchmarks/Peers/pss-verify.c -lcrypto -o "$tmp/pss-verify" 2>/dev/null && have_pss=1
have_node=0; command -v node >/dev/null && have_node=1
if [ "$peers" = 1 ]; then
  swift build -c release --package-path Benchmarks/Peers >/dev/null
  peer="$(swift build -c release --package-path Benchmarks/Peers --show-bin-path)/peer-bench"
fi
cases=("rsa2048 verify" "rsa3072 verify" "rsa4096 verify" "sha256 1 MiB" "sha512 1 MiB"
       "jwt verify cognito access token" "jwt verify cognito access token (warm cache)"
       "ps256 verify (rsa2048)" "jwt verify cognito access token PS256" "jwt verify cognito access token HS256"
       "ed25519 verify" "ecdsa P-256 verify" "ecdsa P-384 verify" "ecdsa P-521 verify")

echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') ($(nproc) cores); $(swift --version 2>&1 | head -1); $(openssl version)"
for r in $(seq 1 "$rounds"); do
  echo "round $r/$rounds" >&2
  d="$tmp/round$r"; mkdir -p "$d"
  for c in "${cases[@]}"; do "$bench" --json --exact "$c" --repetitions "$reps" --seconds 0.3; done > "$d/ours.jsonl"
  openssl speed -seconds "$secs" rsa2048 rsa3072 rsa4096 > "$d/rsa.txt" 2>/dev/null || true
  openssl speed -seconds "$secs" ed25519 > "$d/ed25519.txt" 2>/dev/null || true
  openssl speed -seconds "$secs" ecdsap256 ecdsap384 ecdsap521 > "$d/ecdsa.txt" 2>/dev/null || true
  openssl speed -seconds "$secs" -bytes 1048576 -evp sha256 > "$d/sha256.txt" 2>/dev/null || true
  openssl speed -seconds "$secs" -bytes 1048576 -evp sha512 > "$d/sha512.txt" 2>/dev/null || true
  "$tmp/sha256-ref" "$secs" > "$d/cref.jsonl"
  if [ "$have_node" = 1 ]; then node Benchmarks/Peers/node-verify.mjs "$secs" > "$d/node.jsonl" 2>/dev/null || true; fi
  if [ "$have_node" = 1 ]; then node Benchmarks/Peers/node-hmac.mjs "$secs" > "$d/nodehmac.jsonl" 2>/dev/null || true; fi
  if [ "$have_pss" = 1 ]; then "$tmp/pss-verify" "$secs" > "$d/pss.jsonl" 2>/dev/null || true; fi
  if [ "$peers" = 1 ]; then "$peer" "$secs" > "$d/jwtkit.jsonl"; fi
done

python3 - "$tmp" "$rounds" "$jsonout" <<'PY'
import json, os, re, statistics, sys
tmp, rounds, jsonout = sys.argv[1], int(sys.argv[2]), sys.argv[3]

def lines(path):
    return [json.loads(l) for l in open(path) if l.strip()] if os.path.exists(path) and os.path.getsize(path) else []

def openssl_rsa(d, bits):
    for line in open(os.path.join(d, "rsa.txt")):
        m = re.match(r"\s*rsa\s+%d bits?\s+(\S+)s\s+(\S+)s\s+(\S+)\s+(\S+)" % bits, line)
        if m: return float(m.group(4))
    return None

def openssl_ed25519(d):
    path = os.path.join(d, "ed25519.txt")
    if not os.path.exists(path): return None
    for line in open(path):
        m = re.search(r"EdDSA \(Ed25519\)\s+\S+s\s+\S+s\s+(\S+)\s+(\S+)", line)
        if m: return float(m.group(2))
    return None

def openssl_ecdsa(d, bits):
    path = os.path.join(d, "ecdsa.txt")
    if not os.path.exists(path): return None
    for line in open(path):
        m = re.search(r"%d bits ecdsa \(nistp%d\)\s+\S+s\s+\S+s\s+(\S+)\s+(\S+)" % (bits, bits), line)
        if m: return float(m.group(2))
    return None

def openssl_hash(d, fname, algo):
    for line in open(os.path.join(d, fname)):
        if line.startswith(algo + " ") or line.startswith(algo + "\t"):
            return float(line.split()[-1].rstrip("k")) * 1000 / 1e6   # 1000s of bytes/s -> MB/s
    return None

raw = []
for r in range(1, rounds + 1):
    d = os.path.join(tmp, f"round{r}")
    ours = {x["name"]: x for x in lines(os.path.join(d, "ours.jsonl"))}
    def rate(name):   # CPU-time rate
        x = ours.get(name)
        if not x: return None
        return x["bytes"] / x["cpu_ns_per_op"] * 1e3 if "bytes" in x else x["cpu_ops_per_s"]
    cref = {x["name"]: x["mb_per_s"] for x in lines(os.path.join(d, "cref.jsonl"))}
    node = lines(os.path.join(d, "node.jsonl")); kit = lines(os.path.join(d, "jwtkit.jsonl"))
    row = {
        "RSA-2048 verify|OpenSSL 3 (asm)": (rate("rsa2048 verify"), openssl_rsa(d, 2048)),
        "RSA-3072 verify|OpenSSL 3 (asm)": (rate("rsa3072 verify"), openssl_rsa(d, 3072)),
        "RSA-4096 verify|OpenSSL 3 (asm)": (rate("rsa4096 verify"), openssl_rsa(d, 4096)),
        "SHA-256, 1 MiB|portable C, clang -O2": (rate("sha256 1 MiB"), max(cref.values()) if cref else None),
        "SHA-256, 1 MiB|OpenSSL 3 (SHA-NI)": (rate("sha256 1 MiB"), openssl_hash(d, "sha256.txt", "sha256")),
        "SHA-512, 1 MiB|OpenSSL 3 (asm)": (rate("sha512 1 MiB"), openssl_hash(d, "sha512.txt", "sha512")),
        "Cognito access token, cold|OpenSSL raw RSA-2048 verify": (rate("jwt verify cognito access token"), openssl_rsa(d, 2048)),
        "Ed25519 verify|OpenSSL 3 (openssl speed ed25519)": (rate("ed25519 verify"), openssl_ed25519(d)),
        "ECDSA P-256 verify|OpenSSL 3 (asm)": (rate("ecdsa P-256 verify"), openssl_ecdsa(d, 256)),
        "ECDSA P-384 verify|OpenSSL 3 (no asm)": (rate("ecdsa P-384 verify"), openssl_ecdsa(d, 384)),
        "ECDSA P-521 verify|OpenSSL 3 (64-bit C)": (rate("ecdsa P-521 verify"), openssl_ecdsa(d, 521)),
    }
    if node:
        row["Cognito access token, cold|Node 20 crypto, whole token"] = (rate("jwt verify cognito access token"), node[-1]["cpu_ops_per_s"])
        row["Cognito access token, warm cache|Node 20 crypto, whole token"] = (rate("jwt verify cognito access token (warm cache)"), node[-1]["cpu_ops_per_s"])
    pss = lines(os.path.join(d, "pss.jsonl")); nodehmac = lines(os.path.join(d, "nodehmac.jsonl"))
    if pss:
        row["PS256 verify, RSA-2048|OpenSSL 3 EVP, PSS (C loop)"] = (rate("ps256 verify (rsa2048)"), pss[-1]["cpu_ops_per_s"])
        row["Cognito access token, PS256|OpenSSL 3 EVP PSS verify alone"] = (rate("jwt verify cognito access token PS256"), pss[-1]["cpu_ops_per_s"])
    if nodehmac:
        row["Cognito-sized token, HS256|Node 20 createHmac, whole token"] = (rate("jwt verify cognito access token HS256"), nodehmac[-1]["cpu_ops_per_s"])
    if kit:
        row["Cognito access token, cold|jwt-kit 5 (BoringSSL), whole token"] = (rate("jwt verify cognito access token"), kit[-1]["cpu_ops_per_s"])
        row["Cognito access token, warm cache|jwt-kit 5 (BoringSSL), whole token"] = (rate("jwt verify cognito access token (warm cache)"), kit[-1]["cpu_ops_per_s"])
    raw.append(row)

keys = list(raw[0].keys())
out = []
for k in keys:
    pairs = [r[k] for r in raw if k in r and r[k][0] and r[k][1]]
    if not pairs: continue
    ratios = sorted(a / b for a, b in pairs)
    ours = statistics.median(a for a, _ in pairs); theirs = statistics.median(b for _, b in pairs)
    out.append((k, ours, theirs, statistics.median(ratios), ratios[0], ratios[-1]))

unit = lambda k: "MB/s" if "SHA" in k else "op/s"
print(f"\n{rounds} interleaved rounds, rates per CPU-second, ratio = PureJWT / reference paired per round (median [min–max])\n")
w0 = max(len(k.split("|")[0]) for k, *_ in out); w1 = max(len(k.split("|")[1]) for k, *_ in out)
print(f"{'work'.ljust(w0)}  {'reference'.ljust(w1)}  {'PureJWT':>14}  {'reference':>14}  ratio")
for k, o, t, med, lo, hi in out:
    work, ref = k.split("|")
    print(f"{work.ljust(w0)}  {ref.ljust(w1)}  {o:>9,.0f} {unit(k):<4}  {t:>9,.0f} {unit(k):<4}  {med:.2f}x [{lo:.2f}–{hi:.2f}]")
if jsonout:
    json.dump([{k: v for k, v in r.items()} for r in raw], open(jsonout, "w"), indent=1)
PY
