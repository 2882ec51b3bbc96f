package io.aibrix.kvcache.errors;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * An expected client error, rendered by {@link ProblemDetailsAdvice} as an RFC 9457 problem whose {@code detail} is
 * the message (naming the offending value) and whose extension members are {@link #properties()}.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;

    private final Map<String, Object> properties;

    private ApiException(HttpStatus status, String detail, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.properties = Map.copyOf(properties);
    }

    /** 404 for an unknown cluster or node. */
    public static ApiException notFound(String kind, String name) {
        return new ApiException(HttpStatus.NOT_FOUND, kind + " '" + name + "' does not exist", Map.of("name", name));
    }

    /** 409: the request contradicts the cluster's state. */
    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, detail, Map.of());
    }

    /** 400 naming the field, with an {@code errors} member like the one validation failures carry. */
    public static ApiException invalidField(String field, Object value, String message) {
        FieldProblem problem = new FieldProblem(field, value, message);
        return new ApiException(HttpStatus.BAD_REQUEST, problem.describe(), Map.of("errors", List.of(problem)));
    }

    public HttpStatus status() {
        return status;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
