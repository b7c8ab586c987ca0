#!/usr/bin/env bash
# benchmark.sh - the monitor against its targets, in one run: the packaged docker-health-monitor jar, run as the README
# runs it, on the sandbox Docker engine with a pool of N idle healthy busybox containers (io.dhm.bench.PoolBenchmark;
# a benchmark, not a test). It prints one table: start-up to "Watching" and to readiness, RSS, idle CPU with resource
# sampling on and off, the engine's extra CPU from sampling, how late a confirmed alert leaves after its wait, and
# unhealthy-to-restart under auto-heal, for a peer tool too with --peer. Progress goes to stderr.
#
# Usage: scripts/benchmark.sh [--pool N] [--health-interval SEC] [--peer PATH] [--keep-pool] [--jar PATH]
#   --pool N      pool size (default 1000; creating 1000 containers 8 at a time takes a few minutes)
#   --health-interval SEC  the pool containers' healthcheck interval (default 120); a 2-core engine running a
#                 thousand containers falls behind on 8 healthcheck execs a second and piles them up: give it 600
#   --peer PATH   also measure docker-autoheal's entrypoint script (docker-entrypoint, fetched by you), run as
#                 `bash PATH autoheal`; it needs curl and jq, installed here with apt-get when missing
#   --keep-pool   leave the pool for the next run, which reuses it (containers labelled io.dhm.bench.pool=dhm-pool)
#   --jar PATH    measure another build of the monitor (an earlier commit's) instead of target/docker-health-monitor.jar
#
# Starts the engine if needed, builds the jar, runs (about 6 minutes besides creating the pool and waiting up to 2
# minutes for its first healthchecks), and removes its containers at the end (label io.dhm.bench=true), the pool
# unless --keep-pool. Needs root like scripts/test.sh (it reads the engine's processes in /proc). Honours
# DHM_ENGINE_DIR: give the benchmark an engine of its own so that it does not load the one integration tests run on,
# e.g.
#   DHM_ENGINE_DIR=/tmp/dhm-bench scripts/benchmark.sh --pool 1000 --peer path/to/docker-entrypoint
# MAVEN_ARGS (e.g. -o for an offline build) is passed to Maven, as Maven 3.9 and later do themselves.
#
# scripts/benchmark.sh --cli-connector [--jar PATH] measures instead what the Camel CLI connector costs
# (io.dhm.bench.CliConnectorBenchmark, about 5 minutes): the monitor's idle CPU per 30 s with CLI_CONNECTOR_ENABLED=0,
# with it on at rest, and with it on while a CLI polls, on the engine's containers as they are (no pool).
#
# scripts/benchmark.sh --launcher [--pool N] [--rounds R] [--health-interval SEC] [--keep-pool] [--jar PATH] measures
# instead one JVM against two (io.dhm.bench.LauncherBenchmark): on the same pool, the jar run as the README runs it
# with its relaunch (the default) and with DHM_LAUNCHER=0, alternately, R rounds each (default 3, about 100 s a round):
# launch to readiness, RSS and idle CPU of every JVM the launch started and their total, per round and the median.
set -euo pipefail
cd "$(dirname "$0")/.."
main=io.dhm.bench.PoolBenchmark
case "${1:-}" in
  --cli-connector) main=io.dhm.bench.CliConnectorBenchmark; shift ;;
  --launcher) main=io.dhm.bench.LauncherBenchmark; shift ;;
esac

for arg in "$@"; do
  if [[ "$arg" == --peer ]] && ! { command -v curl && command -v jq; } >/dev/null 2>&1; then
    ((EUID == 0)) || { echo "benchmark.sh: the peer needs curl and jq; install them (or run as root)" >&2; exit 1; }
    echo "benchmark.sh: installing curl and jq for the peer (apt-get)" >&2
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q curl jq; } >&2
  fi
done

# The benchmark reads the engine's pid file and finds its containerd and shims under this directory.
export DHM_ENGINE_DIR="${DHM_ENGINE_DIR:-/tmp/dhm-engine}"
bash scripts/sandbox-engine.sh start
eval "$(bash scripts/sandbox-engine.sh env)"
export DOCKER_HOST

# Maven's output goes to stderr with the progress: stdout is the table alone.
# shellcheck disable=SC2086 # MAVEN_ARGS is a list of words
{
  # target/docker-health-monitor.jar, run as a process as an operator runs it (test-compile comes with it)
  mvn -B -q ${MAVEN_ARGS:-} package -DskipTests
  # The test-scope classpath (docker-java, GreenMail, log4j...) as a file, for a plain `java` run outside Maven.
  mvn -B -q ${MAVEN_ARGS:-} dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
} >&2
# Clock ticks per second of /proc/<pid>/stat's utime and stime (usually 100).
DHM_CLK_TCK="$(getconf CLK_TCK 2>/dev/null || echo 100)"
export DHM_CLK_TCK
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" "$main" "$@"
