#!/usr/bin/env bash
# detection-benchmark.sh - what one poll cycle costs and how fast the event path detects an unhealthy container, at 50 and 500
# containers on the sandbox Docker engine (io.dhm.bench.DetectionBenchmark; a benchmark, not a test).
# Starts the engine if needed, builds, runs, and removes its containers at the end (label io.dhm.bench=true; a pool
# that scripts/benchmark.sh --keep-pool left is removed at the start, as the monitor would see it).
# Needs root like scripts/test.sh. Honours DHM_ENGINE_DIR: give the benchmark an engine of its own so that it does
# not load the one integration tests run on, e.g.
#   DHM_ENGINE_DIR=/tmp/dhm-bench scripts/detection-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/sandbox-engine.sh start
eval "$(bash scripts/sandbox-engine.sh env)"
export DOCKER_HOST

mvn -B -q test-compile
# The test-scope classpath (docker-java, log4j, Camel...) as a file, for a plain `java` run outside Maven.
mvn -B -q dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.dhm.bench.DetectionBenchmark "$@"
