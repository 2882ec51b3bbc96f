package io.aibrix.gateway.proxy;

import io.aibrix.gateway.openai.ErrorBodies;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

import reactor.core.publisher.Mono;

/**
 * Answers requests under {@code /v1/} that no handler or route took (unknown path, unsupported method) in the OpenAI
 * envelope instead of Spring's default error page; everything else falls through to Boot's handler.
 */
@Order(-2)
final class OpenAiNotFoundHandler implements WebExceptionHandler {

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        String path = exchange.getRequest().getPath().value();
        if (!(path.equals("/v1") || path.startsWith("/v1/")) || !(error instanceof ResponseStatusException status)
                || exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        HttpStatusCode code = status.getStatusCode();
        String method = exchange.getRequest().getMethod().name();
        String message = code.value() == 404 ? "Invalid URL (" + method + " " + path + ")"
                : status.getReason() != null ? status.getReason() : "Request failed with status " + code.value();
        exchange.getResponse().getHeaders().set("request-id", RequestIds.of(exchange.getRequest().getHeaders()));
        return ErrorResponder.write(exchange.getResponse(), code.value(),
                ErrorBodies.json(code.value(), message, null, code.value() == 404 ? "unknown_url" : null));
    }
}
