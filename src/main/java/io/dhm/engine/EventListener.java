package io.dhm.engine;

/** What an engine's event stream tells: each event, and that the stream ended (the engine closed it or failed). */
public interface EventListener {

    void onEvent(EngineEvent event);

    /** The stream is over, why in words; no more events come through this subscription. */
    void onLost(String why);
}
