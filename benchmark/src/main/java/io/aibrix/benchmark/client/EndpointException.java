package io.aibrix.benchmark.client;

/** A target that cannot be used (unreachable, or an unexpected answer); the message says which and why. */
public final class EndpointException extends RuntimeException {

    public EndpointException(String message) {
        super(message);
    }

    public EndpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
