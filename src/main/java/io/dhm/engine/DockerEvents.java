package io.dhm.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** The engine's container event stream through docker-java, told to an {@link EventListener} in the monitor's own types. */
final class DockerEvents {

    private DockerEvents() {
    }

    /** Opens the stream of {@code actions} on {@code client} (one without a read timeout: the stream stays open). */
    static Subscription stream(DockerClient client, List<String> actions, EventListener listener) {
        ResultCallback.Adapter<Event> callback = client.eventsCmd()
                .withEventTypeFilter(EventType.CONTAINER)
                .withEventFilter(actions.toArray(String[]::new))
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Event event) {
                        listener.onEvent(event(event));
                    }

                    @Override
                    public void onError(Throwable error) {
                        listener.onLost(error.getClass().getSimpleName() + ": " + error.getMessage());
                    }

                    @Override
                    public void onComplete() {
                        listener.onLost("the engine closed it");
                    }
                });
        return () -> {
            try {
                callback.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** The event's own time is the engine's, in nanoseconds when it says so: it orders events however late they arrive. */
    static EngineEvent event(Event event) {
        Long nanos = event.getTimeNano();
        Instant time = nanos != null && nanos > 0 ? Instant.ofEpochSecond(0, nanos)
                : event.getTime() != null && event.getTime() > 0 ? Instant.ofEpochSecond(event.getTime()) : null;
        return new EngineEvent(event.getAction(), event.getId(), time,
                event.getActor() == null ? null : event.getActor().getAttributes());
    }
}
