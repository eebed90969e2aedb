#!/usr/bin/env bash
# Starts a throw-away PostgreSQL 15+ cluster (Debian's postgresql package) on
# 127.0.0.1:5433 for tests and benchmarks, owned by the `postgres` system user, and prints
# its admin URL. Durability is off (fsync, synchronous_commit): the data is disposable.
set -euo pipefail
HATAGO_TEST_PGPORT="${HATAGO_TEST_PGPORT:-5433}"
PGDATA_DIR="${HATAGO_TEST_PGDATA:-/tmp/hatago-pg}"
BIN=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/postgres | sort -V | tail -n 1)")
if ! "$BIN/pg_isready" -q -h 127.0.0.1 -p "$HATAGO_TEST_PGPORT"; then
  rm -rf "$PGDATA_DIR"
  install -d -o postgres -g postgres "$PGDATA_DIR"
  su postgres -c "$BIN/initdb -D $PGDATA_DIR -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
  su postgres -c "$BIN/pg_ctl -D $PGDATA_DIR -l $PGDATA_DIR/server.log -w -o '-p $HATAGO_TEST_PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off' start" >/dev/null
fi
echo "postgres://postgres@127.0.0.1:$HATAGO_TEST_PGPORT/postgres"
