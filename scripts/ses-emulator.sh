#!/usr/bin/env bash
# ses-emulator.sh - run a local Amazon SES emulator for the SES channel's tests:
# the npm package aws-ses-v2-local (pinned below), which answers the SES v1 query API
# (Action=SendEmail and SendRawEmail, POST /) that camel-aws2-ses's SesClient calls,
# and the SES v2 REST API.
#
# Usage: scripts/ses-emulator.sh PORT
#   Installs the emulator into .tools/ses-emulator/ when it is missing (npm, from the
#   npm registry; needs Node.js >= 20 and npm on PATH), starts it in the background on
#   127.0.0.1:PORT only, waits until it answers, and prints its pid (the only line on
#   stdout). Stop it with: kill PID. Its output goes to .tools/ses-emulator/emulator-PORT.log.
#
# Point the monitor at it with:
#   EMAIL_TRANSPORT=ses AWS_REGION=us-east-1 AWS_ENDPOINT_URL_SES=http://127.0.0.1:PORT
#   AWS_ACCESS_KEY_ID=any AWS_SECRET_ACCESS_KEY=any
# (any credentials do: it only checks that the request is AWS-signed).
#
# What it received, over HTTP:
#   GET  /store                 JSON {"templates":{...},"emails":[...]}, oldest first; each email is
#                               {"messageId","from","replyTo":[],"destination":{"to":[],"cc":[],"bcc":[]},
#                                "subject","body":{"text","html"},"attachments":[],"at"} (at: epoch seconds)
#   GET  /store?since=EPOCH_SEC only the emails received at or after that second
#   POST /clear-store           forget every email and template
#   GET  /health-check          200 once it is up
#   GET  /                      a web inbox to read the emails in a browser
# Emails live in memory only: they are gone when the process stops.
set -euo pipefail

VERSION=2.10.2
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="$ROOT/.tools/ses-emulator"
CLI="$DIR/node_modules/aws-ses-v2-local/dist/cli.js"
START_TIMEOUT="${DHM_SES_EMULATOR_START_TIMEOUT:-30}"

log() { echo "ses-emulator: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ $# -eq 1 && "$1" =~ ^[0-9]+$ && "$1" -ge 1 && "$1" -le 65535 ]] || die "usage: $0 PORT (1-65535)"
PORT="$1"
LOG="$DIR/emulator-$PORT.log"

command -v node >/dev/null 2>&1 || die "node is not on PATH (Node.js >= 20 is needed)"
command -v npm >/dev/null 2>&1 || die "npm is not on PATH"
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
[[ "$NODE_MAJOR" -ge 20 ]] || die "Node.js $(node --version) is too old: aws-ses-v2-local $VERSION needs >= 20"

installed_version() {
  [[ -f "$DIR/node_modules/aws-ses-v2-local/package.json" ]] || return 0
  node -p "require(process.argv[1]).version" "$DIR/node_modules/aws-ses-v2-local/package.json" 2>/dev/null || true
}

mkdir -p "$DIR"
# One install at a time, should two tests start emulators together.
exec 9>"$DIR/.lock"
flock 9
if [[ "$(installed_version)" != "$VERSION" || ! -f "$CLI" ]]; then
  log "installing aws-ses-v2-local@$VERSION into $DIR"
  # A package.json of its own keeps npm from adopting a parent folder as the project.
  [[ -f "$DIR/package.json" ]] || echo '{ "name": "dhm-ses-emulator", "private": true }' >"$DIR/package.json"
  (cd "$DIR" && npm install --no-audit --no-fund --save-exact "aws-ses-v2-local@$VERSION" >&2) \
    || die "npm install aws-ses-v2-local@$VERSION failed"
  [[ -f "$CLI" ]] || die "$CLI is missing after npm install"
fi
flock -u 9
exec 9>&-

answers() { curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/health-check" 2>/dev/null; }

if answers; then
  die "something already answers on 127.0.0.1:$PORT"
fi

# stdin, stdout and stderr detached, so that a caller reading this script's output sees it end.
nohup node "$CLI" --host 127.0.0.1 --port "$PORT" </dev/null >"$LOG" 2>&1 &
PID=$!

deadline=$((SECONDS + START_TIMEOUT))
until answers; do
  if ! kill -0 "$PID" 2>/dev/null; then
    log "the emulator exited; last lines of $LOG:"
    tail -n 20 "$LOG" | sed 's/^/    /' >&2
    exit 1
  fi
  if (( SECONDS >= deadline )); then
    kill "$PID" 2>/dev/null || true
    die "no answer on 127.0.0.1:$PORT after ${START_TIMEOUT}s (see $LOG)"
  fi
  sleep 0.2
done
log "aws-ses-v2-local $VERSION (pid $PID) listening on http://127.0.0.1:$PORT"
echo "$PID"
