#!/usr/bin/env bash
# What a newcomer does on a fresh clone: `npm start` (`kyc serve` with the default SQLite store
# and the in-process simulator) must answer on its port within seconds, and `kyc demo --url` against it
# must walk every flow to its end. Then SIGTERM must shut it down cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."

port=${SMOKE_PORT:-3917}
work=$(mktemp -d)
log="$work/serve.log"
trap 'kill -TERM -- "-$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

# In its own process group, so the signal reaches node itself and not only npm (npm does not forward it).
PORT=$port KYC_EVENT_STORE="sqlite:$work/kyc.sqlite" LOG_LEVEL=warn setsid npm start >"$log" 2>&1 &
pid=$!

started=$(date +%s)
until curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "npm start exited before answering:" >&2
    cat "$log" >&2
    exit 1
  fi
  if [ $(( $(date +%s) - started )) -gt 120 ]; then
    echo "npm start did not answer on port $port within 120 s:" >&2
    cat "$log" >&2
    exit 1
  fi
  sleep 0.5
done
echo "npm start answered on port $port after $(( $(date +%s) - started )) s"

node bin/kyc.js demo --url "http://127.0.0.1:$port" >"$work/demo.log" 2>&1 || {
  echo "kyc demo --url failed:" >&2
  cat "$work/demo.log" >&2
  cat "$log" >&2
  exit 1
}
grep -q 'VALIDATED through the hosted page' "$work/demo.log"
echo "kyc demo --url walked every flow to its end"

kill -TERM -- "-$pid"
wait "$pid" || true
if ! grep -q 'SIGTERM: draining' "$log"; then
  echo "the service did not shut down gracefully on SIGTERM:" >&2
  cat "$log" >&2
  exit 1
fi
echo "SIGTERM: drained and closed"
