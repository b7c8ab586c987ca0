# docker-health-monitor as a container next to the workloads it watches.
#
#   mvn -B package -DskipTests
#   docker build -t docker-health-monitor .
#   docker run -d --name docker-health-monitor \
#     -v /var/run/docker.sock:/var/run/docker.sock:ro --group-add "$(stat -c %g /var/run/docker.sock)" \
#     -v dhm-data:/data --env-file .env -p 127.0.0.1:8080:8080 docker-health-monitor
#
# The base is any image with a Java 17 runtime and /bin/sh: the public Eclipse Temurin JRE by default, or one made
# without a registry (scripts/jre-base-image.sh: docker build --build-arg BASE_IMAGE=dhm/jre17:bookworm .).
# See docs/docker.md for the socket, the cgroup mount for resource readings, secrets and the image's size.
ARG BASE_IMAGE=eclipse-temurin:17-jre
FROM ${BASE_IMAGE}

# A user of its own, not root: the engine's socket is reached through its group (--group-add), nothing else needs root.
ARG UID=10001
RUN mkdir -p /data /app && chown ${UID}:0 /data && chmod 0775 /data

COPY target/docker-health-monitor.jar /app/docker-health-monitor.jar

# The working directory holds what the monitor keeps (data/: the outbox, pending waits, history; outbox/) and what an
# operator may give it (.env, application.properties, routes/, templates/): one volume keeps all of it.
WORKDIR /data
VOLUME /data

# In a container the dashboard, the API and the health endpoints must answer from outside it: publish the port on the
# host's loopback (-p 127.0.0.1:8080:8080), not on every address. CGROUP_ROOT is where the host's cgroup tree is
# mounted read-only for resource readings without engine calls (-v /sys/fs/cgroup:/host/sys/fs/cgroup:ro).
# The Camel CLI finds a monitor by its files in the home of the user that runs it, on the same host: none can outside
# the container, so its connector is off (CLI_CONNECTOR_ENABLED).
ENV HTTP_HOST=0.0.0.0 \
    DOCKER_HOST=unix:///var/run/docker.sock \
    CLI_CONNECTOR_ENABLED=0 \
    CGROUP_ROOT=/host/sys/fs/cgroup
EXPOSE 8080
USER ${UID}

HEALTHCHECK --interval=15s --timeout=10s --start-period=60s --retries=3 \
    CMD ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx24m", "-Xss256k", "-XX:-UsePerfData", \
         "-cp", "/app/docker-health-monitor.jar", "io.dhm.ops.ReadinessProbe"]

# One JVM sized by the container's memory limit (75 % of it for the heap; set a limit, e.g. --memory 768m), the C1
# compiler and the serial collector: a small, mostly idle, long-running process. SIGTERM (docker stop) lets in-flight
# work finish and exits 0 within Docker's 10 s. JAVA_TOOL_OPTIONS adds options of your own.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", \
            "-XX:ReservedCodeCacheSize=64m", "-XX:-UsePerfData", "-jar", "/app/docker-health-monitor.jar"]
