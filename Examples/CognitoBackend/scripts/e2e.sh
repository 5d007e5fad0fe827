#!/usr/bin/env bash
# The whole system, end to end, against a local Cognito emulator (CI runs this):
#   1. the emulator (scripts/emulator.py: moto, a pool, a client with a secret, a group "admin");
#   2. the backend, release build, keys hydrated at start;
#   3. the seed flow (scripts/flow.py): sign up → … → refresh, every refusal checked;
#   4. load (wrk, 127.0.0.1 only): req/s without verification (/healthz) and with it (/me), every
#      answer 200; a tampered token under load, every answer 401; no 5xx anywhere;
#   5. fault: the emulator stopped mid-run — known-key tokens keep verifying from the cache, an
#      unknown kid gets 503.
#   scripts/e2e.sh [seconds per load run, default 5]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-5}"
work="$(mktemp -d)"
emulator=""; server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; [ -n "$emulator" ] && kill "$emulator" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT
port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 1 300); do eval "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done; echo "timed out: $1" >&2; return 1; }
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 2; }

echo "== emulator"
emu_port="$(port)"
python3 scripts/emulator.py --port "$emu_port" --state "$work/emulator.json" > "$work/emulator.log" 2>&1 &
emulator=$!
wait_for "test -s $work/emulator.json" || { cat "$work/emulator.log"; exit 1; }
cat "$work/emulator.log"

echo "== backend (release)"
swift build -c release --product CognitoBackend 2>&1 | tail -1
bin="$(swift build -c release --show-bin-path)/CognitoBackend"
app_port="$(port)"
eval "$(python3 -c "
import json, shlex
s = json.load(open('$work/emulator.json'))
for k, v in {'COGNITO_ENDPOINT': s['endpoint'], 'COGNITO_REGION': s['region'], 'COGNITO_USER_POOL_ID': s['userPoolId'],
             'COGNITO_CLIENT_ID': s['clientId'], 'COGNITO_CLIENT_SECRET': s['clientSecret']}.items():
    print(f'export {k}={shlex.quote(v)}')")"
PORT="$app_port" JWKS_COOLDOWN=1 "$bin" > "$work/server.log" 2>&1 &
server=$!
wait_for "curl -sf http://127.0.0.1:$app_port/healthz" || { cat "$work/server.log"; exit 1; }
grep -q "key set loaded" "$work/server.log" || { echo "the key set was not hydrated at start"; cat "$work/server.log"; exit 1; }
base="http://127.0.0.1:$app_port"

echo "== seed flow"
python3 scripts/flow.py --base "$base" --state "$work/emulator.json" --tokens "$work/tokens.json" --cooldown 1
token() { python3 -c "import json; print(json.load(open('$work/tokens.json'))['$1'])"; }

# One wrk run: prints req/s; fails unless every answer has the expected status.
load() { # name path expected-status authorization [seconds]
  local out; out="$(AUTH="$4" wrk -t1 -c32 -d"${5:-$seconds}s" -s scripts/statuses.lua "$base$2")"
  local rps; rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  local statuses; statuses="$(grep '^status ' <<<"$out" | tr '\n' ' ')"
  printf '   %-58s %10s req/s   %s\n' "$1" "$rps" "$statuses"
  grep -q "^status $3: " <<<"$out" || { echo "$out"; echo "FAIL: no $3 answers"; exit 1; }
  if grep '^status ' <<<"$out" | grep -vq "^status $3: "; then echo "$out"; echo "FAIL: answers other than $3"; exit 1; fi
  grep -q "errors: connect 0, read 0, write 0, timeout 0" <<<"$out" || { echo "$out"; echo "FAIL: socket errors"; exit 1; }
}

echo "== load (wrk -t1 -c32, ${seconds} s each, on this machine's $(nproc) cores shared by wrk and the server)"
access="$(token access)"
load "GET /healthz (no verification)" /healthz 200 ""
load "GET /me, verified on every request" /me 200 "Bearer $access"
load "GET /me, a tampered token" /me 401 "Bearer $(token tampered)"
load "GET /me, no token" /me 401 ""

echo "== fault: the emulator stops in the middle of a load run"
( sleep 2; kill "$emulator"; echo "   (emulator stopped)" ) &
stopper=$!
load "GET /me while the emulator goes away" /me 200 "Bearer $access" 5
wait "$stopper"; emulator=""
sleep 1.5   # past the 1 s refetch cooldown: the unknown kid makes the server try the (dead) JWKS URL
unknown="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(token unknownKid)" "$base/me")"
known="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $access" "$base/me")"
echo "   unknown kid with the JWKS down: $unknown (expected 503); known kid: $known (expected 200)"
[ "$unknown" = 503 ] && [ "$known" = 200 ] || { tail -20 "$work/server.log"; exit 1; }

echo "== log"
rejections="$(grep -c 'bearer token rejected' "$work/server.log" || true)"
echo "   $rejections 'bearer token rejected' lines, e.g.:"
{ grep 'bearer token rejected' "$work/server.log" | grep -m3 -E 'code=(expired|invalid-signature|jwks-fetch-failed)' | sed 's/^/     /'; } || true
if grep -q 'eyJ' "$work/server.log"; then echo "FAIL: a token reached the log"; exit 1; fi
grep 'bearer token rejected' "$work/server.log" | grep -q 'code=jwks-fetch-failed' || { echo "FAIL: no 503 log line"; exit 1; }
echo "== CognitoBackend end to end: passed"
rm -rf "$work"
