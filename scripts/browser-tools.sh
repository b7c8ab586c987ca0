#!/usr/bin/env bash
# browser-tools.sh - what the dashboard's browser test (DashboardIT) needs, installed when missing:
#   - Debian's Chromium at /usr/bin/chromium (apt-get install chromium; needs root), and
#   - playwright-core (pinned below) from npm into .tools/browser/, to drive it. Playwright's own browser download
#     (`npx playwright install`) is never used: the test launches /usr/bin/chromium.
#
# Usage: scripts/browser-tools.sh
#   Idempotent: does nothing but check when both are there. Prints the playwright-core package directory (the only
#   line on stdout); everything else goes to stderr. Exits non-zero, saying why, when something cannot be installed.
# Needs Node.js >= 18 and npm on PATH (the test runs its Playwright script with node).
set -euo pipefail

VERSION=1.65.1
CHROMIUM=/usr/bin/chromium
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="$ROOT/.tools/browser"
PACKAGE="$DIR/node_modules/playwright-core"

log() { echo "browser-tools: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

command -v node >/dev/null 2>&1 || die "node is not on PATH (Node.js >= 18 is needed for the dashboard's browser test)"
command -v npm >/dev/null 2>&1 || die "npm is not on PATH"
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
[[ "$NODE_MAJOR" -ge 18 ]] || die "Node.js $(node --version) is too old: playwright-core $VERSION needs >= 18"

mkdir -p "$DIR"
# One install at a time, should two builds run together.
exec 9>"$DIR/.lock"
flock 9

if [[ ! -x "$CHROMIUM" ]]; then
  ((EUID == 0)) || die "$CHROMIUM is missing and installing Debian's chromium needs root"
  command -v apt-get >/dev/null 2>&1 || die "$CHROMIUM is missing and apt-get is not available"
  log "installing Debian's chromium (apt-get)"
  {
    apt-get update -q &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
  } >&2 || die "apt-get install chromium failed"
  [[ -x "$CHROMIUM" ]] || die "$CHROMIUM is still missing after apt-get install chromium"
fi

installed_version() {
  [[ -f "$PACKAGE/package.json" ]] || return 0
  node -p "require(process.argv[1]).version" "$PACKAGE/package.json" 2>/dev/null || true
}

if [[ "$(installed_version)" != "$VERSION" ]]; then
  log "installing playwright-core@$VERSION into $DIR"
  # A package.json of its own keeps npm from adopting a parent folder as the project.
  [[ -f "$DIR/package.json" ]] || echo '{ "name": "dhm-browser-tools", "private": true }' >"$DIR/package.json"
  (cd "$DIR" && npm install --no-audit --no-fund --save-exact "playwright-core@$VERSION" >&2) \
    || die "npm install playwright-core@$VERSION failed"
  [[ "$(installed_version)" == "$VERSION" ]] || die "$PACKAGE is not version $VERSION after npm install"
fi

flock -u 9
exec 9>&-
log "$("$CHROMIUM" --version 2>/dev/null || echo chromium), playwright-core $VERSION"
echo "$PACKAGE"
