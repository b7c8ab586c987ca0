package io.dhm.engine;

/** The Docker engine could not be reached or did not answer in time; the caller retries later. */
public class EngineUnavailableException extends RuntimeException {

    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
