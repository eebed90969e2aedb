#!/usr/bin/env bash
# Installs (when missing) and starts a throw-away PostgreSQL 15+ cluster on 127.0.0.1:5433
# for the tests, owned by the `postgres` system user, and prints its admin URL.
set -euo pipefail
PGPORT="${PGPORT:-5433}"
PGDATA_DIR="${PGDATA_DIR:-/tmp/hatago-pg}"
if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
BIN=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/postgres | sort -V | tail -n 1)")
if ! "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT"; then
  rm -rf "$PGDATA_DIR"
  install -d -o postgres -g postgres "$PGDATA_DIR"
  su postgres -c "$BIN/initdb -D $PGDATA_DIR -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
  su postgres -c "$BIN/pg_ctl -D $PGDATA_DIR -l $PGDATA_DIR/server.log -w -o '-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off' start" >/dev/null
fi
echo "postgres://postgres@127.0.0.1:$PGPORT/postgres"
