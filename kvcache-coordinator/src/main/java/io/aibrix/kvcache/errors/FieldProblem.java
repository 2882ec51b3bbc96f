package io.aibrix.kvcache.errors;

import org.springframework.lang.Nullable;

/**
 * One invalid field of a request, an element of a 400 problem's {@code errors} member.
 *
 * @param field         the field, query parameter or path variable, e.g. {@code port} or {@code version}
 * @param rejectedValue the value as received ({@code null} when missing)
 * @param message       what is wrong with it
 */
public record FieldProblem(String field, @Nullable Object rejectedValue, String message) {

    String describe() {
        String value = rejectedValue == null ? "null" : rejectedValue instanceof String text ? "'" + text + "'"
                : String.valueOf(rejectedValue);
        return "Field '" + field + "' " + message + " (rejected value: " + value + ")";
    }
}
