#!/usr/bin/env bash
# Keeps PureJWT usable from applications on macOS 13 / iOS 16 / tvOS 16 / watchOS 9 / visionOS 1
# (what Hummingbird and Vapor support). SwiftPM on Linux neither enforces platform minimums nor
# checks Apple availability, so this script checks what it can here:
#   1. the manifest's platforms are no newer than those;
#   2. library sources use none of the standard-library features those systems lack — InlineArray
#      and integer generic parameters, Span, Atomic (macOS 26 / 15) anywhere; Mutex only in the lock
#      shim (Lock.swift, which uses os_unfair_lock on Apple systems); UInt128 only in the Montgomery
#      kernel, behind @available and a run-time check (MontgomeryModulus.withPlatformWord), or in
#      the #else branch of an `#if canImport(Darwin)` (PureEC's field kernels: never compiled on
#      Apple systems, which take the portable branch) — those branches are left out of the check.
# .ci/macos13-consumer then builds a client package that declares macOS 13.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
swift package dump-package > /tmp/purejwt-manifest.json
python3 - /tmp/purejwt-manifest.json <<'PY' || status=1
import json, sys
limits = {"macos": "13.0", "ios": "16.0", "tvos": "16.0", "watchos": "9.0", "visionos": "1.0"}
declared = {p["platformName"]: p["version"] for p in json.load(open(sys.argv[1]))["platforms"]}
bad = False
for name, limit in limits.items():
    v = declared.get(name)
    if v is None:
        continue   # not declared: SwiftPM's (older) default applies
    if tuple(map(int, v.split("."))) > tuple(map(int, limit.split("."))):
        print(f"error: Package.swift requires {name} {v}; PureJWT supports {name} {limit}"); bad = True
if not bad: print("check-platforms: manifest platforms", ", ".join(f"{k} {v}" for k, v in sorted(declared.items())))
sys.exit(1 if bad else 0)
PY
for dir in Sources/*/; do
  module=$(basename "$dir")
  case "$module" in jwt) continue ;; esac
  while IFS= read -r -d '' file; do
    base=$(basename "$file")
    # Comments may name anything; the non-Apple branch of `#if canImport(Darwin)` … `#else` … `#endif`
    # is never compiled for Apple systems.
    code=$(awk '/^#if canImport\(Darwin\)/ { inDarwin = 1 } inDarwin && /^#else/ { skip = 1; next }
                skip && /^#endif/ { skip = 0; inDarwin = 0; next } !skip' "$file" | sed -E 's#//.*$##')
    check() {   # pattern, what, allowed-file
      if [ "$base" != "${3:-}" ] && grep -nE "$1" <<< "$code" >/dev/null; then
        echo "error: $file uses $2 ($(grep -nE "$1" <<< "$code" | head -1 | cut -d: -f1 | sed 's/^/line /'))"; status=1
      fi
    }
    check 'InlineArray|<let [A-Za-z_]+: *Int>' "InlineArray / integer generic parameters (macOS 26)"
    check '\bSpan<|RawSpan|\.span\b|UTF8Span' "Span (macOS 26)"
    check '\bAtomic<' "Atomic (macOS 15)"
    check '\bMutex<|\bMutex\(' "Mutex (macOS 15) outside Lock.swift" Lock.swift
    check '\bUInt128\b|\bInt128\b' "UInt128 (macOS 15) outside the availability-gated kernel" MontgomeryKernel.swift
    check 'String\(validating' "String(validating:) (macOS 15)"
  done < <(find "$dir" -name '*.swift' -print0)
done
[ $status -eq 0 ] && echo "check-platforms: no library source uses a standard-library feature newer than macOS 13 outside its gate"
exit $status
