#!/usr/bin/env bash
# The whole test suite: Rust (unit tests and end-to-end tests over HTTP), the GraphQL over HTTP
# audit against a live server, and the web app (codegen freshness, type check, build, component
# tests, end-to-end tests in headless Chromium against the real binary).
# Database tests run on SQLite; set TEST_DATABASE_URL=postgres://user@host:port/db to run
# them on PostgreSQL (each test creates its own database on that server).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "npm packages"
npm ci --prefix frontend --no-audit --no-fund --prefer-offline
npm ci --prefix scripts --no-audit --no-fund --prefer-offline

step "web app: generated types are fresh, type check, build"
npm --prefix frontend run build

step "Rust: build"
cargo build --workspace --bins

step "Rust: the one door to tenant data (clippy.toml; ARCHITECTURE.md)"
cargo clippy --workspace --all-targets --quiet -- -A clippy::all -D clippy::disallowed_methods -D clippy::disallowed_types

database=SQLite
[ -n "${TEST_DATABASE_URL:-}" ] && database=PostgreSQL
step "Rust: unit and end-to-end tests (database: $database)"
cargo test --workspace

step "fuzz harnesses, bounded (CSV reader, segment compiler, RNVP normaliser; fuzz/README.md)"
cargo run -q -p crm360-fuzz -- --seconds "${FUZZ_SECONDS:-15}"

step "web app: component tests"
npm --prefix frontend test

step "web app: end-to-end tests in headless Chromium"
CRM360_BIN="$PWD/target/debug/crm360" npm --prefix frontend run e2e

step "GraphQL over HTTP audit (graphql-http)"
scripts/graphql-http-audit.sh

# Its server runs on SQLite whatever the database of the run: once, in the SQLite run.
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  step "GraphQL fuzzing as authenticated users (schemathesis; no 5xx, no INTERNAL)"
  scripts/graphql-fuzz.sh
fi
