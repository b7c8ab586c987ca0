#!/usr/bin/env bash
# sandbox-engine.sh - run a private, self-contained Docker engine for the
# docker-health-monitor integration tests and benchmarks.
#
# Works offline: nothing is ever pulled from a registry. The test image
# (dhm/busybox:test) is built FROM scratch out of the host's static busybox.
#
# Usage: scripts/sandbox-engine.sh [start|stop|restart|status|env]
#   start    (default) install packages if missing, start dockerd if it is not
#            already answering, build the test image if absent. Idempotent.
#   stop     SIGTERM dockerd (pidfile), wait; data-root is kept.
#   restart  stop + start; images and containers survive.
#   status   exit 0 if the engine answers, 3 otherwise.
#   env      print "export DOCKER_HOST=unix://<dir>/docker.sock".
#
# Environment:
#   DHM_ENGINE_DIR           state directory (default /tmp/dhm-engine)
#   DHM_ENGINE_START_TIMEOUT seconds to wait for the daemon (default 60)
#   DHM_ENGINE_STOP_TIMEOUT  seconds to wait after SIGTERM (default 20)
#   DHM_ENGINE_STORAGE_DRIVER  force a storage driver (default: dockerd's choice)
#   DHM_DOCKERD_EXTRA_ARGS   extra dockerd arguments (word-split)
#
# Layout: $DIR/docker.sock, $DIR/data (data-root), $DIR/exec (exec-root),
#         $DIR/docker.pid, $DIR/dockerd.log, $DIR/daemon.json
set -euo pipefail

# dockerd lives in /usr/sbin, which some CI shells leave out of PATH.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

DIR="${DHM_ENGINE_DIR:-/tmp/dhm-engine}"
SOCK="$DIR/docker.sock"
DATA="$DIR/data"
EXEC="$DIR/exec"
PIDFILE="$DIR/docker.pid"
LOG="$DIR/dockerd.log"
CONF="$DIR/daemon.json"
LOCK="$DIR/.lock"
IMAGE="dhm/busybox:test"
BUSYBOX=/bin/busybox
START_TIMEOUT="${DHM_ENGINE_START_TIMEOUT:-60}"
STOP_TIMEOUT="${DHM_ENGINE_STOP_TIMEOUT:-20}"
# Applets linked into the test image (the first group is what the tests rely on).
APPLETS=(sh sleep test touch rm cat echo wget httpd nc true false date seq
         ls mkdir env printf kill ps grep head tail wc hostname id uname timeout)

log() { echo "sandbox-engine: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# docker CLI bound to our socket, ignoring whatever the caller's env points at.
dk() {
  env -u DOCKER_HOST -u DOCKER_CONTEXT -u DOCKER_TLS_VERIFY -u DOCKER_CERT_PATH \
    docker -H "unix://$SOCK" "$@"
}

answers() { timeout 10 env -u DOCKER_CONTEXT docker -H "unix://$SOCK" info >/dev/null 2>&1; }

# pid of our dockerd if the pidfile names a live dockerd process, else empty.
daemon_pid() {
  local pid
  [[ -r "$PIDFILE" ]] || return 0
  pid="$(tr -dc '0-9' <"$PIDFILE")"
  [[ -n "$pid" && -d "/proc/$pid" ]] || return 0
  [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == dockerd ]] || return 0
  echo "$pid"
}

log_tail() {
  if [[ -s "$LOG" ]]; then
    log "last lines of $LOG:"
    tail -n 25 "$LOG" | sed 's/^/    /' >&2
  fi
}

busybox_ok() {
  [[ -x "$BUSYBOX" ]] || return 1
  # Must be static: it is copied alone into a FROM-scratch image.
  if command -v ldd >/dev/null 2>&1; then
    local out
    out="$(ldd "$BUSYBOX" 2>&1 || true)" # ldd exits 1 for static binaries
    [[ "$out" == *"not a dynamic executable"* || "$out" == *"statically linked"* ]] || return 1
  fi
  return 0
}

ensure_packages() {
  local pkgs=()
  if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then
    pkgs+=(docker.io)
  fi
  busybox_ok || pkgs+=(busybox-static)
  ((${#pkgs[@]} == 0)) && return 0

  ((EUID == 0)) || die "need to install ${pkgs[*]} but not running as root"
  command -v apt-get >/dev/null 2>&1 || die "need ${pkgs[*]} but apt-get is not available"
  log "installing ${pkgs[*]} (apt-get)"
  # Keep the package's init script from starting a system-wide dockerd.
  local policy=/usr/sbin/policy-rc.d added_policy=0
  if [[ ! -e "$policy" ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && added_policy=1
  fi
  local rc=0
  {
    apt-get update -q &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${pkgs[@]}"
  } >&2 || rc=$?
  ((added_policy)) && rm -f "$policy"
  ((rc == 0)) || die "apt-get install ${pkgs[*]} failed (rc=$rc)"
  hash -r
  command -v dockerd >/dev/null 2>&1 || die "dockerd still missing after install"
  command -v docker >/dev/null 2>&1 || die "docker CLI still missing after install"
  busybox_ok || die "$BUSYBOX missing or not static after installing busybox-static"
}

wait_until_up() { # $1 = pid of the dockerd we are waiting for (may be empty)
  local pid="${1:-}" deadline=$((SECONDS + START_TIMEOUT))
  while ((SECONDS < deadline)); do
    answers && return 0
    if [[ -n "$pid" && ! -d "/proc/$pid" ]]; then
      log "dockerd (pid $pid) exited during startup"
      log_tail
      return 1
    fi
    sleep 0.5
  done
  log "dockerd did not answer on $SOCK within ${START_TIMEOUT}s"
  log_tail
  return 1
}

start_daemon() {
  local pid
  pid="$(daemon_pid)"
  if [[ -n "$pid" ]] && answers; then
    log "dockerd already running (pid $pid, $SOCK)"
    return 0
  fi
  if [[ -n "$pid" ]]; then
    log "dockerd pid $pid alive but not answering yet; waiting"
    wait_until_up "$pid" || die "existing dockerd (pid $pid) is not answering; try '$0 restart'"
    log "dockerd up (pid $pid)"
    return 0
  fi
  if answers; then
    die "something answers on $SOCK but $PIDFILE names no live dockerd; stop it first"
  fi

  ensure_packages
  ((${#SOCK} < 100)) || die "socket path too long (${#SOCK} chars): $SOCK; use a shorter DHM_ENGINE_DIR"
  mkdir -p "$DATA" "$EXEC"
  # Own (empty) config file, so a host /etc/docker/daemon.json cannot interfere.
  [[ -s "$CONF" ]] || echo '{}' >"$CONF"
  [[ -f "$LOG" ]] && mv -f "$LOG" "$LOG.1"
  rm -f "$SOCK"

  local args=(
    --config-file "$CONF"
    --host "unix://$SOCK"
    --data-root "$DATA"
    --exec-root "$EXEC"
    --pidfile "$PIDFILE"
    --iptables=false --bridge=none --ip-masq=false
    # dockerd attaches to a *system* containerd if /run/containerd/containerd.sock
    # exists (otherwise it runs its own under $EXEC/containerd). Private
    # namespaces keep our containers apart from a system dockerd's in that case.
    --containerd-namespace dhm --containerd-plugins-namespace dhm-plugins
  )
  [[ -n "${DHM_ENGINE_STORAGE_DRIVER:-}" ]] && args+=(--storage-driver "$DHM_ENGINE_STORAGE_DRIVER")
  # shellcheck disable=SC2206
  [[ -n "${DHM_DOCKERD_EXTRA_ARGS:-}" ]] && args+=(${DHM_DOCKERD_EXTRA_ARGS})
  if [[ -S /run/containerd/containerd.sock ]]; then
    log "note: system containerd found at /run/containerd/containerd.sock; dockerd will use it (namespace 'dhm')"
  fi

  log "starting dockerd (dir $DIR, log $LOG)"
  setsid nohup dockerd "${args[@]}" >>"$LOG" 2>&1 </dev/null 9>&- &
  pid=$!
  wait_until_up "$pid" || die "dockerd failed to start"
  log "dockerd up (pid $(daemon_pid || true), $(dk version --format '{{.Server.Version}}' 2>/dev/null || echo '?'), storage $(dk info --format '{{.Driver}}' 2>/dev/null || echo '?'))"
}

ensure_image() {
  if dk image inspect "$IMAGE" >/dev/null 2>&1; then
    log "image $IMAGE present"
    return 0
  fi
  busybox_ok || ensure_packages
  local ctx applets a
  ctx="$(mktemp -d "${TMPDIR:-/tmp}/dhm-image.XXXXXX")"
  # shellcheck disable=SC2064
  trap "rm -rf '$ctx'" EXIT
  applets=" $("$BUSYBOX" --list | tr '\n' ' ') "
  mkdir -p "$ctx/rootfs/bin" "$ctx/rootfs/etc" "$ctx/rootfs/root" "$ctx/rootfs/www" "$ctx/rootfs/tmp"
  chmod 1777 "$ctx/rootfs/tmp"
  cp "$BUSYBOX" "$ctx/rootfs/bin/busybox"
  for a in "${APPLETS[@]}"; do
    if [[ "$applets" != *" $a "* ]]; then
      case "$a" in
        sh|sleep|test|touch|rm|cat|echo|wget|httpd|nc|true|false|date|seq)
          die "$BUSYBOX has no '$a' applet" ;;
        *) continue ;;
      esac
    fi
    ln -s busybox "$ctx/rootfs/bin/$a"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$ctx/rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$ctx/rootfs/etc/group"
  cat >"$ctx/Dockerfile" <<'EOF'
FROM scratch
COPY rootfs/ /
ENV PATH=/bin
LABEL org.opencontainers.image.title="dhm busybox test image" dhm.sandbox="1"
CMD ["sleep", "infinity"]
EOF
  log "building $IMAGE from $BUSYBOX (offline, FROM scratch)"
  # Legacy builder: no buildx plugin needed and nothing is pulled for scratch.
  if ! DOCKER_BUILDKIT=0 dk build --network none -q -t "$IMAGE" "$ctx" >/dev/null 2>"$ctx/build.err"; then
    log "docker build failed ($(tail -n 3 "$ctx/build.err" | tr '\n' ' ')); falling back to docker import"
    tar -C "$ctx/rootfs" --numeric-owner --owner=0 --group=0 -cf - . |
      dk import --change 'ENV PATH=/bin' --change 'CMD ["sleep", "infinity"]' \
        --change 'LABEL dhm.sandbox=1' - "$IMAGE" >/dev/null ||
      die "could not create $IMAGE"
  fi
  rm -rf "$ctx"
  trap - EXIT
  dk run --rm --network none "$IMAGE" sh -c 'test -d /tmp && echo ok' >/dev/null 2>&1 ||
    die "image $IMAGE built but a smoke-test container failed"
  log "image $IMAGE ready"
}

stop_daemon() {
  local pid deadline
  pid="$(daemon_pid)"
  if [[ -z "$pid" ]]; then
    log "dockerd not running"
    return 0
  fi
  log "stopping dockerd (pid $pid, SIGTERM, up to ${STOP_TIMEOUT}s)"
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$((SECONDS + STOP_TIMEOUT))
  while [[ -d "/proc/$pid" ]] && ((SECONDS < deadline)); do sleep 0.5; done
  if [[ -d "/proc/$pid" ]]; then
    log "dockerd still alive after ${STOP_TIMEOUT}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 1
  fi
  log "dockerd stopped (data kept in $DATA)"
}

status() {
  local pid
  pid="$(daemon_pid)"
  if answers; then
    log "running: pid ${pid:-?}, socket $SOCK, server $(dk version --format '{{.Server.Version}}' 2>/dev/null || echo '?'), containers $(dk info --format '{{.Containers}} ({{.ContainersRunning}} running)' 2>/dev/null || echo '?'), image $IMAGE $(dk image inspect "$IMAGE" >/dev/null 2>&1 && echo present || echo absent)"
    return 0
  fi
  if [[ -n "$pid" ]]; then
    log "dockerd pid $pid alive but $SOCK does not answer"
  else
    log "not running (dir $DIR)"
  fi
  return 3
}

with_lock() {
  mkdir -p "$DIR"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$LOCK"
    flock -w 120 9 || die "could not lock $LOCK"
  fi
  "$@"
}

main() {
  local cmd="${1:-start}"
  case "$cmd" in
    start)   with_lock start_daemon; ensure_image ;;
    stop)    with_lock stop_daemon ;;
    restart) with_lock stop_daemon; start_daemon; ensure_image ;;
    status)  status ;;
    env)     echo "export DOCKER_HOST=unix://$SOCK" ;;
    -h|--help|help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//' ;;
    *) die "unknown command '$cmd' (use start|stop|restart|status|env)" ;;
  esac
}

main "$@"
