package io.aibrix.gateway.openai;

import org.springframework.lang.Nullable;

/**
 * A request body the gateway rejects with 400 before routing. Thrown per bad request, so it carries no stack trace:
 * the message names the problem and, where short, the offending value.
 */
public class InvalidRequestException extends RuntimeException {

    private final @Nullable String param;

    public InvalidRequestException(String message, @Nullable String param) {
        this(message, param, null);
    }

    public InvalidRequestException(String message, @Nullable String param, @Nullable Throwable cause) {
        super(message, cause, false, false);
        this.param = param;
    }

    /** The HTTP status to answer with: always 400. */
    public int status() {
        return 400;
    }

    /** The offending top-level body field ({@code model}, {@code messages}, ...), or null for a malformed body. */
    public @Nullable String param() {
        return param;
    }
}
