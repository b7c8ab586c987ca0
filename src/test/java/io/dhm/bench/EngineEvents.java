package io.dhm.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * The engine's event stream for the benchmark's containers ({@link BenchSupport#LABEL}=true), queued. Times taken
 * from it are the engine's own ({@link Event#getTimeNano()}), so an interval between two events involves no clock of
 * the benchmark and none of its delays in reading them.
 */
final class EngineEvents implements Closeable {

    private final BlockingQueue<Event> seen = new LinkedBlockingQueue<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Closeable stream;

    /** Subscribes; {@code streamClient} should have no response timeout, as the stream may be silent for long. */
    EngineEvents(DockerClient streamClient) {
        stream = streamClient.eventsCmd().withEventTypeFilter(EventType.CONTAINER)
                .withLabelFilter(Map.of(BenchSupport.LABEL, "true"))
                .exec(new ResultCallback.Adapter<Event>() {
                    @Override
                    public void onNext(Event event) {
                        seen.add(event);
                    }

                    @Override
                    public void onError(Throwable throwable) {
                        failure.set(throwable);
                    }
                });
    }

    /** Matches an event of this container with this action, e.g. {@code health_status: unhealthy} or {@code kill}. */
    static Predicate<Event> action(String containerId, String action) {
        return event -> containerId.equals(event.getId()) && action.equals(event.getAction());
    }

    /** The next event that matches, skipping (and dropping) the others; fails after {@code timeout}. */
    Event next(Predicate<Event> wanted, String what, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (failure.get() != null) {
                throw new IllegalStateException("the engine's event stream failed", failure.get());
            }
            Event event = seen.poll(Math.min(1_000_000_000L, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event != null && wanted.test(event)) {
                return event;
            }
            if (event == null && System.nanoTime() >= deadline) {
                throw new IllegalStateException("no event: " + what + " within " + timeout);
            }
        }
    }

    /** Drops what has been seen so far, so that the next wait starts from now. */
    void clear() {
        seen.clear();
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
