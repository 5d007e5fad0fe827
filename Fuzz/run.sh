#!/usr/bin/env bash
# Builds one libFuzzer harness (release, -sanitize=fuzzer,address) and runs it for SECONDS on a
# corpus seeded from Vectors/. Exits non-zero when the fuzzer finds a crash, a sanitizer error or
# a leak; the reproducer is left in Fuzz/artifacts/TARGET/.
#   Fuzz/run.sh TARGET SECONDS      TARGET: base64url json der jwk token ed25519 ec (or fuzz-TARGET)
#   Fuzz/run.sh all SECONDS         every harness, one after the other
set -euo pipefail
cd "$(dirname "$0")"
self="$PWD/$(basename "$0")"
target="${1:?usage: Fuzz/run.sh TARGET SECONDS}"; seconds="${2:?usage: Fuzz/run.sh TARGET SECONDS}"
targets=(base64url json der jwk token ed25519 ec)
if [ "$target" = all ]; then
  for t in "${targets[@]}"; do "$self" "$t" "$seconds"; done
  exit 0
fi
target="${target#fuzz-}"
# Dead stripping would drop libFuzzer's coverage sections (nothing references them): keep them.
swift build -c release --sanitize=fuzzer --sanitize=address --disable-dead-strip --product "fuzz-$target" >&2
bin="$(swift build -c release --sanitize=fuzzer --sanitize=address --disable-dead-strip --show-bin-path)/fuzz-$target"
corpus="corpus/$target"; artifacts="artifacts/$target"
mkdir -p "$corpus" "$artifacts"
python3 seeds.py "$target" "$corpus"
echo "== fuzz-$target for ${seconds}s (corpus: $(ls "$corpus" | wc -l) inputs)"
"$bin" "$corpus" -max_total_time="$seconds" -max_len=20000 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$artifacts/" -print_final_stats=1 2>&1 | tee "$artifacts/last-run.log" | grep -E "^#[0-9]+ +(DONE|INITED)|stat::number_of_executed_units|ERROR|SUMMARY|Done" || true
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ]; then echo "fuzz-$target FAILED (exit $status): see $artifacts/last-run.log" >&2; exit 1; fi
echo "fuzz-$target: no crash"
