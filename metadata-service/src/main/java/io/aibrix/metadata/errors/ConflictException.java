package io.aibrix.metadata.errors;

import java.util.Map;

import org.springframework.http.HttpStatus;

/** 409: the request contradicts the current state (a duplicate name, an illegal phase transition, a reference). */
public final class ConflictException extends ApiException {

    private ConflictException(String detail, Map<String, Object> properties) {
        super(HttpStatus.CONFLICT, detail, properties);
    }

    public static ConflictException duplicate(String kind, String name) {
        return new ConflictException("A " + kind + " named '" + name + "' already exists", Map.of("name", name));
    }

    public static ConflictException because(String detail, Map<String, Object> properties) {
        return new ConflictException(detail, properties);
    }
}
