#!/usr/bin/env bash
# Instructions and heap allocations per operation, counted by valgrind (callgrind and dhat) — stable
# on a shared machine, unlike time. Each case runs at two iteration counts and the difference is
# divided out, so process start-up and case set-up cancel.
# Usage: Benchmarks/instructions.sh [NAME...]   (default: the RSA kernels and the whole token)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 2; }
swift build -c release --product jwt-bench >/dev/null
bin="$(swift build -c release --show-bin-path)/jwt-bench"
if [ $# -eq 0 ]; then
  set -- "montgomery square 2048" "montgomery multiply 2048" "rsa2048 verify" "sha256 1 KiB" \
         "jwt verify cognito access token" "jwt verify cognito id token" "jwt verify access token 16 KiB"
fi
for name in "$@"; do
  "$bin" --exact "$name" --repetitions 1 --seconds 0.02 --instructions --allocations | tail -n +2
done
