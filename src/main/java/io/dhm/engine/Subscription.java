package io.dhm.engine;

import java.io.Closeable;

/** An open event stream of {@link Engine#streamEvents}; closing it stops the events. */
public interface Subscription extends Closeable {

    @Override
    void close();
}
