package io.aibrix.batch.validation;

import org.springframework.lang.Nullable;

/**
 * One entry of a batch's {@code errors.data[]}, as OpenAI shapes it.
 *
 * @param code    machine-readable reason, e.g. {@code duplicate_custom_id}
 * @param message human-readable explanation naming the offending value
 * @param param   the offending field, e.g. {@code custom_id} or {@code body.model}, or null
 * @param line    1-based line number in the input file, or null for file-level errors
 */
public record LineError(String code, String message, @Nullable String param, @Nullable Integer line) {
}
