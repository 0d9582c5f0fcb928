#!/usr/bin/env bash
# Starts crm360 on a free port over a throw-away SQLite database and runs graphql-http's
# audit against it.
set -euo pipefail
cd "$(dirname "$0")/.."
workdir=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
DATABASE_URL="sqlite://$workdir/audit.db?mode=rwc" CRM360_JOB_WORKERS=0 \
  target/debug/crm360 serve --listen "127.0.0.1:$port" >"$workdir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$workdir"' EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  sleep 0.1
done
node scripts/graphql-http-audit.mjs "http://127.0.0.1:$port/graphql"
