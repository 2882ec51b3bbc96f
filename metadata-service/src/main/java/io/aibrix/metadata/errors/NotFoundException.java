package io.aibrix.metadata.errors;

import java.util.Map;

import org.springframework.http.HttpStatus;

/** 404: the named resource does not exist (or, for API keys and engines, no longer counts). */
public final class NotFoundException extends ApiException {

    private NotFoundException(String detail, Map<String, Object> properties) {
        super(HttpStatus.NOT_FOUND, detail, properties);
    }

    /** {@code kind} is the resource in prose ("model", "LoRA adapter"), {@code name} its identity. */
    public static NotFoundException of(String kind, String name) {
        return new NotFoundException(capitalize(kind) + " '" + name + "' does not exist", Map.of("name", name));
    }

    public static NotFoundException because(String detail) {
        return new NotFoundException(detail, Map.of());
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
