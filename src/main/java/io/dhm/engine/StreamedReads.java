package io.dhm.engine;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The one reader of docker-java's streamed answers (a container's output, an exec's output, a stats reading): starts
 * the command with a callback, hands each item over, and waits a bounded time for the engine to end the answer.
 */
final class StreamedReads {

    /** How a streamed answer ended. */
    enum End { COMPLETE, TIMED_OUT, INTERRUPTED }

    /** The text of a command's frames (stdout and stderr, in the order they came) and how the answer ended. */
    record Text(String text, End end) {
    }

    private StreamedReads() {
    }

    /**
     * Runs {@code start} with a callback that gives each item to {@code each} (called on docker-java's thread), and
     * waits up to {@code wait} for the answer's end.
     */
    static <T> End read(UnaryOperator<ResultCallback.Adapter<T>> start, Consumer<T> each, Duration wait) {
        try (ResultCallback.Adapter<T> running = start.apply(new ResultCallback.Adapter<>() {
            @Override
            public void onNext(T item) {
                each.accept(item);
            }
        })) {
            return running.awaitCompletion(wait.toMillis(), TimeUnit.MILLISECONDS) ? End.COMPLETE : End.TIMED_OUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return End.INTERRUPTED;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The frames' text, as far as it came within {@code wait}. */
    static Text text(UnaryOperator<ResultCallback.Adapter<Frame>> start, Duration wait) {
        StringBuilder text = new StringBuilder();
        End end = read(start, frame -> {
            synchronized (text) {
                text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            }
        }, wait);
        synchronized (text) {
            return new Text(text.toString(), end);
        }
    }
}
