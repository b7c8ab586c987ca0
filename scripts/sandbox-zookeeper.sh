#!/usr/bin/env bash
# sandbox-zookeeper.sh - run a private, standalone ZooKeeper for the docker-health-monitor integration tests of a
# highly available pair (the leader election of CLUSTER_ZOOKEEPER).
#
# Installs Debian's zookeeper when missing, then runs one server listening on 127.0.0.1 only. Idempotent.
#
# Usage: scripts/sandbox-zookeeper.sh [start|stop|status|env]
#   start    (default) install if missing, start the server unless it answers
#   stop     stop the server; the data is kept
#   status   exit 0 if the server answers, 3 otherwise
#   env      print "export DHM_ZOOKEEPER=127.0.0.1:<port>"
#
# Environment:
#   DHM_ZOOKEEPER_DIR   state directory (default /tmp/dhm-zookeeper)
#   DHM_ZOOKEEPER_PORT  client port on 127.0.0.1 (default 52181)
set -euo pipefail

DIR="${DHM_ZOOKEEPER_DIR:-/tmp/dhm-zookeeper}"
PORT="${DHM_ZOOKEEPER_PORT:-52181}"
JAR=/usr/share/java/zookeeper.jar
PIDFILE="$DIR/zookeeper.pid"
LOG="$DIR/zookeeper.log"

log() { echo "sandbox-zookeeper: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

ensure_packages() {
  [[ -r "$JAR" ]] && command -v java >/dev/null 2>&1 && return 0
  ((EUID == 0)) || die "need to install zookeeper but not running as root"
  log "installing zookeeper (apt-get)"
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q zookeeper; } >&2 ||
    die "apt-get install zookeeper failed"
  [[ -r "$JAR" ]] || die "$JAR still missing after install"
}

# "imok" to the four-letter word ruok
answers() {
  local reply
  reply="$(timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT; echo ruok >&3; cat <&3" 2>/dev/null || true)"
  [[ "$reply" == imok ]]
}

server_pid() {
  local pid
  [[ -r "$PIDFILE" ]] || return 0
  pid="$(tr -dc '0-9' <"$PIDFILE")"
  [[ -n "$pid" && -d "/proc/$pid" ]] && echo "$pid"
  return 0
}

start() {
  if answers; then
    log "already running on 127.0.0.1:$PORT"
    return 0
  fi
  ensure_packages
  mkdir -p "$DIR/data"
  # A short tick lets the tests use short sessions (the minimum session timeout is two ticks).
  cat >"$DIR/zoo.cfg" <<CFG
tickTime=500
initLimit=10
syncLimit=5
dataDir=$DIR/data
clientPort=$PORT
clientPortAddress=127.0.0.1
admin.enableServer=false
4lw.commands.whitelist=ruok,srvr,stat
minSessionTimeout=1000
maxSessionTimeout=60000
CFG
  log "starting on 127.0.0.1:$PORT (log $LOG)"
  setsid nohup java -Xmx128m -cp "$JAR" org.apache.zookeeper.server.quorum.QuorumPeerMain "$DIR/zoo.cfg" \
    >>"$LOG" 2>&1 </dev/null &
  echo $! >"$PIDFILE"
  local deadline=$((SECONDS + 60))
  until answers; do
    ((SECONDS < deadline)) || { tail -n 20 "$LOG" >&2; die "ZooKeeper did not answer within 60 s"; }
    [[ -n "$(server_pid)" ]] || { tail -n 20 "$LOG" >&2; die "ZooKeeper exited during start-up"; }
    sleep 0.5
  done
  log "ready"
}

stop() {
  local pid
  pid="$(server_pid)"
  if [[ -z "$pid" ]]; then
    log "not running"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 20))
  while [[ -d "/proc/$pid" ]] && ((SECONDS < deadline)); do sleep 0.3; done
  [[ -d "/proc/$pid" ]] && kill -KILL "$pid" 2>/dev/null
  rm -f "$PIDFILE"
  log "stopped (data kept in $DIR/data)"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) if answers; then log "running on 127.0.0.1:$PORT"; else log "not running"; exit 3; fi ;;
  env) echo "export DHM_ZOOKEEPER=127.0.0.1:$PORT" ;;
  -h|--help|help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' ;;
  *) die "unknown command '$1' (use start|stop|status|env)" ;;
esac
