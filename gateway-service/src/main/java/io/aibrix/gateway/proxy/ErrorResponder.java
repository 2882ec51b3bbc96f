package io.aibrix.gateway.proxy;

import java.util.concurrent.TimeoutException;

import io.aibrix.gateway.openai.ErrorBodies;
import io.aibrix.gateway.openai.InvalidRequestException;
import io.aibrix.gateway.openai.RejectedRequestException;
import io.aibrix.gateway.routing.RoutingException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.lang.Nullable;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Turns whatever ended an inference request early into the OpenAI error envelope, once, in one place. A client's
 * mistake is a 4xx naming the bad value; only a gateway bug is a 500.
 */
final class ErrorResponder {

    private static final Logger log = LoggerFactory.getLogger(ErrorResponder.class);

    Mono<Void> respond(ServerWebExchange exchange, InferenceExchange ix, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            // Too late for an error status: the client sees the connection end early.
            ix.interrupted(error, "interrupted");
            return Mono.error(error);
        }
        Rendered rendered = render(error, ix);
        ix.answeredByGateway(rendered.outcome);
        byte[] body = ErrorBodies.json(rendered.status, rendered.message, rendered.param, rendered.code);
        response.getHeaders().clear(); // drop what an engine attempt had set; our own headers come at commit
        if (error instanceof RejectedRequestException rejected) {
            rejected.headers().forEach(response.getHeaders()::set);
        }
        return write(response, rendered.status, body);
    }

    /** Writes a gateway-made JSON error. */
    static Mono<Void> write(ServerHttpResponse response, int status, byte[] body) {
        response.setStatusCode(HttpStatusCode.valueOf(status));
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setContentLength(body.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    /** The metrics outcome of a request whose response was relayed from an engine. */
    static String outcomeFor(int status, InferenceExchange ix) {
        String gateway = ix.gatewayOutcome();
        if (gateway != null) {
            return gateway;
        }
        if (status < 400) {
            return "success";
        }
        return status < 500 ? "client_error" : "upstream_error";
    }

    private static Rendered render(Throwable error, InferenceExchange ix) {
        if (error instanceof GatewayException e) {
            return new Rendered(e.status(), e.getMessage(), e.param(), e.code(), outcomeOf(e.status()));
        }
        if (error instanceof RejectedRequestException e) {
            return new Rendered(e.status(), e.getMessage(), e.param(), e.code(), outcomeOf(e.status()));
        }
        if (error instanceof InvalidRequestException e) {
            return new Rendered(e.status(), e.getMessage(), e.param(), null, "rejected");
        }
        if (error instanceof RoutingException e) {
            return new Rendered(400, e.getMessage(), "routing-strategy", "invalid_routing_strategy", "rejected");
        }
        if (error instanceof ResponseStatusException e) {
            int status = e.getStatusCode().value();
            String reason = e.getReason() != null ? e.getReason() : e.getMessage();
            return new Rendered(status, reason, null, null, outcomeOf(status));
        }
        if (error instanceof TimeoutException) {
            return new Rendered(504, "The request timed out", null, "timeout", "timeout");
        }
        log.error("Request {} failed inside the gateway", ix.requestId(), error);
        return new Rendered(500, "The gateway failed to process the request (request-id " + ix.requestId() + ")",
                null, "internal_error", "gateway_error");
    }

    private static String outcomeOf(int status) {
        return switch (status) {
            case 502 -> "upstream_error";
            case 503 -> "unavailable";
            case 504 -> "timeout";
            default -> status >= 500 ? "gateway_error" : "rejected";
        };
    }

    private record Rendered(int status, String message, @Nullable String param, @Nullable String code,
            String outcome) {
    }
}
