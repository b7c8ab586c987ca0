package io.dhm.ops;

import io.dhm.engine.Engine;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Readiness "docker": UP while the engine answers a ping, DOWN with the reason when it does not (within
 * {@link #TIMEOUT}). At most one ping is under way at a time, however often the health is asked for. With several
 * engines (DOCKER_HOSTS) it is UP while one answers, since the monitor still does its job for that one (an engine that
 * is down has its own alert); the details say which engine answers.
 */
public class DockerHealthCheck extends AbstractHealthCheck {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Engine docker;
    private final ExecutorService pinger = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "health-docker-ping");
        thread.setDaemon(true);
        return thread;
    });
    private CompletableFuture<Void> ping;

    public DockerHealthCheck(Engine docker) {
        super("dhm", "docker");
        this.docker = docker;
    }

    /** The monitor is alive without its engine (it waits for it): this says whether it can do its job. */
    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("docker.host", docker.dockerHost());
        if (docker.members().size() > 1) {
            for (Engine engine : docker.members()) {
                builder.detail("engine." + engine.name(), engine.outage()
                        .map(outage -> "unreachable since " + outage.since() + " (" + outage.cause() + ")")
                        .orElse("reachable"));
            }
        }
        try {
            currentPing().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            builder.up();
        } catch (TimeoutException e) {
            builder.down().message("Docker engine at " + docker.dockerHost() + " did not answer a ping within "
                    + TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            builder.down().message(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            builder.down().message("interrupted while pinging the Docker engine");
        }
    }

    private synchronized CompletableFuture<Void> currentPing() {
        if (ping == null || ping.isDone()) {
            ping = CompletableFuture.runAsync(docker::ping, pinger);
        }
        return ping;
    }
}
