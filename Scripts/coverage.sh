#!/usr/bin/env bash
# Line coverage per module from `swift test --enable-code-coverage`, and a floor for the library
# modules (95% by default). Counts the lines of Sources/<Module>/ only, from the JSON SwiftPM writes.
# Usage: Scripts/coverage.sh [--run] [--floor PERCENT]
#   --run   run `swift test --enable-code-coverage` first (otherwise read the last run's JSON)
set -euo pipefail
cd "$(dirname "$0")/.."
floor=95; run=0
while [ $# -gt 0 ]; do
  case "$1" in --run) run=1 ;; --floor) floor="$2"; shift ;; *) echo "usage: $0 [--run] [--floor N]" >&2; exit 2 ;; esac
  shift
done
if [ "$run" = 1 ]; then swift test --enable-code-coverage; fi
json="$(swift test --show-codecov-path)"
[ -f "$json" ] || { echo "no coverage data at $json: run with --run (or swift test --enable-code-coverage)" >&2; exit 2; }
python3 - "$json" "$floor" <<'PY'
import collections, json, sys
data = json.load(open(sys.argv[1])); floor = float(sys.argv[2])
library = {"PureBase64URL", "PureSHA2", "PureBigNum", "PureJSON", "PureDER", "PureRSA", "PureEd25519", "PureEC", "PureJWK", "PureJWT",
           "PureJWTFoundation", "PureJWTTesting"}
per = collections.defaultdict(lambda: [0, 0])
for f in data["data"][0]["files"]:
    name = f["filename"]
    if "/Sources/" not in name: continue
    module = name.split("/Sources/")[1].split("/")[0]
    lines = f["summary"]["lines"]
    per[module][0] += lines["covered"]; per[module][1] += lines["count"]
failed = []
print(f"{'module':20s} {'lines':>8s} {'covered':>8s}")
for m, (covered, total) in sorted(per.items()):
    pct = 100.0 * covered / total if total else 100.0
    mark = "" if m not in library else ("" if pct >= floor else f"   < {floor:g}%")
    print(f"{m:20s} {total:8d} {pct:7.1f}%{mark}")
    if m in library and pct < floor: failed.append(m)
if failed:
    print(f"coverage below {floor:g}% in: {', '.join(failed)}"); sys.exit(1)
print(f"every library module is at or above {floor:g}% line coverage")
PY
