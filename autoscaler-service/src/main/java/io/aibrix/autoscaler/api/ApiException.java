package io.aibrix.autoscaler.api;

import java.util.List;

import org.springframework.http.HttpStatus;

/** A client mistake or a missing object, rendered as a problem with its status and, if any, a list of errors. */
final class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String reason;
    private final List<String> errors;

    ApiException(HttpStatus status, String message) {
        this(status, message, null, List.of());
    }

    ApiException(HttpStatus status, String message, String reason, List<String> errors) {
        super(message);
        this.status = status;
        this.reason = reason;
        this.errors = List.copyOf(errors);
    }

    HttpStatus status() {
        return status;
    }

    String reason() {
        return reason;
    }

    List<String> errors() {
        return errors;
    }
}
