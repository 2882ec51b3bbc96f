package io.aibrix.batch.openai;

import org.springframework.lang.Nullable;

/**
 * OpenAI's error body, {@code {"error":{"message","type","param","code"}}}; {@code param} and {@code code} are written
 * as JSON null when absent, as OpenAI does and as the SDKs expect.
 */
public record ErrorEnvelope(Body error) {

    /** The inner error object. */
    public record Body(String message, String type, @Nullable String param, @Nullable String code) {
    }

    /** The envelope for an error answered with {@code status}; the type follows the status as OpenAI's does. */
    public static ErrorEnvelope of(int status, String message, @Nullable String param, @Nullable String code) {
        return new ErrorEnvelope(new Body(message, type(status), param, code));
    }

    /** OpenAI's error type for an HTTP status (the same classes the gateway uses). */
    static String type(int status) {
        return switch (status) {
            case 400, 404, 405, 406, 409, 413, 415, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 429 -> "rate_limit_error";
            case 503 -> "overloaded_error";
            case 504 -> "timeout_error";
            default -> "api_error";
        };
    }
}
