#!/usr/bin/env bash
# `npm test`: makes sure the real peers the tests use are there (PostgreSQL, Redis,
# Varnish with xkey, Chromium, ShellCheck; installed from Debian's packages when missing and we are
# root), starts throw-away PostgreSQL and Redis servers, type-checks, then runs
# every test file. Arguments narrow the run to test files whose path contains them.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -n "${TEST_DATABASE_URL:-}" ] || ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
[ -n "${TEST_REDIS_URL:-}" ] || command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v varnishd >/dev/null 2>&1 || missing+=(varnish)
ls /usr/lib/*/varnish/vmods/libvmod_xkey.so >/dev/null 2>&1 || missing+=(varnish-modules)
[ -n "${CHROMIUM_PATH:-}" ] || command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# the deploy scripts' linter (tests/deploy/workflows.test.ts)
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "npm test needs ${missing[*]}: install them (Debian: apt-get install ${missing[*]}) or run as root" >&2
    exit 1
  fi
  echo "installing ${missing[*]} from Debian's packages…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  TEST_DATABASE_URL="$(bash scripts/start-test-postgres.sh)"
  export TEST_DATABASE_URL
fi
if [ -z "${TEST_REDIS_URL:-}" ]; then
  TEST_REDIS_URL="$(bash scripts/start-test-redis.sh)"
  export TEST_REDIS_URL
fi
export CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium)}"
echo "PostgreSQL for tests: $TEST_DATABASE_URL; Redis: $TEST_REDIS_URL; Chromium: $CHROMIUM_PATH"

npx tsc -p tsconfig.json
node scripts/run-tests.mjs "$@"
