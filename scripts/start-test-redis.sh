#!/usr/bin/env bash
# Starts a throw-away Redis (Debian's redis-server) on 127.0.0.1:6380 for tests and
# benchmarks, without persistence, and prints its URL.
set -euo pipefail
HATAGO_TEST_REDIS_PORT="${HATAGO_TEST_REDIS_PORT:-6380}"
if ! redis-cli -h 127.0.0.1 -p "$HATAGO_TEST_REDIS_PORT" ping >/dev/null 2>&1; then
  redis-server --bind 127.0.0.1 --port "$HATAGO_TEST_REDIS_PORT" --save '' --appendonly no \
    --daemonize yes --logfile /tmp/hatago-redis.log --dir /tmp >/dev/null
  for _ in $(seq 1 50); do
    redis-cli -h 127.0.0.1 -p "$HATAGO_TEST_REDIS_PORT" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
fi
echo "redis://127.0.0.1:$HATAGO_TEST_REDIS_PORT"
