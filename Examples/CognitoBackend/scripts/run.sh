#!/usr/bin/env bash
# Runs the backend against the emulator that scripts/emulator.py started (its settings file), or
# against a real pool when COGNITO_USER_POOL_ID and COGNITO_CLIENT_ID are already set.
#   scripts/run.sh [swift run options, e.g. -c release]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${COGNITO_USER_POOL_ID:-}" ]; then
  [ -f .emulator.json ] || { echo "start the emulator first: python3 scripts/emulator.py" >&2; exit 2; }
  eval "$(python3 - <<'PY'
import json, shlex
s = json.load(open(".emulator.json"))
for k, v in {"COGNITO_ENDPOINT": s["endpoint"], "COGNITO_REGION": s["region"], "COGNITO_USER_POOL_ID": s["userPoolId"],
             "COGNITO_CLIENT_ID": s["clientId"], "COGNITO_CLIENT_SECRET": s["clientSecret"]}.items():
    print(f"export {k}={shlex.quote(v)}")
PY
)"
fi
exec swift run "$@" CognitoBackend
