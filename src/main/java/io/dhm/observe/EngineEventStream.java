package io.dhm.observe;

import io.dhm.engine.Engine;
import io.dhm.engine.EngineEvent;
import io.dhm.engine.EngineUnavailableException;
import io.dhm.engine.EventListener;
import io.dhm.engine.Subscription;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps the engine's container event stream open for as long as the monitor runs. camel-docker's docker:events
 * consumer opens the stream once and stays silent when the daemon restarts, so this follows the engine's own stream
 * instead: when the stream ends or fails it reconnects with backoff (1 s doubling to 30 s), and after every
 * (re)connect it asks for a full poll, since events that happened while it was away are lost.
 */
public class EngineEventStream extends ServiceSupport {

    static final List<String> ACTIONS = List.of("health_status", "kill", "die", "oom", "stop", "start", "restart",
            "pause", "unpause", "destroy", "rename");

    private static final Logger LOG = LoggerFactory.getLogger(EngineEventStream.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private final Engine docker;
    private final Consumer<EngineEvent> onEvent;
    private final Runnable resync;
    private final ScheduledExecutorService scheduler;
    private Duration nextRetry = FIRST_RETRY;
    private Subscription stream;
    private long generation;

    public EngineEventStream(Engine docker, Consumer<EngineEvent> onEvent, Runnable resync) {
        this.docker = docker;
        this.onEvent = onEvent;
        this.resync = resync;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "engine-events-" + docker.name());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    protected void doStart() {
        scheduler.execute(this::connect);
    }

    @Override
    protected void doStop() {
        scheduler.shutdownNow();
        closeStream();
    }

    private synchronized void connect() {
        if (!isRunAllowed()) {
            return;
        }
        try {
            docker.ping();
        } catch (EngineUnavailableException e) {
            retryLater("cannot reach the engine");
            return;
        }
        long mine = ++generation;
        stream = docker.streamEvents(ACTIONS, new EventListener() {
            @Override
            public void onEvent(EngineEvent event) {
                onEvent.accept(event);
            }

            @Override
            public void onLost(String why) {
                lost(mine, why);
            }
        });
        LOG.info("Listening to container events of the engine {}", docker.describe());
        nextRetry = FIRST_RETRY;
        resync.run();
    }

    private synchronized void lost(long streamGeneration, String why) {
        if (streamGeneration != generation || !isRunAllowed()) {
            return;
        }
        generation++; // closing the stream may call back again: those calls are about a stream already given up
        closeStream();
        retryLater("event stream lost (" + why + ")");
    }

    private void retryLater(String why) {
        LOG.warn("Docker engine {}: {}; reconnecting in {} s", docker.describe(), why, nextRetry.toSeconds());
        scheduler.schedule(this::connect, nextRetry.toMillis(), TimeUnit.MILLISECONDS);
        nextRetry = nextRetry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : nextRetry.multipliedBy(2);
    }

    /** Whether the stream is open: the engine reports every change at once. */
    public synchronized boolean connected() {
        return stream != null;
    }

    private synchronized void closeStream() {
        if (stream != null) {
            try {
                stream.close();
            } catch (UncheckedIOException e) {
                LOG.debug("closing the event stream", e);
            }
            stream = null;
        }
    }
}
