#!/usr/bin/env bash
# Builds the DocC documentation of every library module with the toolchain's docc, from the
# symbol graphs SwiftPM dumps, and fails on any warning (a broken link, an undocumented parameter
# that is half documented, a stale symbol reference). Output: .build/docs/<Module>.doccarchive.
# Usage: Scripts/build-docs.sh [--static-hosting]
set -euo pipefail
cd "$(dirname "$0")/.."
modules=(PureBase64URL PureSHA2 PureBigNum PureJSON PureDER PureRSA PureEd25519 PureEC PureJWK PureJWT PureJWTFoundation PureJWTTesting)
extra=()
[ "${1:-}" = "--static-hosting" ] && extra=(--transform-for-static-hosting)
swift package dump-symbol-graph --minimum-access-level public >/dev/null
graphs="$(swift build --show-bin-path)/../symbolgraph"
rm -rf .build/docs .build/docs-graphs; mkdir -p .build/docs
status=0
for m in "${modules[@]}"; do
  dir=".build/docs-graphs/$m"; mkdir -p "$dir"
  cp "$graphs/$m.symbols.json" "$dir/"
  cp "$graphs/$m"@*.symbols.json "$dir/" 2>/dev/null || true
  if ! docc convert "Sources/$m/$m.docc" --additional-symbol-graph-dir "$dir" --output-path ".build/docs/$m.doccarchive" \
       --fallback-display-name "$m" --fallback-bundle-identifier "org.purejwt.$m" --warnings-as-errors "${extra[@]}" \
       > ".build/docs/$m.log" 2>&1; then
    echo "error: docc reported problems for $m:"; cat ".build/docs/$m.log"; status=1
  else
    echo "docs: $m ok"
  fi
done
exit $status
