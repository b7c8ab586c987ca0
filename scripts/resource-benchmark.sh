#!/usr/bin/env bash
# resource-benchmark.sh - the monitor's own CPU use (and the engine's) while it samples 200 containers with one-shot
# stats calls every STATS_INTERVAL_SEC (15 s, 5 s, and 0 = sampling off as the baseline): the packaged
# docker-health-monitor jar run as a process, on the sandbox Docker engine (io.dhm.bench.ResourceBenchmark; a
# benchmark, not a test). Starts the engine if needed, builds the jar, runs (about 7 minutes), and removes its
# containers at the end (label io.dhm.bench=true).
# Needs root like scripts/test.sh (it reads the engine's processes in /proc). Honours DHM_ENGINE_DIR: give the
# benchmark an engine of its own so that it does not load the one integration tests run on, e.g.
#   DHM_ENGINE_DIR=/tmp/dhm-resbench scripts/resource-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# The benchmark reads the engine's pid file and finds its containerd and shims under this directory.
export DHM_ENGINE_DIR="${DHM_ENGINE_DIR:-/tmp/dhm-engine}"
bash scripts/sandbox-engine.sh start
eval "$(bash scripts/sandbox-engine.sh env)"
export DOCKER_HOST

# target/docker-health-monitor.jar, run as a process as an operator runs it (test-compile comes with it)
mvn -B -q package -DskipTests
# The test-scope classpath (docker-java, log4j...) as a file, for a plain `java` run outside Maven.
mvn -B -q dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
# Clock ticks per second of /proc/<pid>/stat's utime and stime (usually 100).
DHM_CLK_TCK="$(getconf CLK_TCK 2>/dev/null || echo 100)"
export DHM_CLK_TCK
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.dhm.bench.ResourceBenchmark "$@"
