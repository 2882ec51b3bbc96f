package io.aibrix.gateway.proxy;

import org.springframework.lang.Nullable;

/**
 * A request the gateway answers itself with an OpenAI error envelope. Built by the static factories so every message
 * names the offending value.
 */
final class GatewayException extends RuntimeException {

    private final int status;
    private final @Nullable String param;
    private final @Nullable String code;

    GatewayException(int status, String message, @Nullable String param, @Nullable String code) {
        super(message, null, false, false);
        this.status = status;
        this.param = param;
        this.code = code;
    }

    static GatewayException modelNotFound(String model) {
        return new GatewayException(404, "The model '" + model + "' does not exist or is not served by this gateway",
                "model", "model_not_found");
    }

    static GatewayException noReadyEndpoint(String model, int known) {
        return new GatewayException(503, "No ready engine serves model '" + model + "' (" + known
                + " known, none ready)", null, "service_unavailable");
    }

    static GatewayException allCircuitsOpen(String model, int open) {
        return new GatewayException(503, "Every ready engine for model '" + model + "' is failing (" + open
                + " taken out by their circuit breakers); try again shortly", null, "service_unavailable");
    }

    static GatewayException upstreamUnreachable(String model, String target, Throwable cause) {
        return new GatewayException(502, "Engine " + target + " for model '" + model + "' could not be reached: "
                + describe(cause), null, "upstream_unreachable");
    }

    static GatewayException timeout(long millis) {
        return new GatewayException(504, "The engine did not answer within the request timeout of " + millis + " ms",
                null, "timeout");
    }

    static GatewayException bodyTooLarge(long limit) {
        return new GatewayException(413, "Request body exceeds the limit of " + limit + " bytes", null,
                "request_too_large");
    }

    static GatewayException methodNotAllowed(String method, String path) {
        return new GatewayException(405, "Method " + method + " is not allowed on " + path + "; use POST", null,
                "method_not_allowed");
    }

    static GatewayException invalidRoutingStrategy(String message) {
        return new GatewayException(400, message, "routing-strategy", "invalid_routing_strategy");
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }

    int status() {
        return status;
    }

    @Nullable String param() {
        return param;
    }

    @Nullable String code() {
        return code;
    }
}
