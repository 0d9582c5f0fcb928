#!/usr/bin/env bash
# Builds everything and runs crm360 on SQLite (./data/crm360.db) with the demo tenant:
# open http://127.0.0.1:8360 and log in with the accounts the README lists.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --prefix frontend --no-audit --no-fund --prefer-offline
npm --prefix frontend run build
# The session cookie is Secure; browsers accept that on http://localhost and 127.0.0.1.
exec cargo run --release -p crm360 -- serve --demo "$@"
