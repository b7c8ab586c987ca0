#!/usr/bin/env bash
# The project's test command: starts the sandbox Docker engine (installing Debian's docker.io and busybox-static
# when missing), a second engine that also listens over TLS on 127.0.0.1 (scripts/sandbox-engine-tls.sh, its
# certificates made with openssl), a PostgreSQL and a ZooKeeper on 127.0.0.1 for the highly available pair (Debian's
# postgresql and zookeeper, installed when missing) and installs the dashboard's browser test tools (Debian's chromium,
# playwright-core from npm into .tools/browser/) when missing, and makes the local JRE 17 base image the container
# image is built on (scripts/jre-base-image.sh: a Debian rootfs from debootstrap, cached under
# /var/cache/docker-health-monitor), then builds the jar and runs the unit and integration tests against those engines.
# The integration tests run in DHM_IT_FORKS (default 1) JVMs side by side, each against a sandbox engine of its own
# (/tmp/dhm-engine-it<N>). Needs root (apt-get, dockerd). Extra arguments go to Maven, e.g. scripts/test.sh -Dit.test=MonitorIT
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v mvn >/dev/null 2>&1 || ! command -v javac >/dev/null 2>&1; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q maven openjdk-17-jdk-headless
fi

bash scripts/sandbox-engine.sh start
# The integration tests run in IT_FORKS JVMs side by side (failsafe's forkCount), each against an engine of its own:
# what one test class asserts about an engine's containers, or an engine it stops or restarts, meets no other's
IT_FORKS="${DHM_IT_FORKS:-1}"
IT_ENGINES=/tmp/dhm-engine-it
for fork in $(seq 1 "$IT_FORKS"); do
  DHM_ENGINE_DIR="$IT_ENGINES$fork" bash scripts/sandbox-engine.sh start
done
if ! command -v docker-compose >/dev/null 2>&1; then # ImageIT checks examples/compose.yaml with it
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker-compose
fi
bash scripts/sandbox-engine-tls.sh start
bash scripts/sandbox-postgres.sh start
bash scripts/sandbox-zookeeper.sh start
bash scripts/browser-tools.sh >/dev/null
eval "$(bash scripts/sandbox-engine.sh env)"
eval "$(bash scripts/sandbox-engine-tls.sh env)"
eval "$(bash scripts/sandbox-postgres.sh env)"
eval "$(bash scripts/sandbox-zookeeper.sh env)"
bash scripts/jre-base-image.sh build # on the sandbox engine, which DOCKER_HOST now names
for fork in $(seq 1 "$IT_FORKS"); do # and on each engine of the integration tests (ImageIT builds on its fork's)
  DOCKER_HOST="unix://$IT_ENGINES$fork/docker.sock" bash scripts/jre-base-image.sh build
done
eval "$(bash scripts/jre-base-image.sh env)"
export DHM_BASE_IMAGE
export DOCKER_HOST DHM_TLS_ENGINE_HOST DHM_TLS_ENGINE_CERTS DHM_TLS_ENGINE_WRONG_CERTS DHM_TLS_ENGINE_SOCKET
export DHM_POSTGRES_URL DHM_POSTGRES_USER DHM_POSTGRES_PASSWORD DHM_ZOOKEEPER

# RouteTestExampleIT runs examples/route-test offline on this build's local repository, whose install plugin the
# project's own verify never needs: resolved here, once
mvn -B -q dependency:get -Dartifact=org.apache.maven.plugins:maven-install-plugin:3.1.3:maven-plugin
# a summary left by an earlier run that ran none of a group's tests (-Dit.test=...) would fail this one's verify
rm -rf target/failsafe-reports
mvn -B verify -Dit.forks="$IT_FORKS" -Dit.engines="$IT_ENGINES" "$@"
