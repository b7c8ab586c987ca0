#!/usr/bin/env bash
# sandbox-postgres.sh - run a private PostgreSQL server for the docker-health-monitor integration tests of a
# highly available pair (the shared database of DATABASE_URL).
#
# Installs Debian's postgresql when missing, then runs its own cluster as the postgres user, listening on 127.0.0.1
# only, with a database "monitor" owned by user "dhm" (password "dhm"). Idempotent.
#
# Usage: scripts/sandbox-postgres.sh [start|stop|status|env]
#   start    (default) install if missing, initialise the cluster once, start it, create the database once
#   stop     stop the server (fast shutdown); the data is kept
#   status   exit 0 if the server answers, 3 otherwise
#   env      print the export lines the tests read (DHM_POSTGRES_URL, DHM_POSTGRES_USER, DHM_POSTGRES_PASSWORD)
#
# Environment:
#   DHM_POSTGRES_DIR   state directory (default /tmp/dhm-postgres)
#   DHM_POSTGRES_PORT  TCP port on 127.0.0.1 (default 55432)
set -euo pipefail

DIR="${DHM_POSTGRES_DIR:-/tmp/dhm-postgres}"
PORT="${DHM_POSTGRES_PORT:-55432}"
DATA="$DIR/data"
LOG="$DIR/postgres.log"
DB=monitor
ROLE=dhm

log() { echo "sandbox-postgres: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

bindir() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [[ -n "$dir" && -x "$dir/pg_ctl" ]] && echo "$dir"
}

ensure_packages() {
  [[ -n "$(bindir)" ]] && id postgres >/dev/null 2>&1 && return 0
  ((EUID == 0)) || die "need to install postgresql but not running as root"
  log "installing postgresql (apt-get)"
  # Keep the package from starting a system-wide server: the tests run their own.
  local policy=/usr/sbin/policy-rc.d added_policy=0
  if [[ ! -e "$policy" ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && added_policy=1
  fi
  local rc=0
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql; } >&2 || rc=$?
  ((added_policy)) && rm -f "$policy"
  ((rc == 0)) || die "apt-get install postgresql failed (rc=$rc)"
  [[ -n "$(bindir)" ]] || die "pg_ctl still missing after install"
}

as_postgres() { runuser -u postgres -- "$@"; }

answers() { as_postgres "$(bindir)/pg_isready" -q -h 127.0.0.1 -p "$PORT" >/dev/null 2>&1; }

psql_admin() { as_postgres psql -X -q -h 127.0.0.1 -p "$PORT" -d postgres -v ON_ERROR_STOP=1 "$@"; }

start() {
  ensure_packages
  if answers; then
    log "already running on 127.0.0.1:$PORT"
  else
    mkdir -p "$DIR"
    chown postgres:postgres "$DIR"
    if [[ ! -s "$DATA/PG_VERSION" ]]; then
      log "initialising a cluster in $DATA"
      echo postgres >"$DIR/pwfile" && chown postgres "$DIR/pwfile" && chmod 600 "$DIR/pwfile"
      as_postgres "$(bindir)/initdb" -D "$DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
        --pwfile="$DIR/pwfile" >"$DIR/initdb.log" 2>&1 || { tail -n 20 "$DIR/initdb.log" >&2; die "initdb failed"; }
      rm -f "$DIR/pwfile"
    fi
    log "starting on 127.0.0.1:$PORT (log $LOG)"
    as_postgres "$(bindir)/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off" start >&2 ||
      { tail -n 20 "$LOG" >&2; die "the server did not start"; }
  fi
  PGPASSWORD=postgres psql_admin -h 127.0.0.1 -U postgres -tA -c "SELECT 1 FROM pg_roles WHERE rolname='$ROLE'" | grep -q 1 ||
    PGPASSWORD=postgres psql_admin -h 127.0.0.1 -U postgres -c "CREATE ROLE $ROLE LOGIN PASSWORD '$ROLE'"
  PGPASSWORD=postgres psql_admin -h 127.0.0.1 -U postgres -tA -c "SELECT 1 FROM pg_database WHERE datname='$DB'" | grep -q 1 ||
    PGPASSWORD=postgres psql_admin -h 127.0.0.1 -U postgres -c "CREATE DATABASE $DB OWNER $ROLE"
  log "ready: database $DB, user $ROLE"
}

stop() {
  [[ -n "$(bindir)" && -s "$DATA/PG_VERSION" ]] || { log "not installed or never started"; return 0; }
  if answers; then
    as_postgres "$(bindir)/pg_ctl" -D "$DATA" -m fast -w stop >&2
  else
    log "not running"
  fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) if [[ -n "$(bindir)" ]] && answers; then log "running on 127.0.0.1:$PORT"; else log "not running"; exit 3; fi ;;
  env)
    echo "export DHM_POSTGRES_URL=jdbc:postgresql://127.0.0.1:$PORT/$DB"
    echo "export DHM_POSTGRES_USER=$ROLE"
    echo "export DHM_POSTGRES_PASSWORD=$ROLE" ;;
  -h|--help|help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//' ;;
  *) die "unknown command '$1' (use start|stop|status|env)" ;;
esac
