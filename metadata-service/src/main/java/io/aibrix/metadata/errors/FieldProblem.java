package io.aibrix.metadata.errors;

import org.springframework.lang.Nullable;

/**
 * One invalid field of a request, an element of a 400 problem's {@code errors} member.
 *
 * @param field         the JSON path of the field, e.g. {@code rpm} or {@code conditions[0].reason}
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
