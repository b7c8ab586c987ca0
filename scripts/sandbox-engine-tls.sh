#!/usr/bin/env bash
# sandbox-engine-tls.sh - run a second private Docker engine for the docker-health-monitor integration tests, this
# one also listening over TLS with client-certificate verification (dockerd --tlsverify) on 127.0.0.1 only.
#
# The engine itself is scripts/sandbox-engine.sh in its own state directory (its own data-root, its own
# dhm/busybox:test image, built offline), started with the TLS flags as DHM_DOCKERD_EXTRA_ARGS; its unix socket
# listens too, so tests can create containers and stop the daemon without TLS. A throw-away CA, a server certificate
# (IP:127.0.0.1, DNS:localhost) and a client folder in the Docker CLI layout are made once with openssl (installed
# from Debian when missing) and reused while they are valid, plus a "wrong" client folder from another CA that the
# engine must refuse. Idempotent.
#
# Usage: scripts/sandbox-engine-tls.sh [start|stop|status|env]
#   start    (default) make the certificates if missing, start the engine unless it is up, then check that
#            TLS answers with the client folder and refuses the wrong one
#   stop     stop the engine (scripts/sandbox-engine.sh stop); data and certificates are kept
#   status   exit 0 if the engine answers on its socket and over TLS, 3 otherwise
#   env      print the export lines the tests read: DHM_TLS_ENGINE_HOST (tcp://127.0.0.1:<port>),
#            DHM_TLS_ENGINE_CERTS (ca.pem, cert.pem, key.pem), DHM_TLS_ENGINE_WRONG_CERTS (same layout, another
#            CA) and DHM_TLS_ENGINE_SOCKET (unix://<dir>/docker.sock, no TLS)
#
# Environment:
#   DHM_TLS_ENGINE_DIR   state directory (default /tmp/dhm-engine-tls)
#   DHM_TLS_ENGINE_PORT  TLS port on 127.0.0.1 (default 23761)
#   and those of scripts/sandbox-engine.sh (timeouts, storage driver), except DHM_ENGINE_DIR and
#   DHM_DOCKERD_EXTRA_ARGS, which this script sets
#
# Layout: $DIR/certs/{ca,ca-key,server-cert,server-key}.pem, $DIR/client/{ca,cert,key}.pem,
#         $DIR/wrong-client/{ca,cert,key}.pem (+ $DIR/wrong-ca/), and sandbox-engine.sh's files
set -euo pipefail

DIR="${DHM_TLS_ENGINE_DIR:-/tmp/dhm-engine-tls}"
DEFAULT_PORT=23761
PORT="${DHM_TLS_ENGINE_PORT:-$DEFAULT_PORT}"
CERTS="$DIR/certs"
CLIENT="$DIR/client"
WRONG="$DIR/wrong-client"
WRONG_CA="$DIR/wrong-ca"
SOCK="$DIR/docker.sock"
LOCK="$DIR/.tls.lock"
HOST="tcp://127.0.0.1:$PORT"
DAYS=3650
# Certificates that expire within this many seconds are made anew.
MIN_VALIDITY=$((7 * 24 * 3600))
ENGINE="$(cd "$(dirname "$0")" && pwd)/sandbox-engine.sh"

log() { echo "sandbox-engine-tls: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

if [[ ! "$PORT" =~ ^[1-9][0-9]{0,4}$ ]] || ((PORT > 65535)); then
  die "DHM_TLS_ENGINE_PORT='$PORT' is not a port number"
fi
# The dockerd arguments are word-split by sandbox-engine.sh.
[[ "$DIR" != *[[:space:]*?[]* ]] || die "DHM_TLS_ENGINE_DIR must not contain blanks or glob characters: '$DIR'"

# sandbox-engine.sh with our state directory; fd 8 (our lock) must not be inherited by dockerd.
engine() { DHM_ENGINE_DIR="$DIR" bash "$ENGINE" "$@" 8>&-; }

# The docker CLI, ignoring whatever the caller's environment points at.
dk() {
  timeout 20 env -u DOCKER_HOST -u DOCKER_CONTEXT -u DOCKER_TLS_VERIFY -u DOCKER_CERT_PATH docker "$@"
}

# docker info over TLS with the folder $1 (ca.pem, cert.pem, key.pem); the CLI's stderr goes to stdout.
tls_info() { # $1 = folder, [$2 = folder whose ca.pem to use instead]
  local ca="${2:-$1}/ca.pem"
  dk --tlsverify --tlscacert "$ca" --tlscert "$1/cert.pem" --tlskey "$1/key.pem" -H "$HOST" \
    info --format '{{.ServerVersion}}' 2>&1
}

tls_answers() { tls_info "$CLIENT" >/dev/null; }

socket_answers() { dk -H "unix://$SOCK" info >/dev/null 2>&1; }

ensure_openssl() {
  command -v openssl >/dev/null 2>&1 && return 0
  ((EUID == 0)) || die "need to install openssl but not running as root"
  command -v apt-get >/dev/null 2>&1 || die "need openssl but apt-get is not available"
  log "installing openssl (apt-get)"
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q openssl; } >&2 ||
    die "apt-get install openssl failed"
  hash -r
  command -v openssl >/dev/null 2>&1 || die "openssl still missing after install"
}

# --- certificates -------------------------------------------------------------------------------------------------

write_openssl_conf() { # $1 = file
  cat >"$1" <<'EOF'
[req]
distinguished_name = dn
prompt = no
[dn]
[ca_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[client_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF
}

new_key() { # $1 = file
  (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null) ||
    die "openssl could not make a key ($1)"
}

new_ca() { # $1 = conf, $2 = key, $3 = cert, $4 = CN
  new_key "$2"
  openssl req -config "$1" -x509 -new -sha256 -days "$DAYS" -key "$2" -extensions ca_ext \
    -subj "/O=docker-health-monitor sandbox/CN=$4" -out "$3" 2>/dev/null || die "openssl could not make the CA $4"
}

new_cert() { # $1 = conf, $2 = ext section, $3 = CA cert, $4 = CA key, $5 = key, $6 = cert, $7 = CN
  new_key "$5"
  openssl req -config "$1" -new -sha256 -key "$5" -subj "/O=docker-health-monitor sandbox/CN=$7" -out "$6.csr" \
    2>/dev/null || die "openssl could not make a request for $7"
  openssl x509 -req -sha256 -days "$DAYS" -in "$6.csr" -CA "$3" -CAkey "$4" \
    -set_serial "0x$(openssl rand -hex 16)" -extfile "$1" -extensions "$2" -out "$6" 2>/dev/null ||
    die "openssl could not sign the certificate for $7"
  rm -f "$6.csr"
}

key_matches() { # $1 = key, $2 = cert
  local a b
  a="$(openssl pkey -in "$1" -pubout 2>/dev/null)" || return 1
  b="$(openssl x509 -in "$2" -noout -pubkey 2>/dev/null)" || return 1
  [[ -n "$a" && "$a" == "$b" ]]
}

still_valid() { # $1 = cert
  openssl x509 -in "$1" -noout -checkend "$MIN_VALIDITY" >/dev/null 2>&1
}

# $1 = CA cert, $2 = cert, $3 = key, $4 = purpose (sslserver|sslclient)
cert_ok() {
  [[ -s "$1" && -s "$2" && -s "$3" ]] || return 1
  still_valid "$1" && still_valid "$2" || return 1
  openssl verify -CAfile "$1" -purpose "$4" "$2" >/dev/null 2>&1 || return 1
  key_matches "$3" "$2"
}

good_set_ok() {
  cert_ok "$CERTS/ca.pem" "$CERTS/server-cert.pem" "$CERTS/server-key.pem" sslserver &&
    cert_ok "$CERTS/ca.pem" "$CLIENT/cert.pem" "$CLIENT/key.pem" sslclient &&
    cmp -s "$CERTS/ca.pem" "$CLIENT/ca.pem"
}

wrong_set_ok() {
  cert_ok "$WRONG/ca.pem" "$WRONG/cert.pem" "$WRONG/key.pem" sslclient &&
    ! openssl verify -CAfile "$CERTS/ca.pem" "$WRONG/cert.pem" >/dev/null 2>&1
}

# Prints "changed" when the engine's own certificates (CA, server, client) were made anew.
ensure_certs() {
  local tmp changed=""
  if ! good_set_ok; then
    ensure_openssl
    tmp="$(mktemp -d "$DIR/.certs.XXXXXX")"
    write_openssl_conf "$tmp/openssl.cnf"
    mkdir -p "$tmp/certs" "$tmp/client"
    log "making a CA, a server certificate (IP:127.0.0.1, DNS:localhost) and a client certificate in $CERTS, $CLIENT"
    new_ca "$tmp/openssl.cnf" "$tmp/certs/ca-key.pem" "$tmp/certs/ca.pem" "dhm sandbox engine CA"
    new_cert "$tmp/openssl.cnf" server_ext "$tmp/certs/ca.pem" "$tmp/certs/ca-key.pem" \
      "$tmp/certs/server-key.pem" "$tmp/certs/server-cert.pem" "dhm sandbox engine"
    new_cert "$tmp/openssl.cnf" client_ext "$tmp/certs/ca.pem" "$tmp/certs/ca-key.pem" \
      "$tmp/client/key.pem" "$tmp/client/cert.pem" "dhm test client"
    cp "$tmp/certs/ca.pem" "$tmp/client/ca.pem"
    rm -rf "$CERTS" "$CLIENT"
    mv "$tmp/certs" "$CERTS"
    mv "$tmp/client" "$CLIENT"
    rm -rf "$tmp"
    good_set_ok || die "the certificates just made in $CERTS do not verify"
    changed=changed
  fi
  if ! wrong_set_ok; then
    ensure_openssl
    tmp="$(mktemp -d "$DIR/.certs.XXXXXX")"
    write_openssl_conf "$tmp/openssl.cnf"
    mkdir -p "$tmp/wrong-ca" "$tmp/wrong-client"
    log "making a wrong client folder (another CA) in $WRONG"
    new_ca "$tmp/openssl.cnf" "$tmp/wrong-ca/ca-key.pem" "$tmp/wrong-ca/ca.pem" "dhm sandbox WRONG CA"
    new_cert "$tmp/openssl.cnf" client_ext "$tmp/wrong-ca/ca.pem" "$tmp/wrong-ca/ca-key.pem" \
      "$tmp/wrong-client/key.pem" "$tmp/wrong-client/cert.pem" "dhm wrong test client"
    cp "$tmp/wrong-ca/ca.pem" "$tmp/wrong-client/ca.pem"
    rm -rf "$WRONG_CA" "$WRONG"
    mv "$tmp/wrong-ca" "$WRONG_CA"
    mv "$tmp/wrong-client" "$WRONG"
    rm -rf "$tmp"
    wrong_set_ok || die "the wrong client folder just made in $WRONG does not verify against its own CA"
  fi
  echo "$changed"
}

# --- engine -------------------------------------------------------------------------------------------------------

port_in_use() { timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT" 2>/dev/null; }

port_owner() {
  command -v ss >/dev/null 2>&1 || return 0
  ss -Hltnp "sport = :$PORT" 2>/dev/null | sed -n 's/.*users:((\("[^"]*"\),pid=\([0-9]*\).*/\1 pid \2/p' | head -n 1
}

check_config() {
  # dockerd refuses to start when a flag is also given in its config file; sandbox-engine.sh writes "{}".
  local conf="$DIR/daemon.json"
  if [[ -s "$conf" ]] && grep -Eq '"(hosts|tls|tlsverify|tlscacert|tlscert|tlskey)"' "$conf"; then
    die "$conf sets hosts or tls options, which this script gives dockerd as flags; remove them"
  fi
}

check_tls() {
  local out i
  for ((i = 0; i < 20; i++)); do
    out="$(tls_info "$CLIENT")" && break
    sleep 0.5
  done
  [[ $i -lt 20 ]] || die "the engine does not answer over TLS on $HOST with $CLIENT: $out"
  log "TLS answers on $HOST with $CLIENT (server $out)"

  local client_side server_side
  if out="$(tls_info "$WRONG")"; then
    die "the engine on $HOST answered with the wrong client folder $WRONG (server $out)"
  fi
  client_side="$(reason "$out")"
  # The same, but trusting the right CA: only the engine's client-certificate check can refuse this one.
  if out="$(tls_info "$WRONG" "$CLIENT")"; then
    die "the engine on $HOST accepted a client certificate from another CA (server $out): is --tlsverify on?"
  fi
  server_side="$(reason "$out")"
  log "the wrong client folder is refused (CLI: '$client_side'; its certificate alone, by the engine: '$server_side')"
}

# The last clause of the docker CLI's error message, e.g. "certificate signed by unknown authority".
reason() { tail -n 1 <<<"$1" | sed 's/.*: //' | cut -c1-100; }

start() {
  local changed
  check_config
  changed="$(ensure_certs)"
  if socket_answers; then
    if [[ -n "$changed" ]]; then
      log "certificates were made anew while the engine runs with the old ones; restarting it"
      engine stop
    elif tls_answers; then
      log "already running ($SOCK, $HOST)"
      check_tls
      return 0
    else
      die "the engine in $DIR answers on $SOCK but not over TLS on $HOST (started with another port or without TLS?); run '$0 stop' first"
    fi
  fi

  if port_in_use; then
    local owner hint="set DHM_TLS_ENGINE_PORT to a free port"
    owner="$(port_owner)"
    [[ "$PORT" == "$DEFAULT_PORT" ]] || hint="choose another DHM_TLS_ENGINE_PORT"
    die "port $PORT on 127.0.0.1 is already in use${owner:+ by $owner}, not by this engine; $hint"
  fi

  local args=(
    --tlsverify
    "--tlscacert=$CERTS/ca.pem"
    "--tlscert=$CERTS/server-cert.pem"
    "--tlskey=$CERTS/server-key.pem"
    -H "$HOST"
    # Own containerd namespaces (the last flag wins over sandbox-engine.sh's "dhm"), in case both engines share
    # a system containerd.
    --containerd-namespace dhm-tls --containerd-plugins-namespace dhm-tls-plugins
  )
  log "starting the engine in $DIR (unix://$SOCK and $HOST)"
  DHM_DOCKERD_EXTRA_ARGS="${args[*]}" engine start
  check_tls
}

status() {
  local rc=0
  engine status || rc=$?
  ((rc == 0)) || return "$rc"
  if tls_answers; then
    log "TLS answers on $HOST"
  else
    log "the engine answers on $SOCK but not over TLS on $HOST"
    return 3
  fi
}

with_lock() {
  mkdir -p "$DIR"
  if command -v flock >/dev/null 2>&1; then
    exec 8>"$LOCK"
    flock -w 180 8 || die "could not lock $LOCK"
  fi
  "$@"
}

case "${1:-start}" in
  start) with_lock start ;;
  stop) with_lock engine stop ;;
  status) status ;;
  env)
    echo "export DHM_TLS_ENGINE_HOST=$HOST"
    echo "export DHM_TLS_ENGINE_CERTS=$CLIENT"
    echo "export DHM_TLS_ENGINE_WRONG_CERTS=$WRONG"
    echo "export DHM_TLS_ENGINE_SOCKET=unix://$SOCK" ;;
  -h|--help|help) sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//' ;;
  *) die "unknown command '$1' (use start|stop|status|env)" ;;
esac
