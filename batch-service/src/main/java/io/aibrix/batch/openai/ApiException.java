package io.aibrix.batch.openai;

import org.springframework.http.HttpStatus;
import org.springframework.lang.Nullable;

/** A client-visible failure, answered with its status and the OpenAI error envelope. */
public final class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final @Nullable String param;
    private final @Nullable String code;

    private ApiException(HttpStatus status, String message, @Nullable String param, @Nullable String code) {
        super(message, null, false, false);
        this.status = status;
        this.param = param;
        this.code = code;
    }

    public static ApiException badRequest(String message, @Nullable String param, @Nullable String code) {
        return new ApiException(HttpStatus.BAD_REQUEST, message, param, code);
    }

    /** 400 for a required field that is absent, in OpenAI's words. */
    public static ApiException missingParameter(String param) {
        return badRequest("Missing required parameter: '" + param + "'.", param, "missing_required_parameter");
    }

    /** 400 for a value outside its allowed set, naming the value and the allowed ones. */
    public static ApiException invalidValue(String param, String value, String allowed) {
        return badRequest("Invalid value for '" + param + "': '" + value + "'. Supported values are: " + allowed + ".",
                param, "invalid_value");
    }

    /** 404 for an object that does not exist for this caller (also when it belongs to someone else). */
    public static ApiException notFound(String message, @Nullable String param) {
        return new ApiException(HttpStatus.NOT_FOUND, message, param, null);
    }

    public static ApiException tooLarge(String message, @Nullable String param) {
        return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, message, param, "file_too_large");
    }

    public static ApiException unsupportedMediaType(String message) {
        return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, message, null, null);
    }

    public static ApiException conflict(String message, @Nullable String param, @Nullable String code) {
        return new ApiException(HttpStatus.CONFLICT, message, param, code);
    }

    public HttpStatus status() {
        return status;
    }

    public @Nullable String param() {
        return param;
    }

    public @Nullable String code() {
        return code;
    }

    public ErrorEnvelope envelope() {
        return ErrorEnvelope.of(status.value(), getMessage(), param, code);
    }
}
