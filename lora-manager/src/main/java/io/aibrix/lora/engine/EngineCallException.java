package io.aibrix.lora.engine;

/**
 * An engine call that failed.
 *
 * @see #isTransient()
 */
public final class EngineCallException extends RuntimeException {

    private final boolean transientFailure;

    private EngineCallException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause, false, false);
        this.transientFailure = transientFailure;
    }

    static EngineCallException of(String message, boolean transientFailure, Throwable cause) {
        return new EngineCallException(message, transientFailure, cause);
    }

    /**
     * Whether a later try may succeed: I/O errors and time-outs, 5xx, 404 (an artifact that is not there yet), 408
     * and 429. Other 4xx answers say the request itself is wrong and are not retried.
     */
    public boolean isTransient() {
        return transientFailure;
    }
}
