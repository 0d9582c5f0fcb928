#!/usr/bin/env bash
# Schema-driven GraphQL fuzzing (schemathesis, GraphQL mode) of a live server, as authenticated
# users: starts crm360 in demo mode on a free port over a throw-away SQLite database, logs in
# as the demo tenant's administrator (every right) and as the demo operator, and sends the
# generated queries and mutations with their session tokens. Fails on any 5xx and on any
# GraphQL error whose `extensions.code` is `INTERNAL` (scripts/graphql_fuzz_hooks.py).
# Bounded: GRAPHQL_FUZZ_SECONDS (default 150) in all, GRAPHQL_FUZZ_EXAMPLES (default 20) cases
# a field. GRAPHQL_FUZZ_WORKERS (default 2) concurrent requests (SQLite's transactions are
# IMMEDIATE since finding 1, tests/e2e/fuzz_findings.rs). Findings are
# reproducible with the same GRAPHQL_FUZZ_SEED. Schemathesis (pinned) goes into .venv-fuzz/.
set -euo pipefail
cd "$(dirname "$0")/.."

schemathesis_version=4.32.5
venv=.venv-fuzz
if [ "$("$venv/bin/st" --version 2>/dev/null)" != "st, version $schemathesis_version" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$schemathesis_version"
fi

workdir=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port/graphql"
# Rate limits off: the fuzzer is to reach the resolvers, not the throttle.
cat >"$workdir/crm360.toml" <<TOML
[rate_limits]
enabled = false
TOML
CRM360_CONFIG="$workdir/crm360.toml" DATABASE_URL="sqlite://$workdir/fuzz.db?mode=rwc" \
  CRM360_JOB_WORKERS=0 CRM360_DATA_DIR="$workdir/data" \
  target/debug/crm360 serve --demo --listen "127.0.0.1:$port" >"$workdir/server.log" 2>&1 &
server=$!
cleanup() {
  status=$?
  kill $server 2>/dev/null || true
  if [ $status -ne 0 ]; then
    echo "--- server log (errors) ---"
    grep -iE 'error|panic' "$workdir/server.log" | tail -n 50 || true
  fi
  rm -rf "$workdir"
}
trap cleanup EXIT
for _ in $(seq 1 300); do
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  sleep 0.1
done

graphql() { # graphql TOKEN QUERY -> the response body
  curl -fsS "$url" -H 'content-type: application/json' ${1:+-H "authorization: Bearer $1"} \
    --data "$(python3 -c 'import json, sys; print(json.dumps({"query": sys.argv[1]}))' "$2")"
}
login() { # login EMAIL -> a session token
  graphql "" "mutation { login(input: {email: \"$1\", password: \"Demo-crm360-2026!\", returnToken: true}) { token } }" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["data"]["login"]["token"])'
}
admin=$(login admin@demo.crm360.demo)
operator=$(login operateur@crm360.demo)

# The fields that only operator staff may call, fuzzed as the demo operator; everything else as
# the demo tenant's administrator (every right). Not fuzzed: `logout` and `changePassword`,
# which would end or lock the fuzzer's own session, and subscriptions (WebSocket only).
operator_only='^(QueryRoot\.(jobsNeedingAttention|tenants|tenant|platformHealth|announcements|usageAnalytics)|MutationRoot\.(retryJob|createTenant|suspendTenant|reactivateTenant|createAnnouncement|updateAnnouncement|endAnnouncement))$'
seconds=${GRAPHQL_FUZZ_SECONDS:-150}
fuzz() { # fuzz TOKEN SECONDS FILTER... : one bounded schemathesis run
  local token=$1 budget=$2
  shift 2
  SCHEMATHESIS_HOOKS=scripts/graphql_fuzz_hooks.py timeout --signal=INT --kill-after=30 "$((budget + 60))" \
    "$venv/bin/st" run "$url" "$@" \
    --header "Authorization: Bearer $token" \
    --checks no_server_error,no_internal_graphql_error \
    --max-examples "${GRAPHQL_FUZZ_EXAMPLES:-20}" \
    --max-time "$budget" \
    --request-timeout 30 \
    --workers "${GRAPHQL_FUZZ_WORKERS:-2}" \
    --seed "${GRAPHQL_FUZZ_SEED:-360}" \
    --generation-database none \
    --continue-on-failure \
    --no-color \
    --report-dir "$workdir/report"
}
status=0
echo "=== as the tenant administrator ==="
fuzz "$admin" "$((seconds * 3 / 4))" \
  --exclude-name-regex "$operator_only|^MutationRoot\.(logout|changePassword)\$" || status=1
echo "=== as operator staff ==="
fuzz "$operator" "$((seconds / 4))" --include-name-regex "$operator_only" || status=1
exit $status
