#!/usr/bin/env bash
# Whole-token verification in WebAssembly next to native, in the same run: the Embedded Swift
# wasm32 example built for speed (-O), run under Node's V8 (the JIT browsers and edge runtimes use),
# and jwt-bench's native release build of the same verification, both on the process CPU clock,
# interleaved over rounds; prints the paired ratio wasm/native (median [min–max]).
# Usage: Benchmarks/wasm-bench.sh [ROUNDS]   (needs the Embedded wasm32 toolchain and node)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
out="$(pwd)/.build-wasm-bench"
PUREJWT_WASM_OPT=-O PUREJWT_WASM_OUT="$out" Examples/EmbeddedWasm/build.sh --no-run >/dev/null
swift build -c release --product jwt-bench >/dev/null
bench="$(swift build -c release --show-bin-path)/jwt-bench"
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') ($(nproc) cores); node $(node --version); $(swift --version 2>&1 | head -1)"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for r in $(seq 1 "$rounds"); do
  node Benchmarks/wasm-bench.mjs "$out/purejwt-verify.wasm" 2 >> "$tmp/wasm.jsonl"
  "$bench" --json --exact "jwt verify cognito access token" --repetitions 3 --seconds 0.5 >> "$tmp/native.jsonl"
done
python3 - "$tmp" <<'PY'
import json, statistics, sys
tmp = sys.argv[1]
wasm = [json.loads(l)["cpu_ns_per_op"] for l in open(f"{tmp}/wasm.jsonl")]
native = [json.loads(l)["cpu_ns_per_op"] for l in open(f"{tmp}/native.jsonl")]
ratios = [n / w for n, w in zip(native, wasm)]
print(f"whole Cognito access token, wasm32 under V8: {statistics.median(wasm)/1000:.1f} µs/op; "
      f"native: {statistics.median(native)/1000:.1f} µs/op; "
      f"wasm/native speed {statistics.median(ratios):.2f}x [{min(ratios):.2f}–{max(ratios):.2f}] over {len(ratios)} rounds")
PY
