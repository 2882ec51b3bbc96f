package io.aibrix.simulator.api;

import org.springframework.http.HttpStatus;

/** An error answered in vLLM's envelope {@code {"error":{"message","type","param","code"}}}. */
public final class VllmException extends RuntimeException {

    private final HttpStatus status;
    private final String type;

    private VllmException(HttpStatus status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }

    public static VllmException badRequest(String message) {
        return new VllmException(HttpStatus.BAD_REQUEST, "BadRequestError", message);
    }

    /** vLLM's LoRA endpoints use this type for client mistakes. */
    public static VllmException invalidUserInput(String message) {
        return new VllmException(HttpStatus.BAD_REQUEST, "InvalidUserInput", message);
    }

    public static VllmException notFound(String message) {
        return new VllmException(HttpStatus.NOT_FOUND, "NotFoundError", message);
    }

    public static VllmException modelNotFound(String model) {
        return notFound("The model `" + model + "` does not exist.");
    }

    public static VllmException unavailable(String message) {
        return new VllmException(HttpStatus.SERVICE_UNAVAILABLE, "ServiceUnavailableError", message);
    }

    public static VllmException withStatus(int status, String message) {
        HttpStatus resolved = HttpStatus.resolve(status);
        HttpStatus s = resolved != null ? resolved : HttpStatus.INTERNAL_SERVER_ERROR;
        return new VllmException(s, s.is5xxServerError() ? "InternalServerError" : "BadRequestError", message);
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }
}
