package io.dhm.engine;

import io.dhm.engine.DockerGateway.CallObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One engine's calls as the monitor makes them: each one told to the {@link CallObserver} (the metrics), a transport
 * failure turned into {@link EngineUnavailableException}, and the engine's going away and coming back logged once
 * each, with the usual fix when a unix socket is the cause.
 */
final class EngineCalls {

    private static final Logger LOG = LoggerFactory.getLogger(DockerGateway.class);

    private final Engine engine;
    private final CallObserver observer;
    private volatile Boolean reachable;
    private volatile Outage outage;

    EngineCalls(Engine engine, CallObserver observer) {
        this.engine = engine;
        this.observer = observer;
    }

    /** One engine call: {@code operation} names it for the metrics, {@code what} for the log. */
    <T> T call(String operation, String what, Supplier<T> request) {
        T result;
        long start = System.nanoTime();
        try {
            result = request.get();
        } catch (RuntimeException e) {
            observer.called(engine.name(), operation, System.nanoTime() - start, false);
            if (!Boolean.FALSE.equals(reachable)) {
                LOG.warn("Docker engine {} is unreachable ({}: {}){}; retrying, observations resume when it answers",
                        engine.describe(), what, rootMessage(e), socketHint());
            }
            reachable = false;
            outage = new Outage(outage == null ? Instant.now() : outage.since(), what + ": " + rootMessage(e));
            throw new EngineUnavailableException("Docker engine " + engine.describe() + " did not answer " + what + ": "
                    + rootMessage(e), e);
        }
        observer.called(engine.name(), operation, System.nanoTime() - start, true);
        if (!Boolean.TRUE.equals(reachable)) {
            LOG.info("Docker engine {} is reachable{}", engine.describe(), reachable == null ? "" : " again");
        }
        reachable = true;
        outage = null;
        return result;
    }

    /** Opening the event stream: counted as "events", but its failures are the event stream's to report. */
    <T> T opening(Supplier<T> stream) {
        long start = System.nanoTime();
        boolean answered = false;
        try {
            T opened = stream.get();
            answered = true;
            return opened;
        } finally {
            observer.called(engine.name(), "events", System.nanoTime() - start, answered);
        }
    }

    Optional<Outage> outage() {
        return Optional.ofNullable(outage);
    }

    /**
     * What is wrong with a unix socket the monitor cannot use, and the fix: the usual mistakes of a monitor run in a
     * container (the socket not mounted, or mounted without the group that may use it); empty when the socket looks
     * usable or the engine is not reached through one.
     */
    private String socketHint() {
        if (!engine.dockerHost().startsWith("unix://")) {
            return "";
        }
        Path socket = Path.of(engine.dockerHost().substring("unix://".length()));
        if (!Files.exists(socket)) {
            return ". The socket " + socket + " does not exist: in a container, mount the engine's socket"
                    + " (-v /var/run/docker.sock:" + socket + "), or set DOCKER_HOST to where the engine listens";
        }
        if (!Files.isReadable(socket) || !Files.isWritable(socket)) {
            return ". The socket " + socket + " is not readable and writable by the monitor's user: run it with the"
                    + " socket's group (docker run --group-add $(stat -c %g /var/run/docker.sock), or group_add in"
                    + " compose)";
        }
        return "";
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }
}
