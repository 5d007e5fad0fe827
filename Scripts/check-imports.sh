#!/usr/bin/env bash
# Fails when a library module imports anything but the Swift standard library (and Synchronization).
# Library modules: every target under Sources/ except the CLI (jwt) and PureJWTFoundation.
# docs/ARCHITECTURE.md allows two small platform shims in PureJWT to reach the C library: the clock
# (a file named *Clock*.swift) and the lock (Lock.swift: os_unfair_lock on Apple systems, which lack
# Synchronization.Mutex before macOS 15). They may import only Glibc/Musl/Darwin/WinSDK/WASILibc.
set -euo pipefail
cd "$(dirname "$0")/.."
allowed='^(Swift|Synchronization|_Concurrency|PureBase64URL|PureSHA2|PureBigNum|PureJSON|PureDER|PureRSA|PureEd25519|PureEC|PureJWK|PureJWT)$'
clock_allowed='^(Glibc|Musl|Darwin|WinSDK|WASILibc|ucrt)$'
status=0
for dir in Sources/*/; do
  module=$(basename "$dir")
  case "$module" in jwt|PureJWTFoundation) continue ;; esac
  while IFS= read -r -d '' file; do
    while IFS= read -r line; do
      name=$(echo "$line" | sed -E 's/^[[:space:]]*(@[A-Za-z_]+(\([^)]*\))?[[:space:]]+)*(public |package |internal |private |fileprivate )?import[[:space:]]+(class |struct |enum |func |protocol |typealias |var |let )?([A-Za-z_0-9]+).*/\5/')
      if [[ "$name" =~ $allowed ]]; then continue; fi
      case "$(basename "$file")" in *Clock*.swift|Lock.swift) [[ "$name" =~ $clock_allowed ]] && continue ;; esac
      echo "error: $file imports '$name' (library modules may import only the standard library and Synchronization)"
      status=1
    done < <(grep -E '^[[:space:]]*(@[A-Za-z_]+(\([^)]*\))?[[:space:]]+)*((public|package|internal|private|fileprivate)[[:space:]]+)?import[[:space:]]' "$file" || true)
  done < <(find "$dir" -name '*.swift' -print0)
done
if grep -qE '\.package\(' Package.swift; then
  echo "error: Package.swift declares a package dependency; the root package must have none"; status=1
fi
[ $status -eq 0 ] && echo "check-imports: library modules import only the standard library (and Synchronization)"
exit $status
