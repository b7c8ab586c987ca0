#!/usr/bin/env bash
# heal-benchmark.sh - detection-to-restart latency under auto-heal: the packaged docker-health-monitor jar (event
# driven) side by side with a 5-second poller as willfarrell/docker-autoheal runs it (AUTOHEAL_INTERVAL=5), on the
# sandbox Docker engine (io.dhm.bench.HealBenchmark; a benchmark, not a test).
# Starts the engine if needed, builds the jar, runs, and removes its containers at the end (label io.dhm.bench=true).
# Needs root like scripts/test.sh. Honours DHM_ENGINE_DIR: give the benchmark an engine of its own so that it does
# not load the one integration tests run on, e.g.
#   DHM_ENGINE_DIR=/tmp/dhm-bench scripts/heal-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/sandbox-engine.sh start
eval "$(bash scripts/sandbox-engine.sh env)"
export DOCKER_HOST

# target/docker-health-monitor.jar, run as a process as an operator runs it (test-compile comes with it)
mvn -B -q package -DskipTests
# The test-scope classpath (docker-java, log4j...) as a file, for a plain `java` run outside Maven.
mvn -B -q dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.dhm.bench.HealBenchmark "$@"
