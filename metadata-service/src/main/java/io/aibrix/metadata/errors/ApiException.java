package io.aibrix.metadata.errors;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * An expected client error, rendered once by {@link ProblemDetailsAdvice} as an RFC 9457 problem. The message is the
 * problem's {@code detail} and names the offending value; {@link #properties()} become extension members.
 */
public abstract class ApiException extends RuntimeException {

    private final HttpStatus status;

    private final Map<String, Object> properties;

    ApiException(HttpStatus status, String detail, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.properties = Map.copyOf(properties);
    }

    public HttpStatus status() {
        return status;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
